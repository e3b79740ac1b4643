import { Fn, Op, propertyAccess, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktn';
import { AlarmThresholds, DEFAULT_ALARM_THRESHOLDS } from '../../../modules/monitoring';
import { CONTAINER_INSIGHTS, LOG_RETENTION_DAYS } from '../../../modules/ecs-cluster';
import { daysVariable, matches } from '../../../lib/variables';

/** What an operator reads and hears: how long logs are kept, the optional request and flow logs, the alarms, ECS Exec. */

export function logRetentionDaysVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'log_retention_days', {
    type: 'number',
    description: 'Days CloudWatch keeps the ECS services and RDS logs (0 keeps them forever)',
    default: 30,
  });
  variable.addValidation({
    condition: Fn.contains([...LOG_RETENTION_DAYS], variable.numberValue),
    errorMessage: `The log_retention_days ${variable.stringValue} is not a CloudWatch Logs retention: use one of ${LOG_RETENTION_DAYS.join(', ')}.`,
  });
  return variable;
}

/** Container Insights on the cluster: off by default, its metrics are billed as custom metrics. */
export function containerInsightsVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'container_insights', {
    type: 'string',
    description:
      'Container Insights on the ECS cluster: enabled or disabled. Enabled costs about 29 USD a month on the temporal line and 23 USD on the control-plane line ' +
      '(11 metrics per cluster, 13 per service, 8 per task family at 0.30 USD, plus its performance logs; docs/cost.md); the free AWS/ECS CPU and memory metrics remain either way',
    default: 'disabled',
  });
  variable.addValidation({
    condition: Fn.contains([...CONTAINER_INSIGHTS], variable.stringValue),
    errorMessage: `The container_insights "${variable.stringValue}" is not valid: use ${CONTAINER_INSIGHTS.join(' or ')}.`,
  });
  return variable;
}

/** Optional request and flow logs: off by default, they cost money (README: what it costs). */
export function loggingVariables(stack: TerraformStack) {
  return {
    albAccessLogsEnabled: new TerraformVariable(stack, 'alb_access_logs_enabled', {
      type: 'bool',
      description: 'Write ALB request logs to a private S3 bucket ({name_prefix}-{environment}-alb-logs-{account id})',
      default: false,
    }),
    albAccessLogsRetentionDays: daysVariable(stack, 'alb_access_logs_retention_days', 'Days the ALB request logs are kept in S3', 90, 1, 3650),
    vpcFlowLogsEnabled: new TerraformVariable(stack, 'vpc_flow_logs_enabled', {
      type: 'bool',
      description: 'Record VPC flow logs (all traffic) in CloudWatch Logs, kept log_retention_days',
      default: false,
    }),
  };
}

/** Terraform attribute names of `alarm_thresholds`, and the construct's threshold each sets. */
export const ALARM_THRESHOLD_ATTRIBUTES: Readonly<Record<string, keyof AlarmThresholds>> = {
  alb_5xx_rate_percent: 'albErrorRatePercent',
  target_5xx_rate_percent: 'targetErrorRatePercent',
  min_requests: 'minimumRequests',
  db_cpu_percent: 'databaseCpuPercent',
  db_cpu_credit_balance: 'databaseCpuCreditBalance',
  db_free_storage_gib: 'databaseFreeStorageGib',
  db_freeable_memory_mib: 'databaseFreeableMemoryMib',
  db_connections_percent: 'databaseConnectionsPercent',
  nat_packets_dropped: 'natPacketsDropped',
};

// Two simple parts: RE2 with an email's full grammar is not worth it, SNS rejects what this lets through.
const EMAIL_PATTERN = '^[^@ ]+@[^@ ]+[.][^@ ]+$';

/** Alarms and where they go, and operator access to the containers (ECS Exec); docs/operations-alarms.md. */
export function alarmVariables(stack: TerraformStack) {
  const alarmsEnabled = new TerraformVariable(stack, 'alarms_enabled', {
    type: 'bool',
    description:
      'Create the SNS topic {name_prefix}-{environment}-alarms, the CloudWatch alarms, the EventBridge rules and the RDS event subscription (about 3.10 USD a month, docs/operations-alarms.md)',
    default: true,
  });
  const alarmEmail = new TerraformVariable(stack, 'alarm_email', {
    type: 'string',
    description: 'Email address subscribed to the alarm topic (SNS sends a confirmation mail first); empty: no subscription',
    default: '',
  });
  alarmEmail.addValidation({
    // A length, not `== ""`: cdktf renders an empty-string operand of Op as undefined.
    condition: Op.or(Op.lt(Fn.lengthOf(alarmEmail.stringValue), 1), matches(EMAIL_PATTERN, alarmEmail.stringValue)),
    errorMessage: `The alarm_email "${alarmEmail.stringValue}" is not an email address; give one such as ops@example.com, or "" for no subscription.`,
  });

  const attributes = Object.entries(ALARM_THRESHOLD_ATTRIBUTES);
  const alarmThresholds = new TerraformVariable(stack, 'alarm_thresholds', {
    type: `object({ ${attributes.map(([name, key]) => `${name} = optional(number, ${DEFAULT_ALARM_THRESHOLDS[key]})`).join(', ')} })`,
    description:
      'Alarm thresholds; set only the ones to change: ' +
      attributes.map(([name, key]) => `${name} (${DEFAULT_ALARM_THRESHOLDS[key]})`).join(', ') +
      '. Rates and shares in %, storage in GiB, memory in MiB, counts per 5 minutes',
    default: {},
  });
  const thresholds = Object.fromEntries(
    attributes.map(([name, key]) => [key, Token.asNumber(propertyAccess(alarmThresholds.value, [name]))]),
  ) as unknown as AlarmThresholds;
  // |x| >= x holds exactly for x >= 0 (a literal 0 operand of Op renders as undefined).
  const everyNonNegative = Fn.alltrue(
    Token.asList(TerraformIterator.fromMap(alarmThresholds.value).forExpressionForList(Op.gte(Fn.abs(Token.asNumber(ref('val'))), Token.asNumber(ref('val'))))),
  );
  alarmThresholds.addValidation({
    condition: Op.and(
      everyNonNegative,
      Op.lte(thresholds.databaseConnectionsPercent, 100),
    ),
    errorMessage: 'The alarm_thresholds are not valid: every threshold is a number from 0, and db_connections_percent is at most 100.',
  });

  const enableExecuteCommand = new TerraformVariable(stack, 'enable_execute_command', {
    type: 'bool',
    description:
      'Allow aws ecs execute-command into the api, worker, ui (and Temporal) containers; sessions are logged to the cluster log group. Takes effect for tasks started after the change',
    default: false,
  });
  return { alarmsEnabled, alarmEmail, alarmThresholds, thresholds, enableExecuteCommand };
}
