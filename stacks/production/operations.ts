import { Fn, Op, ref, TerraformLocal, TerraformOutput, Token } from 'cdktn';
import { linesWhere, ReleaseLine } from '../../application/lines';
import { WORKER_DEPLOYMENT } from '../../application/services';
import { addressOf } from '../../lib/addresses';
import { onceString } from '../../lib/once';
import { EcsExec } from '../../modules/ecs-exec';
import { DB_MAX_CONNECTIONS } from '../../modules/database/classes';
import { Monitoring } from '../../modules/monitoring';
import { alarmVariables } from './inputs/operations';
import type { ProductionStack } from './stack';

/** superuser_reserved_connections (PostgreSQL's default 3): not usable by the application. */
export const RESERVED_CONNECTIONS = 3;
/** sqlx's PgPoolOptions default max_connections, per API, worker, control-plane and admin process. */
export const SQLX_POOL_SIZE = 10;
/** deployment_maximum_percent of the API service (test/stacks/operations.test.ts reads the synthesized value). */
export const APP_DEPLOYMENT_MAXIMUM_PERCENT = 200;
/** Admin tasks (migrate-info, migrate, reencrypt) an operator may run next to the services. */
export const ADMIN_TASKS = 1;

export interface OperationsInputs {
  readonly names: { readonly namePrefix: string; readonly environment: string };
  /** The release lines: which run a Temporal server, and whose workers hold database connections. */
  readonly lines: Readonly<Record<string, ReleaseLine>>;
  readonly desiredCount: { readonly api: number; readonly worker: number; readonly ui: number };
}

/**
 * Operations of the production stack: alarms and events, ECS Exec, the
 * connection budget (a plan-time precondition) and the rolled-back-deployment
 * checks. The last step of the stack: it watches what the others built.
 */
