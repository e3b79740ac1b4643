import { defaultStacks } from '../default-stacks';
import { resource } from '../helpers';

// The optional request and flow logs (modules/logging), off by default: every
// resource exists once per `count = var.<option> ? 1 : 0`.
const { json } = defaultStacks().production;
const documents = json.data.aws_iam_policy_document;

describe('logging: ALB request logs', () => {
  test('every resource of the bucket exists only with alb_access_logs_enabled', () => {
    const counted = Object.entries(json.resource)
      .flatMap(([type, byName]: [string, any]) => Object.entries(byName).map(([name, r]: [string, any]) => [`${type}.${name}`, r.count]))
      .filter(([address]) => address.includes('.alb_access_logs_'));
    expect(counted).toHaveLength(7);
    for (const [, count] of counted) expect(count).toBe('${var.alb_access_logs_enabled ? 1 : 0}');
  });

  test('the bucket is never force-destroyed and expires logs after alb_access_logs_retention_days', () => {
    expect(resource(json, 'aws_s3_bucket', 'alb_access_logs_bucket').force_destroy).toBe(false);
    expect(resource(json, 'aws_s3_bucket_lifecycle_configuration', 'alb_access_logs_lifecycle').rule[0].expiration).toEqual([
      { days: '${var.alb_access_logs_retention_days}' },
    ]);
  });

  test('only ELB log delivery may write, only under the ALB prefix of this account', () => {
    const writers = documents.alb_access_logs_policy_document.statement.filter((s: any) => s.effect === 'Allow');
    expect(writers.map((s: any) => [s.principals[0].type, s.actions, s.resources])).toEqual([
      ['AWS', ['s3:PutObject'], ['${aws_s3_bucket.alb_access_logs_bucket.0.arn}/alb/AWSLogs/${data.aws_caller_identity.alb_access_logs_account.account_id}/*']],
      ['Service', ['s3:PutObject'], ['${aws_s3_bucket.alb_access_logs_bucket.0.arn}/alb/AWSLogs/${data.aws_caller_identity.alb_access_logs_account.account_id}/*']],
    ]);
    expect(writers[1].principals[0].identifiers).toEqual(['logdelivery.elasticloadbalancing.amazonaws.com']);
  });

  test('the ALB logs there when enabled, and waits for the bucket policy ELB checks', () => {
    const lb = resource(json, 'aws_lb', 'alb_main');
    expect(lb.access_logs).toEqual({
      enabled: '${var.alb_access_logs_enabled}',
      bucket: '${var.alb_access_logs_enabled ? aws_s3_bucket.alb_access_logs_bucket.0.id : join("", [])}',
      prefix: 'alb',
    });
    expect(lb.depends_on).toEqual(['aws_s3_bucket_policy.alb_access_logs_policy']);
  });
});

describe('logging: VPC flow logs', () => {
  test('all traffic to a log group kept log_retention_days, only with vpc_flow_logs_enabled', () => {
    expect(resource(json, 'aws_flow_log', 'vpc_flow_logs_flow_log')).toEqual(
      expect.objectContaining({ count: '${var.vpc_flow_logs_enabled ? 1 : 0}', traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' }),
    );
    expect(resource(json, 'aws_cloudwatch_log_group', 'vpc_flow_logs_log_group').retention_in_days).toBe('${var.log_retention_days}');
  });

  test('its role writes only to that group, and VPC Flow Logs assumes it only for this account', () => {
    expect(documents.vpc_flow_logs_write_policy.statement[0].resources).toEqual(['${aws_cloudwatch_log_group.vpc_flow_logs_log_group.0.arn}:*']);
    expect(documents.vpc_flow_logs_assume_role.statement[0].condition[0]).toEqual({
      test: 'StringEquals',
      variable: 'aws:SourceAccount',
      values: ['${data.aws_caller_identity.vpc_flow_logs_account.account_id}'],
    });
  });
});
