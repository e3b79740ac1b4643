import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { LOG_RETENTION_DAYS } from '../../../modules/ecs-cluster';
import { daysVariable } from '../../../lib/variables';

/** What an operator reads: how long logs are kept, and the optional request and flow logs. */

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
