import { EcsService } from '@cdktn/provider-aws/lib/ecs-service';
import { Lb } from '@cdktn/provider-aws/lib/lb';
import { LbListener } from '@cdktn/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktn/provider-aws/lib/lb-target-group';
import { MIGRATE_WITH_RETRIES } from '../../application/contract';
import { defaultStacks } from '../default-stacks';
import { LINES, addresses, containersIn, resource, valueIn } from '../helpers';

// The ECS part of the production stack (spec modules 6-9 and the three services).
const { text, json } = defaultStacks().production;
const definitions = (name: string) => containersIn(json, resource(json, 'aws_ecs_task_definition', name), 'temporal');
const [api] = definitions('api_task_definition');
const [worker] = definitions('worker_task_definition');
const [ui] = definitions('ui_task_definition');
const service = (name: string) => resource(json, 'aws_ecs_service', name);
const DB = '${aws_secretsmanager_secret.secrets_db_credentials.arn}';
const CONTROL_PLANE_DB = '${aws_secretsmanager_secret.secrets_control_plane_db_credentials.arn}';
const ENCRYPTION_KEY = '${aws_secretsmanager_secret.secrets_encryption_key.arn}';
const AUTH = '${aws_secretsmanager_secret.secrets_auth.arn}';
const PREVIOUS_KEY = '${aws_secretsmanager_secret.secrets_encryption_key_previous.arn}';
const REGISTRY = '${aws_secretsmanager_secret.secrets_github_token.arn}';
// A service with a capacity provider strategy needs the provider registered with the cluster first.
const CAPACITY_PROVIDERS = 'aws_ecs_cluster_capacity_providers.ecs_cluster_capacity_providers';
const PREREQUISITES = [
  'aws_iam_role_policy.ecs_cluster_ecs_execution_logs',
  'aws_iam_role_policy_attachment.ecs_cluster_secrets_access_attachment',
  'aws_secretsmanager_secret_version.secrets_db_credentials_version',
  'aws_secretsmanager_secret_version.secrets_control_plane_db_credentials_version',
  'aws_secretsmanager_secret_version.secrets_github_token_version',
  'aws_secretsmanager_secret_version.secrets_encryption_key_version',
  'aws_secretsmanager_secret_version.secrets_encryption_key_previous_version',
  'aws_secretsmanager_secret_version.secrets_auth_version',
];

describe('production stack: ECS addresses', () => {
  test('every resource of the ECS part is <module>_<name>, with no hash', () => {
    expect(addresses(json).filter((a) => /\.(ecs_cluster|alb|temporal|api|worker|ui|admin)_/.test(a) && !a.includes('.alb_access_logs_'))).toEqual([
      'aws_cloudwatch_log_group.ecs_cluster_ecs',
      'aws_ecs_cluster.ecs_cluster_main',
      'aws_ecs_cluster_capacity_providers.ecs_cluster_capacity_providers',
      'aws_ecs_service.api_service',
      'aws_ecs_service.temporal_service',
      'aws_ecs_service.ui_service',
      'aws_ecs_service.worker_service',
      'aws_ecs_task_definition.admin_task_definition',
      'aws_ecs_task_definition.api_task_definition',
      'aws_ecs_task_definition.temporal_task_definition',
      'aws_ecs_task_definition.ui_task_definition',
      'aws_ecs_task_definition.worker_task_definition',
      'aws_iam_policy.ecs_cluster_secrets_access',
      'aws_iam_role.ecs_cluster_ecs_execution',
      'aws_iam_role.ecs_cluster_ecs_task',
      'aws_iam_role_policy.ecs_cluster_ecs_execution_logs',
      'aws_iam_role_policy_attachment.ecs_cluster_secrets_access_attachment',
      'aws_lb.alb_main',
      'aws_lb_listener.alb_http',
      'aws_lb_listener.alb_https',
      'aws_lb_listener_rule.alb_api',
      'aws_lb_listener_rule.alb_api_clients',
      'aws_lb_listener_rule.alb_health',
      'aws_lb_listener_rule.alb_openapi',
      'aws_lb_listener_rule.alb_swagger',
      'aws_lb_target_group.alb_api_target_group',
      'aws_lb_target_group.alb_ui_target_group',
      'aws_service_discovery_private_dns_namespace.ecs_cluster_service_discovery',
      'aws_service_discovery_service.temporal_service_discovery',
      'data.aws_caller_identity.ecs_cluster_account',
      'data.aws_iam_policy_document.ecs_cluster_ecs_execution_policy',
      'data.aws_iam_policy_document.ecs_cluster_ecs_task_assume_role',
      'data.aws_iam_policy_document.ecs_cluster_ecs_tasks_assume_role',
      'data.aws_iam_policy_document.ecs_cluster_secrets_access_policy',
      'data.aws_partition.ecs_cluster_partition',
    ]);
  });
});

