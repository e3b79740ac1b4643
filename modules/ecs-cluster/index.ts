import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktn/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktn/provider-aws/lib/data-aws-partition';
import { EcsCluster as EcsClusterResource } from '@cdktn/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktn/provider-aws/lib/ecs-cluster-capacity-providers';
import { IamPolicy } from '@cdktn/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktn/provider-aws/lib/service-discovery-private-dns-namespace';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { ITerraformDependable, Token } from 'cdktn';
import { Construct } from 'constructs';
import { CAPACITY_PROVIDERS } from '../ecs-service/fargate';

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy); 0 keeps logs forever. */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface EcsClusterProps {
  /** First part of every name: the cluster is `{namePrefix}-{environment}`. */
  readonly namePrefix: string;
  readonly environment: string;
  /** The VPC of the Cloud Map namespace. */
  readonly vpc: Vpc;
  /** The secrets task definitions read; the execution role may read exactly these. */
  readonly secrets: SecretsmanagerSecret[];
  /** The region of the cluster, for the task role's aws:SourceArn condition. */
  readonly region: string;
  /** Days CloudWatch keeps the services' logs; one of `LOG_RETENTION_DAYS`. @default 30 */
  readonly logRetentionDays?: number;
  /** Private DNS namespace the services find each other in. @default everruns.local */
  readonly namespaceName?: string;
  /**
   * ECR repositories the execution role may pull from. The spec's images
   * come from ghcr.io and Docker Hub, so no ECR permission is granted unless
   * repositories are listed here.
   * @default - none
   */
  readonly ecrRepositoryArns?: string[];
  /**
   * The cluster's `containerInsights` setting: `enabled` or `disabled` (a Terraform string may
   * choose). Standard Container Insights bills its metrics as custom metrics (docs/cost.md).
   * @default disabled
   */
  readonly containerInsights?: string;
}

/** What the cluster's containerInsights setting accepts here (enhanced is priced per observation: not offered). */
export const CONTAINER_INSIGHTS = ['enabled', 'disabled'] as const;

/**
 * Spec module 6: the ECS cluster (Container Insights optional), the log group all
 * services write to, the task execution and task roles, and the Cloud Map
 * namespace `everruns.local`. The execution role reads exactly the secrets
 * given (the spec's `everruns/*` wildcard, never attached there, is replaced).
 */
export class EcsCluster extends Construct {
  public readonly cluster: EcsClusterResource;
  public readonly logGroup: CloudwatchLogGroup;
  /** Used by ECS to pull images, write logs and inject secrets. */
  public readonly executionRole: IamRole;
  /** Assumed by the applications; no permissions: Everruns calls no AWS API. */
  public readonly taskRole: IamRole;
  public readonly secretsAccess?: IamPolicy;
  /**
   * The execution role's policies. A service must wait for them: ECS starts
   * tasks at once, and a task whose role cannot read its secrets never starts.
   */
  public readonly executionRolePermissions: ITerraformDependable[] = [];
  public readonly serviceDiscoveryNamespace: ServiceDiscoveryPrivateDnsNamespace;
  /**
   * FARGATE and FARGATE_SPOT registered with the cluster. A service with a capacity provider
   * strategy must be created after it: ECS refuses a provider the cluster does not have.
   */
  public readonly capacityProviders: EcsClusterCapacityProviders;
  /** The namespace's DNS name, e.g. `everruns.local` (a plain string, usable in environment variables). */
  public readonly namespaceName: string;

