import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktn/provider-aws/lib/cloudwatch-metric-alarm';
import { DbInstance } from '@cdktn/provider-aws/lib/db-instance';
import { EcsCluster } from '@cdktn/provider-aws/lib/ecs-cluster';
import { Lb } from '@cdktn/provider-aws/lib/lb';
import { NatGateway } from '@cdktn/provider-aws/lib/nat-gateway';
import { Fn, IResolvable, Op, TerraformCount, Token } from 'cdktn';
import { Construct } from 'constructs';
import type { MonitoredService, MonitoredTargetGroup } from './index';

/** Alarm thresholds; each may be a Terraform expression (an attribute of an object variable). */
export interface AlarmThresholds {
  /** % of the ALB's requests it answered with its own 5xx (no healthy target, timeouts), per 5 minutes. */
  readonly albErrorRatePercent: number;
  /** % of a target group's requests its targets answered with 5xx, per 5 minutes. */
  readonly targetErrorRatePercent: number;
  /** Requests per 5 minutes below which the error rates are not evaluated (a few errors on an idle site). */
  readonly minimumRequests: number;
  /** Average database CPU %, 15 minutes long. */
  readonly databaseCpuPercent: number;
  /** CPU credits left on a burstable instance (db.t4g.micro earns 12 an hour, holds at most 288). */
  readonly databaseCpuCreditBalance: number;
  /** Free storage in GiB (storage autoscaling grows the volume at 10% free, up to its maximum). */
  readonly databaseFreeStorageGib: number;
  /** Freeable memory in MiB. */
  readonly databaseFreeableMemoryMib: number;
  /** Open connections, % of the instance's max_connections. */
  readonly databaseConnectionsPercent: number;
  /** Packets the NAT gateway dropped per 5 minutes. */
  readonly natPacketsDropped: number;
}

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  albErrorRatePercent: 5,
  targetErrorRatePercent: 5,
  minimumRequests: 50,
  databaseCpuPercent: 80,
  databaseCpuCreditBalance: 20,
  databaseFreeStorageGib: 2,
  databaseFreeableMemoryMib: 64,
  databaseConnectionsPercent: 80,
  natPacketsDropped: 100,
};

export interface AlarmsProps {
  readonly name: string;
  readonly enabled: boolean;
  readonly topicArn: string;
  readonly thresholds: AlarmThresholds;
  readonly loadBalancer: Lb;
  readonly targetGroups: readonly MonitoredTargetGroup[];
  readonly cluster: EcsCluster;
  readonly services: readonly MonitoredService[];
  readonly database: DbInstance;
  readonly databaseMaxConnections: number;
  readonly databaseBurstable: boolean;
  readonly natGateway: NatGateway;
}

const FIVE_MINUTES = 300;
const MINUTE = 60;
const GIB = 1024 * 1024 * 1024;
const MIB = 1024 * 1024;

/**
 * The metric alarms. `treat_missing_data` per alarm, and why:
 * - ALB/target 5xx rates, NAT errors: `notBreaching`. These metrics are only
 *   published when something happened (no requests, no 5xx, no traffic); no
 *   data is the good case.
 * - UnHealthyHostCount: `notBreaching`; ELB publishes it every minute while the
 *   target group is in use, a gap is not a failure (the running-tasks alarms
 *   catch a service that is gone).
 * - ECS no running tasks, HealthyHostCount below desired: `breaching`. AWS/ECS
 *   publishes a service's metrics only while it has RUNNING tasks: missing
 *   data is exactly the outage to report.
 * - RDS: `notBreaching`. RDS publishes every minute while the instance runs; a
 *   gap means it is stopped, rebooting or failing over, which the RDS event
 *   subscription reports once, instead of five alarms at the same time.
 */
