import { DataAwsIamPolicyDocumentStatement } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
import { S3BucketOwnershipControls } from '@cdktn/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktn/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktn/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';

/**
 * The settings every bucket of this project gets: versioning, SSE-S3 (AES256:
 * the spec's choice for the state, and the only encryption ELB log delivery
 * supports), all four public-access blocks, and ACLs off, so access is decided
 * by IAM and the bucket policy alone. Construct ids are `{idPrefix}-versioning`,
 * `-encryption`, `-public-access` and `-ownership` (Terraform addresses).
 */
export function privateBucketSettings(scope: Construct, idPrefix: string, bucket: string, count?: number): void {
  new S3BucketVersioningA(scope, `${idPrefix}-versioning`, { count, bucket, versioningConfiguration: { status: 'Enabled' } });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${idPrefix}-encryption`, {
    count,
    bucket,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  });
  new S3BucketPublicAccessBlock(scope, `${idPrefix}-public-access`, {
    count,
    bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, `${idPrefix}-ownership`, { count, bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
}

/** A bucket policy statement that refuses every request made without TLS. */
export function denyInsecureTransport(bucketArn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    // A deny for everyone: the principal has to be "*" so that no caller can use plain HTTP.
    principals: [{ type: '*', identifiers: ['*'] }],
    actions: ['s3:*'],
    resources: [bucketArn, `${bucketArn}/*`],
    condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
  };
}