  constructor(scope: Construct, id: string, props: EcsClusterProps) {
    super(scope, id);
    const retentionInDays = props.logRetentionDays ?? 30;
    if (!Token.isUnresolved(retentionInDays) && !(LOG_RETENTION_DAYS as readonly number[]).includes(retentionInDays)) {
      throw new Error(
        `EcsCluster logRetentionDays ${retentionInDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}.`,
      );
    }
    const insights = props.containerInsights ?? 'disabled';
    if (!Token.isUnresolved(insights) && !(CONTAINER_INSIGHTS as readonly string[]).includes(insights)) {
      throw new Error(`EcsCluster containerInsights "${insights}" is not valid; use one of ${CONTAINER_INSIGHTS.join(', ')}.`);
    }
    this.namespaceName = props.namespaceName ?? 'everruns.local';
    const name = `${props.namePrefix}-${props.environment}`;

    // The setting updates in place (UpdateClusterSettings); off, ECS still publishes its free AWS/ECS utilization metrics.
    this.cluster = new EcsClusterResource(this, 'main', {
      name,
      tags: { Name: name },
      setting: [{ name: 'containerInsights', value: insights }],
    });
    // No default strategy: services keep launch_type FARGATE unless they choose a provider.
    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: [...CAPACITY_PROVIDERS],
    });

    this.logGroup = new CloudwatchLogGroup(this, 'ecs', {
      name: `/ecs/${name}`,
      retentionInDays,
    });

    // Confused-deputy guards: ECS may assume these roles only for this account's tasks. The task
    // role also names the source (ECS resources of this account and region); the execution role keeps
    // to aws:SourceAccount, the condition ECS documents for it.
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const assumeByEcsTasks = (id: string, sourceArn: boolean) =>
      new DataAwsIamPolicyDocument(this, id, {
        statement: [
          {
            effect: 'Allow',
            actions: ['sts:AssumeRole'],
            principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
            condition: [
              { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] },
              ...(sourceArn
                ? [{ test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:${partition.partition}:ecs:${props.region}:${account.accountId}:*`] }]
                : []),
            ],
          },
        ],
      });

    this.executionRole = new IamRole(this, 'ecs-execution', {
      name: `${name}-ecs-execution`,
      description: 'ECS pulls images, writes logs and injects secrets with this role',
      assumeRolePolicy: assumeByEcsTasks('ecs-tasks-assume-role', false).json,
    });
    this.taskRole = new IamRole(this, 'ecs-task', {
      name: `${name}-ecs-task`,
      description: 'Role of the application containers',
      assumeRolePolicy: assumeByEcsTasks('ecs-task-assume-role', true).json,
    });

    const ecr = props.ecrRepositoryArns ?? [];
    const execution = new DataAwsIamPolicyDocument(this, 'ecs-execution-policy', {
      statement: [
        {
          sid: 'WriteLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${this.logGroup.arn}:*`],
        },
        ...(ecr.length === 0
          ? []
          : [
              {
                sid: 'EcrAuthorization',
                effect: 'Allow',
                actions: ['ecr:GetAuthorizationToken'],
                // GetAuthorizationToken has no resource-level permissions: AWS requires "*".
                resources: ['*'],
              },
              {
                sid: 'EcrPull',
                effect: 'Allow',
                actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
                resources: ecr,
              },
            ]),
      ],
    });
    const logsAndImages = new IamRolePolicy(this, 'ecs-execution-logs', {
      name: 'logs-and-images',
      role: this.executionRole.id,
      policy: execution.json,
    });
    this.executionRolePermissions.push(logsAndImages);

    if (props.secrets.length > 0) {
      const secretsRead = new DataAwsIamPolicyDocument(this, 'secrets-access-policy', {
        statement: [
          {
            sid: 'ReadTaskSecrets',
            effect: 'Allow',
            actions: ['secretsmanager:GetSecretValue'],
            resources: props.secrets.map((secret) => secret.arn),
          },
        ],
      });
      this.secretsAccess = new IamPolicy(this, 'secrets-access', {
        name: `${name}-secrets-access`,
        description: 'Read the secrets the ECS task definitions inject',
        policy: secretsRead.json,
      });
      // The spec defines this policy but never attaches it; without the attachment no task could start.
      const attachment = new IamRolePolicyAttachment(this, 'secrets-access-attachment', {
        role: this.executionRole.name,
        policyArn: this.secretsAccess.arn,
      });
      this.executionRolePermissions.push(attachment);
    }

    this.serviceDiscoveryNamespace = new ServiceDiscoveryPrivateDnsNamespace(this, 'service-discovery', {
      name: this.namespaceName,
      description: `Service discovery for ${name}`,
      vpc: props.vpc.id,
    });
  }
}
