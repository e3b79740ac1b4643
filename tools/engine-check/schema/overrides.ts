import { ProviderSchema, SchemaBlock } from './types';

/**
 * What the cdktf packages cannot tell us, written down by hand.
 *
 * Every entry says why it exists. Paths are `<resource or data.<type>>.<attribute>`
 * (top-level attributes only; nested ones have not been needed).
 */

/**
 * Generated cdktf code does not distinguish "optional" from "optional +
 * computed" (both get a setter, a reset and a getter). We declare every
 * optional attribute computed as well: an unset attribute then plans as
 * unknown instead of null. That is the conservative choice for a check that
 * must not cry wolf: OpenTofu accepts an unknown wherever it would accept the
 * null, while the opposite (null where the real provider computes a value,
 * e.g. `tags_all`, `id`, `name` from `name_prefix`) would produce false
 * "null value" errors in expressions. The cost: a reference to an optional,
 * really-never-computed attribute that is unset is not reported as null.
 */
export const OPTIONAL_IS_COMPUTED = true;

/** Attributes the real providers mark `Sensitive: true`; cdktf drops this flag. */
export const SENSITIVE: Record<string, string> = {
  // hashicorp/random: the generated secret and its hash.
  'random_password.result': 'random_password result is sensitive in hashicorp/random 3.x',
  'random_password.bcrypt_hash': 'bcrypt hash of the password, sensitive in hashicorp/random 3.x',
  // hashicorp/aws: secrets that must not leak into plans and outputs.
  'aws_db_instance.password': 'master password of an RDS instance',
  'aws_rds_cluster.master_password': 'master password of an Aurora cluster',
  'aws_secretsmanager_secret_version.secret_string': 'secret payload',
  'aws_secretsmanager_secret_version.secret_binary': 'secret payload (binary)',
  'data.aws_secretsmanager_secret_version.secret_string': 'secret payload read back',
  'data.aws_secretsmanager_secret_version.secret_binary': 'secret payload read back (binary)',
  'aws_ssm_parameter.value': 'SecureString parameters; the provider marks value sensitive for all types',
  'aws_iam_access_key.secret': 'IAM secret access key',
  'aws_iam_access_key.ses_smtp_password_v4': 'SMTP password derived from the secret key',
  'aws_elasticache_replication_group.auth_token': 'Redis AUTH token',
  'aws_acm_certificate.private_key': 'imported certificate private key',
};

/**
 * Data source types the harness must NOT defer to apply (see README:
 * "Data sources"). Empty: every data source is deferred, so its results are
 * unknown during plan, like a real plan that reads a data source depending
 * on a resource not yet created.
 */
export const READ_AT_PLAN: string[] = [];

function blockFor(schema: ProviderSchema, key: string): SchemaBlock | undefined {
  return key.startsWith('data.') ? schema.dataSources[key.slice(5)] : schema.resources[key];
}

function markComputed(block: SchemaBlock): void {
  for (const attr of Object.values(block.attributes)) if (attr.optional) attr.computed = true;
  for (const nested of Object.values(block.blocks)) markComputed(nested.block);
}

/**
 * cdktf gives up on a few very deep structures (aws_wafv2_*.rule.statement,
 * aws_quicksight_*.definition) and types them `any`. A dynamic attribute is
 * fine in a list but OpenTofu rejects one inside a set-nested block
 * ("NestingSet blocks may not contain attributes of cty.DynamicPseudoType"),
 * so such sets are served as lists. Those arguments are then unchecked;
 * the project uses none of them.
 */
function setsWithDynamicToLists(block: SchemaBlock): void {
  for (const nested of Object.values(block.blocks)) {
    setsWithDynamicToLists(nested.block);
    const hasDynamic = Object.values(nested.block.attributes).some((a) => JSON.stringify(a.type).includes('"dynamic"'));
    if (nested.nesting === 'set' && hasDynamic) nested.nesting = 'list';
  }
}

/** Apply the override list to a derived schema (mutates and returns it). */
export function applyOverrides(schema: ProviderSchema): ProviderSchema {
  for (const [path, why] of Object.entries(SENSITIVE)) {
    const dot = path.lastIndexOf('.');
    const block = blockFor(schema, path.slice(0, dot));
    const attr = block?.attributes[path.slice(dot + 1)];
    if (!block) continue; // belongs to the other provider
    if (!attr) throw new Error(`override ${path} (${why}) names an attribute the schema does not have`);
    attr.sensitive = true;
  }
  for (const block of [...Object.values(schema.resources), ...Object.values(schema.dataSources)]) setsWithDynamicToLists(block);
  if (OPTIONAL_IS_COMPUTED) {
    for (const block of [...Object.values(schema.resources), ...Object.values(schema.dataSources)]) markComputed(block);
  }
  return schema;
}
