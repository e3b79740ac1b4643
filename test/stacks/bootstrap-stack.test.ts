import { DataAwsIamPolicyDocument } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
import { DynamodbTable } from '@cdktn/provider-aws/lib/dynamodb-table';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktn/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktn/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktn/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktn/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktn/provider-aws/lib/s3-bucket-versioning';
import { BootstrapStack, PRODUCTION_STATE_KEY } from '../../stacks/bootstrap/stack';
import { addresses, resource, synthesize } from '../helpers';

const { text, json } = synthesize((app) => new BootstrapStack(app, 'bootstrap'));

describe('bootstrap stack: addresses', () => {
  test('stateful resources keep the spec addresses (a rename would destroy the state bucket)', () => {
    expect(addresses(json)).toEqual([
      'aws_dynamodb_table.terraform_locks',
      'aws_s3_bucket.terraform_state',
      'aws_s3_bucket_lifecycle_configuration.terraform_state_lifecycle',
      'aws_s3_bucket_ownership_controls.terraform_state_ownership',
      'aws_s3_bucket_policy.terraform_state_policy',
      'aws_s3_bucket_public_access_block.terraform_state_public_access',
      'aws_s3_bucket_server_side_encryption_configuration.terraform_state_encryption',
      'aws_s3_bucket_versioning.terraform_state_versioning',
      'data.aws_iam_policy_document.terraform_state_tls_only',
      'terraform_data.deployment_guard',
    ]);
  });
});

describe('bootstrap stack: providers and backend', () => {
  test('aws provider takes the region and the spec default tags from variables', () => {
    expect(text).toHaveProviderWithProperties(AwsProvider, {
      region: '${var.region}',
      default_tags: [{ tags: { Project: 'everruns', Environment: '${var.environment}', ManagedBy: 'terraform' } }],
    });
  });

  test('pins AWS provider 6.66.0 (source hashicorp/aws) and Terraform >= 1.5.0', () => {
    expect(json.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '6.66.0' });
    expect(json.terraform.required_version).toBe('>= 1.5.0');
  });

  test('keeps its own state locally, in the project root outside cdktf.out, one file per workspace', () => {
    expect(json.terraform.backend).toEqual({
      local: { path: '../../../terraform.bootstrap.tfstate', workspace_dir: '../../../terraform.bootstrap.tfstate.d' },
    });
  });

  test('reads back the state file of its workspace, and nothing is planned before that guard passed', () => {
    expect(json.locals.bootstrap_state_file).toBe(
      '${terraform.workspace == "default" ? "${path.module}/../../../terraform.bootstrap.tfstate" : ' +
        '"${path.module}/../../../terraform.bootstrap.tfstate.d/${terraform.workspace}/terraform.tfstate"}',
    );
    expect(json.locals.bootstrap_state_bucket).toBe('${try(jsondecode(file(local.bootstrap_state_file)).outputs.state_bucket_name.value, "")}');
    expect(json.resource.terraform_data.deployment_guard.lifecycle.precondition).toHaveLength(2);
    expect(json.resource.aws_s3_bucket.terraform_state.depends_on).toEqual(['terraform_data.deployment_guard']);
    expect(json.resource.aws_dynamodb_table.terraform_locks.depends_on).toEqual(['terraform_data.deployment_guard']);
  });
});

describe('bootstrap stack: variables', () => {
  test.each([
    ['environment', 'string', 'production'],
    ['region', 'string', 'us-east-1'],
    ['name_prefix', 'string', 'everruns'],
    ['state_noncurrent_version_expiration_days', 'number', 90],
  ])('declares %s (%s, default %p) at stack level', (name, type, value) => {
    expect(json.variable[name]).toEqual(expect.objectContaining({ type, default: value, description: expect.any(String) }));
  });

  test('declares no other variables', () => {
    expect(Object.keys(json.variable).sort()).toEqual(
      ['environment', 'name_prefix', 'region', 'state_noncurrent_version_expiration_days'],
    );
  });
});

