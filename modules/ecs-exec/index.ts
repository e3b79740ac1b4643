import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
import { EcsCluster } from '@cdktn/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktn/provider-aws/lib/ecs-service';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { Fn, IResolvable, TerraformCount, Token } from 'cdktn';
import { Construct } from 'constructs';

export interface EcsExecProps {
  /** Terraform bool: allow `aws ecs execute-command`. */
  readonly enabled: boolean | IResolvable;
  readonly cluster: EcsCluster;
  /** The role of the tasks; the SSM agent in each task opens its channels with it. */
  readonly taskRole: IamRole;
  /** Where session transcripts go (the cluster's log group). */
  readonly logGroup: CloudwatchLogGroup;
  /** The services whose tasks accept sessions. */
  readonly services: readonly EcsService[];
}

/**
 * ECS Exec: the services' `enable_execute_command`, the task role's SSM
 * message channels, and session logging to the cluster's log group through
 * the cluster's `execute_command_configuration` (set whether enabled or not:
 * it only says where sessions would be logged). A running task keeps the
 * setting it started with: the flag applies to tasks started afterwards.
 */
export class EcsExec extends Construct {
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: EcsExecProps) {
    super(scope, id);
    for (const service of props.services) service.enableExecuteCommand = props.enabled;
    props.cluster.putConfiguration({
      executeCommandConfiguration: {
        logging: 'OVERRIDE',
        logConfiguration: { cloudWatchLogGroupName: props.logGroup.name },
      },
    });
    const document = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [
        {
          sid: 'SsmMessageChannels',
          effect: 'Allow',
          actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
          // ssmmessages has no resource types: AWS requires "*" (ECS Exec's documented task role policy).
          resources: ['*'],
        },
        {
          sid: 'FindLogGroup',
          effect: 'Allow',
          actions: ['logs:DescribeLogGroups'],
          // DescribeLogGroups has no resource-level permissions: AWS requires "*".
          resources: ['*'],
        },
        {
          sid: 'WriteSessionLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          resources: [`${props.logGroup.arn}:*`],
        },
      ],
    });
    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'ecs-exec',
      role: props.taskRole.id,
      policy: document.json,
      count: TerraformCount.of(Token.asNumber(Fn.conditional(props.enabled, 1, 0))),
    });
  }
}
