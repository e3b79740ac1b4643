import { computeCost, Item } from '../../tools/cost/cost';
import { computeDeployTime, criticalPath } from '../../tools/cost/deploytime';
import { Config, Json } from '../../tools/cost/stack';

/**
 * A tiny synthesized-JSON-like stack with the shapes the real one uses: a line-gated service and
 * secret (`contains(["temporal"], var.everruns_architecture) ? 1 : 0`), `${var.x}` sizes, a target group, one NAT gateway and EIP,
 * an internet-facing ALB in two subnets, a db.t4g.micro and one log group.
 */
function fixture(insights = 'disabled'): Json {
  return {
    variable: {
      everruns_architecture: { default: 'temporal' },
      api_desired_count: { default: 2 },
      log_retention_days: { default: 30 },
      image_tag: {},
      route53_zone_id: { default: '' },
      certificate_arn: { default: '' },
    },
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_ecs_cluster: { main: { name: 'c', setting: [{ name: 'containerInsights', value: insights }] } },
      aws_ecs_task_definition: {
        api: { cpu: '512', memory: '1024', container_definitions: '[{"name":"everruns-api","image":"x:${var.image_tag}","essential":true}]' },
        temporal: { count: '${contains(["temporal"], var.everruns_architecture) ? 1 : 0}', cpu: '256', memory: '512', container_definitions: '[{"name":"temporal","image":"t","essential":true}]' },
      },
      aws_lb_target_group: {
        api: { vpc_id: '${aws_vpc.main.id}', deregistration_delay: '20', health_check: { interval: 10, healthy_threshold: 3 } },
      },
      aws_ecs_service: {
        api: {
          name: 'everruns-api',
          desired_count: '${var.api_desired_count}',
          task_definition: '${aws_ecs_task_definition.api.arn}',
          load_balancer: [{ target_group_arn: '${aws_lb_target_group.api.arn}', container_port: 9000 }],
          deployment_minimum_healthy_percent: 100,
          depends_on: ['aws_db_instance.main'],
          wait_for_steady_state: true,
        },
        temporal: {
          count: '${contains(["temporal"], var.everruns_architecture) ? 1 : 0}',
          name: 'temporal',
          desired_count: 1,
          task_definition: '${one(aws_ecs_task_definition.temporal[*].arn)}',
          wait_for_steady_state: true,
        },
      },
      aws_eip: { nat: { domain: 'vpc' } },
      aws_nat_gateway: { nat: { allocation_id: '${aws_eip.nat.allocation_id}' } },
      aws_lb: { main: { load_balancer_type: 'application', internal: false, subnets: ['${a}', '${b}'] } },
      aws_db_instance: { main: { instance_class: 'db.t4g.micro', allocated_storage: 20, multi_az: false, vpc: '${aws_vpc.main.id}' } },
      aws_secretsmanager_secret: { a: { name: 'a' }, b: { count: '${contains(["control-plane"], var.everruns_architecture) ? 1 : 0}', name: 'b' } },
      aws_cloudwatch_log_group: { ecs: { retention_in_days: '${var.log_retention_days}' } },
    },
  };
}

// Traffic inputs fixed so the totals below can be computed by hand.
const TRAFFIC = { nat_data_gb: 10, alb_lcu: 0.5, log_ingest_gb: 2, secrets_api_calls: 20000, egress_gb: 0 };
const byId = (items: Item[]) => Object.fromEntries(items.map((i) => [i.id, i.monthly]));

