import { synthesizeBoth } from '../policy/gate';

// Terraform addresses are state: renaming one destroys the resource and creates a
// new one. For these types that loses data (the database, the state bucket), a
// secret, a generated password, logs or a name other systems resolve. Every
// resource of these types is listed here, so adding one means pinning it, and
// renaming one fails this test (see the README's upgrade section for `moved`).
const STATEFUL_TYPES = [
  'aws_s3_bucket',
  'aws_dynamodb_table',
  'aws_db_instance',
  'aws_db_subnet_group',
  'random_password',
  'random_id',
  'random_bytes',
  'aws_secretsmanager_secret',
  'aws_secretsmanager_secret_version',
  'aws_cloudwatch_log_group',
  'aws_service_discovery_private_dns_namespace',
  'aws_service_discovery_service',
  'aws_acm_certificate',
  'aws_eip',
  'aws_route53_record',
];

test('every stateful resource keeps its exact, readable address', () => {
  const { resources } = synthesizeBoth();
  const stateful = resources.filter((r) => STATEFUL_TYPES.includes(r.type)).map((r) => r.address).sort();
  expect(stateful).toEqual([
    'bootstrap:aws_dynamodb_table.terraform_locks',
    'bootstrap:aws_s3_bucket.terraform_state',
    'production:aws_acm_certificate.acm_main',
    'production:aws_cloudwatch_log_group.ecs_cluster_ecs',
    'production:aws_db_instance.database_main',
    'production:aws_db_subnet_group.database_subnet_group',
    'production:aws_eip.networking_nat',
    'production:aws_route53_record.acm_validation_record',
    'production:aws_route53_record.dns_alias',
    'production:aws_secretsmanager_secret.secrets_auth',
    'production:aws_secretsmanager_secret.secrets_db_credentials',
    'production:aws_secretsmanager_secret.secrets_encryption_key',
    'production:aws_secretsmanager_secret.secrets_encryption_key_previous',
    'production:aws_secretsmanager_secret.secrets_github_token',
    'production:aws_secretsmanager_secret.secrets_openai_api_key',
    'production:aws_secretsmanager_secret_version.secrets_auth_version',
    'production:aws_secretsmanager_secret_version.secrets_db_credentials_version',
    'production:aws_secretsmanager_secret_version.secrets_encryption_key_previous_version',
    'production:aws_secretsmanager_secret_version.secrets_encryption_key_version',
    'production:aws_secretsmanager_secret_version.secrets_github_token_version',
    'production:aws_secretsmanager_secret_version.secrets_openai_api_key_version',
    'production:aws_service_discovery_private_dns_namespace.ecs_cluster_service_discovery',
    'production:aws_service_discovery_service.temporal_service_discovery',
    'production:random_bytes.secrets_encryption_key_bytes',
    'production:random_bytes.secrets_encryption_key_previous_bytes',
    'production:random_id.database_final_snapshot_suffix',
    'production:random_password.secrets_auth_admin_password',
    'production:random_password.secrets_auth_jwt_secret',
    'production:random_password.secrets_db_password',
  ]);
});

test('the encryption key cannot be destroyed or replaced by terraform: every stored LLM key depends on it', () => {
  const { resources } = synthesizeBoth();
  const key = resources.find((r) => r.address === 'production:random_bytes.secrets_encryption_key_bytes');
  expect(key?.config).toEqual(expect.objectContaining({ length: 32, lifecycle: { prevent_destroy: true } }));
});

test('the certificate gained count (issue 13) and its state moves to [0], not to a new certificate', () => {
  const { json } = synthesizeBoth();
  expect(json.production.resource.aws_acm_certificate.acm_main.count).toBe('${!(length(var.certificate_arn) >= 1) ? 1 : 0}');
  expect(json.production.moved).toContainEqual({ from: 'aws_acm_certificate.acm_main', to: 'aws_acm_certificate.acm_main[0]' });
});
