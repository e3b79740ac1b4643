/**
 * Monthly cost of one configuration: the billable items of the synthesized production stack (and the
 * bootstrap stack's state bucket), priced with tools/cost/prices.json. Quantities come from the JSON
 * (task sizes, counts, instance class, storage, cluster settings) and the variable values; traffic and
 * options the stack does not have yet are tool inputs (TOOL_VARS), each with a stated default.
 */
import pricesFile from './prices.json';
import { Config, containers, existing, Json, Value } from './stack';

export const PRICES = pricesFile;
type PriceKey = keyof typeof pricesFile.prices;

export interface ToolVar {
  readonly default: Value | ((c: Config) => Value);
  readonly help: string;
}

const SERVICES = ['api', 'worker', 'ui', 'temporal'] as const;

/** Inputs of the tool that are not stack variables (or override what the stack fixes), with their defaults. */
export const TOOL_VARS: Record<string, ToolVar> = {
  hours_per_month: { default: pricesFile.hours_per_month, help: 'hours in a month' },
  nat_data_gb: { default: 20, help: 'GB a month through the NAT gateway (image pulls from ghcr.io at every task start, LLM and GitHub API calls)' },
  nat_gateways: { default: (c) => existing(c, 'aws_nat_gateway').reduce((n, r) => n + r.count, 0), help: 'NAT gateways (the stack: 1; 2 = one per AZ), each with an Elastic IP' },
  alb_lcu: { default: 1, help: 'average LCUs consumed per hour (light traffic uses a fraction of one; 1 is a ceiling for it)' },
  egress_gb: { default: 10, help: 'GB a month out to the internet (responses, NAT egress); the first 100 GB a month per account are free' },
  log_ingest_gb: { default: 5, help: 'GB a month of service and RDS logs ingested into CloudWatch Logs' },
  container_insights: { default: (c) => clusterInsights(c), help: 'Container Insights: enabled | disabled (the stack sets the cluster setting; enhanced is not priced)' },
  container_insights_log_gb: { default: 1, help: 'GB a month of Container Insights performance log events (ingested as logs) when it is on' },
  secrets_api_calls: { default: 10000, help: 'Secrets Manager API calls a month (ECS reads the secrets at every task start)' },
  fargate_arch: { default: '', help: 'x86 | arm: the CPU architecture of every service, over the stack\'s (per service: api_arch=arm, ...)' },
  fargate_spot: { default: '', help: "services on Fargate Spot, over the stack's: 'all', 'none' or a list, e.g. api,worker,ui (per service: worker_spot=true); x86 only" },
  fargate_spot_discount: { default: pricesFile.prices.fargate_spot_discount.price, help: 'Spot discount off the x86 on-demand price (AWS: up to 0.70)' },
  ...Object.fromEntries(
    SERVICES.flatMap((s) => [
      [`${s}_arch`, { default: (c: Config) => c.overrides.fargate_arch ?? stackArch(c, s), help: `CPU architecture of the ${s} service (x86 | arm; the stack: its task definition's runtime_platform)` }],
      [`${s}_spot`, { default: (c: Config) => ('fargate_spot' in c.overrides ? spotList(c).includes(s) : stackSpot(c, s)), help: `whether the ${s} service runs on Fargate Spot (the stack: its capacity provider strategy)` }],
    ]),
  ),
  rds_instance_class: { default: (c) => c.scalar(dbInstance(c).instance_class), help: 'RDS instance class (priced: db.t4g.micro, db.t4g.small, db.t4g.medium)' },
  rds_multi_az: { default: (c) => c.bool(dbInstance(c).multi_az ?? false), help: 'RDS Multi-AZ (instance and storage billed twice)' },
  rds_storage_gb: { default: (c) => c.number(dbInstance(c).allocated_storage), help: 'RDS gp3 storage GB' },
  rds_backup_extra_gb: { default: 0, help: 'RDS backup GB beyond the free 100% of provisioned storage' },
  route53_zone: { default: (c) => c.nonEmpty('route53_zone_id'), help: 'count the public hosted zone of route53_zone_id (usually already paid for the domain)' },
  route53_queries_million: { default: 0, help: 'million standard Route 53 queries a month (alias queries to the ALB are free)' },
  alarms: {
    default: (c) =>
      existing(c, 'aws_cloudwatch_metric_alarm').reduce(
        // A metric-math alarm is billed per metric it reads.
        (n, r) => n + r.count * Math.max(1, ((r.body.metric_query ?? []) as Array<{ metric?: unknown }>).filter((q) => q.metric !== undefined).length),
        0,
      ),
    help: 'CloudWatch standard-resolution alarm metrics (the stack: its alarms, a math alarm counting each metric it reads)',
  },
  waf: { default: (c) => existing(c, 'aws_wafv2_web_acl').length > 0, help: 'an AWS WAF web ACL on the ALB (the stack: waf_enabled)' },
  waf_rules: { default: 4, help: 'WAF rules and managed rule groups (the stack\'s web ACL: 3 managed groups and a rate rule)' },
  waf_requests_million: { default: 1, help: 'million requests a month inspected by WAF (when waf)' },
  alb_logs_gb: { default: 1, help: 'GB a month of ALB request logs written (when alb_access_logs_enabled)' },
  flow_logs_gb: { default: 2, help: 'GB a month of VPC flow logs ingested (when vpc_flow_logs_enabled)' },
  state_storage_gb: { default: 0.1, help: 'GB in the Terraform state bucket (bootstrap stack, versioned)' },
  cloudwatch_free_tier: { default: false, help: 'subtract the CloudWatch always-free tier (10 metrics, 10 alarms, 5 GB logs), if no other workload in the account uses it' },
};

