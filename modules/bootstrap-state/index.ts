import { DataAwsIamPolicyDocument } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
import { DynamodbTable } from '@cdktn/provider-aws/lib/dynamodb-table';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktn/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktn/provider-aws/lib/s3-bucket-policy';
import { Construct } from 'constructs';
import { denyInsecureTransport, privateBucketSettings } from '../private-bucket';
import { flattenAddresses } from '../../lib/addresses';
import { lockTableName, stateBucketName } from '../../lib/state-names';

export interface BootstrapStateProps {
  /** Prefix of both names; S3 bucket names are global, so users may need their own. */
  readonly namePrefix: string;
  readonly environment: string;
  /** Days a superseded state version is kept before S3 deletes it. */
  readonly noncurrentVersionExpirationDays: number;
}

/**
 * Spec module 1: the S3 bucket and DynamoDB table that hold and lock the
 * production stack's Terraform state. Both are `prevent_destroy`: losing the
 * bucket loses every state version. Its addresses are the spec's bare names
 * (`aws_s3_bucket.terraform_state`, `aws_dynamodb_table.terraform_locks`),
 * because the spec's bootstrap is a root module of its own.
 */
export class BootstrapState extends Construct {
  public readonly bucket: S3Bucket;
  public readonly lockTable: DynamodbTable;

  constructor(scope: Construct, id: string, props: BootstrapStateProps) {
    super(scope, id);
    flattenAddresses(this);

    this.bucket = new S3Bucket(this, 'terraform-state', {
      bucket: stateBucketName(props.namePrefix, props.environment),
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;

    privateBucketSettings(this, 'terraform-state', bucket);

    const tlsOnly = new DataAwsIamPolicyDocument(this, 'terraform-state-tls-only', {
      statement: [denyInsecureTransport(this.bucket.arn)],
    });
    new S3BucketPolicy(this, 'terraform-state-policy', { bucket, policy: tlsOnly.json });

    new S3BucketLifecycleConfiguration(this, 'terraform-state-lifecycle', {
      bucket,
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    this.lockTable = new DynamodbTable(this, 'terraform-locks', {
      name: lockTableName(props.namePrefix, props.environment),
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
  }
}
