import { TerraformJson, variables } from '../harness/workspace';

/**
 * The changes the change-safety suite plans on top of each stack's default
 * deployment (the stack applied with its fixture tfvars).
 *
 * - `routine`: what operators change in normal operation. Must not replace
 *   or delete a stateful resource (stacks/stateful.ts) and must not hit a rule
 *   of rules.ts.
 * - `identity`: names and addresses. They replace a lot; what exactly is
 *   pinned in identity-replacements.json (and shown in the README's upgrade
 *   section), so the table cannot go stale.
 *
 * An entry naming a variable the stack does not declare (yet) is reported
 * as "skipped: variable not declared" instead of failing, so entries for
 * variables being added elsewhere can be written before they land.
 */

export interface ChangeCase {
  /** `<stack>/<name>`, e.g. production/image_tag. */
  id: string;
  stack: string;
  kind: 'routine' | 'identity';
  /** Variable values on top of the fixture. */
  vars: Record<string, unknown>;
  /** What the tables call the change. @default - the variables it sets */
  label?: string;
  /** The plan must change nothing at all: no create, update, replace or delete. */
  nothing?: boolean;
  /** Set when the case cannot run on the synthesized stacks. */
  skipped?: string;
  /**
   * Secret versions the change is meant to replace: a new value is a new
   * version of the same secret (the provider forces it on secret_string).
   */
  newValues?: string[];
  /** Stateful resources the change is meant to delete (e.g. a certificate replaced by one's own). */
  expectedDeletes?: string[];
  /** For a change that removes a part: exactly what the plan deletes and replaces, and what it must update in place. */
  exactly?: ExactPlan;
  /** Exactly what the plan creates, when the case is about what a change adds. */
  create?: string[];
  /** Values on top of the fixture for a deployment of its own that the change is planned on (instead of the default deployment). */
  from?: Record<string, unknown>;
  /** A change the plan must refuse: every string must be in tofu's output (whitespace folded). */
  refusedWith?: string[];
}

export interface ExactPlan {
  delete: string[];
  replace: string[];
  /** A subset of the updates: resources that must change in place, not be replaced. */
  update: string[];
}

interface CaseSpec {
  stack: string;
  name: string;
  kind: ChangeCase['kind'];
  vars: Record<string, unknown> | ((current: (variable: string) => unknown) => Record<string, unknown>);
  newValues?: string[];
  expectedDeletes?: string[];
  exactly?: ExactPlan;
  create?: string[];
  from?: Record<string, unknown>;
  refusedWith?: string[];
}

/** What the ALB sign-in with Cognito (the default) adds to a deployment that had none. */
export const COGNITO_SIGN_IN_CREATES = [
  'aws_cognito_user.cognito_first_user[0]',
  'aws_cognito_user_pool.cognito_user_pool[0]',
  'aws_cognito_user_pool_client.cognito_client[0]',
  'aws_cognito_user_pool_domain.cognito_domain[0]',
  'aws_vpc_security_group_egress_rule.networking_alb_to_internet_443[0]',
  'random_id.cognito_domain_suffix[0]',
];
const COGNITO_STATEFUL = ['aws_cognito_user.cognito_first_user[0]', 'aws_cognito_user_pool.cognito_user_pool[0]', 'random_id.cognito_domain_suffix[0]'];

/**
 * Exactly what the upgrade from each release (fixtures/releases) creates: the
 * control-plane database secret (the release before the control-plane line
 * had none) and the default sign-in at the ALB. The listener, its four rules
 * (their actions), the secrets policy and the database are updated in place.
 */
/** The records of the migrations the fixture's image_tag (c42b199, Temporal line) applied, and the control-plane line's newest. */
export const FIXTURE_MIGRATION_RECORDS = [
  ...['001_initial_schema', '002_remove_tool_call_from_index', '003_update_event_indexes', '004_add_event_metadata_tags'].map((m) => `everruns/${m}`),
  ...['001_base_schema', '002_durable_execution', '003_default_providers'].map((m) => `everruns_control_plane/${m}`),
].map((key) => `terraform_data.applied_migrations[${JSON.stringify(key)}]`);