/** What makes `--var` names valid: a stack variable or a tool input. */
export function checkVarNames(config: Config): void {
  for (const name of Object.keys(config.overrides)) {
    if (!config.hasStackVar(name) && !(name in TOOL_VARS)) {
      const near = [...Object.keys(TOOL_VARS), ...Object.keys(config.stack.variable ?? {})].filter(
        (k) => k.includes(name) || name.includes(k) || k.split('_')[0] === name.split('_')[0],
      );
      throw new Error(`unknown variable ${name}${near.length ? ` (did you mean ${near.slice(0, 4).join(', ')}?)` : ''}; npm run cost -- --list-vars`);
    }
  }
}

export function toolVar(config: Config, name: string): Value {
  const declared = TOOL_VARS[name];
  if (!declared) throw new Error(`no tool variable ${name}`);
  if (name in config.overrides) return config.overrides[name];
  return typeof declared.default === 'function' ? declared.default(config) : declared.default;
}

function num(config: Config, name: string): number {
  const v = toolVar(config, name);
  if (typeof v !== 'number' || !(v >= 0)) throw new Error(`${name} must be a number >= 0, not ${JSON.stringify(v)}`);
  return v;
}

function bool(config: Config, name: string): boolean {
  const v = toolVar(config, name);
  if (typeof v !== 'boolean') throw new Error(`${name} must be true or false, not ${JSON.stringify(v)}`);
  return v;
}

function spotList(config: Config): string[] {
  const v = config.overrides.fargate_spot ?? '';
  const text = Array.isArray(v) ? v.join(',') : String(v);
  if (text === 'all') return [...SERVICES];
  if (text === 'none') return [];
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The ECS service of a service key (`api`, ...) and its task definition, when the line runs it. */
function serviceParts(config: Config, key: string): { service?: Json; taskDefinition?: Json } {
  const service = existing(config, 'aws_ecs_service').find((s) => serviceKey(String(config.scalar(s.body.name))) === key)?.body;
  const tdName = service ? /aws_ecs_task_definition\.([a-z0-9_]+)/.exec(String(service.task_definition))?.[1] : undefined;
  return { service, taskDefinition: tdName ? config.stack.resource.aws_ecs_task_definition[tdName] : undefined };
}

/** The architecture the stack gives a service's tasks: `arm` when its runtime_platform block is ARM64. */
function stackArch(config: Config, key: string): string {
  const platform = serviceParts(config, key).taskDefinition?.dynamic?.runtime_platform;
  if (!platform) return 'x86';
  // The shape the ecs-service module writes: `${(var.x == "X86_64") ? [] : [var.x]}`.
  const m = /^\$\{\(var\.([a-z0-9_]+) == "X86_64"\) \? \[\] : \[var\.\1\]\}$/.exec(String(platform.for_each));
  if (!m) throw new Error(`unsupported runtime_platform for_each ${platform.for_each}`);
  return config.stackVar(m[1]) === 'ARM64' ? 'arm' : 'x86';
}

/** Whether the stack runs a service on Fargate Spot: its capacity provider strategy names FARGATE_SPOT. */
function stackSpot(config: Config, key: string): boolean {
  const strategy = serviceParts(config, key).service?.dynamic?.capacity_provider_strategy;
  if (!strategy) return false;
  // The shape the stack writes: `lookup(var.m, "worker", "none")` inside the for_each.
  const m = /lookup\(var\.([a-z0-9_]+), "([a-z0-9_-]+)", "([^"]*)"\)/.exec(String(strategy.for_each));
  if (!m) throw new Error(`unsupported capacity_provider_strategy for_each ${strategy.for_each}`);
  const providers = config.stackVar(m[1]);
  if (typeof providers !== 'object' || providers === null || Array.isArray(providers)) throw new Error(`${m[1]} must be a map, not ${JSON.stringify(providers)}`);
  return (providers as Record<string, unknown>)[m[2]] === 'FARGATE_SPOT';
}