describe('bootstrap stack: state bucket', () => {
  test('is named {name_prefix}-terraform-state-{environment} and cannot be destroyed', () => {
    expect(text).toHaveResourceWithProperties(S3Bucket, {
      bucket: '${var.name_prefix}-terraform-state-${var.environment}',
      lifecycle: { prevent_destroy: true },
    });
  });

  test('does not let terraform empty it on destroy', () => {
    expect(resource(json, 'aws_s3_bucket', 'terraform_state').force_destroy).toBeUndefined();
  });

  test('has versioning enabled', () => {
    expect(text).toHaveResourceWithProperties(S3BucketVersioningA, {
      bucket: '${aws_s3_bucket.terraform_state.id}',
      versioning_configuration: { status: 'Enabled' },
    });
  });

  test('encrypts objects with AES256 by default', () => {
    expect(text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      bucket: '${aws_s3_bucket.terraform_state.id}',
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
  });

  test('blocks all four kinds of public access', () => {
    expect(text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: '${aws_s3_bucket.terraform_state.id}',
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('disables ACLs (bucket owner enforced)', () => {
    expect(text).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      bucket: '${aws_s3_bucket.terraform_state.id}',
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  test('bucket policy denies every request that does not use TLS, on the bucket and its objects', () => {
    expect(text).toHaveResourceWithProperties(S3BucketPolicy, {
      bucket: '${aws_s3_bucket.terraform_state.id}',
      policy: '${data.aws_iam_policy_document.terraform_state_tls_only.json}',
    });
    expect(text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: ['${aws_s3_bucket.terraform_state.arn}', '${aws_s3_bucket.terraform_state.arn}/*'],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
  });

  test('expires noncurrent state versions after the configured days, for every object', () => {
    expect(text).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      bucket: '${aws_s3_bucket.terraform_state.id}',
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrent_version_expiration: [{ noncurrent_days: '${var.state_noncurrent_version_expiration_days}' }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        },
      ],
    });
  });
});

describe('bootstrap stack: lock table', () => {
  test('is named {name_prefix}-terraform-locks-{environment}, keyed by LockID (S), billed on demand', () => {
    expect(text).toHaveResourceWithProperties(DynamodbTable, {
      name: '${var.name_prefix}-terraform-locks-${var.environment}',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
    });
  });

  test('has point-in-time recovery', () => {
    expect(text).toHaveResourceWithProperties(DynamodbTable, { point_in_time_recovery: { enabled: true } });
  });

  test('cannot be destroyed by terraform or deleted in the console', () => {
    expect(text).toHaveResourceWithProperties(DynamodbTable, {
      lifecycle: { prevent_destroy: true },
      deletion_protection_enabled: true,
    });
  });
});

describe('bootstrap stack: outputs', () => {
  test('state_bucket_name and dynamodb_table_name as in the spec', () => {
    expect(json.output.state_bucket_name.value).toBe('${aws_s3_bucket.terraform_state.id}');
    expect(json.output.dynamodb_table_name.value).toBe('${aws_dynamodb_table.terraform_locks.name}');
  });

  test('backend_config is the exact backend.config the production stack needs', () => {
    expect(json.output.backend_config.value).toBe(
      [
        'bucket         = "${aws_s3_bucket.terraform_state.id}"',
        `key            = "${PRODUCTION_STATE_KEY}"`,
        'region         = "${var.region}"',
        'dynamodb_table = "${aws_dynamodb_table.terraform_locks.name}"',
        'encrypt        = true',
        '# S3-native locking (Terraform and OpenTofu 1.10 or later): uncomment to lock with a .tflock',
        '# object as well; once every user runs 1.10+, the dynamodb_table line can go.',
        '# use_lockfile = true',
        '',
      ].join('\n'),
    );
    expect(PRODUCTION_STATE_KEY).toBe('production/terraform.tfstate');
  });
});