/** What the alarms (on by default) add to a deployment that had none; the Temporal service's alarm only in its line. */
const MONITORING_CREATES = [
  'aws_cloudwatch_event_rule.monitoring_event_certificate_expiring[0]',
  'aws_cloudwatch_event_target.monitoring_event_certificate_expiring_target[0]',
  'aws_cloudwatch_event_rule.monitoring_event_ecs_deployment_failed[0]',
  'aws_cloudwatch_event_target.monitoring_event_ecs_deployment_failed_target[0]',
  'aws_cloudwatch_event_rule.monitoring_event_ecs_image_pull_failed[0]',
  'aws_cloudwatch_event_target.monitoring_event_ecs_image_pull_failed_target[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_alb_5xx_rate[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_api_5xx_rate[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_api_below_desired[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_api_no_running_tasks[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_api_unhealthy_hosts[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_db_connections[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_db_cpu[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_db_cpu_credits[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_db_free_storage[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_db_freeable_memory[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_nat_packets_dropped[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_nat_port_allocation[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_ui_5xx_rate[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_ui_below_desired[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_ui_no_running_tasks[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_ui_unhealthy_hosts[0]',
  'aws_cloudwatch_metric_alarm.monitoring_alarm_worker_no_running_tasks[0]',
  'aws_db_event_subscription.monitoring_event_database[0]',
  'aws_kms_key.monitoring_key[0]',
  'aws_sns_topic.monitoring_topic[0]',
  'aws_sns_topic_policy.monitoring_topic_policy[0]',
];
const TEMPORAL_ALARM = 'aws_cloudwatch_metric_alarm.monitoring_alarm_temporal_no_running_tasks[0]';
/** FARGATE and FARGATE_SPOT registered with the cluster: the worker and UI move to Spot in place. */
const CAPACITY_PROVIDERS = 'aws_ecs_cluster_capacity_providers.ecs_cluster_capacity_providers';
/** Every release since the guard: the plan-time checks of the production deployment. */
const GUARD = 'terraform_data.deployment_guard';

/**
 * Exactly what the upgrade from each release (fixtures/releases, one entry per tfvars file there) creates:
 * the default sign-in at the ALB, the alarms, the deployment guard, and from 23b179d the control-plane
 * database secret it did not have. Updated in place besides: the listener and its rules (their actions),
 * the secrets policy, the database (its settings as inputs), the task definitions of changed containers.
 */
export const UPGRADE_CREATES: Record<string, string[]> = {
  '23b179d': [
    ...COGNITO_SIGN_IN_CREATES,
    ...MONITORING_CREATES,
    TEMPORAL_ALARM,
    GUARD,
    ...FIXTURE_MIGRATION_RECORDS,
    CAPACITY_PROVIDERS,
    'aws_secretsmanager_secret.secrets_control_plane_db_credentials',
    'aws_secretsmanager_secret_version.secrets_control_plane_db_credentials_version',
  ].sort(),
  '916d021': [...COGNITO_SIGN_IN_CREATES, ...MONITORING_CREATES, TEMPORAL_ALARM, GUARD, CAPACITY_PROVIDERS, ...FIXTURE_MIGRATION_RECORDS].sort(),
  '916d021-control-plane': [...COGNITO_SIGN_IN_CREATES, ...MONITORING_CREATES, GUARD, CAPACITY_PROVIDERS, ...FIXTURE_MIGRATION_RECORDS].sort(),
  'b0ca835': [],
  'b0ca835-control-plane': [],
};

/**
 * Upgrades that must plan nothing at all, in either stack: b0ca835 is the last release on cdktf with
 * hashicorp/aws 6.25.0 and random 3.7.2; the move to cdktn with aws 6.66.0 and random 3.9.1 changes only
 * the provider pins (deployed here with today's, as after `init -upgrade`).
 */
export const UNCHANGED_UPGRADES: readonly string[] = ['b0ca835', 'b0ca835-control-plane'];

const OIDC = {
  alb_authentication: 'oidc',
  oidc_issuer: 'https://login.example.com',
  oidc_authorization_endpoint: 'https://login.example.com/oauth2/authorize',
  oidc_token_endpoint: 'https://login.example.com/oauth2/token',
  oidc_user_info_endpoint: 'https://login.example.com/oauth2/userinfo',
  oidc_client_id: 'everruns-staging',
  oidc_client_secret: 'DUMMY-not-a-real-oidc-client-secret',
};

// Down from 2: the connection budget refuses a third API or worker task on the fixture's db.t4g.micro
// (2 + 2 at a 200% rolling deploy, Temporal and an admin task: 98 of 109; 3 + 2: 118).
const bump = (n: unknown) => (typeof n === 'number' ? (n >= 2 ? n - 1 : n + 1) : 2);

const REGISTRY_VERSION = 'aws_secretsmanager_secret_version.secrets_github_token_version';

