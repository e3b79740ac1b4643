import { readFileSync } from 'fs';
import { join } from 'path';
import { computeCost } from '../../tools/cost/cost';
import { computeDeployTime } from '../../tools/cost/deploytime';
import { markdownCostTables, markdownDeployTime } from '../../tools/cost/report';
import { Config } from '../../tools/cost/stack';
import { defaultStacks } from '../default-stacks';

const COMMON = [
  'fargate:api', 'fargate:worker', 'fargate:ui',
  'nat:hours', 'nat:data', 'alb:hours', 'alb:lcu', 'ipv4',
  'rds:instance', 'rds:storage', 'secrets', 'secrets:api', 'logs:ingest', 'logs:storage',
  'cloudmap:zone', 'cloudmap:instances', 'state', 'alarms', 'kms:keys',
];

describe('the real production stack, defaults', () => {
  const { production, bootstrap } = defaultStacks();

  it('temporal line: the three Everruns services, Temporal and the shared infrastructure', () => {
    const r = computeCost(new Config(production.json, {}), bootstrap.json);
    expect(r.line).toBe('temporal');
    expect(r.items.map((i) => i.id).sort()).toEqual([...COMMON, 'fargate:temporal'].sort());
    const get = (id: string) => r.items.find((i) => i.id === id)!;
    expect(get('fargate:temporal').label).toContain('0.5 vCPU / 1 GB');
    expect(get('fargate:api').label).toContain('0.25 vCPU / 0.5 GB, x86)');
    // The stack's defaults: Temporal on ARM64, the worker and the UI on Fargate Spot, Container Insights off.
    expect(get('fargate:temporal').label).toContain('ARM)');
    expect(get('fargate:worker').label).toContain('x86, Spot)');
    expect(get('fargate:ui').label).toContain('x86, Spot)');
    expect(get('secrets').quantity).toBe(7);
    expect(get('ipv4').quantity).toBe(3 * 730); // the NAT gateway's EIP and the ALB's two addresses
    expect(get('rds:instance').label).toContain('db.t4g.micro, single-AZ');
    expect(get('rds:storage').quantity).toBe(20);
    expect(r.total).toBeCloseTo(r.items.reduce((s, i) => s + i.monthly, 0), 9);
  });

  it('control-plane line: no Temporal task, one fewer service in Container Insights', () => {
    const temporal = computeCost(new Config(production.json, { container_insights: 'enabled' }), bootstrap.json);
    const cp = computeCost(new Config(production.json, { everruns_architecture: 'control-plane', container_insights: 'enabled' }), bootstrap.json);
    expect(cp.items.map((i) => i.id).sort()).toEqual([...COMMON, 'insights:metrics', 'insights:logs'].sort());
    const metrics = (r: typeof cp) => r.items.find((i) => i.id === 'insights:metrics')!.quantity;
    expect(metrics(temporal) - metrics(cp)).toBe(13 + 8);
    expect(cp.total).toBeLessThan(temporal.total);
  });

  it('reads the architectures and capacity providers from the stack variables; the tool inputs override them', () => {
    const label = (vars: Record<string, unknown>, id: string) =>
      computeCost(new Config(production.json, vars as never), bootstrap.json).items.find((i) => i.id === id)!.label;
    expect(label({ temporal_cpu_architecture: 'X86_64' }, 'fargate:temporal')).toContain('x86)');
    expect(label({ everruns_architecture: 'control-plane', everruns_cpu_architecture: 'ARM64', fargate_capacity_providers: {} }, 'fargate:api')).toContain('ARM)');
    expect(label({ fargate_capacity_providers: { api: 'FARGATE_SPOT', worker: 'FARGATE' } }, 'fargate:api')).toContain('Spot)');
    expect(label({ fargate_capacity_providers: { api: 'FARGATE_SPOT', worker: 'FARGATE' } }, 'fargate:worker')).not.toContain('Spot');
    expect(label({ fargate_spot: 'none' }, 'fargate:ui')).not.toContain('Spot');
  });

  it('counts the alarm metrics the stack creates, one fewer alarm in the control-plane line, none with alarms off', () => {
    const alarms = (vars: Record<string, boolean | string>) => computeCost(new Config(production.json, vars), bootstrap.json).items.find((i) => i.id === 'alarms')?.quantity;
    expect(alarms({})! - alarms({ everruns_architecture: 'control-plane' })!).toBe(1);
    expect(alarms({ alarms_enabled: false })).toBeUndefined();
  });

  it('follows the optional logs and the desired counts', () => {
    const r = computeCost(
      new Config(production.json, { vpc_flow_logs_enabled: true, alb_access_logs_enabled: true, worker_desired_count: 3, ui_desired_count: 0 }),
      bootstrap.json,
    );
    const ids = r.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['flow-logs:ingest', 'flow-logs:storage', 'alb-logs']));
    expect(ids).not.toContain('fargate:ui');
    expect(r.items.find((i) => i.id === 'fargate:worker')!.quantity).toBe(3 * 730);
  });

  it('deploy time: the database, Temporal, then the API (its ALB checks outlast the worker); an image update skips Temporal', () => {
    const t = computeDeployTime(new Config(production.json, {}));
    const first = t.firstApply.path.map((s) => s.address);
    expect(first).toEqual(expect.arrayContaining(['aws_db_instance.database_main', 'aws_ecs_service.temporal_service']));
    expect(first[first.length - 1]).toBe('aws_ecs_service.api_service');
    const update = t.imageUpdate.path.map((s) => s.address);
    expect(update).toEqual(['aws_ecs_task_definition.api_task_definition', 'aws_ecs_service.api_service']);
    expect(t.firstApply.totals.best).toBeLessThan(t.firstApply.totals.typical);
    expect(t.firstApply.totals.typical).toBeLessThan(t.firstApply.totals.worst);

    const cp = computeDeployTime(new Config(production.json, { everruns_architecture: 'control-plane' }));
    expect(cp.firstApply.path.map((s) => s.address)).not.toContain('aws_ecs_service.temporal_service');
    expect(cp.firstApply.totals.typical).toBeLessThan(t.firstApply.totals.typical);
  });

  it("deploy time: the control-plane line's first apply starts the worker after the API it awaits", () => {
    const cp = computeDeployTime(new Config(production.json, { everruns_architecture: 'control-plane' }));
    expect(cp.firstApply.path.slice(-2).map((s) => s.address)).toEqual(['aws_ecs_service.api_service', 'aws_ecs_service.worker_service']);
  });

  it.each(['temporal', 'control-plane'])('deploy time: an image update of the %s line takes at most 5 minutes, worst case', (line) => {
    const t = computeDeployTime(new Config(production.json, { everruns_architecture: line }));
    expect(t.imageUpdate.totals.worst).toBeLessThanOrEqual(300);
    expect(t.imageUpdate.path.map((s) => s.address)).not.toContain('aws_ecs_service.worker_service');
  });
});

describe('docs/cost.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'cost.md'), 'utf8');
  const block = (name: string) => {
    const m = new RegExp(`<!-- ${name}:begin -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(doc);
    if (!m) throw new Error(`docs/cost.md has no <!-- ${name}:begin --> ... <!-- ${name}:end --> block`);
    return m[1];
  };
  const { production, bootstrap } = defaultStacks();

  it('embeds the cost tables npm run cost -- --markdown prints (npm run docs rewrites them)', () => {
    expect(block('cost')).toBe(markdownCostTables(production.json, bootstrap.json));
  });

  it('embeds the deploy-time output npm run cost -- --markdown --deploy-time prints (npm run docs rewrites it)', () => {
    expect(block('deploy-time')).toBe(markdownDeployTime(production.json));
  });
});
