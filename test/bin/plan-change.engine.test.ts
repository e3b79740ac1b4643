import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// `npm run plan-change` as a user runs it: two tfvars files, the pinned engine of their choice.
const ROOT = join(__dirname, '..', '..');
const PLAN_CHANGE = join(ROOT, 'tools', 'engine-check', 'plan-change.ts');
const TSX = require.resolve('tsx', { paths: [ROOT] });

function planChange(...args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TF_VAR_') && k !== 'ENGINE'));
  const run = spawnSync(process.execPath, ['--import', TSX, PLAN_CHANGE, ...args], { cwd: ROOT, encoding: 'utf8', env });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

function files(): { from: string; to: string } {
  const dir = mkdtempSync(join(tmpdir(), 'plan-change-test-'));
  const base = { image_tag: 'c42b199', domain_name: 'agents.example.org', auth_admin_email: 'ops@example.org', alb_ingress_cidrs: ['10.0.0.0/8'] };
  writeFileSync(join(dir, 'from.json'), JSON.stringify(base));
  writeFileSync(join(dir, 'to.json'), JSON.stringify({ ...base, log_retention_days: 60 }));
  return { from: join(dir, 'from.json'), to: join(dir, 'to.json') };
}

describe('npm run plan-change', () => {
  test('plans a retention change as updates in place, on the default engine (OpenTofu)', () => {
    const { from, to } = files();
    const run = planChange('--from', from, '--to', to);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/^engine: opentofu \d/m);
    expect(run.out).toMatch(/0 create, \d+ update, 0 replace, 0 delete/);
    expect(run.out).toContain('~ aws_cloudwatch_log_group.ecs_cluster_ecs');
  }, 180_000);

  test('refuses an engine it does not pin, naming the ones it runs', () => {
    const run = planChange('--from', 'a.json', '--to', 'b.json', '--engine', 'pulumi');
    expect(run.status).toBe(2);
    expect(run.err).toContain('engine "pulumi": the engine check runs opentofu or terraform');
  });
});
