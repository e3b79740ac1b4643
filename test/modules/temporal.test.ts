import { EcsService } from '@cdktn/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktn/provider-aws/lib/ecs-task-definition';
import { ServiceDiscoveryService } from '@cdktn/provider-aws/lib/service-discovery-service';
import { Temporal, TemporalProps, namespaceCommand, schemaCommand } from '../../modules/temporal';
import { addresses, resource } from '../helpers';
import { containers, placement, secrets } from './ecs-fixtures';
import { moduleStack } from './module-stack';

const RDS = 'everruns-production.abc.us-east-1.rds.amazonaws.com';

function build(extra: Partial<TemporalProps> = {}) {
  let temporal: Temporal | undefined;
  const synthesized = moduleStack((stack) => {
    const { inCluster, namespace } = placement(stack);
    temporal = new Temporal(stack, 'temporal', {
      ...inCluster,
      serviceDiscoveryNamespace: namespace,
      dbHost: RDS,
      dbCredentials: secrets(stack).db,
      ...extra,
    });
  });
  return { ...synthesized, temporal: temporal! };
}

const { text, json, temporal } = build();
const [server, schema, namespace] = containers(json, 'temporal_task_definition');
const env = (container: { environment: { name: string; value: string }[] }) =>
  Object.fromEntries(container.environment.map(({ name, value }) => [name, value]));
const DB_SECRET = '${aws_secretsmanager_secret.db_secret.arn}';

describe('temporal: task and service', () => {
  test('addresses are temporal_<name> without hashes', () => {
    expect(addresses(json).filter((address) => address.includes('.temporal_'))).toEqual([
      'aws_ecs_service.temporal_service',
      'aws_ecs_task_definition.temporal_task_definition',
      'aws_service_discovery_service.temporal_service_discovery',
    ]);
  });

  test('task family temporal-{environment}, 512 CPU / 1024 MiB on Fargate', () => {
    expect(text).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: 'temporal-production',
      cpu: '512',
      memory: '1024',
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
    });
  });

  test('three containers: the server, the schema job and the namespace job', () => {
    expect([server.name, schema.name, namespace.name]).toEqual(['temporal', 'temporal-schema', 'temporal-namespace']);
    expect([server.essential, schema.essential, namespace.essential]).toEqual([true, false, false]);
  });

  test('server and admin tools pinned to the same current release', () => {
    expect(server.image).toBe('temporalio/server:1.31.2');
    expect(schema.image).toBe('temporalio/admin-tools:1.31.2');
    expect(namespace.image).toBe('temporalio/admin-tools:1.31.2');
  });

  test('images are configurable', () => {
    const [s, a] = containers(build({ serverImage: 'temporalio/server:1.30.6', adminToolsImage: 'temporalio/admin-tools:1.30.6' }).json, 'temporal_task_definition');
    expect([s.image, a.image]).toEqual(['temporalio/server:1.30.6', 'temporalio/admin-tools:1.30.6']);
  });

  test('one task at a time: the old one stops before the new one starts', () => {
    expect(text).toHaveResourceWithProperties(EcsService, {
      name: 'temporal',
      desired_count: 1,
      deployment_minimum_healthy_percent: 0,
      deployment_maximum_percent: 100,
      deployment_circuit_breaker: { enable: true, rollback: true },
    });
  });

  test('no load balancer, so no grace period', () => {
    const service = resource(json, 'aws_ecs_service', 'temporal_service');
    expect(service).not.toHaveProperty('load_balancer');
    expect(service).not.toHaveProperty('health_check_grace_period_seconds');
  });

  test('registered in Cloud Map as temporal (A record, MULTIVALUE, TTL 10 s)', () => {
    expect(text).toHaveResourceWithProperties(ServiceDiscoveryService, {
      name: 'temporal',
      dns_config: expect.objectContaining({ routing_policy: 'MULTIVALUE', dns_records: [{ type: 'A', ttl: 10 }] }),
    });
    expect(resource(json, 'aws_ecs_service', 'temporal_service').service_registries).toEqual({
      registry_arn: '${aws_service_discovery_service.temporal_service_discovery.arn}',
    });
  });

  test('address is temporal.<namespace>:7233', () => {
    expect(temporal.address).toMatch(/^temporal\.\$\{TfToken\[TOKEN\.\d+\]\}:7233$/);
    expect(temporal.namespace).toBe('default');
  });
});