export class Alarms extends Construct {
  public readonly all: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const gate = (condition: boolean | IResolvable) => TerraformCount.of(Token.asNumber(Fn.conditional(condition, 1, 0)));
    const count = gate(props.enabled);
    const alarm = (alarmId: string, config: Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions'>, when = count) => {
      const created = new CloudwatchMetricAlarm(this, alarmId, {
        alarmName: `${props.name}-${alarmId}`,
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
        count: when,
        ...config,
      });
      this.all.push(created);
      return created;
    };
    const lb = { LoadBalancer: props.loadBalancer.arnSuffix };
    // 5xx as a share of requests: a rate does not page for 3 errors in 10 requests at night, or
    // stay quiet for 300 in 100 000. Below the minimum request count the expression is 0.
    const errorRate = (alarmId: string, description: string, errors: string, dimensions: Record<string, string>, threshold: number) =>
      alarm(alarmId, {
        alarmDescription: description,
        comparisonOperator: 'GreaterThanThreshold',
        threshold,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        metricQuery: [
          {
            id: 'rate',
            label: `${errors} per 100 requests`,
            expression: `IF(requests >= ${t.minimumRequests}, 100 * FILL(errors, 0) / requests, 0)`,
            returnData: true,
          },
          { id: 'errors', metric: { namespace: 'AWS/ApplicationELB', metricName: errors, dimensions, period: FIVE_MINUTES, stat: 'Sum' } },
          { id: 'requests', metric: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions, period: FIVE_MINUTES, stat: 'Sum' } },
        ],
      });

    errorRate('alb-5xx-rate', 'The load balancer answered more than the threshold % of requests with its own 5xx (502/503/504: no healthy target, target timeouts or resets), 10 minutes long', 'HTTPCode_ELB_5XX_Count', lb, t.albErrorRatePercent);
    for (const { id: group, targetGroup } of props.targetGroups) {
      const dimensions = { ...lb, TargetGroup: targetGroup.arnSuffix };
      errorRate(`${group}-5xx-rate`, `Targets of ${group} answered more than the threshold % of requests with 5xx, 10 minutes long`, 'HTTPCode_Target_5XX_Count', dimensions, t.targetErrorRatePercent);
      alarm(`${group}-unhealthy-hosts`, {
        alarmDescription: `A target of ${group} failed its health checks for 5 minutes (a new task failing to start, or a task that stopped answering)`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions,
        statistic: 'Maximum',
        period: MINUTE,
        evaluationPeriods: 5,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treatMissingData: 'notBreaching',
      });
    }

    for (const service of props.services) {
      const present = service.present ?? true;
      const gated = gate(Op.and(Op.and(props.enabled, present), Op.gte(service.desiredCount, 1)));
      // Without Container Insights there is no RunningTaskCount: AWS/ECS publishes CPUUtilization per
      // service only while at least one task is RUNNING, so its SampleCount missing (or 0) means none is.
      alarm(
        `${service.id}-no-running-tasks`,
        {
          alarmDescription: `ECS service ${service.serviceName} has had no running task for 5 minutes`,
          namespace: 'AWS/ECS',
          metricName: 'CPUUtilization',
          dimensions: { ClusterName: props.cluster.name, ServiceName: service.serviceName },
          statistic: 'SampleCount',
          period: MINUTE,
          evaluationPeriods: 5,
          comparisonOperator: 'LessThanThreshold',
          threshold: 1,
          treatMissingData: 'breaching',
        },
        gated,
      );
      if (service.targetGroup) {
        // Fewer healthy targets than desired tasks: the part of "running below desired" a load balancer sees.
        alarm(
          `${service.id}-below-desired`,
          {
            alarmDescription: `Fewer healthy targets than the ${service.serviceName} tasks desired, 10 minutes long`,
            namespace: 'AWS/ApplicationELB',
            metricName: 'HealthyHostCount',
            dimensions: { ...lb, TargetGroup: service.targetGroup.arnSuffix },
            statistic: 'Minimum',
            period: MINUTE,
            evaluationPeriods: 10,
            comparisonOperator: 'LessThanThreshold',
            threshold: service.desiredCount,
            treatMissingData: 'breaching',
          },
          gated,
        );
      }
    }

    const db = { DBInstanceIdentifier: props.database.identifier };
    const rds = (alarmId: string, description: string, metricName: string, statistic: string, comparisonOperator: string, threshold: number, periods = 3, when = count) =>
      alarm(
        alarmId,
        {
          alarmDescription: description,
          namespace: 'AWS/RDS',
          metricName,
          dimensions: db,
          statistic,
          period: FIVE_MINUTES,
          evaluationPeriods: periods,
          comparisonOperator,
          threshold,
          treatMissingData: 'notBreaching',
        },
        when,
      );
    rds('db-cpu', 'Database CPU above the threshold for 15 minutes', 'CPUUtilization', 'Average', 'GreaterThanThreshold', t.databaseCpuPercent);
    rds(
      'db-cpu-credits',
      'The burstable database is running out of CPU credits; at 0 it is throttled to its baseline (db.t4g.micro: 10% of 2 vCPUs)',
      'CPUCreditBalance',
      'Minimum',
      'LessThanThreshold',
      t.databaseCpuCreditBalance,
      3,
      gate(Op.and(props.enabled, props.databaseBurstable)),
    );
    rds('db-free-storage', 'Database free storage below the threshold', 'FreeStorageSpace', 'Minimum', 'LessThanThreshold', Token.asNumber(Op.mul(t.databaseFreeStorageGib, GIB)), 1);
    rds('db-freeable-memory', 'Database freeable memory below the threshold for 15 minutes', 'FreeableMemory', 'Minimum', 'LessThanThreshold', Token.asNumber(Op.mul(t.databaseFreeableMemoryMib, MIB)));
    rds(
      'db-connections',
      'Open database connections above the threshold % of max_connections for 10 minutes; new connections will soon be refused',
      'DatabaseConnections',
      'Maximum',
      'GreaterThanThreshold',
      Token.asNumber(Fn.floor(Token.asNumber(Op.div(Op.mul(props.databaseMaxConnections, t.databaseConnectionsPercent), 100)))),
      2,
    );

    const nat = { NatGatewayId: props.natGateway.id };
    alarm('nat-port-allocation', {
      alarmDescription: 'The NAT gateway could not allocate a source port: connections from the private subnets to the internet fail',
      namespace: 'AWS/NATGateway',
      metricName: 'ErrorPortAllocation',
      dimensions: nat,
      statistic: 'Sum',
      period: FIVE_MINUTES,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      treatMissingData: 'notBreaching',
    });
    alarm('nat-packets-dropped', {
      alarmDescription: 'The NAT gateway dropped more packets than the threshold in 5 minutes',
      namespace: 'AWS/NATGateway',
      metricName: 'PacketsDropCount',
      dimensions: nat,
      statistic: 'Sum',
      period: FIVE_MINUTES,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: t.natPacketsDropped,
      treatMissingData: 'notBreaching',
    });
  }
}
