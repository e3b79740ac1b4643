import { CloudwatchEventRule } from '@cdktn/provider-aws/lib/cloudwatch-event-rule';
import { DbEventSubscription } from '@cdktn/provider-aws/lib/db-event-subscription';
import { SnsTopic } from '@cdktn/provider-aws/lib/sns-topic';
import { resource } from '../helpers';
import { production } from './module-stack';

const { text, json } = production();
const alarm = (name: string) => resource(json, 'aws_cloudwatch_metric_alarm', `monitoring_alarm_${name}`);
const ENABLED = '${var.alarms_enabled ? 1 : 0}';
const LB = '${aws_lb.alb_main.arn_suffix}';
const TG = (group: string) => `\${aws_lb_target_group.alb_${group}_target_group.arn_suffix}`;
const DB = { DBInstanceIdentifier: '${aws_db_instance.database_main.identifier}' };
const NAT = { NatGatewayId: '${aws_nat_gateway.networking_nat_gateway.id}' };
const T = (name: string) => `\${var.alarm_thresholds.${name}}`;

describe('monitoring: the topic', () => {
  test('one topic {name_prefix}-{environment}-alarms, encrypted with its KMS key, only with alarms_enabled', () => {
    expect(text).toHaveResourceWithProperties(SnsTopic, {
      name: '${var.name_prefix}-${var.environment}-alarms',
      kms_master_key_id: '${one(aws_kms_key.monitoring_key[*].arn)}',
      count: ENABLED,
    });
    expect(resource(json, 'aws_kms_key', 'monitoring_key').enable_key_rotation).toBe(true);
  });

  test('CloudWatch, EventBridge and RDS may publish to the topic and use the key', () => {
    const policy = json.data.aws_iam_policy_document.monitoring_topic_policy_document.statement[1];
    expect(policy.actions).toEqual(['sns:Publish']);
    expect(policy.principals[0].identifiers).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'events.rds.amazonaws.com']);
    const key = json.data.aws_iam_policy_document.monitoring_key_policy.statement[1];
    expect(key.principals[0].identifiers).toEqual(policy.principals[0].identifiers);
    expect(resource(json, 'aws_sns_topic_policy', 'monitoring_topic_policy').count).toBe(ENABLED);
  });

  test('the email subscription exists only with alarm_email set, and the ARN is an output', () => {
    const subscription = resource(json, 'aws_sns_topic_subscription', 'monitoring_email');
    expect(subscription).toMatchObject({ protocol: 'email', endpoint: '${var.alarm_email}', count: '${(var.alarms_enabled && (length(var.alarm_email) >= 1)) ? 1 : 0}' });
    expect(json.variable.alarm_email.default).toBe('');
    expect(json.variable.alarms_enabled.default).toBe(true);
    expect(json.output.alarm_topic_arn.value).toBe('${one(aws_sns_topic.monitoring_topic[*].arn)}');
  });
});

