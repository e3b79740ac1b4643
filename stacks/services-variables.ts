import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { LOG_RETENTION_DAYS } from '../modules/ecs-cluster';
import { TEMPORAL_VERSION } from '../modules/temporal';
import { daysVariable, matches } from '../lib/variables';

/**
 * The production inputs of the ECS part (spec modules 6-9) that the spec
 * hard-codes but a real user needs to change: ALB deletion protection (on,
 * as in the spec, but `destroy` needs it off), log retention, the Temporal
 * release, the UI health check codes and the services' task counts.
 */

export function albDeletionProtectionVariable(stack: TerraformStack): TerraformVariable {
  return new TerraformVariable(stack, 'alb_deletion_protection', {
    type: 'bool',
    description: 'Refuse to delete the ALB; set false and apply before terraform destroy',
    default: true,
  });
}

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

export function temporalVersionVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'temporal_version', {
    type: 'string',
    description: 'Temporal release of the server and admin-tools images; schemas are upgraded on start, never downgraded',
    default: TEMPORAL_VERSION,
  });
  variable.addValidation({
    condition: matches('^[0-9]+[.][0-9]+[.][0-9]+$', variable.stringValue),
    errorMessage: `The temporal_version "${variable.stringValue}" is not a Temporal release such as ${TEMPORAL_VERSION}: use MAJOR.MINOR.PATCH.`,
  });
  return variable;
}

/** A Docker image name without tag, e.g. `temporalio/server` or `ghcr.io/acme/temporal-server`. */
function imageRepositoryVariable(stack: TerraformStack, name: string, description: string, defaultValue: string) {
  const variable = new TerraformVariable(stack, name, { type: 'string', description, default: defaultValue });
  variable.addValidation({
    condition: matches('^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$', variable.stringValue),
    errorMessage: `The ${name} "${variable.stringValue}" is not an image name without tag such as ${defaultValue}.`,
  });
  return variable;
}

export function temporalServerImageVariable(stack: TerraformStack): TerraformVariable {
  return imageRepositoryVariable(stack, 'temporal_server_image', 'Temporal server image, tagged with temporal_version', 'temporalio/server');
}

export function temporalAdminToolsImageVariable(stack: TerraformStack): TerraformVariable {
  return imageRepositoryVariable(
    stack,
    'temporal_admin_tools_image',
    'Temporal admin-tools image (schema setup, namespace registration), tagged with temporal_version',
    'temporalio/admin-tools',
  );
}

export function uiHealthCheckSuccessCodesVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'ui_health_check_success_codes', {
    type: 'string',
    description: 'HTTP codes of GET / that mark a UI task healthy, e.g. 200 or 200-399 (a Next.js root that redirects answers 307)',
    default: '200-399',
  });
  variable.addValidation({
    condition: matches('^[1-5][0-9][0-9](-[1-5][0-9][0-9])?(,[1-5][0-9][0-9](-[1-5][0-9][0-9])?)*$', variable.stringValue),
    errorMessage: `The ui_health_check_success_codes "${variable.stringValue}" is not valid: use HTTP codes and ranges such as 200, 200,307 or 200-399.`,
  });
  return variable;
}

/** The highest task count a variable accepts: more would exhaust the db.t4g.micro's connections. */
export const MAX_DESIRED_COUNT = 4;

export function desiredCountVariable(stack: TerraformStack, service: string): TerraformVariable {
  const name = `${service}_desired_count`;
  const variable = new TerraformVariable(stack, name, {
    type: 'number',
    description: `Number of ${service} tasks to run`,
    default: 1,
  });
  // A literal list: cdktf renders the number 0 in an Op expression as "undefined".
  const allowed = Array.from({ length: MAX_DESIRED_COUNT + 1 }, (_, count) => count);
  variable.addValidation({
    condition: Fn.contains(allowed, variable.numberValue),
    errorMessage: `The ${name} ${variable.stringValue} is not valid: use a whole number from 0 to ${MAX_DESIRED_COUNT}.`,
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