describe('production stack: cluster and ALB wiring', () => {
  test('cluster and ALB are named {name_prefix}-{environment}', () => {
    expect(resource(json, 'aws_ecs_cluster', 'ecs_cluster_main').name).toBe('${var.name_prefix}-${var.environment}');
    expect(text).toHaveResourceWithProperties(Lb, { name: '${var.name_prefix}-${var.environment}' });
  });

  test('log retention comes from log_retention_days', () => {
    expect(resource(json, 'aws_cloudwatch_log_group', 'ecs_cluster_ecs').retention_in_days).toBe('${var.log_retention_days}');
  });

  test('the execution role reads exactly the secrets the task definitions use (not the unused OpenAI key)', () => {
    expect(json.data.aws_iam_policy_document.ecs_cluster_secrets_access_policy.statement[0].resources).toEqual([
      DB,
      CONTROL_PLANE_DB,
      REGISTRY,
      ENCRYPTION_KEY,
      PREVIOUS_KEY,
      AUTH,
    ]);
  });

  test('Cloud Map namespace on the networking VPC', () => {
    expect(resource(json, 'aws_service_discovery_private_dns_namespace', 'ecs_cluster_service_discovery').vpc).toBe('${aws_vpc.networking_main.id}');
  });

  test('ALB in the public subnets with the ALB security group, deletion protection from its variable', () => {
    expect(text).toHaveResourceWithProperties(Lb, {
      subnets: ['${aws_subnet.networking_public_0.id}', '${aws_subnet.networking_public_1.id}'],
      security_groups: ['${aws_security_group.networking_alb.id}'],
      enable_deletion_protection: '${var.alb_deletion_protection}',
    });
  });

  test('the HTTPS listener uses the validated certificate, so it waits for validation', () => {
    expect(text).toHaveResourceWithProperties(LbListener, {
      port: 443,
      certificate_arn: '${!(length(var.certificate_arn) >= 1) ? one(aws_acm_certificate_validation.acm_validation[*].certificate_arn) : var.certificate_arn}',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
  });

  test('target groups in the networking VPC, UI success codes from their variable', () => {
    expect(text).toHaveResourceWithProperties(LbTargetGroup, { name: '${var.name_prefix}-${var.environment}-api', vpc_id: '${aws_vpc.networking_main.id}' });
    expect(resource(json, 'aws_lb_target_group', 'alb_ui_target_group').health_check.matcher).toBe('${var.ui_health_check_success_codes}');
  });
});

describe('production stack: temporal', () => {
  const [server, schema, namespace] = definitions('temporal_task_definition');

  test('reads the RDS address and the database secret', () => {
    expect(server.environment).toEqual(expect.arrayContaining([{ name: 'POSTGRES_SEEDS', value: '${aws_db_instance.database_main.address}' }]));
    expect(server.secrets[0]).toEqual({ name: 'POSTGRES_USER', valueFrom: `${DB}:username::` });
  });

  test('images from temporal_server_image / temporal_admin_tools_image at temporal_version', () => {
    expect(server.image).toBe('${var.temporal_server_image}:${var.temporal_version}');
    expect(schema.image).toBe('${var.temporal_admin_tools_image}:${var.temporal_version}');
    expect(namespace.image).toBe('${var.temporal_admin_tools_image}:${var.temporal_version}');
  });

  test('Docker Hub images need no registry credentials', () => {
    expect(server.repositoryCredentials).toBeUndefined();
  });

  test('in the private subnets with its own security group, after the role policies and secret values', () => {
    expect(service('temporal_service').network_configuration).toEqual({
      subnets: ['${aws_subnet.networking_private_0.id}', '${aws_subnet.networking_private_1.id}'],
      security_groups: ['${one(aws_security_group.networking_temporal[*].id)}'],
      assign_public_ip: false,
    });
    expect(service('temporal_service').depends_on).toEqual(PREREQUISITES);
  });
});

describe('production stack: api', () => {
  test('everruns-api image from image_registry at image_tag, 256/512, port 9000, pulled with the registry secret', () => {
    expect(api).toEqual(
      expect.objectContaining({
        name: 'everruns-api',
        image: '${local.image_api}',
        portMappings: [{ containerPort: 9000, hostPort: 9000, protocol: 'tcp' }],
        repositoryCredentials: { credentialsParameter: REGISTRY },
      }),
    );
    expect(json.locals.image_api).toBe(
      '${contains(keys(var.image_digests), "api") ? "${var.image_registry}/everruns-api@${lookup(var.image_digests, "api", var.image_tag)}" : "${var.image_registry}/everruns-api:${var.image_tag}"}',
    );
    const definition = resource(json, 'aws_ecs_task_definition', 'api_task_definition');
    expect(definition).toEqual(expect.objectContaining({ cpu: '256', memory: '512' }));
    expect(LINES.map((line) => valueIn(definition.family, line))).toEqual(['everruns-api-${var.environment}', 'everruns-control-plane-${var.environment}']);
  });

  test('no container health check: the distroless image has no shell or curl; the ALB checks /health', () => {
    expect(api.healthCheck).toBeUndefined();
  });

  test('ECS init process as PID 1: the binary does not handle SIGTERM', () => {
    expect(api.linuxParameters).toEqual({ initProcessEnabled: true });
  });

  test.each([
    ['api_service', 'api'],
    ['worker_service', 'worker'],
    ['ui_service', 'ui'],
  ])('%s runs in the private subnets in the %s security group', (name, group) => {
    expect(service(name).network_configuration).toEqual({
      subnets: ['${aws_subnet.networking_private_0.id}', '${aws_subnet.networking_private_1.id}'],
      security_groups: [`\${aws_security_group.networking_${group}.id}`],
      assign_public_ip: false,
    });
  });

  test('registered in the API target group with a grace period, desired count from api_desired_count', () => {
    expect(text).toHaveResourceWithProperties(EcsService, {
      name: 'everruns-api',
      desired_count: '${var.api_desired_count}',
      health_check_grace_period_seconds: 60,
    });
    const [balanced] = service('api_service').load_balancer;
    expect(balanced).toEqual(expect.objectContaining({ target_group_arn: '${aws_lb_target_group.alb_api_target_group.arn}', container_port: 9000 }));
    expect(LINES.map((line) => valueIn(balanced.container_name, line))).toEqual(['everruns-api', 'everruns-control-plane']);
  });

  test('created after the HTTPS listener, the API rules, the prerequisites and Temporal', () => {
    expect(service('api_service').depends_on).toEqual([
      'aws_lb_listener.alb_https',
      'aws_lb_listener_rule.alb_api',
      'aws_lb_listener_rule.alb_health',
      'aws_lb_listener_rule.alb_swagger',
      'aws_lb_listener_rule.alb_openapi',
      'aws_lb_listener_rule.alb_api_clients',
      ...PREREQUISITES,
      'aws_ecs_service.temporal_service',
      CAPACITY_PROVIDERS,
    ]);
  });
});

describe('production stack: migrations before the API serves', () => {
  const [, migrate] = definitions('api_task_definition');

  test('everruns-admin migrate runs in the API task, non-essential, pulled with the registry secret', () => {
    expect(migrate).toEqual(
      expect.objectContaining({
        name: 'everruns-migrate',
        image: '${local.image_admin}',
        essential: false,
        entryPoint: ['/bin/bash', '-c'],
        repositoryCredentials: { credentialsParameter: REGISTRY },
      }),
    );
    // Retried: the worker's tasks migrate too, and sqlx-cli takes no lock.
    expect(migrate.command).toEqual([expect.stringMatching(/^for i in 1 2 3 4 5; do \/app\/entrypoint\.sh migrate && exit 0; sleep/)]);
    expect(json.locals.image_admin).toContain('${var.image_registry}/everruns-admin:${var.image_tag}');
  });

  test('the API container starts only after the migration exited 0', () => {
    expect(api.dependsOn).toEqual([{ containerName: 'everruns-migrate', condition: 'SUCCESS' }]);
  });

  test('its log under its own stream prefix', () => {
    expect(migrate.logConfiguration.options['awslogs-stream-prefix']).toBe('everruns-migrate');
    expect(api.logConfiguration.options['awslogs-stream-prefix']).toBe('everruns-api');
  });
});

describe('production stack: apply fails when a service does not come up', () => {
  test.each(['temporal_service', 'api_service', 'worker_service', 'ui_service'])('%s waits for steady state', (name) => {
    expect(service(name).wait_for_steady_state).toBe(true);
  });
});

describe('production stack: worker', () => {
  test('everruns-worker image at image_tag, no port, registry secret, init process', () => {
    expect(worker.image).toBe('${local.image_worker}');
    expect(worker.portMappings).toBeUndefined();
    expect(worker.repositoryCredentials).toEqual({ credentialsParameter: REGISTRY });
    expect(worker.linuxParameters).toEqual({ initProcessEnabled: true });
  });

  test('no load balancer and no grace period (ECS rejects one without a load balancer)', () => {
    expect(service('worker_service')).not.toHaveProperty('health_check_grace_period_seconds');
    expect(service('worker_service')).not.toHaveProperty('load_balancer');
    expect(service('worker_service').desired_count).toBe('${var.worker_desired_count}');
  });

  test('created after the prerequisites and Temporal, not after the API: the two roll out at the same time', () => {
    expect(service('worker_service').depends_on).toEqual([...PREREQUISITES, 'aws_ecs_service.temporal_service', CAPACITY_PROVIDERS]);
  });

  test('Temporal line: its task migrates first, as the API task does, and the worker starts after exit 0', () => {
    const [, ready] = definitions('worker_task_definition');
    const [, apiMigrate] = definitions('api_task_definition');
    expect(ready).toEqual({ ...apiMigrate, logConfiguration: expect.anything() });
    expect(ready.logConfiguration.options['awslogs-stream-prefix']).toBe('everruns-migrate');
    expect(worker.dependsOn).toEqual([{ containerName: 'everruns-migrate', condition: 'SUCCESS' }]);
  });

  test("control-plane line: its task waits for the control plane's gRPC port, then the worker starts", () => {
    const [cpWorker, ready] = containersIn(json, resource(json, 'aws_ecs_task_definition', 'worker_task_definition'), 'control-plane');
    expect(ready).toEqual(
      expect.objectContaining({ name: 'await-everruns-api', image: '${local.image_admin}', essential: false, entryPoint: ['/bin/bash', '-c'] }),
    );
    expect(ready.command[0]).toContain('/dev/tcp/control-plane.everruns.local/9001');
    expect(ready.secrets ?? []).toEqual([]);
    expect(cpWorker.dependsOn).toEqual([{ containerName: 'await-everruns-api', condition: 'SUCCESS' }]);
  });
});

describe('production stack: ui', () => {
  test('everruns-ui image at image_tag, port 3000, registry secret', () => {
    expect(ui.image).toBe('${local.image_ui}');
    expect(ui.portMappings).toEqual([{ containerPort: 3000, hostPort: 3000, protocol: 'tcp' }]);
    expect(ui.repositoryCredentials).toEqual({ credentialsParameter: REGISTRY });
  });

  test('registered in the UI target group, after the HTTPS listener and the prerequisites', () => {
    expect(service('ui_service').load_balancer).toEqual([
      { target_group_arn: '${aws_lb_target_group.alb_ui_target_group.arn}', container_name: 'everruns-ui', container_port: 3000 },
    ]);
    expect(service('ui_service').depends_on).toEqual(['aws_lb_listener.alb_https', ...PREREQUISITES, CAPACITY_PROVIDERS]);
    expect(service('ui_service').desired_count).toBe('${var.ui_desired_count}');
  });
});

describe('production stack: no secret in the synthesized JSON', () => {
  test('container environments hold no password, token or key', () => {
    for (const container of [api, worker, ui, ...definitions('temporal_task_definition')]) {
      for (const { name } of container.environment) expect(name).not.toMatch(/PASSWORD|PWD|TOKEN(?!_LIFETIME)|API_KEY|DATABASE_URL/);
    }
  });
});

describe('production stack: ECS variables', () => {
  test.each([
    ['alb_deletion_protection', 'bool', true],
    ['log_retention_days', 'number', 30],
    ['temporal_version', 'string', '1.31.2'],
    ['temporal_server_image', 'string', 'temporalio/server'],
    ['temporal_admin_tools_image', 'string', 'temporalio/admin-tools'],
    ['ui_health_check_success_codes', 'string', '200-399'],
    ['api_desired_count', 'number', 1],
    ['worker_desired_count', 'number', 1],
    ['ui_desired_count', 'number', 1],
  ])('adds %s (%s, default %p) with a description', (name, type, value) => {
    expect(json.variable[name]).toEqual(expect.objectContaining({ type, default: value, description: expect.any(String) }));
  });
});

describe('production stack: outputs', () => {
  test('alb_dns_name is the ALB DNS name (for the CNAME record)', () => {
    expect(json.output.alb_dns_name).toEqual({ description: 'ALB DNS name (for CNAME record)', value: '${aws_lb.alb_main.dns_name}' });
  });

  test('admin_task_family and api_network_configuration, for aws ecs run-task', () => {
    expect(json.output.admin_task_family.value).toBe('${aws_ecs_task_definition.admin_task_definition.family}');
    expect(json.output.api_network_configuration.value).toBe(
      '${jsonencode({"awsvpcConfiguration" = {"subnets" = [aws_subnet.networking_private_0.id, aws_subnet.networking_private_1.id], "securityGroups" = [aws_security_group.networking_api.id], "assignPublicIp" = "DISABLED"}})}',
    );
  });

  test('alb_zone_id and ecs_cluster_name', () => {
    expect(json.output.alb_zone_id.value).toBe('${aws_lb.alb_main.zone_id}');
    expect(json.output.ecs_cluster_name.value).toBe('${aws_ecs_cluster.ecs_cluster_main.name}');
  });
});

describe('production stack: the control-plane line (everruns_architecture)', () => {
  const CONTROL_PLANE = '${contains(["control-plane"], var.everruns_architecture) ? 1 : 0}';
  const TEMPORAL = '${contains(["temporal"], var.everruns_architecture) ? 1 : 0}';

  test('everruns_architecture takes one of the release lines, temporal by default', () => {
    expect(json.variable.everruns_architecture.default).toBe('temporal');
    expect(json.variable.everruns_architecture.validation[0].condition).toBe('${contains(["temporal", "control-plane"], var.everruns_architecture)}');
  });

  test('every Temporal resource exists only in the temporal line', () => {
    const temporal = addresses(json).filter((a) => /\.(temporal_|networking_temporal)/.test(a));
    expect(temporal.length).toBeGreaterThanOrEqual(4);
    for (const address of temporal) {
      const [type, name] = address.split('.');
      expect([address, json.resource[type][name].count]).toEqual([address, TEMPORAL]);
    }
  });

  test('the control plane is registered in Cloud Map as control-plane.everruns.local, only in its line', () => {
    expect(resource(json, 'aws_service_discovery_service', 'control_plane_discovery')).toEqual(
      expect.objectContaining({ name: 'control-plane', count: CONTROL_PLANE }),
    );
    expect(service('api_service').dynamic.service_registries).toEqual({
      for_each: '${aws_service_discovery_service.control_plane_discovery[*].arn}',
      content: { registry_arn: '${service_registries.value}' },
    });
  });

  test('the workers dial that name on 9001 and hold no secret at all', () => {
    const [cpWorker] = containersIn(json, resource(json, 'aws_ecs_task_definition', 'worker_task_definition'), 'control-plane');
    expect(cpWorker.environment).toContainEqual({ name: 'GRPC_ADDRESS', value: 'control-plane.everruns.local:9001' });
    expect(cpWorker.secrets ?? []).toEqual([]);
    expect(cpWorker.portMappings ?? []).toEqual([]);
  });

  test('the control plane publishes 9000 for the ALB and 9001 for the workers, and waits for its migrations', () => {
    const [cp, migrate] = containersIn(json, resource(json, 'aws_ecs_task_definition', 'api_task_definition'), 'control-plane');
    expect(cp.name).toBe('everruns-control-plane');
    expect(cp.portMappings.map((p: { containerPort: number }) => p.containerPort)).toEqual([9000, 9001]);
    expect(cp.dependsOn).toEqual([{ containerName: 'everruns-migrate', condition: 'SUCCESS' }]);
    expect(migrate.command).toEqual([MIGRATE_WITH_RETRIES]);
  });
});
