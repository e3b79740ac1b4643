import { Fn, Op, propertyAccess, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AlarmThresholds, DEFAULT_ALARM_THRESHOLDS } from '../modules/monitoring';
import { matches } from '../lib/variables';

/**
 * The operations inputs: alarms and where they go, operator access to the
 * containers (ECS Exec), and the database's availability and maintenance
 * settings. docs/operations-alarms.md describes the alarms and their cost.
 */

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

export interface OperationsVariables {
  readonly alarmsEnabled: TerraformVariable;
  readonly alarmEmail: TerraformVariable;
  readonly alarmThresholds: TerraformVariable;
  /** Each threshold as `var.alarm_thresholds.<attribute>`. */
  readonly thresholds: AlarmThresholds;
  readonly enableExecuteCommand: TerraformVariable;
  readonly dbMultiAz: TerraformVariable;
  readonly dbPerformanceInsights: TerraformVariable;
  readonly dbBackupWindow: TerraformVariable;
  readonly dbMaintenanceWindow: TerraformVariable;
}

const HOUR_MINUTE = '([01][0-9]|2[0-3]):[0-5][0-9]';
const DAY = '([Mm]on|[Tt]ue|[Ww]ed|[Tt]hu|[Ff]ri|[Ss]at|[Ss]un)';
export const BACKUP_WINDOW_PATTERN = `^${HOUR_MINUTE}-${HOUR_MINUTE}$`;
export const MAINTENANCE_WINDOW_PATTERN = `^${DAY}:${HOUR_MINUTE}-${DAY}:${HOUR_MINUTE}$`;
// Two simple parts: RE2 with an email's full grammar is not worth it, SNS rejects what this lets through.
const EMAIL_PATTERN = '^[^@ ]+@[^@ ]+[.][^@ ]+$';

export function operationsVariables(stack: TerraformStack): OperationsVariables {
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
  const dbMultiAz = new TerraformVariable(stack, 'db_multi_az', {
    type: 'bool',
    description: 'Run a standby RDS instance in the second availability zone (automatic failover; doubles the instance cost)',
    default: false,
  });
  const dbPerformanceInsights = new TerraformVariable(stack, 'db_performance_insights_enabled', {
    type: 'bool',
    description: 'Performance Insights with the free 7-day retention (Database Insights standard mode); RDS for PostgreSQL supports it on db.t4g.micro',
    default: true,
  });
  const dbBackupWindow = new TerraformVariable(stack, 'db_backup_window', {
    type: 'string',
    description: 'Daily automated backup window, UTC, hh24:mi-hh24:mi, at least 30 minutes, not overlapping db_maintenance_window',
    default: '03:00-04:00',
  });
  dbBackupWindow.addValidation({
    condition: matches(BACKUP_WINDOW_PATTERN, dbBackupWindow.stringValue),
    errorMessage: `The db_backup_window "${dbBackupWindow.stringValue}" is not a window: use hh24:mi-hh24:mi in UTC, such as 03:00-04:00.`,
  });
  const dbMaintenanceWindow = new TerraformVariable(stack, 'db_maintenance_window', {
    type: 'string',
    description: 'Weekly maintenance window, UTC, ddd:hh24:mi-ddd:hh24:mi, at least 30 minutes, not overlapping db_backup_window',
    default: 'Mon:04:00-Mon:05:00',
  });
  dbMaintenanceWindow.addValidation({
    condition: matches(MAINTENANCE_WINDOW_PATTERN, dbMaintenanceWindow.stringValue),
    errorMessage: `The db_maintenance_window "${dbMaintenanceWindow.stringValue}" is not a window: use ddd:hh24:mi-ddd:hh24:mi in UTC, such as Mon:04:00-Mon:05:00.`,
  });
  return {
    alarmsEnabled,
    alarmEmail,
    alarmThresholds,
    thresholds,
    enableExecuteCommand,
    dbMultiAz,
    dbPerformanceInsights,
    dbBackupWindow,
    dbMaintenanceWindow,
  };
}
