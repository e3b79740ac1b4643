/**
 * The arguments the `s3` state backend accepts, as Terraform 1.15 and
 * OpenTofu 1.12 declare them (`internal/backend/remote-state/s3/backend.go`
 * of each, read at v1.15.9 and v1.12.6; 1.8-1.11 differ only where noted).
 * backend.config is checked against this table before anything is written:
 * Terraform itself drops an unknown key inside an object without a word.
 */

/** A value's type, as Terraform converts it: a bool also from "true"/"false", a number also from a numeric string. */
export type ArgumentType = 'string' | 'bool' | 'number' | 'strings' | 'map' | { readonly [field: string]: Argument };

export interface Argument {
  readonly type: ArgumentType;
  /** Only one of the two engines knows it. */
  readonly only?: 'terraform' | 'opentofu';
  /** The engine versions that first accept it (both when absent from `only`). */
  readonly since?: { readonly terraform?: string; readonly opentofu?: string };
  /** Terraform warns and names this replacement. */
  readonly deprecated?: string;
  /** A credential: never written into the synthesized JSON. */
  readonly credential?: boolean;
}

const S: Argument = { type: 'string' };
const B: Argument = { type: 'bool' };
const LIST: Argument = { type: 'strings' };

const ASSUME_ROLE: Record<string, Argument> = {
  role_arn: S,
  duration: S,
  external_id: S,
  policy: S,
  policy_arns: LIST,
  session_name: S,
  source_identity: { type: 'string', only: 'terraform' },
  tags: { type: 'map' },
  transitive_tag_keys: LIST,
};

const WEB_IDENTITY: Record<string, Argument> = {
  role_arn: S,
  duration: S,
  policy: S,
  policy_arns: LIST,
  session_name: S,
  web_identity_token: { type: 'string', credential: true },
  web_identity_token_file: S,
};

const ENDPOINTS: Record<string, Argument> = {
  s3: S,
  iam: S,
  sts: S,
  dynamodb: S,
  sso: { type: 'string', only: 'terraform' },
};

/** The flat assume-role arguments Terraform removed in 1.10 (OpenTofu still accepts them, deprecated). */
const FLAT_ASSUME_ROLE = ['role_arn', 'session_name', 'external_id', 'assume_role_policy'];

export const S3_BACKEND_ARGUMENTS: Readonly<Record<string, Argument>> = {
  bucket: S,
  key: S,
  region: S,
  access_key: { type: 'string', credential: true },
  secret_key: { type: 'string', credential: true },
  token: { type: 'string', credential: true },
  acl: S,
  allowed_account_ids: LIST,
  forbidden_account_ids: LIST,
  assume_role: { type: ASSUME_ROLE },
  assume_role_with_web_identity: { type: WEB_IDENTITY },
  custom_ca_bundle: S,
  dynamodb_endpoint: { type: 'string', deprecated: 'endpoints = { dynamodb = ... }' },
  dynamodb_table: S,
  ec2_metadata_service_endpoint: S,
  ec2_metadata_service_endpoint_mode: S,
  encrypt: B,
  endpoint: { type: 'string', deprecated: 'endpoints = { s3 = ... }' },
  endpoints: { type: ENDPOINTS },
  force_path_style: { type: 'bool', deprecated: 'use_path_style' },
  http_proxy: S,
  https_proxy: S,
  iam_endpoint: { type: 'string', deprecated: 'endpoints = { iam = ... }' },
  insecure: B,
  kms_key_id: S,
  max_retries: { type: 'number' },
  no_proxy: S,
  profile: S,
  retry_mode: S,
  shared_config_files: LIST,
  shared_credentials_file: { type: 'string', deprecated: 'shared_credentials_files' },
  shared_credentials_files: LIST,
  skip_credentials_validation: B,
  skip_metadata_api_check: B,
  skip_region_validation: B,
  skip_requesting_account_id: B,
  skip_s3_checksum: B,
  sse_customer_key: { type: 'string', credential: true },
  sts_endpoint: { type: 'string', deprecated: 'endpoints = { sts = ... }' },
  sts_region: S,
  use_dualstack_endpoint: B,
  use_fips_endpoint: B,
  use_lockfile: { type: 'bool', since: { terraform: '1.10.0', opentofu: '1.10.0' } },
  use_path_style: B,
  workspace_key_prefix: S,
  state_tags: { type: 'map', only: 'opentofu', since: { opentofu: '1.11.0' } },
  lock_tags: { type: 'map', only: 'opentofu', since: { opentofu: '1.11.0' } },
  ...Object.fromEntries(FLAT_ASSUME_ROLE.map((name) => [name, { type: 'string', only: 'opentofu', deprecated: `assume_role = { ${name === 'assume_role_policy' ? 'policy' : name} = ... }` } as Argument])),
  assume_role_duration_seconds: { type: 'number', only: 'opentofu', deprecated: 'assume_role = { duration = "1h" }' },
  assume_role_policy_arns: { type: 'strings', only: 'opentofu', deprecated: 'assume_role = { policy_arns = [...] }' },
  assume_role_tags: { type: 'map', only: 'opentofu', deprecated: 'assume_role = { tags = {...} }' },
  assume_role_transitive_tag_keys: { type: 'strings', only: 'opentofu', deprecated: 'assume_role = { transitive_tag_keys = [...] }' },
};

