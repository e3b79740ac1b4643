import { block, ofType, policyStatements, ref, synthesizeBoth, violators } from './gate';

// Security and reliability policies of the class Checkov runs (its check ids in
// brackets), applied to the synthesized JSON of both stacks. Where the design
// deliberately differs, the exception is written next to the rule with the
// reason, and the test asserts that the violators are exactly the exception.

const stacks = synthesizeBoth();

describe('S3', () => {
  test('state buckets have versioning enabled [CKV_AWS_21]', () => {
    const versioned = ofType(stacks, 'aws_s3_bucket_versioning')
      .filter((v) => block(v.config.versioning_configuration)?.status === 'Enabled')
      .map((v) => v.config.bucket);
    expect(violators(stacks, ['aws_s3_bucket'], (b) => versioned.includes(ref(b.address, 'id')))).toEqual([]);
  });

  test('buckets encrypt objects at rest by default [CKV_AWS_19]', () => {
    const encrypted = ofType(stacks, 'aws_s3_bucket_server_side_encryption_configuration').map((e) => e.config.bucket);
    expect(violators(stacks, ['aws_s3_bucket'], (b) => encrypted.includes(ref(b.address, 'id')))).toEqual([]);
  });

  test('buckets block all four kinds of public access [CKV_AWS_53-56]', () => {
    const blocked = ofType(stacks, 'aws_s3_bucket_public_access_block')
      .filter(({ config: c }) => c.block_public_acls && c.block_public_policy && c.ignore_public_acls && c.restrict_public_buckets)
      .map((p) => p.config.bucket);
    expect(violators(stacks, ['aws_s3_bucket'], (b) => blocked.includes(ref(b.address, 'id')))).toEqual([]);
  });

  test('buckets have a lifecycle configuration [CKV2_AWS_61]', () => {
    const managed = ofType(stacks, 'aws_s3_bucket_lifecycle_configuration').map((l) => l.config.bucket);
    expect(violators(stacks, ['aws_s3_bucket'], (b) => managed.includes(ref(b.address, 'id')))).toEqual([]);
  });

  test('bucket policies deny requests without TLS [S3 secure transport]', () => {
    const tlsDenying = policyStatements(stacks)
      .filter(({ statement: s }) => s.effect === 'Deny' && s.condition?.some((c: { variable: string; values: string[] }) => c.variable === 'aws:SecureTransport' && c.values.includes('false')))
      .map(({ source }) => `\${${source.split(':')[1]}.json}`);
    expect(violators(stacks, ['aws_s3_bucket_policy'], (p) => tlsDenying.includes(p.config.policy))).toEqual([]);
  });

  test('buckets cannot be destroyed by terraform', () => {
    expect(violators(stacks, ['aws_s3_bucket'], (b) => b.config.lifecycle?.prevent_destroy === true && !b.config.force_destroy)).toEqual([]);
  });

  // Exception [CKV_AWS_18 access logging, CKV_AWS_144 cross-region replication, CKV_AWS_145 SSE-KMS]:
  // the state bucket is the only bucket; its API calls are in CloudTrail, a log bucket would need its
  // own state and its own bootstrap, and the spec asks for AES256. Asserted: none is configured.
  test('exception: no access logging, replication or KMS on the state bucket (spec: AES256, cost)', () => {
    expect(ofType(stacks, 'aws_s3_bucket_logging', 'aws_s3_bucket_replication_configuration')).toEqual([]);
    const algorithms = ofType(stacks, 'aws_s3_bucket_server_side_encryption_configuration').map(
      (e) => block(e.config.rule)?.apply_server_side_encryption_by_default?.sse_algorithm,
    );
    expect(algorithms).toEqual(['AES256']);
  });
});

describe('DynamoDB', () => {
  test('tables have point-in-time recovery [CKV_AWS_28]', () => {
    expect(violators(stacks, ['aws_dynamodb_table'], (t) => block(t.config.point_in_time_recovery)?.enabled === true)).toEqual([]);
  });

  test('tables have deletion protection and prevent_destroy', () => {
    expect(violators(stacks, ['aws_dynamodb_table'], (t) => t.config.deletion_protection_enabled === true && t.config.lifecycle?.prevent_destroy === true)).toEqual([]);
  });

  // Exception [CKV_AWS_119 customer-managed KMS key]: the lock table holds lock ids and state
  // digests, no secrets; AWS-owned-key encryption (always on) is enough. Asserted: no SSE override.
  test('exception: the lock table uses the AWS-owned key (it holds no secrets)', () => {
    expect(violators(stacks, ['aws_dynamodb_table'], (t) => t.config.server_side_encryption === undefined)).toEqual([]);
  });
});