function dbInstance(config: Config): Json {
  const dbs = existing(config, 'aws_db_instance');
  if (dbs.length !== 1) throw new Error(`expected one aws_db_instance, found ${dbs.length}`);
  return dbs[0].body;
}

function clusterInsights(config: Config): string {
  const clusters = existing(config, 'aws_ecs_cluster');
  const setting = (clusters[0]?.body.setting ?? []).find((s: Json) => s.name === 'containerInsights');
  return setting ? String(config.scalar(setting.value)) : 'disabled';
}

function price(key: PriceKey): number {
  const p = pricesFile.prices[key] as { price?: number };
  if (typeof p.price !== 'number') throw new Error(`prices.json: ${key} has no single price`);
  return p.price;
}

export interface Item {
  /** Stable id, e.g. `fargate:api`. */
  readonly id: string;
  readonly label: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  readonly monthly: number;
  /** The prices.json keys behind the unit price. */
  readonly prices: string[];
  readonly note?: string;
}

export interface CostResult {
  readonly line: string;
  readonly region: string;
  readonly hoursPerMonth: number;
  readonly items: Item[];
  readonly total: number;
  /** The tool inputs used (defaults or given), for the record. */
  readonly assumptions: Record<string, Value>;
  readonly notes: string[];
}

/** The service name (`api`, `worker`, ...) of an aws_ecs_service: its `name` without the everruns- prefix. */
function serviceKey(name: string): string {
  return name.replace(/^everruns-/, '');
}

function item(id: string, label: string, quantity: number, unit: string, unitPrice: number, prices: string[], note?: string): Item {
  return { id, label, quantity, unit, unitPrice, monthly: quantity * unitPrice, prices, ...(note ? { note } : {}) };
}