export function productionOperations(stack: ProductionStack, inputs: OperationsInputs): Monitoring {
  const vars = alarmVariables(stack);
  const db = stack.database.instance;
  const { lines } = inputs;

  new EcsExec(stack, 'ecs-exec', {
    enabled: vars.enableExecuteCommand.booleanValue,
    cluster: stack.ecsCluster.cluster,
    taskRole: stack.ecsCluster.taskRole,
    logGroup: stack.ecsCluster.logGroup,
    services: [stack.api.service, stack.worker.service, stack.ui.service, stack.temporal.service.service],
  });

  // The connection budget. The API and the worker roll out at the same time; the worker without a surge.
  const maxConnections = new TerraformLocal(stack, 'db_max_connections', DB_MAX_CONNECTIONS);
  const classMax = Token.asNumber(Fn.lookup(maxConnections.asAnyMap, db.instanceClass, 0));
  const { api, worker } = inputs.desiredCount;
  // The tasks a rolling deploy starts beside the running ones (none for a service that never exceeds its count).
  const surge = (count: number, maximumPercent: number): number[] =>
    maximumPercent > 100 ? [Token.asNumber(Fn.floor(Token.asNumber(Op.div(Op.mul(count, maximumPercent - 100), 100))))] : [];
  const sum = (terms: number[]) => terms.reduce((total, term) => Token.asNumber(Op.add(total, term)));
  // Per line: the API's and (where its workers hold database credentials) the workers' pools, the API's
  // surge, an admin task, and the Temporal server's own pools where it runs.
  const peakOf = (line: ReleaseLine) => {
    const pooled = line.flows.some((flow) => flow.from === 'worker' && flow.to === 'rds');
    const apiTasks = [api, ...surge(api, APP_DEPLOYMENT_MAXIMUM_PERCENT)];
    const tasks = sum(pooled ? [...apiTasks, worker, ...surge(worker, WORKER_DEPLOYMENT.maximumPercent), ADMIN_TASKS] : [...apiTasks, ADMIN_TASKS]);
    const processes = Op.mul(tasks, SQLX_POOL_SIZE);
    return onceString(line.temporalServer ? Op.add(processes, stack.temporal.databaseConnections) : processes);
  };
  const peak = new TerraformLocal(stack, 'db_connections_peak', Token.asNumber(stack.line.pick(Object.fromEntries(Object.entries(lines).map(([key, line]) => [key, peakOf(line)]))))).asNumber;
  const budget = Token.asNumber(Op.sub(classMax, RESERVED_CONNECTIONS));
  const service = stack.api.service;
  service.lifecycle = {
    ...(service.lifecycle ?? {}),
    precondition: [
      ...(service.lifecycle?.precondition ?? []),
      {
        condition: Op.and(Op.gte(classMax, 1), Op.lte(peak, budget)),
        errorMessage:
          `The database connection budget is exceeded: the tasks can open up to ${peak} connections ` +
          `(${SQLX_POOL_SIZE} per API, worker and admin process, the API's rolling deploy at ${APP_DEPLOYMENT_MAXIMUM_PERCENT}%, ` +
          `and Temporal's pools) but ${db.instanceClass} allows ${budget} (max_connections minus ${RESERVED_CONNECTIONS} reserved; ` +
          '0 means the class is not in the table of stacks/operations.ts). Lower api_desired_count or worker_desired_count, ' +
          'or use a larger instance class (docs/operations-alarms.md, "Connection budget").',
      },
    ],
  };

  const monitoring = new Monitoring(stack, 'monitoring', {
    name: `${inputs.names.namePrefix}-${inputs.names.environment}`,
    enabled: vars.alarmsEnabled.booleanValue as unknown as boolean,
    email: vars.alarmEmail.stringValue,
    thresholds: vars.thresholds,
    loadBalancer: stack.alb.loadBalancer,
    targetGroups: [
      { id: 'api', targetGroup: stack.alb.apiTargetGroup },
      { id: 'ui', targetGroup: stack.alb.uiTargetGroup },
    ],
    cluster: stack.ecsCluster.cluster,
    clusterName: `${inputs.names.namePrefix}-${inputs.names.environment}`,
    services: [
      { id: 'api', serviceName: stack.api.serviceName, desiredCount: api, targetGroup: stack.alb.apiTargetGroup },
      { id: 'worker', serviceName: stack.worker.serviceName, desiredCount: worker },
      { id: 'ui', serviceName: stack.ui.serviceName, desiredCount: inputs.desiredCount.ui, targetGroup: stack.alb.uiTargetGroup },
      // Temporal's desired count is fixed at 1; the service exists in the Temporal line only.
      {
        id: 'temporal',
        serviceName: stack.temporal.service.serviceName,
        desiredCount: 1,
        present: stack.line.isOneOf(linesWhere(lines, (line) => line.temporalServer)) as unknown as boolean,
      },
    ],
    database: db,
    databaseMaxConnections: classMax,
    databaseBurstable: Fn.startswith(db.instanceClass, 'db.t') as unknown as boolean,
    natGateway: stack.networking.natGateway,
    certificateArn: stack.acm.certificateArn,
  });
  new TerraformOutput(stack, 'alarm_topic_arn', {
    description: 'ARN of the SNS topic alarms and events go to (null with alarms_enabled = false); subscribe more endpoints to it',
    value: monitoring.topicArn,
  });

  // A deployment the circuit breaker rolled back leaves the service steady on the previous task
  // definition, and apply succeeds. At the end of apply, each check reads the service and warns by name.
  for (const [id, svc] of [['api', stack.api], ['worker', stack.worker], ['ui', stack.ui]] as const) {
    const current = `${id}_service_current`;
    // A scoped data source has no construct: its address is written out.
    const running = Token.asString(ref(`data.aws_ecs_service.${current}.task_definition`));
    stack.addOverride(`check.${id}_deployment_not_rolled_back`, {
      data: {
        aws_ecs_service: {
          [current]: {
            cluster_arn: stack.ecsCluster.cluster.arn,
            service_name: svc.service.name,
            depends_on: [addressOf(svc.service)],
          },
        },
      },
      assert: [
        {
          condition: Op.eq(running, svc.taskDefinition.arn),
          error_message:
            `ECS service ${svc.serviceName} runs ${running}, not the task definition this apply ` +
            'registered: its deployment failed and the circuit breaker rolled it back. See docs/runbooks.md, "A rolled-back deployment".',
        },
      ],
    });
  }
  return monitoring;
}
