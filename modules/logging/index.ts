import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktn/provider-aws/lib/data-aws-caller-identity';
import { DataAwsElbServiceAccount } from '@cdktn/provider-aws/lib/data-aws-elb-service-account';
import { DataAwsIamPolicyDocument } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktn/provider-aws/lib/data-aws-partition';
import { FlowLog } from '@cdktn/provider-aws/lib/flow-log';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktn/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktn/provider-aws/lib/s3-bucket-policy';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { Fn, IResolvable, Token } from 'cdktn';
import { Construct } from 'constructs';
import { denyInsecureTransport, privateBucketSettings } from '../private-bucket';

/** Where the ALB writes its logs inside the bucket. */
export const ALB_LOG_PREFIX = 'alb';

export interface AlbAccessLogsProps {
  /** First part of the bucket name: `{namePrefix}-{environment}-alb-logs-{account id}`. */
  readonly namePrefix: string;
  readonly environment: string;
  /** Create the bucket (a Terraform bool: `var.alb_access_logs_enabled`). */
  readonly enabled: boolean | IResolvable;
  /** Days a log object is kept. */
  readonly retentionDays: number;
}

/**
 * Optional ALB request logs: a private bucket (public access blocked, ACLs
 * off, SSE-S3 — the only encryption ELB log delivery supports — TLS only,
 * versioned, objects expired after `retentionDays`, never force-destroyed)
 * that the region's ELB log delivery may write to. Every resource has
 * `count = enabled ? 1 : 0`.
 */
export class AlbAccessLogs extends Construct {
  public readonly bucket: S3Bucket;
  /** The bucket policy: the ALB must wait for it, ELB checks write access when logging is turned on. */
  public readonly policy: S3BucketPolicy;
  /** The bucket's name while enabled, an empty string otherwise (what the ALB's access_logs block takes). */
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: AlbAccessLogsProps) {
    super(scope, id);
    const count = Token.asNumber(Fn.conditional(props.enabled, 1, 0));
    const account = new DataAwsCallerIdentity(this, 'account');
    const elb = new DataAwsElbServiceAccount(this, 'elb-account', { count });

    this.bucket = new S3Bucket(this, 'bucket', {
      count,
      bucket: `${props.namePrefix}-${props.environment}-alb-logs-${account.accountId}`,
      forceDestroy: false,
    });
    const bucket = Token.asString(Fn.lookupNested(this.bucket, [0, 'id']));
    // join of an empty list: an empty string that cdktf renders (a literal "" operand renders as undefined).
    this.bucketName = Token.asString(Fn.conditional(props.enabled, bucket, Fn.join('', [])));
    const arn = Token.asString(Fn.lookupNested(this.bucket, [0, 'arn']));
    privateBucketSettings(this, 'bucket', bucket, count);
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      count,
      bucket,
      rule: [
        {
          id: 'expire-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    const objects = `${arn}/${ALB_LOG_PREFIX}/AWSLogs/${account.accountId}/*`;
    const document = new DataAwsIamPolicyDocument(this, 'policy-document', {
      count,
      statement: [
        {
          // Regions older than August 2022 deliver as the region's ELB account.
          sid: 'ElbAccountWritesLogs',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [Token.asString(Fn.lookupNested(elb, [0, 'arn']))] }],
          actions: ['s3:PutObject'],
          resources: [objects],
        },
        {
          // Newer regions deliver as this service principal.
          sid: 'ElbLogDeliveryWritesLogs',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['logdelivery.elasticloadbalancing.amazonaws.com'] }],
          actions: ['s3:PutObject'],
          resources: [objects],
        },
        denyInsecureTransport(arn),
      ],
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      count,
      bucket,
      policy: Token.asString(Fn.lookupNested(document, [0, 'json'])),
    });
  }
}

export interface VpcFlowLogsProps {
  readonly namePrefix: string;
  readonly environment: string;
  readonly vpc: Vpc;
  readonly region: string;
  /** `var.vpc_flow_logs_enabled` */
  readonly enabled: boolean | IResolvable;
  /** Days CloudWatch keeps the flow log records. */
  readonly retentionDays: number;
}

/**
 * Optional VPC flow logs (all traffic, 10-minute aggregation) to a
 * CloudWatch log group with retention, written by a role that VPC Flow Logs
 * may assume only for this account and that may write only to that group.
 */
export class VpcFlowLogs extends Construct {
  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const count = Token.asNumber(Fn.conditional(props.enabled, 1, 0));
    const name = `${props.namePrefix}-${props.environment}`;
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');

    const group = new CloudwatchLogGroup(this, 'log-group', {
      count,
      name: `/vpc/${name}/flow-logs`,
      retentionInDays: props.retentionDays,
    });
    const groupArn = Token.asString(Fn.lookupNested(group, [0, 'arn']));

    const trust = new DataAwsIamPolicyDocument(this, 'assume-role', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:${partition.partition}:ec2:${props.region}:${account.accountId}:vpc-flow-log/*`],
            },
          ],
        },
      ],
    });
    const role = new IamRole(this, 'role', {
      count,
      name: `${name}-vpc-flow-logs`,
      description: 'VPC Flow Logs writes to its log group with this role',
      assumeRolePolicy: trust.json,
    });
    const write = new DataAwsIamPolicyDocument(this, 'write-policy', {
      count,
      statement: [
        {
          sid: 'WriteFlowLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [`${groupArn}:*`],
        },
        {
          sid: 'FindTheLogGroup',
          effect: 'Allow',
          actions: ['logs:DescribeLogGroups'],
          resources: [`arn:${partition.partition}:logs:${props.region}:${account.accountId}:log-group:*`],
        },
      ],
    });
    new IamRolePolicy(this, 'write', {
      count,
      name: 'write-flow-logs',
      role: Token.asString(Fn.lookupNested(role, [0, 'id'])),
      policy: Token.asString(Fn.lookupNested(write, [0, 'json'])),
    });
    new FlowLog(this, 'flow-log', {
      count,
      vpcId: props.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: groupArn,
      iamRoleArn: Token.asString(Fn.lookupNested(role, [0, 'arn'])),
      maxAggregationInterval: 600,
      tags: { Name: `${name}-flow-logs` },
    });
  }
}