describe('temporal: server container', () => {
  test('frontend gRPC 7233 plus the ports of the other services and membership', () => {
    expect(server.portMappings.map((mapping: { containerPort: number }) => mapping.containerPort)).toEqual([
      7233, 7243, 7234, 7235, 7239, 6933, 6934, 6935, 6939,
    ]);
  });

  test('postgres12 driver (the spec\'s "postgresql" is rejected), RDS address, port, database names', () => {
    expect(env(server)).toEqual(
      expect.objectContaining({
        DB: 'postgres12',
        POSTGRES_SEEDS: RDS,
        DB_PORT: '5432',
        DBNAME: 'temporal',
        VISIBILITY_DBNAME: 'temporal_visibility',
      }),
    );
  });

  test('TLS to RDS without host verification (PostgreSQL 15+ forces SSL)', () => {
    expect(env(server)).toEqual(expect.objectContaining({ SQL_TLS_ENABLED: 'true', SQL_HOST_VERIFICATION: 'false' }));
  });

  test('connection pools sized for a db.t4g.micro: 4 services x (5 + 2)', () => {
    expect(env(server)).toEqual(
      expect.objectContaining({ SQL_MAX_CONNS: '5', SQL_MAX_IDLE_CONNS: '5', SQL_VIS_MAX_CONNS: '2', SQL_VIS_MAX_IDLE_CONNS: '2' }),
    );
  });

  test('128 history shards, chosen once', () => {
    expect(env(server).NUM_HISTORY_SHARDS).toBe('128');
  });

  test('binds on all interfaces; the image entrypoint derives the broadcast address', () => {
    expect(env(server).BIND_ON_IP).toBe('0.0.0.0');
    expect(env(server)).not.toHaveProperty('TEMPORAL_BROADCAST_ADDRESS');
  });

  test('writes the dynamic config file the image lacks, then runs the image entrypoint', () => {
    expect(server.entryPoint).toEqual(['/bin/sh', '-c']);
    expect(server.command).toEqual(['echo "$TEMPORAL_DYNAMIC_CONFIG" > "$DYNAMIC_CONFIG_FILE_PATH" && exec /etc/temporal/entrypoint.sh']);
    expect(env(server)).toEqual(
      expect.objectContaining({ DYNAMIC_CONFIG_FILE_PATH: '/tmp/temporal-dynamic-config.yaml', TEMPORAL_DYNAMIC_CONFIG: '# Temporal defaults' }),
    );
  });

  test('dynamic config is configurable', () => {
    const [custom] = containers(build({ dynamicConfig: 'limit.maxIDLength:\n  - value: 255' }).json, 'temporal_task_definition');
    expect(env(custom).TEMPORAL_DYNAMIC_CONFIG).toBe('limit.maxIDLength:\n  - value: 255');
  });

  test('user and password come from the database secret, never from the environment', () => {
    expect(server.secrets).toEqual([
      { name: 'POSTGRES_USER', valueFrom: `${DB_SECRET}:username::` },
      { name: 'POSTGRES_PWD', valueFrom: `${DB_SECRET}:password::` },
    ]);
    expect(Object.keys(env(server))).not.toContain('POSTGRES_PWD');
  });

  test('starts only after the schema job succeeded', () => {
    expect(server.dependsOn).toEqual([{ containerName: 'temporal-schema', condition: 'SUCCESS' }]);
  });

  test('health check: TCP to the frontend with BusyBox nc (no curl in the image), long start period', () => {
    expect(server.healthCheck).toEqual({
      command: ['CMD-SHELL', 'nc -z 127.0.0.1 7233 || exit 1'],
      interval: 15,
      timeout: 5,
      retries: 4,
      startPeriod: 120,
    });
  });

  test('logs under the temporal stream prefix', () => {
    expect(server.logConfiguration.options['awslogs-stream-prefix']).toBe('temporal');
  });
});

