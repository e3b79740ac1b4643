/**
 * Resources that hold data or an identity other systems rely on, shared by
 * the address test (test/stacks/stateful-addresses.test.ts) and the engine
 * check's change-safety suite (tools/engine-check/changes), which fails when a
 * routine change would replace or delete one.
 *
 * Terraform addresses are state: renaming one destroys the resource and
 * creates a new one. For these types that loses data (the database, the
 * state bucket), a secret, a generated password, logs or a name other
 * systems resolve.
 */
export const STATEFUL_TYPES: readonly string[] = [
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
  'aws_cognito_user_pool',
  'aws_cognito_user',
];

/** Every resource of a stateful type, as `<stack>:<address>`; adding one means pinning it here. */
export const STATEFUL_ADDRESSES: readonly string[] = [
  'bootstrap:aws_dynamodb_table.terraform_locks',
  'bootstrap:aws_s3_bucket.terraform_state',
  'production:aws_acm_certificate.acm_main',
  'production:aws_cloudwatch_log_group.database_postgresql_logs',
  'production:aws_cloudwatch_log_group.database_upgrade_logs',
  'production:aws_cloudwatch_log_group.ecs_cluster_ecs',
  'production:aws_cloudwatch_log_group.vpc_flow_logs_log_group',
  'production:aws_db_instance.database_main',
  'production:aws_db_subnet_group.database_subnet_group',
  'production:aws_eip.networking_nat',
  'production:aws_route53_record.acm_validation_record',
  'production:aws_s3_bucket.alb_access_logs_bucket',
  'production:aws_route53_record.dns_alias',
  'production:aws_secretsmanager_secret.secrets_auth',
  'production:aws_secretsmanager_secret.secrets_control_plane_db_credentials',
  'production:aws_secretsmanager_secret.secrets_db_credentials',
  'production:aws_secretsmanager_secret.secrets_encryption_key',
  'production:aws_secretsmanager_secret.secrets_encryption_key_previous',
  'production:aws_secretsmanager_secret.secrets_github_token',
  'production:aws_secretsmanager_secret.secrets_openai_api_key',
  'production:aws_secretsmanager_secret_version.secrets_auth_version',
  'production:aws_secretsmanager_secret_version.secrets_control_plane_db_credentials_version',
  'production:aws_secretsmanager_secret_version.secrets_db_credentials_version',
  'production:aws_secretsmanager_secret_version.secrets_encryption_key_previous_version',
  'production:aws_secretsmanager_secret_version.secrets_encryption_key_version',
  'production:aws_secretsmanager_secret_version.secrets_github_token_version',
  'production:aws_secretsmanager_secret_version.secrets_openai_api_key_version',
  'production:aws_service_discovery_private_dns_namespace.ecs_cluster_service_discovery',
  'production:aws_service_discovery_service.control_plane_discovery',
  'production:aws_service_discovery_service.temporal_service_discovery',
  'production:random_bytes.secrets_encryption_key_bytes',
  'production:random_bytes.secrets_encryption_key_previous_bytes',
  'production:random_id.database_final_snapshot_suffix',
  'production:random_id.cognito_domain_suffix',
  'production:aws_cognito_user_pool.cognito_user_pool',
  'production:aws_cognito_user.cognito_first_user',
  'production:random_password.secrets_auth_admin_password',
  'production:random_password.secrets_auth_jwt_secret',
  'production:random_password.secrets_db_password',
];

/** Whether a resource of `stack` is stateful: listed, or of a stateful type (a new one not listed yet). */
export function isStateful(stack: string, address: string, type: string): boolean {
  return STATEFUL_ADDRESSES.includes(`${stack}:${address}`) || STATEFUL_TYPES.includes(type);
}
