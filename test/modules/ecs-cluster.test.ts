import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster as EcsClusterResource } from '@cdktn/provider-aws/lib/ecs-cluster';
import { IamPolicy } from '@cdktn/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktn/provider-aws/lib/service-discovery-private-dns-namespace';
import { EcsCluster, EcsClusterProps } from '../../modules/ecs-cluster';
import { addresses } from '../helpers';
import { network, secrets } from './ecs-fixtures';
import { moduleStack } from './module-stack';

function build(extra: Partial<EcsClusterProps> = {}) {
  return moduleStack((stack) => {
    const { vpc } = network(stack);
    const secret = secrets(stack);
    new EcsCluster(stack, 'ecs-cluster', {
      namePrefix: 'everruns',
      environment: 'production',
      region: 'us-east-1',
      vpc,
      secrets: [secret.db, secret.openai, secret.registry],
      ...extra,
    });
  });
}

const { text, json } = build();
const documents = json.data.aws_iam_policy_document;

describe('ecs-cluster', () => {
  test('addresses are ecs_cluster_<name> without hashes', () => {
    expect(addresses(json).filter((address) => address.includes('ecs_cluster_'))).toEqual([
      'aws_cloudwatch_log_group.ecs_cluster_ecs',
      'aws_ecs_cluster.ecs_cluster_main',
      'aws_ecs_cluster_capacity_providers.ecs_cluster_capacity_providers',
      'aws_iam_policy.ecs_cluster_secrets_access',
      'aws_iam_role.ecs_cluster_ecs_execution',
      'aws_iam_role.ecs_cluster_ecs_task',
      'aws_iam_role_policy.ecs_cluster_ecs_execution_logs',
      'aws_iam_role_policy_attachment.ecs_cluster_secrets_access_attachment',
      'aws_service_discovery_private_dns_namespace.ecs_cluster_service_discovery',
      'data.aws_caller_identity.ecs_cluster_account',
      'data.aws_iam_policy_document.ecs_cluster_ecs_execution_policy',
      'data.aws_iam_policy_document.ecs_cluster_ecs_task_assume_role',
      'data.aws_iam_policy_document.ecs_cluster_ecs_tasks_assume_role',
      'data.aws_iam_policy_document.ecs_cluster_secrets_access_policy',
      'data.aws_partition.ecs_cluster_partition',
    ]);
  });

  test('cluster {prefix}-{environment} with Container Insights', () => {
    expect(text).toHaveResourceWithProperties(EcsClusterResource, {
      name: 'everruns-production',
      setting: [{ name: 'containerInsights', value: 'disabled' }],
    });
  });

  test('one log group kept 30 days by default', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/ecs/everruns-production', retention_in_days: 30 });
  });

  test('log retention is configurable', () => {
    expect(build({ logRetentionDays: 90 }).text).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 90 });
  });

  test('a retention CloudWatch does not accept fails at synth time', () => {
    expect(() => build({ logRetentionDays: 45 })).toThrow(
      'EcsCluster logRetentionDays 45 is not a CloudWatch Logs retention; use one of 0, 1, 3, 5, 7, 14, 30, 60, 90,',
    );
  });

  const ACCOUNT = '${data.aws_caller_identity.ecs_cluster_account.account_id}';
  const ASSUME = { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }] };

  test('the execution role is assumed by ECS tasks of this account only (aws:SourceAccount)', () => {
    expect(text).toHaveResourceWithProperties(IamRole, {
      name: 'everruns-production-ecs-execution',
      assume_role_policy: '${data.aws_iam_policy_document.ecs_cluster_ecs_tasks_assume_role.json}',
    });
    expect(documents.ecs_cluster_ecs_tasks_assume_role.statement).toEqual([
      { ...ASSUME, condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }] },
    ]);
  });

  test("the task role is assumed by this account's ECS tasks in this region only (aws:SourceAccount and aws:SourceArn)", () => {
    expect(text).toHaveResourceWithProperties(IamRole, {
      name: 'everruns-production-ecs-task',
      assume_role_policy: '${data.aws_iam_policy_document.ecs_cluster_ecs_task_assume_role.json}',
    });
    expect(documents.ecs_cluster_ecs_task_assume_role.statement).toEqual([
      {
        ...ASSUME,
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:\${data.aws_partition.ecs_cluster_partition.partition}:ecs:us-east-1:${ACCOUNT}:*`] },
        ],
      },
    ]);
  });

  test('the task role has no permission: the application calls no AWS API', () => {
    const attached = [...Object.values(json.resource.aws_iam_role_policy ?? {}), ...Object.values(json.resource.aws_iam_role_policy_attachment ?? {})] as any[];
    expect(attached.filter((p) => JSON.stringify(p).includes('ecs_cluster_ecs_task.'))).toEqual([]);
  });

  test('the execution role writes logs to its log group only', () => {
    expect(text).toHaveResourceWithProperties(IamRolePolicy, {
      role: '${aws_iam_role.ecs_cluster_ecs_execution.id}',
      policy: '${data.aws_iam_policy_document.ecs_cluster_ecs_execution_policy.json}',
    });
    expect(documents.ecs_cluster_ecs_execution_policy.statement).toEqual([
      {
        sid: 'WriteLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: ['${aws_cloudwatch_log_group.ecs_cluster_ecs.arn}:*'],
      },
    ]);
  });

  test('ECR pull is granted only on listed repositories', () => {
    const repository = 'arn:aws:ecr:us-east-1:123456789012:repository/everruns-api';
    const statements = build({ ecrRepositoryArns: [repository] }).json.data.aws_iam_policy_document.ecs_cluster_ecs_execution_policy.statement;
    expect(statements.slice(1)).toEqual([
      { sid: 'EcrAuthorization', effect: 'Allow', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
      {
        sid: 'EcrPull',
        effect: 'Allow',
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        resources: [repository],
      },
    ]);
  });

  test('GetSecretValue on exactly the given secrets, no wildcard (spec fix)', () => {
    expect(documents.ecs_cluster_secrets_access_policy.statement).toEqual([
      {
        sid: 'ReadTaskSecrets',
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [
          '${aws_secretsmanager_secret.db_secret.arn}',
          '${aws_secretsmanager_secret.openai_secret.arn}',
          '${aws_secretsmanager_secret.registry_secret.arn}',
        ],
      },
    ]);
    expect(text).toHaveResourceWithProperties(IamPolicy, {
      name: 'everruns-production-secrets-access',
      policy: '${data.aws_iam_policy_document.ecs_cluster_secrets_access_policy.json}',
    });
  });

  test('the secrets policy is attached to the execution role (the spec never attaches it)', () => {
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: '${aws_iam_role.ecs_cluster_ecs_execution.name}',
      policy_arn: '${aws_iam_policy.ecs_cluster_secrets_access.arn}',
    });
  });

  test('no policy document in the module grants anything on "*" by default', () => {
    expect(JSON.stringify(documents)).not.toContain('"*"');
  });

  test('Cloud Map private DNS namespace everruns.local on the VPC', () => {
    expect(text).toHaveResourceWithProperties(ServiceDiscoveryPrivateDnsNamespace, {
      name: 'everruns.local',
      vpc: '${aws_vpc.vpc.id}',
    });
  });
});