const SPECS: CaseSpec[] = [
  // Production, routine.
  // An upgrade across migrations (7884c9f applied 001-002, c42b199 adds 003 and 004): it records the two new ones.
  {
    stack: 'production',
    name: 'image_tag',
    kind: 'routine',
    from: { image_tag: '7884c9f' },
    vars: { image_tag: 'c42b199' },
    create: ['everruns/003_update_event_indexes', 'everruns/004_add_event_metadata_tags'].map((key) => `terraform_data.applied_migrations["${key}"]`),
  },
  // The way back: 7884c9f's sqlx would refuse the database (migration 3 previously applied but missing), so the plan stops.
  {
    stack: 'production',
    name: 'image_tag_rollback',
    kind: 'routine',
    vars: { image_tag: '7884c9f' },
    refusedWith: ['Instance cannot be destroyed', 'terraform_data.applied_migrations["everruns/003_update_event_indexes"] has lifecycle.prevent_destroy set'],
  },
  // A tag no line knows (a newer build): nothing to compare, nothing recorded or removed.
  { stack: 'production', name: 'image_tag_unknown', kind: 'routine', vars: { image_tag: '0123abc' } },
  { stack: 'production', name: 'image_registry', kind: 'routine', vars: { image_registry: 'registry.example.com/everruns-mirror' } },
  { stack: 'production', name: 'image_digests', kind: 'routine', vars: { image_digests: { api: `sha256:${'ab'.repeat(32)}`, admin: `sha256:${'cd'.repeat(32)}` } } },
  { stack: 'production', name: 'temporal_version', kind: 'routine', vars: { temporal_version: '1.31.3' } },
  { stack: 'production', name: 'log_retention_days', kind: 'routine', vars: { log_retention_days: 90 } },
  // Set false before a destroy: a setting of the database itself.
  { stack: 'production', name: 'db_deletion_protection', kind: 'routine', vars: (v) => ({ db_deletion_protection: !v('db_deletion_protection') }) },
  // Behind the fixture's allowlist, none is allowed: the riskiest switch replaces only the API task definition.
  { stack: 'production', name: 'auth_mode', kind: 'routine', vars: { auth_mode: 'none' } },
  { stack: 'production', name: 'alb_ingress_cidrs', kind: 'routine', vars: { alb_ingress_cidrs: ['203.0.113.0/24', '192.0.2.0/24'] } },
  // Sign-in at the ALB turned on for a deployment without it (behind the fixture's allowlist): it only adds the pool
  // and the ALB's egress, and updates the listener and its rules in place; nothing stateful is replaced.
  { stack: 'production', name: 'alb_authentication_on', kind: 'routine', from: { alb_authentication: 'none' }, vars: { alb_authentication: 'cognito' }, create: COGNITO_SIGN_IN_CREATES },
  // Off again, and to an OIDC provider: the user pool and its users go, which is the point.
  { stack: 'production', name: 'alb_authentication_none', kind: 'routine', vars: { alb_authentication: 'none' }, expectedDeletes: COGNITO_STATEFUL },
  { stack: 'production', name: 'alb_authentication_oidc', kind: 'routine', vars: OIDC, expectedDeletes: COGNITO_STATEFUL },
  { stack: 'production', name: 'api_client_cidrs', kind: 'routine', vars: { api_client_cidrs: ['203.0.113.10/32', '198.51.100.0/28'] } },
  // Secrets an operator rotates in tfvars: new secret versions, never new secrets.
  { stack: 'production', name: 'github_token', kind: 'routine', vars: { github_token: 'ghp_DUMMYrotatedtoken00000000000000000000' }, newValues: [REGISTRY_VERSION] },
  { stack: 'production', name: 'openai_api_key', kind: 'routine', vars: { openai_api_key: '' }, newValues: ['aws_secretsmanager_secret_version.secrets_openai_api_key_version'] },
  { stack: 'production', name: 'secret_recovery_window_days', kind: 'routine', vars: { secret_recovery_window_days: 30 } },
  { stack: 'production', name: 'alb_access_logs_retention_days', kind: 'routine', vars: { alb_access_logs_retention_days: 30 } },
  // DNS and certificate modes: from the manual flow to Route 53 and to a certificate of one's own.
  { stack: 'production', name: 'route53_zone_id', kind: 'routine', vars: { route53_zone_id: 'Z0123456789ABCDEFGHIJ' } },
  {
    stack: 'production',
    name: 'certificate_arn',
    kind: 'routine',
    vars: { certificate_arn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
    // Deleting the requested certificate is the point of bringing one's own.
    expectedDeletes: ['aws_acm_certificate.acm_main[0]'],
  },
  // The release line. Only Temporal goes; the services stay and take the other line's task definitions.
  {
    stack: 'production',
    name: 'everruns_architecture',
    kind: 'routine',
    vars: { everruns_architecture: 'control-plane', image_tag: 'aca8d31' },
    expectedDeletes: ['aws_service_discovery_service.temporal_service_discovery[0]'],
    exactly: {
      delete: [
        'aws_ecs_service.temporal_service[0]',
        'aws_ecs_task_definition.temporal_task_definition[0]',
        'aws_security_group.networking_temporal[0]',
        'aws_service_discovery_service.temporal_service_discovery[0]',
        // Its alarm goes with the service.
        'aws_cloudwatch_metric_alarm.monitoring_alarm_temporal_no_running_tasks[0]',
        ...['api_to_temporal_7233', 'worker_to_temporal_7233', 'temporal_to_rds_5432', 'temporal_to_temporal_7233', 'temporal_to_temporal_6933', 'temporal_to_internet_443', 'worker_to_rds_5432'].map(
          (rule) => `aws_vpc_security_group_egress_rule.networking_${rule}[0]`,
        ),
        ...['temporal_from_api_7233', 'temporal_from_worker_7233', 'rds_from_temporal_5432', 'temporal_from_temporal_7233', 'temporal_from_temporal_6933', 'rds_from_worker_5432'].map(
          (rule) => `aws_vpc_security_group_ingress_rule.networking_${rule}[0]`,
        ),
      ],
      replace: ['aws_ecs_task_definition.admin_task_definition', 'aws_ecs_task_definition.api_task_definition', 'aws_ecs_task_definition.worker_task_definition'],
      update: ['aws_ecs_service.api_service', 'aws_ecs_service.worker_service'],
    },
  },
  // A major version upgrade is a modification of the instance.
  { stack: 'production', name: 'db_engine_version', kind: 'routine', vars: { db_engine_version: '17', db_apply_immediately: true } },
  // A larger class is the connection budget's other fix: the instance is modified in place (a restart), never replaced.
  { stack: 'production', name: 'db_instance_class', kind: 'routine', vars: { db_instance_class: 'db.t4g.small', db_apply_immediately: true } },
  // Operations: every operator switch is a modification in place of the services, the cluster and the
  // instance, or new alarm resources; none replaces anything stateful.
  { stack: 'production', name: 'enable_execute_command', kind: 'routine', vars: { enable_execute_command: true } },
  { stack: 'production', name: 'db_multi_az', kind: 'routine', vars: { db_multi_az: true } },
  { stack: 'production', name: 'db_performance_insights_enabled', kind: 'routine', vars: (v) => ({ db_performance_insights_enabled: !v('db_performance_insights_enabled') }) },
  { stack: 'production', name: 'db_windows', kind: 'routine', vars: { db_backup_window: '02:00-02:30', db_maintenance_window: 'sun:05:00-sun:06:00' } },
  // A new address is a new subscription (SNS mails a confirmation); the thresholds update the alarms in place.
  { stack: 'production', name: 'alarm_email', kind: 'routine', vars: { alarm_email: 'ops@staging.everruns.example.com' } },
  { stack: 'production', name: 'alarm_thresholds', kind: 'routine', vars: { alarm_thresholds: { db_cpu_percent: 90, min_requests: 100 } } },
  // Container Insights is a cluster setting: the cluster is updated in place.
  { stack: 'production', name: 'container_insights', kind: 'routine', vars: { container_insights: 'enabled' }, exactly: { delete: [], replace: [], update: ['aws_ecs_cluster.ecs_cluster_main'] } },
  // An architecture is a new task definition revision; the service rolls in place.
  {
    stack: 'production',
    name: 'temporal_cpu_architecture',
    kind: 'routine',
    vars: { temporal_cpu_architecture: 'X86_64' },
    exactly: { delete: [], replace: ['aws_ecs_task_definition.temporal_task_definition[0]'], update: ['aws_ecs_service.temporal_service[0]'] },
  },
  // Onto Spot from services on launch_type FARGATE (a deployment from before the option): launch_type is ForceNew, so
  // it stays in state; the strategy changes in place with force_new_deployment (provider 6.15+ refuses it without).
  {
    stack: 'production',
    name: 'fargate_capacity_providers_spot',
    kind: 'routine',
    from: { fargate_capacity_providers: {} },
    vars: { fargate_capacity_providers: { api: 'FARGATE_SPOT', worker: 'FARGATE_SPOT', ui: 'FARGATE_SPOT' } },
    exactly: { delete: [], replace: [], update: ['aws_ecs_service.api_service', 'aws_ecs_service.worker_service', 'aws_ecs_service.ui_service'] },
  },
  // Back from Spot (the default puts the worker and UI there) through the FARGATE provider: in place again.
  {
    stack: 'production',
    name: 'fargate_capacity_providers_on_demand',
    kind: 'routine',
    vars: { fargate_capacity_providers: { worker: 'FARGATE', ui: 'FARGATE' } },
    exactly: { delete: [], replace: [], update: ['aws_ecs_service.worker_service', 'aws_ecs_service.ui_service'] },
  },
  // The WAF in front of the load balancer: its web ACL and the association, created beside what runs; nothing else changes.
  {
    stack: 'production',
    name: 'waf_enabled',
    kind: 'routine',
    vars: { waf_enabled: true },
    create: ['aws_wafv2_web_acl.waf_web_acl[0]', 'aws_wafv2_web_acl_association.waf_association[0]'],
    exactly: { delete: [], replace: [], update: [] },
  },
  // alarms_enabled itself is discovered (flipped off from the default deployment, where it is on); turning them on
  // is what upgrade-from-23b179d plans (that release had no alarms): creates only.
  // Production, identity.
  { stack: 'production', name: 'environment', kind: 'identity', vars: { environment: 'prod' } },
  { stack: 'production', name: 'region', kind: 'identity', vars: { region: 'us-west-2' } },
  { stack: 'production', name: 'domain_name', kind: 'identity', vars: { domain_name: 'app.everruns.example.com' } },
  {
    stack: 'production',
    name: 'vpc_cidr',
    kind: 'identity',
    // The subnets must lie inside the VPC, so moving the VPC moves them too.
    vars: { vpc_cidr: '10.30.0.0/16', public_subnet_cidrs: ['10.30.1.0/24', '10.30.2.0/24'], private_subnet_cidrs: ['10.30.10.0/24', '10.30.11.0/24'] },
  },
  { stack: 'production', name: 'private_subnet_cidrs', kind: 'identity', vars: { private_subnet_cidrs: ['10.20.12.0/24', '10.20.13.0/24'] } },
  // Bootstrap.
  { stack: 'bootstrap', name: 'state_noncurrent_version_expiration_days', kind: 'routine', vars: { state_noncurrent_version_expiration_days: 90 } },
  { stack: 'bootstrap', name: 'environment', kind: 'identity', vars: { environment: 'prod' } },
  { stack: 'bootstrap', name: 'region', kind: 'identity', vars: { region: 'us-west-2' } },
];

/**
 * Variables found by name rather than listed: every task count, and the
 * boolean alarm and logging switches (flipped). A matching variable of
 * another type needs an entry in SPECS; it is reported as skipped until then.
 */
const DISCOVERED: Array<{ pattern: RegExp; change: (type: string, current: unknown) => unknown }> = [
  { pattern: /_desired_count$/, change: (_t, v) => bump(v) },
  { pattern: /(^|_)(alarms?|logging|logs?)(_|$)/, change: (type, v) => (type === 'bool' ? !v : undefined) },
];

export interface StackInput {
  name: string;
  config: TerraformJson;
  fixture: Record<string, unknown>;
}

export function changeCases(stacks: StackInput[]): ChangeCase[] {
  const out: ChangeCase[] = [];
  for (const stack of stacks) {
    const { declared } = variables(stack.config);
    const current = (name: string) => stack.fixture[name] ?? stack.config.variable?.[name]?.default;
    const listed = new Set<string>();
    for (const spec of SPECS.filter((s) => s.stack === stack.name)) {
      const vars = typeof spec.vars === 'function' ? spec.vars(current) : spec.vars;
      Object.keys(vars).forEach((k) => listed.add(k));
      const missing = Object.keys(vars).filter((k) => !declared.includes(k));
      out.push({
        id: `${stack.name}/${spec.name}`,
        stack: stack.name,
        kind: spec.kind,
        vars,
        skipped: missing.length ? `variable not declared: ${missing.join(', ')}` : undefined,
        newValues: spec.newValues,
        expectedDeletes: spec.expectedDeletes,
        exactly: spec.exactly,
        create: spec.create,
        from: spec.from,
        refusedWith: spec.refusedWith,
      });
    }
    for (const name of declared.filter((d) => !listed.has(d))) {
      const rule = DISCOVERED.find((d) => d.pattern.test(name));
      if (!rule) continue;
      const type = String(stack.config.variable[name].type ?? '');
      const value = rule.change(type, current(name));
      out.push({
        id: `${stack.name}/${name}`,
        stack: stack.name,
        kind: 'routine',
        vars: value === undefined ? {} : { [name]: value },
        skipped: value === undefined ? `no routine value for a ${type || 'untyped'} variable: add an entry to changes/cases.ts` : undefined,
      });
    }
  }
  return out;
}