describe('monitoring: every alarm, its metric and threshold', () => {
  test.each([
    ['db_cpu', 'AWS/RDS', 'CPUUtilization', 'Average', DB, T('db_cpu_percent'), 'GreaterThanThreshold'],
    ['db_cpu_credits', 'AWS/RDS', 'CPUCreditBalance', 'Minimum', DB, T('db_cpu_credit_balance'), 'LessThanThreshold'],
    ['db_free_storage', 'AWS/RDS', 'FreeStorageSpace', 'Minimum', DB, `\${(var.alarm_thresholds.db_free_storage_gib * 1073741824)}`, 'LessThanThreshold'],
    ['db_freeable_memory', 'AWS/RDS', 'FreeableMemory', 'Minimum', DB, `\${(var.alarm_thresholds.db_freeable_memory_mib * 1048576)}`, 'LessThanThreshold'],
    ['db_connections', 'AWS/RDS', 'DatabaseConnections', 'Maximum', DB, '${floor(((local.db_max_connections[aws_db_instance.database_main.instance_class] * var.alarm_thresholds.db_connections_percent) / 100))}', 'GreaterThanThreshold'],
    ['nat_port_allocation', 'AWS/NATGateway', 'ErrorPortAllocation', 'Sum', NAT, 1, 'GreaterThanOrEqualToThreshold'],
    ['nat_packets_dropped', 'AWS/NATGateway', 'PacketsDropCount', 'Sum', NAT, T('nat_packets_dropped'), 'GreaterThanThreshold'],
    ['api_unhealthy_hosts', 'AWS/ApplicationELB', 'UnHealthyHostCount', 'Maximum', { LoadBalancer: LB, TargetGroup: TG('api') }, 1, 'GreaterThanOrEqualToThreshold'],
    ['ui_unhealthy_hosts', 'AWS/ApplicationELB', 'UnHealthyHostCount', 'Maximum', { LoadBalancer: LB, TargetGroup: TG('ui') }, 1, 'GreaterThanOrEqualToThreshold'],
    ['api_below_desired', 'AWS/ApplicationELB', 'HealthyHostCount', 'Minimum', { LoadBalancer: LB, TargetGroup: TG('api') }, '${var.api_desired_count}', 'LessThanThreshold'],
    ['ui_below_desired', 'AWS/ApplicationELB', 'HealthyHostCount', 'Minimum', { LoadBalancer: LB, TargetGroup: TG('ui') }, '${var.ui_desired_count}', 'LessThanThreshold'],
  ])('%s: %s %s %s', (name, namespace, metricName, statistic, dimensions, threshold, comparison) => {
    expect(alarm(name)).toMatchObject({
      namespace,
      metric_name: metricName,
      statistic,
      dimensions,
      threshold,
      comparison_operator: comparison,
      alarm_actions: ['${one(aws_sns_topic.monitoring_topic[*].arn)}'],
      alarm_name: `\${var.name_prefix}-\${var.environment}-${name.replace(/_/g, '-')}`,
    });
  });

  test.each([
    ['api', 'everruns-api', '${((var.alarms_enabled && true) && (var.api_desired_count >= 1)) ? 1 : 0}'],
    ['worker', 'everruns-worker', '${((var.alarms_enabled && true) && (var.worker_desired_count >= 1)) ? 1 : 0}'],
    ['ui', 'everruns-ui', '${((var.alarms_enabled && true) && (var.ui_desired_count >= 1)) ? 1 : 0}'],
    ['temporal', 'temporal', '${((var.alarms_enabled && contains(["temporal"], var.everruns_architecture)) && (1 >= 1)) ? 1 : 0}'],
  ])('%s: no running task, from AWS/ECS (no Container Insights needed), missing data breaching', (id, service, count) => {
    expect(alarm(`${id}_no_running_tasks`)).toMatchObject({
      namespace: 'AWS/ECS',
      metric_name: 'CPUUtilization',
      statistic: 'SampleCount',
      dimensions: { ClusterName: '${aws_ecs_cluster.ecs_cluster_main.name}', ServiceName: service },
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'breaching',
      count,
    });
  });

  test.each([
    ['alb_5xx_rate', 'HTTPCode_ELB_5XX_Count', { LoadBalancer: LB }, T('alb_5xx_rate_percent')],
    ['api_5xx_rate', 'HTTPCode_Target_5XX_Count', { LoadBalancer: LB, TargetGroup: TG('api') }, T('target_5xx_rate_percent')],
    ['ui_5xx_rate', 'HTTPCode_Target_5XX_Count', { LoadBalancer: LB, TargetGroup: TG('ui') }, T('target_5xx_rate_percent')],
  ])('%s: 5xx / RequestCount in %%, 0 below the minimum request count', (name, errors, dimensions, threshold) => {
    const a = alarm(name);
    expect(a.threshold).toBe(threshold);
    expect(a.treat_missing_data).toBe('notBreaching');
    expect(a.metric_query[0]).toMatchObject({ expression: `IF(requests >= ${T('min_requests')}, 100 * FILL(errors, 0) / requests, 0)`, return_data: true });
    expect(a.metric_query[1].metric).toMatchObject({ namespace: 'AWS/ApplicationELB', metric_name: errors, dimensions, stat: 'Sum', period: 300 });
    expect(a.metric_query[2].metric).toMatchObject({ namespace: 'AWS/ApplicationELB', metric_name: 'RequestCount', dimensions, stat: 'Sum', period: 300 });
  });

  test('every alarm is gated on alarms_enabled', () => {
    for (const a of Object.values(json.resource.aws_cloudwatch_metric_alarm) as Array<{ count: string }>) {
      expect(a.count).toMatch(/var\.alarms_enabled/);
    }
    expect(Object.keys(json.resource.aws_cloudwatch_metric_alarm)).toHaveLength(18);
  });
});

describe('monitoring: events', () => {
  const pattern = (name: string) => resource(json, 'aws_cloudwatch_event_rule', `monitoring_event_${name}`).event_pattern as string;

  test('failed and rolled-back deployments of this cluster', () => {
    expect(pattern('ecs_deployment_failed')).toContain('"detail-type" = ["ECS Deployment State Change"]');
    expect(pattern('ecs_deployment_failed')).toContain('SERVICE_DEPLOYMENT_FAILED');
    expect(pattern('ecs_deployment_failed')).toContain('service/${var.name_prefix}-${var.environment}/*');
  });

  test('tasks stopped on an image pull or registry credentials failure', () => {
    expect(pattern('ecs_image_pull_failed')).toContain('"stoppedReason" = [{"prefix" = "CannotPullContainerError"}, {"prefix" = "ResourceInitializationError"}]');
  });

  test('the certificate approaching expiration, and each rule sends to the topic', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchEventRule, { count: ENABLED });
    expect(pattern('certificate_expiring')).toContain('ACM Certificate Approaching Expiration');
    expect(resource(json, 'aws_cloudwatch_event_target', 'monitoring_event_certificate_expiring_target').arn).toBe('${one(aws_sns_topic.monitoring_topic[*].arn)}');
  });

  test('RDS events of the instance: failover, failure, low storage, maintenance', () => {
    expect(text).toHaveResourceWithProperties(DbEventSubscription, {
      source_type: 'db-instance',
      source_ids: ['${aws_db_instance.database_main.identifier}'],
      event_categories: ['availability', 'failover', 'failure', 'low storage', 'maintenance', 'recovery'],
      count: ENABLED,
    });
  });
});