const TYPE_NAMES: Record<Exclude<ArgumentType, object>, string> = {
  string: 'a quoted string',
  bool: 'a bool (true or false)',
  number: 'a number',
  strings: 'a list of strings such as ["a", "b"]',
  map: 'a map of strings such as { team = "platform" }',
};

function typeProblem(type: Exclude<ArgumentType, object>, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value !== 'string';
    case 'bool':
      return !(typeof value === 'boolean' || (typeof value === 'string' && ['true', 'false', '1', '0'].includes(value)));
    case 'number':
      return !(typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))));
    case 'strings':
      return !Array.isArray(value) || value.some((v) => typeof v !== 'string');
    case 'map':
      return typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string');
  }
}

/**
 * Problems of one argument's value, as `name: problem` lines (nested fields
 * as `assume_role.role_arn`). `closest` suggests a known name for an unknown one.
 */
export function argumentProblems(
  name: string,
  argument: Argument,
  value: unknown,
  closest: (name: string, known: string[]) => string | undefined,
): string[] {
  const shown = argument.credential ? '(value not shown)' : `got ${JSON.stringify(value)}`;
  if (typeof argument.type === 'string') {
    return typeProblem(argument.type, value) ? [`${name} must be ${TYPE_NAMES[argument.type]}, ${shown}.`] : [];
  }
  const fields = argument.type;
  // HCL block syntax (`assume_role { ... }`) reaches us as a list of objects; the backend wants an attribute.
  if (Array.isArray(value)) return [`${name} must be written as an attribute, ${name} = { ... } (with "="), not as a block.`];
  if (typeof value !== 'object' || value === null) return [`${name} must be an object such as ${name} = { ... }, ${shown}.`];
  const known = Object.keys(fields);
  return Object.entries(value).flatMap(([field, inner]) => {
    const rule = fields[field];
    if (rule === undefined) {
      const hint = closest(field, known);
      return [`${name}.${field} is not a field of ${name}${hint ? ` (did you mean "${hint}"?)` : ''}; its fields: ${known.join(', ')}.`];
    }
    return argumentProblems(`${name}.${field}`, rule, inner, closest);
  });
}

/** A Terraform or OpenTofu CLI, as `version -json` reports it. */
export interface EngineVersion {
  readonly engine: 'terraform' | 'opentofu';
  readonly version: string;
  /** The command that was asked. */
  readonly command: string;
}

/** `a` >= `b` for dotted release numbers (pre-release suffixes ignored). */
export function atLeast(a: string, b: string): boolean {
  const parts = (v: string) => v.replace(/^v/, '').split(/[-+]/)[0].split('.').map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
}

/** Why `engine` cannot use `name`, or undefined when it can. */
export function unsupportedBy(name: string, argument: Argument, engine: EngineVersion): string | undefined {
  const label = engine.engine === 'terraform' ? 'Terraform' : 'OpenTofu';
  if (argument.only && argument.only !== engine.engine) {
    return `${name} is not accepted by ${label} (${engine.command} is ${label} ${engine.version}); it is ${argument.only === 'terraform' ? 'Terraform' : 'OpenTofu'}-only.`;
  }
  const since = argument.since?.[engine.engine];
  if (since && !atLeast(engine.version, since)) {
    return `${name} needs ${label} ${since} or later, and ${engine.command} is ${label} ${engine.version}.`;
  }
  return undefined;
}
