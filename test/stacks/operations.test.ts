import { WORKER_DEPLOYMENT } from '../../application/services';
import { DB_MAX_CONNECTIONS } from '../../modules/database/classes';
import { APP_DEPLOYMENT_MAXIMUM_PERCENT, SQLX_POOL_SIZE } from '../../stacks/production/operations';
import { resource } from '../helpers';
import { production } from '../modules/module-stack';

const { json } = production();

describe('operations: the connection budget', () => {
  test('the budget assumes the deployment percents the API and worker services really get', () => {
    expect(resource(json, 'aws_ecs_service', 'api_service').deployment_maximum_percent).toBe(APP_DEPLOYMENT_MAXIMUM_PERCENT);
    const worker = resource(json, 'aws_ecs_service', 'worker_service');
    expect([worker.deployment_minimum_healthy_percent, worker.deployment_maximum_percent]).toEqual([
      WORKER_DEPLOYMENT.minimumHealthyPercent,
      WORKER_DEPLOYMENT.maximumPercent,
    ]);
  });

  test('the worker rolls stop first, with no surge: it rolls beside the API, whose surge the budget counts', () => {
    expect(WORKER_DEPLOYMENT).toEqual({ minimumHealthyPercent: 0, maximumPercent: 100 });
  });

  test("max_connections from RDS's formula: db.t4g.micro 112, db.t4g.small 225", () => {
    expect(DB_MAX_CONNECTIONS['db.t4g.micro']).toBe(112);
    expect(DB_MAX_CONNECTIONS['db.t4g.small']).toBe(225);
    expect(json.locals.db_max_connections).toEqual(DB_MAX_CONNECTIONS);
  });

  test('a precondition on the API service compares the peak with the class allowance, per release line', () => {
    expect(SQLX_POOL_SIZE).toBe(10);
    expect(json.locals.db_connections_peak).toBe(
      '${{"temporal" = (((((var.api_desired_count + floor(((var.api_desired_count * 100) / 100))) + var.worker_desired_count) + 1) * 10) + 28), ' +
        '"control-plane" = (((var.api_desired_count + floor(((var.api_desired_count * 100) / 100))) + 1) * 10)}[var.everruns_architecture]}',
    );
    const [precondition] = resource(json, 'aws_ecs_service', 'api_service').lifecycle.precondition;
    expect(precondition.condition).toBe(
      '${((local.db_max_connections[aws_db_instance.database_main.instance_class] >= 1) && (local.db_connections_peak <= (local.db_max_connections[aws_db_instance.database_main.instance_class] - 3)))}',
    );
    expect(precondition.error_message).toContain('Lower api_desired_count or worker_desired_count, or use a larger instance class');
  });
});

describe('operations: operator inputs', () => {
  test('ECS Exec: every service takes the flag, the task role gets the SSM channels only when on, sessions log to the cluster group', () => {
    for (const service of ['api_service', 'worker_service', 'ui_service', 'temporal_service']) {
      expect(resource(json, 'aws_ecs_service', service).enable_execute_command).toBe('${var.enable_execute_command}');
    }
    expect(resource(json, 'aws_iam_role_policy', 'ecs_exec_policy')).toMatchObject({ role: '${aws_iam_role.ecs_cluster_ecs_task.id}', count: '${var.enable_execute_command ? 1 : 0}' });
    expect(json.data.aws_iam_policy_document.ecs_exec_policy_document.statement[0].actions).toEqual([
      'ssmmessages:CreateControlChannel',
      'ssmmessages:CreateDataChannel',
      'ssmmessages:OpenControlChannel',
      'ssmmessages:OpenDataChannel',
    ]);
    expect(resource(json, 'aws_ecs_cluster', 'ecs_cluster_main').configuration.execute_command_configuration).toEqual({
      logging: 'OVERRIDE',
      log_configuration: { cloud_watch_log_group_name: '${aws_cloudwatch_log_group.ecs_cluster_ecs.name}' },
    });
  });

  test('the database: Multi-AZ off, Performance Insights on, the windows as validated inputs', () => {
    expect(resource(json, 'aws_db_instance', 'database_main')).toMatchObject({
      multi_az: '${var.db_multi_az}',
      performance_insights_enabled: '${var.db_performance_insights_enabled}',
      backup_window: '${var.db_backup_window}',
      maintenance_window: '${var.db_maintenance_window}',
    });
    expect(json.variable.db_multi_az.default).toBe(false);
    expect(json.variable.db_performance_insights_enabled.default).toBe(true);
    expect(json.variable.db_maintenance_window.validation).toHaveLength(1);
  });

  test('a check per service warns when the running task definition is not the one applied', () => {
    for (const id of ['api', 'worker', 'ui']) {
      const check = json.check[`${id}_deployment_not_rolled_back`];
      expect(check.data.aws_ecs_service[`${id}_service_current`].depends_on).toEqual([`aws_ecs_service.${id}_service`]);
      expect(check.assert[0].condition).toBe(`\${(data.aws_ecs_service.${id}_service_current.task_definition == aws_ecs_task_definition.${id}_task_definition.arn)}`);
    }
    expect(Object.keys(json.check).sort()).toEqual(['api_deployment_not_rolled_back', 'ui_deployment_not_rolled_back', 'worker_deployment_not_rolled_back']);
  });
});