describe('temporal: schema job', () => {
  test('temporal-sql-tool over TLS to RDS with the postgres12 plugin', () => {
    expect(env(schema)).toEqual({
      SQL_PLUGIN: 'postgres12',
      SQL_HOST: RDS,
      SQL_PORT: '5432',
      SQL_TLS: 'true',
      SQL_TLS_DISABLE_HOST_VERIFICATION: 'true',
    });
    expect(schema.secrets).toEqual([
      { name: 'SQL_USER', valueFrom: `${DB_SECRET}:username::` },
      { name: 'SQL_PASSWORD', valueFrom: `${DB_SECRET}:password::` },
    ]);
  });

  test('creates, sets up and upgrades both databases, stopping at the first error', () => {
    expect(schema.command).toEqual([schemaCommand({ main: 'temporal', visibility: 'temporal_visibility' })]);
    expect(schemaCommand({ main: 'temporal', visibility: 'temporal_visibility' })).toBe(
      'set -eu; ' +
        'temporal-sql-tool --db temporal create-database; ' +
        'temporal-sql-tool --db temporal setup-schema -v 0.0; ' +
        'temporal-sql-tool --db temporal update-schema --schema-name postgresql/v12/temporal; ' +
        'temporal-sql-tool --db temporal_visibility create-database; ' +
        'temporal-sql-tool --db temporal_visibility setup-schema -v 0.0; ' +
        'temporal-sql-tool --db temporal_visibility update-schema --schema-name postgresql/v12/visibility; ' +
        "echo 'Temporal schemas are up to date.'",
    );
  });

  test('has no dependency: it runs first', () => {
    expect(schema.dependsOn).toBeUndefined();
  });
});

describe('temporal: namespace job', () => {
  test('runs once the server is healthy', () => {
    expect(namespace.dependsOn).toEqual([{ containerName: 'temporal', condition: 'HEALTHY' }]);
  });

  test('registers default with 72h retention unless it exists, retrying 30 times', () => {
    expect(namespace.command).toEqual([namespaceCommand('default', '72h')]);
    const command = namespaceCommand('default', '72h');
    expect(command).toContain('for attempt in $(seq 1 30); do');
    expect(command).toContain('temporal operator namespace describe --namespace default --address 127.0.0.1:7233');
    expect(command).toContain('temporal operator namespace create --namespace default --address 127.0.0.1:7233 --retention 72h && exit 0;');
    expect(command).toMatch(/exit 1$/);
  });

  test('scripts contain no ${ (Terraform interpolation) and no backslash', () => {
    const definitions = json.resource.aws_ecs_task_definition.temporal_task_definition.container_definitions as string;
    const scripts = [server, schema, namespace].map((container) => container.command[0]).join('\n');
    expect(scripts).not.toMatch(/\$\{|\\/);
    expect(definitions).not.toContain('%{');
  });
});

describe('temporal: synth-time errors', () => {
  test('a zero shard count fails', () => {
    expect(() => build({ numHistoryShards: 0 })).toThrow('Temporal numHistoryShards 0 is not valid; use a whole number from 1 to 16384.');
  });

  test('a retention that is not hours or days fails', () => {
    expect(() => build({ namespaceRetention: '3 days' })).toThrow(
      'Temporal namespaceRetention "3 days" is not a duration; use hours or days such as 72h or 7d.',
    );
  });

  test('an invalid Fargate size fails with the valid memory values', () => {
    expect(() => build({ memory: 512 })).toThrow('Service "temporal": memory 512 MiB does not fit cpu 512 on Fargate; with cpu 512 use 1024, 2048, 3072, 4096.');
  });
});