/** Every billable item of one configuration and the monthly total. */
export function computeCost(config: Config, bootstrap?: Json): CostResult {
  checkVarNames(config);
  const hours = num(config, 'hours_per_month');
  const items: Item[] = [];
  const notes: string[] = [];
  const used = new Set<string>();
  const tv = (name: string) => {
    used.add(name);
    return toolVar(config, name);
  };
  const n = (name: string) => (used.add(name), num(config, name));
  const b = (name: string) => (used.add(name), bool(config, name));

  // Fargate: one line per service with tasks, from its task definition's cpu/memory and desired count.
  const taskDefs = Object.fromEntries(existing(config, 'aws_ecs_task_definition').map((t) => [t.name, t.body]));
  const runningServices: { key: string; family: string }[] = [];
  for (const svc of existing(config, 'aws_ecs_service')) {
    const key = serviceKey(String(config.scalar(svc.body.name)));
    const tasks = config.number(svc.body.desired_count ?? 0) * svc.count;
    const tdName = /aws_ecs_task_definition\.([a-z0-9_]+)/.exec(svc.body.task_definition)?.[1];
    const td = tdName ? taskDefs[tdName] : undefined;
    if (!td) throw new Error(`service ${key}: task definition ${svc.body.task_definition} not found in this line`);
    if (tasks === 0) continue;
    runningServices.push({ key, family: tdName! });
    const vcpu = config.number(td.cpu) / 1024;
    const gb = config.number(td.memory) / 1024;
    const archVar = `${key}_arch` in TOOL_VARS ? `${key}_arch` : 'fargate_arch';
    const arch = String(tv(archVar));
    if (arch !== 'x86' && arch !== 'arm') throw new Error(`${archVar} must be x86 or arm, not ${arch}`);
    const spotVar = `${key}_spot`;
    const spot = spotVar in TOOL_VARS ? b(spotVar) : spotList(config).includes(key);
    if (spot && arch === 'arm') throw new Error(`${key}: Fargate Spot runs only x86 tasks (ECS: ARM64 tasks don't support the Fargate Spot capacity provider)`);
    if (td.ephemeral_storage) notes.push(`${key}: ephemeral storage beyond 20 GB is not priced`);
    const [cpuKey, memKey] = arch === 'arm' ? (['fargate_vcpu_hour_arm', 'fargate_gb_hour_arm'] as const) : (['fargate_vcpu_hour_x86', 'fargate_gb_hour_x86'] as const);
    let rate = vcpu * price(cpuKey) + gb * price(memKey);
    const keys: string[] = [cpuKey, memKey];
    if (spot) {
      rate *= 1 - n('fargate_spot_discount');
      keys.push('fargate_spot_discount');
    }
    items.push(
      item(`fargate:${key}`, `Fargate ${key} (${vcpu} vCPU / ${gb} GB, ${arch === 'arm' ? 'ARM' : 'x86'}${spot ? ', Spot' : ''})`, tasks * hours, `task-hours (${tasks} × ${hours} h)`, rate, keys),
    );
  }

  // NAT gateway(s): hours and data processed.
  const stackNats = existing(config, 'aws_nat_gateway').reduce((s, r) => s + r.count, 0);
  const nats = n('nat_gateways');
  if (nats > 0) {
    items.push(item('nat:hours', 'NAT gateway', nats * hours, `gateway-hours (${nats} × ${hours} h)`, price('nat_gateway_hour'), ['nat_gateway_hour']));
    items.push(item('nat:data', 'NAT gateway data processed (assumed)', n('nat_data_gb'), 'GB', price('nat_gateway_gb'), ['nat_gateway_gb']));
  }

  // Application Load Balancer(s): hours and LCUs.
  const albs = existing(config, 'aws_lb').filter((l) => (l.body.load_balancer_type ?? 'application') === 'application');
  let albAddresses = 0;
  for (const alb of albs) {
    items.push(item('alb:hours', 'Application Load Balancer', alb.count * hours, `ALB-hours (${alb.count} × ${hours} h)`, price('alb_hour'), ['alb_hour']));
    items.push(item('alb:lcu', 'ALB capacity units (assumed average)', n('alb_lcu') * hours, `LCU-hours (${n('alb_lcu')} × ${hours} h)`, price('alb_lcu_hour'), ['alb_lcu_hour']));
    const internal = alb.body.internal === true || alb.body.internal === 'true';
    if (!internal) albAddresses += (alb.body.subnets ?? []).length * alb.count;
  }

  // Public IPv4: Elastic IPs (the NAT gateway's) and one address per AZ of an internet-facing ALB.
  const eips = existing(config, 'aws_eip').reduce((s, r) => s + r.count, 0) + (nats - stackNats);
  const publicTasks = existing(config, 'aws_ecs_service').filter((s) => s.body.network_configuration?.assign_public_ip === true);
  if (publicTasks.length) notes.push('services with assign_public_ip pay a public IPv4 address per task: not counted');
  const ipv4 = Math.max(0, eips) + albAddresses;
  if (ipv4 > 0) {
    items.push(item('ipv4', `Public IPv4 addresses (${Math.max(0, eips)} Elastic IP, ${albAddresses} ALB)`, ipv4 * hours, `IP-hours (${ipv4} × ${hours} h)`, price('public_ipv4_hour'), ['public_ipv4_hour']));
  }

  // RDS: instance, gp3 storage, backup beyond the free allowance.
  const cls = String(tv('rds_instance_class'));
  const multiAz = b('rds_multi_az');
  const rdsPrice = pricesFile.prices.rds_instance_hour;
  const hourly = (rdsPrice.by_class as Record<string, number>)[cls];
  if (hourly === undefined) throw new Error(`no price for RDS ${cls} in prices.json (priced: ${Object.keys(rdsPrice.by_class).join(', ')})`);
  const factor = multiAz ? rdsPrice.multi_az_factor : 1;
  items.push(item('rds:instance', `RDS PostgreSQL ${cls}, ${multiAz ? 'Multi-AZ' : 'single-AZ'}`, hours, 'instance-hours', hourly * factor, ['rds_instance_hour']));
  const storage = n('rds_storage_gb');
  items.push(item('rds:storage', `RDS gp3 storage${multiAz ? ' (Multi-AZ)' : ''}`, storage, 'GB-month', price('rds_gp3_gb_month') * (multiAz ? pricesFile.prices.rds_gp3_gb_month.multi_az_factor : 1), ['rds_gp3_gb_month']));
  const backup = n('rds_backup_extra_gb');
  if (backup > 0) items.push(item('rds:backup', 'RDS backup storage beyond the free allowance', backup, 'GB-month', price('rds_backup_gb_month'), ['rds_backup_gb_month']));

  // Secrets Manager: every secret of the line, and API calls.
  const secrets = existing(config, 'aws_secretsmanager_secret').reduce((s, r) => s + r.count, 0);
  items.push(item('secrets', 'Secrets Manager secrets', secrets, 'secret-months', price('secret_month'), ['secret_month']));
  items.push(item('secrets:api', 'Secrets Manager API calls (assumed)', n('secrets_api_calls'), 'API calls', price('secrets_api_10k') / 10000, ['secrets_api_10k']));

  // CloudWatch Logs: ingestion and storage for the retention the stack sets.
  const freeTier = b('cloudwatch_free_tier');
  const retention = config.number(existing(config, 'aws_cloudwatch_log_group')[0]?.body.retention_in_days ?? '${var.log_retention_days}');
  const retentionMonths = retention === 0 ? 12 : retention / (hours / 24);
  if (retention === 0) notes.push('log_retention_days = 0 (forever): storage priced as 12 months of logs');
  const logGb = n('log_ingest_gb');
  const insights = String(tv('container_insights'));
  if (!['enabled', 'disabled', 'enhanced'].includes(insights)) throw new Error(`container_insights must be enabled, disabled or enhanced, not ${insights}`);
  const insightsLogGb = insights === 'disabled' ? 0 : n('container_insights_log_gb');
  const freeLogs = freeTier ? 5 : 0;
  items.push(item('logs:ingest', 'CloudWatch Logs ingestion, services + RDS (assumed)', Math.max(0, logGb - freeLogs), 'GB', price('cw_logs_ingest_gb'), ['cw_logs_ingest_gb']));
  items.push(item('logs:storage', `CloudWatch Logs storage (${retention || 'no'}-day retention)`, (logGb + insightsLogGb) * retentionMonths, 'GB-month', price('cw_logs_storage_gb_month'), ['cw_logs_storage_gb_month']));

  // Container Insights (standard): custom metrics per the ECS/ContainerInsights metric table, plus its performance logs.
  if (insights === 'enhanced') notes.push('Container Insights enhanced observability is priced per observation: not modelled (priced here as standard)');
  if (insights !== 'disabled') {
    const families = new Set(runningServices.map((s) => s.family)).size;
    // Cluster: ContainerInstanceCount, ServiceCount, TaskCount + 8 metrics (Cpu/Memory Utilized/Reserved, Network Rx/Tx, Storage Read/Write)
    // with ClusterName; per service: DeploymentCount, DesiredTaskCount, PendingTaskCount, RunningTaskCount, TaskSetCount + the 8;
    // per task definition family: the 8.
    const metrics = 3 + 8 + runningServices.length * (5 + 8) + families * 8;
    const billed = Math.max(0, metrics - (freeTier ? 10 : 0));
    items.push(
      item('insights:metrics', `Container Insights metrics (${runningServices.length} services, ${families} task families)`, billed, 'metric-months', price('cw_custom_metric_month'), ['cw_custom_metric_month'],
        '11 cluster + 13 per service + 8 per task family (AWS: Amazon ECS Container Insights metrics)'),
    );
    items.push(item('insights:logs', 'Container Insights performance logs (assumed)', insightsLogGb, 'GB', price('cw_logs_ingest_gb'), ['cw_logs_ingest_gb']));
  }

  // Cloud Map: the private DNS namespace is a Route 53 private hosted zone; registered instances.
  const namespaces = existing(config, 'aws_service_discovery_private_dns_namespace').reduce((s, r) => s + r.count, 0);
  if (namespaces > 0) {
    items.push(item('cloudmap:zone', 'Cloud Map namespace (Route 53 private hosted zone)', namespaces, 'zone-months', price('route53_zone_month'), ['route53_zone_month']));
    let registered = 0;
    for (const svc of existing(config, 'aws_ecs_service')) {
      const tasks = config.number(svc.body.desired_count ?? 0) * svc.count;
      const staticReg = svc.body.service_registries ? 1 : 0;
      const dyn = svc.body.dynamic?.service_registries?.for_each as string | undefined;
      const dynTarget = dyn ? /aws_service_discovery_service\.([a-z0-9_]+)/.exec(dyn)?.[1] : undefined;
      const dynReg = dynTarget ? config.count(config.stack.resource.aws_service_discovery_service[dynTarget]) : 0;
      registered += tasks * (staticReg + dynReg);
    }
    if (registered > 0) {
      items.push(item('cloudmap:instances', 'Cloud Map registered instances (tasks with service discovery)', registered, 'instance-months', price('cloudmap_instance_month'), ['cloudmap_instance_month'], 'price unverified, see prices.json'));
    }
  }

  // Route 53 (route53_zone_id): the customer's public zone and queries.
  if (b('route53_zone')) items.push(item('route53:zone', 'Route 53 public hosted zone (route53_zone_id; often already paid)', 1, 'zone-months', price('route53_zone_month'), ['route53_zone_month']));
  const queries = n('route53_queries_million');
  if (queries > 0) items.push(item('route53:queries', 'Route 53 standard queries (assumed)', queries, 'million queries', price('route53_query_million'), ['route53_query_million']));

  // Alarms (alarms_enabled): the alarm metrics, and the key that encrypts the alarm topic.
  const alarms = Math.max(0, n('alarms') - (freeTier ? 10 : 0));
  if (n('alarms') > 0) items.push(item('alarms', 'CloudWatch alarm metrics (standard resolution)', alarms, 'alarm metric-months', price('cw_alarm_month'), ['cw_alarm_month']));
  const keys = existing(config, 'aws_kms_key').reduce((k, r) => k + r.count, 0);
  if (keys > 0) items.push(item('kms:keys', 'KMS customer managed keys', keys, 'key-months', price('kms_key_month'), ['kms_key_month']));

  // WAF (a tool input until the stack has one).
  if (b('waf')) {
    items.push(item('waf:acl', 'AWS WAF web ACL', 1, 'ACL-months', price('waf_web_acl_month'), ['waf_web_acl_month']));
    items.push(item('waf:rules', 'AWS WAF rules', n('waf_rules'), 'rule-months', price('waf_rule_month'), ['waf_rule_month']));
    items.push(item('waf:requests', 'AWS WAF requests (assumed)', n('waf_requests_million'), 'million requests', price('waf_request_million'), ['waf_request_million']));
  }

  // ALB access logs (alb_access_logs_enabled): S3 storage for the lifecycle's retention.
  if (existing(config, 'aws_s3_bucket').some((s) => s.name.startsWith('alb_access_logs'))) {
    const days = config.number('${var.alb_access_logs_retention_days}');
    const gb = n('alb_logs_gb') * (days / (hours / 24));
    items.push(item('alb-logs', `ALB request logs in S3 (${days}-day lifecycle, assumed volume)`, gb, 'GB-month', price('s3_standard_gb_month'), ['s3_standard_gb_month']));
  }

  // VPC flow logs (vpc_flow_logs_enabled): vended logs into CloudWatch Logs, kept log_retention_days.
  if (existing(config, 'aws_flow_log').length > 0) {
    const gb = n('flow_logs_gb');
    items.push(item('flow-logs:ingest', 'VPC flow logs ingestion (assumed volume)', gb, 'GB', price('cw_logs_ingest_gb'), ['cw_logs_ingest_gb']));
    items.push(item('flow-logs:storage', 'VPC flow logs storage', gb * retentionMonths, 'GB-month', price('cw_logs_storage_gb_month'), ['cw_logs_storage_gb_month']));
  }

  // Data transfer out to the internet beyond the free 100 GB.
  const egress = n('egress_gb');
  const freeEgress = pricesFile.prices.internet_egress_gb.free_gb;
  if (egress > freeEgress) items.push(item('egress', `Data transfer out beyond the free ${freeEgress} GB (assumed)`, egress - freeEgress, 'GB', price('internet_egress_gb'), ['internet_egress_gb']));

  // Terraform state (bootstrap stack): the versioned S3 bucket; the DynamoDB lock table's few requests are not priced.
  if (bootstrap && Object.keys(bootstrap.resource?.aws_s3_bucket ?? {}).length > 0) {
    items.push(item('state', 'Terraform state bucket (bootstrap stack)', n('state_storage_gb'), 'GB-month', price('s3_standard_gb_month'), ['s3_standard_gb_month']));
  }

  const total = items.reduce((s, i) => s + i.monthly, 0);
  const assumptions: Record<string, Value> = {};
  for (const name of [...used].sort()) assumptions[name] = toolVar(config, name);
  return { line: config.line, region: pricesFile.region, hoursPerMonth: hours, items, total, assumptions, notes };
}

export { SERVICES, clusterInsights, containers };
