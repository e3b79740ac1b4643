import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktn/provider-aws/lib/service-discovery-private-dns-namespace';
import { ITerraformDependable, TerraformCount, Token } from 'cdktn';
import { Construct } from 'constructs';
import { EcsService, ServicePlacement } from '../ecs-service';
import {
  DYNAMIC_CONFIG_FILE,
  FRONTEND_PORT,
  INTERNAL_PORTS,
  SERVER_COMMAND,
  SERVER_HEALTH_CHECK,
  TEMPORAL_ADMIN_TOOLS_IMAGE,
  TEMPORAL_SERVER_IMAGE,
  namespaceCommand,
  schemaCommand,
} from './containers';

export * from './containers';

/** The services one `temporal-server` process runs, each with its own database pools. */
export const TEMPORAL_SERVICES = 4;

export interface TemporalProps extends ServicePlacement {
  readonly serviceDiscoveryNamespace: ServiceDiscoveryPrivateDnsNamespace;
  /** The RDS address (host name, no port). */
  readonly dbHost: string;
  /** @default 5432 */
  readonly dbPort?: number;
  /** JSON secret with `username` and `password` of a user allowed to create databases. */
  readonly dbCredentials: SecretsmanagerSecret;
  /** @default TEMPORAL_SERVER_IMAGE (temporalio/server, pinned) */
  readonly serverImage?: string;
  /** Same release as the server: its schemas are the ones the server expects. @default TEMPORAL_ADMIN_TOOLS_IMAGE */
  readonly adminToolsImage?: string;
  /** @default 512 */
  readonly cpu?: number;
  /** @default 1024 */
  readonly memory?: number;
  /**
   * History shards. Fixed forever at the first start: Temporal cannot change
   * it on an existing database. 128 leaves room for several history hosts
   * without loading a db.t4g.micro with idle shard work.
   * @default 128
   */
  readonly numHistoryShards?: number;
  /**
   * Connections per Temporal service (frontend, history, matching, worker:
   * four pools in the one process) to the main database; visibility gets
   * `sqlVisibilityMaxConnections` more. 4 x (5 + 2) = 28 leaves most of a
   * db.t4g.micro's ~80 connections to the API and worker.
   * @default 5
   */
  readonly sqlMaxConnections?: number;
  /** @default 2 */
  readonly sqlVisibilityMaxConnections?: number;
  /** Namespace registered once the server is healthy; the API and worker use it. @default default */
  readonly namespace?: string;
  /** How long closed workflows are kept in that namespace. @default 72h */
  readonly namespaceRetention?: string;
  /** Dynamic config YAML (Temporal's runtime settings). @default - none: Temporal's defaults */
  readonly dynamicConfig?: string;
  /** @default 1 */
  readonly desiredCount?: number;
  /** X86_64 or ARM64: temporalio/server and temporalio/admin-tools are published for both. @default X86_64 */
  readonly cpuArchitecture?: string;
  /** `count` of every Temporal resource (0 when the release line runs without Temporal). @default - always present */
  readonly count?: TerraformCount;
  /** Resources the service is created after, e.g. the execution role's policies and the secret's value. @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Spec module 9, rebuilt so that it starts: `temporalio/server` (the spec's
 * auto-setup image is deprecated and rejects `DB=postgresql`) as the essential
 * container, after a `temporalio/admin-tools` container that creates and
 * upgrades both databases' schemas, and a second admin-tools container that
 * registers the `default` namespace once the server is healthy. Reached at
 * `temporal.everruns.local:7233` through Cloud Map.
 */
export class Temporal extends Construct {
  public readonly service: EcsService;
  /** `temporal.{namespace}:7233`, for TEMPORAL_ADDRESS. */
  public readonly address: string;
  public readonly namespace: string;
  /**
   * Connections the server can open to PostgreSQL: its four services (frontend, history,
   * matching, worker) each hold a main pool and a visibility pool.
   */
  public readonly databaseConnections: number;

  constructor(scope: Construct, id: string, props: TemporalProps) {
    super(scope, id);
    const shards = props.numHistoryShards ?? 128;
    const maxConns = props.sqlMaxConnections ?? 5;
    const visMaxConns = props.sqlVisibilityMaxConnections ?? 2;
    for (const [name, value, max] of [
      ['numHistoryShards', shards, 16384],
      ['sqlMaxConnections', maxConns, 100],
      ['sqlVisibilityMaxConnections', visMaxConns, 100],
    ] as const) {
      if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1 || value > max)) {
        throw new Error(`Temporal ${name} ${value} is not valid; use a whole number from 1 to ${max}.`);
      }
    }
    this.databaseConnections = TEMPORAL_SERVICES * (maxConns + visMaxConns);
    this.namespace = props.namespace ?? 'default';
    if (!/^[a-z0-9][a-z0-9._-]{0,254}$/i.test(this.namespace)) {
      throw new Error(`Temporal namespace "${this.namespace}" is not a namespace name; use letters, digits, ".", "_" and "-".`);
    }
    const retention = props.namespaceRetention ?? '72h';
    if (!/^[0-9]+[hd]$/.test(retention)) {
      throw new Error(`Temporal namespaceRetention "${retention}" is not a duration; use hours or days such as 72h or 7d.`);
    }
    const dbPort = String(props.dbPort ?? 5432);
    const databases = { main: 'temporal', visibility: 'temporal_visibility' };
    const adminTools = props.adminToolsImage ?? TEMPORAL_ADMIN_TOOLS_IMAGE;
    const credentials = (user: string, password: string) => ({
      [user]: { secret: props.dbCredentials, jsonKey: 'username' },
      [password]: { secret: props.dbCredentials, jsonKey: 'password' },
    });