describe('cost model on a hand-computed configuration', () => {
  it('prices every item of the temporal line', () => {
    const r = computeCost(new Config(fixture(), TRAFFIC));
    // By hand, 730 h:
    //   Fargate api       2 tasks × 730 h × (0.5 × 0.04048 + 1 × 0.004445 = 0.024685)   = 36.0401
    //   Fargate temporal  1 × 730 × (0.25 × 0.04048 + 0.5 × 0.004445 = 0.0123425)        =  9.010025
    //   NAT               730 × 0.045 = 32.85;  data 10 GB × 0.045 = 0.45
    //   ALB               730 × 0.0225 = 16.425; LCU 0.5 × 730 × 0.008 = 2.92
    //   public IPv4       (1 EIP + 2 ALB subnets) × 730 × 0.005                          = 10.95
    //   RDS               730 × 0.016 = 11.68;   gp3 20 × 0.115 = 2.30
    //   secrets           1 (b is control-plane only) × 0.40 = 0.40; 20,000 calls × 0.05/10,000 = 0.10
    //   logs              2 GB × 0.50 = 1.00;    stored 2 × 30/(730/24) = 1.972603 GB × 0.03 = 0.059178
    //   total                                                                            = 124.184303
    expect(byId(r.items)).toEqual({
      'fargate:api': expect.closeTo(36.0401, 6),
      'fargate:temporal': expect.closeTo(9.010025, 6),
      'nat:hours': expect.closeTo(32.85, 6),
      'nat:data': expect.closeTo(0.45, 6),
      'alb:hours': expect.closeTo(16.425, 6),
      'alb:lcu': expect.closeTo(2.92, 6),
      ipv4: expect.closeTo(10.95, 6),
      'rds:instance': expect.closeTo(11.68, 6),
      'rds:storage': expect.closeTo(2.3, 6),
      secrets: expect.closeTo(0.4, 6),
      'secrets:api': expect.closeTo(0.1, 6),
      'logs:ingest': expect.closeTo(1, 6),
      'logs:storage': expect.closeTo(0.059178, 5),
    });
    expect(r.total).toBeCloseTo(124.184303, 5);
    expect(r.line).toBe('temporal');
  });

  it('drops the Temporal service and adds the control-plane secret on the control-plane line', () => {
    const r = computeCost(new Config(fixture(), { ...TRAFFIC, everruns_architecture: 'control-plane' }));
    // 124.184303 − 9.010025 (no temporal task) + 0.40 (secret b) = 115.574278
    expect(byId(r.items)['fargate:temporal']).toBeUndefined();
    expect(r.total).toBeCloseTo(115.574278, 5);
  });

  it('prices ARM and Spot per service, and refuses Spot on ARM', () => {
    const arm = computeCost(new Config(fixture(), { ...TRAFFIC, api_arch: 'arm' }));
    // 1460 task-hours × (0.5 × 0.03238 + 1 × 0.00356 = 0.01975) = 28.835
    expect(byId(arm.items)['fargate:api']).toBeCloseTo(28.835, 6);
    const spot = computeCost(new Config(fixture(), { ...TRAFFIC, fargate_spot: 'api' }));
    // 1460 × 0.024685 × (1 − 0.70) = 10.81203
    expect(byId(spot.items)['fargate:api']).toBeCloseTo(10.81203, 5);
    expect(byId(spot.items)['fargate:temporal']).toBeCloseTo(9.010025, 6);
    expect(() => computeCost(new Config(fixture(), { ...TRAFFIC, api_arch: 'arm', api_spot: true }))).toThrow(/only x86/);
  });

  it('counts Container Insights metrics from the services and task families that run', () => {
    const r = computeCost(new Config(fixture('enabled'), { ...TRAFFIC, container_insights_log_gb: 0 }));
    // 11 cluster + 2 services × 13 + 2 families × 8 = 53 metrics × $0.30 = 15.90
    const metrics = r.items.find((i) => i.id === 'insights:metrics')!;
    expect(metrics.quantity).toBe(53);
    expect(metrics.monthly).toBeCloseTo(15.9, 6);
    const off = computeCost(new Config(fixture('enabled'), { ...TRAFFIC, container_insights: 'disabled' }));
    expect(off.items.find((i) => i.id.startsWith('insights:'))).toBeUndefined();
  });

  it('prices the options the stack does not have yet: WAF, alarms, Multi-AZ, a second NAT gateway', () => {
    const r = computeCost(new Config(fixture(), { ...TRAFFIC, waf: true, waf_rules: 3, waf_requests_million: 2, alarms: 4, rds_multi_az: true, nat_gateways: 2 }));
    const m = byId(r.items);
    expect(m['waf:acl']).toBeCloseTo(5, 6);
    expect(m['waf:rules']).toBeCloseTo(3, 6);
    expect(m['waf:requests']).toBeCloseTo(1.2, 6);
    expect(m.alarms).toBeCloseTo(0.4, 6);
    expect(m['rds:instance']).toBeCloseTo(23.36, 6); // 730 × 0.016 × 2
    expect(m['rds:storage']).toBeCloseTo(4.6, 6); // 20 × 0.115 × 2
    expect(m['nat:hours']).toBeCloseTo(65.7, 6); // 2 × 730 × 0.045
    expect(m.ipv4).toBeCloseTo(14.6, 6); // (2 EIPs + 2 ALB) × 730 × 0.005
  });

  it('rejects unknown variables and expressions it does not understand', () => {
    expect(() => computeCost(new Config(fixture(), { nat_data: 5 }))).toThrow(/unknown variable nat_data \(did you mean nat_data_gb/);
    const odd = fixture();
    odd.resource.aws_secretsmanager_secret.b.count = '${length(var.something)}';
    expect(() => computeCost(new Config(odd, TRAFFIC))).toThrow(/unsupported count expression/);
  });
});

describe('deploy-time model on the same configuration', () => {
  it('follows depends_on and references: vpc → database → api service', () => {
    const r = computeDeployTime(new Config(fixture()));
    // typical: vpc 4 + db 600 + api service (create 2 + launch 30 + boot 5 + ALB 10/2 + 2 × 10 + poll 8 = 70) = 674
    // best:    2 + 300 + (1 + 15 + 2 + 2 × 10 + 0 = 38) = 340;  worst: 15 + 1200 + (10 + 90 + 30 + 3 × 10 + 15 = 175) = 1390
    expect(r.firstApply.totals).toEqual({ best: 340, typical: 674, worst: 1390 });
    expect(r.firstApply.path.map((s) => s.address)).toEqual(['aws_vpc.main', 'aws_db_instance.main', 'aws_ecs_service.api']);
  });

  it('rolls only what image_tag touches: the api task definition and its service', () => {
    const r = computeDeployTime(new Config(fixture()));
    // task definition 2 + update (2 + launch 30 + boot 5 + ALB 25 + drain 20 + stop 5 + poll 8 = 95) = 97
    expect(r.imageUpdate.totals.typical).toBe(97);
    expect(r.imageUpdate.path.map((s) => s.address)).toEqual(['aws_ecs_task_definition.api', 'aws_ecs_service.api']);
    expect(r.imageUpdate.resources).toBe(2);
  });

  // A worker whose task first waits for the API's port (`await-everruns-api`), with no depends_on on the API.
  const withAwaitingWorker = (): Json => {
    const json = fixture();
    json.resource.aws_ecs_task_definition.worker = {
      cpu: '256',
      memory: '512',
      container_definitions: JSON.stringify([
        { name: 'everruns-worker', image: 'w:${var.image_tag}', essential: true, dependsOn: [{ containerName: 'await-everruns-api', condition: 'SUCCESS' }] },
        { name: 'await-everruns-api', image: 'a:${var.image_tag}', essential: false },
      ]),
    };
    json.resource.aws_ecs_service.worker = {
      name: 'everruns-worker',
      desired_count: 1,
      task_definition: '${aws_ecs_task_definition.worker.arn}',
      depends_on: ['aws_db_instance.main'],
      wait_for_steady_state: true,
    };
    return json;
  };

  it('puts a service that awaits another after it on a first apply', () => {
    const r = computeDeployTime(new Config(withAwaitingWorker()));
    // typical: the api chain above (674) + worker (create 2 + launch 30 + await 5 + boot 5 + poll 8 = 50) = 724
    expect(r.firstApply.totals.typical).toBe(724);
    expect(r.firstApply.path.map((s) => s.address)).toEqual(['aws_vpc.main', 'aws_db_instance.main', 'aws_ecs_service.api', 'aws_ecs_service.worker']);
  });

  it('rolls it beside the other in an update: the longer roll-out is the whole update', () => {
    const r = computeDeployTime(new Config(withAwaitingWorker()));
    // worker: task definition 2 + (2 + 30 + 5 + 5 + stop 5 + poll 8 = 55) = 57, beside the api's 97
    expect(r.imageUpdate.totals.typical).toBe(97);
    expect(r.imageUpdate.resources).toBe(4);
    expect(r.imageUpdate.path.map((s) => s.address)).toEqual(['aws_ecs_task_definition.api', 'aws_ecs_service.api']);
  });

  it('finds the longest chain, not the first', () => {
    const nodes = new Map([
      ['a', { address: 'a', deps: [], duration: { best: 1, typical: 1, worst: 1 }, detail: '' }],
      ['b', { address: 'b', deps: ['a'], duration: { best: 5, typical: 5, worst: 5 }, detail: '' }],
      ['c', { address: 'c', deps: ['a'], duration: { best: 9, typical: 9, worst: 9 }, detail: '' }],
      ['d', { address: 'd', deps: ['b', 'c'], duration: { best: 2, typical: 2, worst: 2 }, detail: '' }],
    ]);
    const { total, path } = criticalPath(nodes, 'typical');
    expect(total).toBe(12);
    expect(path.map((p) => p.address)).toEqual(['a', 'c', 'd']);
  });
});
