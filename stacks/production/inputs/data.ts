import { Fn, TerraformStack, TerraformVariable } from 'cdktn';
import { matches } from '../../../lib/variables';
import { DEFAULT_INSTANCE_CLASS } from '../../../modules/database';
import { DB_MAX_CONNECTIONS } from '../../../modules/database/classes';

/**
 * The database and the secrets: the safety settings of the stateful
 * resources, the PostgreSQL version, and the ghcr.io user that pulls images.
 */

export function githubUsernameVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'github_username', {
    type: 'string',
    description: 'GitHub user name that owns github_token; ECS logs in to ghcr.io with it and the token',
    default: 'everruns',
  });
  variable.addValidation({
    condition: matches('^[A-Za-z0-9]([A-Za-z0-9-]{0,37}[A-Za-z0-9])?$', variable.stringValue),
    errorMessage: `The github_username "${variable.stringValue}" is not a GitHub user name (1-39 letters, digits and hyphens, not starting or ending with a hyphen).`,
  });
  return variable;
}

export function dbDeletionProtectionVariable(stack: TerraformStack): TerraformVariable {
  return new TerraformVariable(stack, 'db_deletion_protection', {
    type: 'bool',
    description: 'Refuse to delete the RDS instance; set false and apply before terraform destroy',
    default: true,
  });
}

export function secretRecoveryWindowVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'secret_recovery_window_days', {
    type: 'number',
    description: 'Days a deleted secret can be restored before its name can be reused (0 deletes at once)',
    default: 7,
  });
  variable.addValidation({
    // A list rather than `== 0`: cdktf renders a literal 0 operand of Op as `undefined`.
    condition: Fn.contains(Fn.concat([[0], Fn.range(7, 31)]), variable.numberValue),
    errorMessage: `The secret_recovery_window_days ${variable.stringValue} is not valid: AWS allows 0 (delete at once) or a whole number from 7 to 30.`,
  });
  return variable;
}

/** RDS PostgreSQL major versions the stack accepts (the default parameter group of each exists in every region). */
export const DB_ENGINE_VERSIONS = ['14', '15', '16', '17', '18'] as const;

export function dbEngineVersionVariable(stack: TerraformStack, defaultVersion: string): TerraformVariable {
  const variable = new TerraformVariable(stack, 'db_engine_version', {
    type: 'string',
    description:
      'PostgreSQL major version of the RDS instance (RDS applies minor versions itself); raising it upgrades the instance in place, lowering it is refused by RDS',
    default: defaultVersion,
  });
  variable.addValidation({
    condition: Fn.contains([...DB_ENGINE_VERSIONS], variable.stringValue),
    errorMessage:
      `The db_engine_version "${variable.stringValue}" is not valid: give the major version only, one of ${DB_ENGINE_VERSIONS.join(', ')} ` +
      '(RDS picks and upgrades the minor version itself).',
  });
  return variable;
}

/** The instance class; the connection budget knows the classes of `DB_MAX_CONNECTIONS`. */
export function dbInstanceClassVariable(stack: TerraformStack): TerraformVariable {
  const classes = Object.keys(DB_MAX_CONNECTIONS);
  const variable = new TerraformVariable(stack, 'db_instance_class', {
    type: 'string',
    description: `RDS instance class; a change restarts the database (in the maintenance window unless db_apply_immediately). One of ${classes.join(', ')}`,
    default: DEFAULT_INSTANCE_CLASS,
  });
  variable.addValidation({
    condition: Fn.contains(classes, variable.stringValue),
    errorMessage: `The db_instance_class "${variable.stringValue}" is not one the connection budget knows: use one of ${classes.join(', ')} (add others to modules/database/classes.ts with their memory).`,
  });
  return variable;
}

export function dbApplyImmediatelyVariable(stack: TerraformStack): TerraformVariable {
  return new TerraformVariable(stack, 'db_apply_immediately', {
    type: 'bool',
    description:
      'Apply database changes (a major version upgrade, the instance class) during terraform apply instead of in the next maintenance window (Mon 04:00-05:00 UTC)',
    default: false,
  });
}

const HOUR_MINUTE = '([01][0-9]|2[0-3]):[0-5][0-9]';
const DAY = '([Mm]on|[Tt]ue|[Ww]ed|[Tt]hu|[Ff]ri|[Ss]at|[Ss]un)';
export const BACKUP_WINDOW_PATTERN = `^${HOUR_MINUTE}-${HOUR_MINUTE}$`;
export const MAINTENANCE_WINDOW_PATTERN = `^${DAY}:${HOUR_MINUTE}-${DAY}:${HOUR_MINUTE}$`;
/** The database's availability and maintenance settings: all modified in place. */
export function databaseOperationsVariables(stack: TerraformStack) {
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
  return { dbMultiAz, dbPerformanceInsights, dbBackupWindow, dbMaintenanceWindow };
}