    this.service = new EcsService(this, 'service', {
      environment: props.environment,
      serviceName: 'temporal',
      cluster: props.cluster,
      executionRole: props.executionRole,
      taskRole: props.taskRole,
      logGroup: props.logGroup,
      region: props.region,
      subnets: props.subnets,
      securityGroups: props.securityGroups,
      cpu: props.cpu ?? 512,
      memory: props.memory ?? 1024,
      port: FRONTEND_PORT,
      desiredCount: props.desiredCount ?? 1,
      cpuArchitecture: props.cpuArchitecture,
      // A generous start period: history loads every shard before the frontend answers.
      healthCheck: { command: SERVER_HEALTH_CHECK, interval: 15, timeout: 5, retries: 4, startPeriod: 120 },
      containers: {
        image: props.serverImage ?? TEMPORAL_SERVER_IMAGE,
        additionalPorts: INTERNAL_PORTS,
        entryPoint: ['/bin/sh', '-c'],
        command: [SERVER_COMMAND],
        environmentVariables: {
          // postgres12 is the driver name since Temporal 1.19; the spec's "postgresql" exits at start.
          DB: 'postgres12',
          DB_PORT: dbPort,
          POSTGRES_SEEDS: props.dbHost,
          DBNAME: databases.main,
          VISIBILITY_DBNAME: databases.visibility,
          // RDS PostgreSQL 15+ refuses unencrypted connections; without host verification this is sslmode=require.
          SQL_TLS_ENABLED: 'true',
          SQL_HOST_VERIFICATION: 'false',
          SQL_MAX_CONNS: String(maxConns),
          SQL_MAX_IDLE_CONNS: String(maxConns),
          SQL_VIS_MAX_CONNS: String(visMaxConns),
          SQL_VIS_MAX_IDLE_CONNS: String(visMaxConns),
          NUM_HISTORY_SHARDS: String(shards),
          // Listen on every interface (health check on 127.0.0.1, clients on the task IP); the
          // entrypoint then sets TEMPORAL_BROADCAST_ADDRESS to the task's IP.
          BIND_ON_IP: '0.0.0.0',
          DYNAMIC_CONFIG_FILE_PATH: DYNAMIC_CONFIG_FILE,
          TEMPORAL_DYNAMIC_CONFIG: props.dynamicConfig ?? '# Temporal defaults',
          // No authorizer: the frontend is reachable only from the ECS security group.
          TEMPORAL_ALLOW_NO_AUTH: 'true',
          LOG_LEVEL: 'info',
        },
        secrets: credentials('POSTGRES_USER', 'POSTGRES_PWD'),
        containerDependsOn: [{ containerName: 'temporal-schema', condition: 'SUCCESS' }],
        sidecars: [
          {
            name: 'temporal-schema',
            image: adminTools,
            essential: false,
            entryPoint: ['/bin/sh', '-c'],
            command: [schemaCommand(databases)],
            environment: {
              SQL_PLUGIN: 'postgres12',
              SQL_HOST: props.dbHost,
              SQL_PORT: dbPort,
              SQL_TLS: 'true',
              SQL_TLS_DISABLE_HOST_VERIFICATION: 'true',
            },
            secrets: credentials('SQL_USER', 'SQL_PASSWORD'),
          },
          {
            name: 'temporal-namespace',
            image: adminTools,
            essential: false,
            entryPoint: ['/bin/sh', '-c'],
            command: [namespaceCommand(this.namespace, retention)],
            dependsOn: [{ containerName: 'temporal', condition: 'HEALTHY' }],
          },
        ],
      },
      serviceDiscoveryNamespace: props.serviceDiscoveryNamespace,
      serviceDiscoveryName: 'temporal',
      // One node owns all shards: stop the old task before starting the new one, so two servers
      // never run (and never hold 2 x 28 database connections) at once.
      deploymentMinimumHealthyPercent: 0,
      deploymentMaximumPercent: 100,
      dependsOn: props.dependsOn,
      // The API and worker exit at start when Temporal does not answer: apply waits for it first.
      waitForSteadyState: true,
      // Addresses read temporal_service, temporal_task_definition, temporal_service_discovery.
      flattenAddresses: true,
      count: props.count,
    });
    this.address = `${this.service.discoveryName}:${FRONTEND_PORT}`;
  }
}
