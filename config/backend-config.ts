import { DataTerraformRemoteStateS3, TerraformBackend, TerraformRemoteState } from 'cdktn';
import { Construct } from 'constructs';
import { ConfigError } from './errors';
import { Argument, argumentProblems, EngineVersion, S3_BACKEND_ARGUMENTS, unsupportedBy } from './s3-backend-schema';
import { hclSyntaxErrors } from './hcl-errors';
import { closest } from './suggest';
import { REGION_PATTERN } from '../lib/variables';

/**
 * Settings of the production stack's S3 backend, read from `backend.config`
 * (the file `terraform init -backend-config=backend.config` takes). Keys are
 * Terraform's own names, so the file works with both flows; every argument
 * of the s3 backend is accepted (config/s3-backend-schema.ts) and embedded as given.
 */
export interface BackendSettings {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly encrypt: boolean;
  readonly dynamodb_table?: string;
  readonly use_lockfile?: boolean;
  readonly profile?: string;
  readonly workspace_key_prefix?: string;
  readonly [argument: string]: unknown;
}

const REQUIRED = ['bucket', 'key', 'region'];
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The Terraform and OpenTofu CLIs the settings will be used with; asked only when a setting depends on the version. */
export type EngineLookup = () => EngineVersion[];

/**
 * Checks the parsed content of a backend.config file and returns every
 * problem at once, each naming the key, the value and the fix.
 */
export function backendSettingsFrom(parsed: Record<string, unknown>, file: string, engines: EngineLookup = () => []): BackendSettings {
  const problems: string[] = [];
  const known = Object.keys(S3_BACKEND_ARGUMENTS);

  for (const [name, value] of Object.entries(parsed)) {
    const rule = S3_BACKEND_ARGUMENTS[name];
    if (rule === undefined) {
      const hint = closest(name, known);
      problems.push(
        `${file}: unknown setting "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; the README (Configure the production backend) lists every s3 backend setting.`,
      );
      continue;
    }
    if (rule.credential || (typeof rule.type === 'object' && Object.keys((value as object) ?? {}).some((f) => (rule.type as Record<string, Argument>)[f]?.credential))) {
      problems.push(
        `${file}: ${name} is a credential, and synth would write it into cdktf.out; remove it and use profile, ` +
          'assume_role or the AWS_* environment variables instead.',
      );
      continue;
    }
    problems.push(...argumentProblems(name, rule, value, closest).map((p) => `${file}: ${p}`));
  }
  for (const name of REQUIRED) {
    if (parsed[name] === undefined) {
      problems.push(`${file}: missing "${name}"; see backend.config.example (the bootstrap stack's backend_config output has every value).`);
    }
  }

  const { bucket, region, key, encrypt, dynamodb_table: table, use_lockfile: lockfile } = parsed;
  if (typeof bucket === 'string' && (!BUCKET_PATTERN.test(bucket) || bucket.includes('..'))) {
    problems.push(`${file}: bucket "${bucket}" is not a valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens).`);
  }
  if (typeof region === 'string' && !new RegExp(REGION_PATTERN).test(region)) {
    problems.push(`${file}: region "${region}" is not an AWS region name such as us-east-1.`);
  }
  if (typeof key === 'string' && (key === '' || key.startsWith('/') || key.endsWith('/'))) {
    problems.push(`${file}: key "${key}" must be a path inside the bucket such as production/terraform.tfstate.`);
  }
  if (encrypt === false || encrypt === 'false' || encrypt === '0') {
    problems.push(`${file}: encrypt = false would store state, which holds the database password, unencrypted; remove it or set encrypt = true.`);
  }
  const locking = lockfile === true || lockfile === 'true' || lockfile === '1';
  if (table === undefined && !locking) {
    problems.push(
      `${file}: no state locking; set dynamodb_table = "<the bootstrap stack's dynamodb_table_name>" (every version) ` +
        'or use_lockfile = true (Terraform and OpenTofu 1.10 or later).',
    );
  }

  // Arguments only some engines or versions accept: checked against the CLIs on this machine, if any.
  const versioned = Object.keys(parsed).filter((name) => S3_BACKEND_ARGUMENTS[name]?.only || S3_BACKEND_ARGUMENTS[name]?.since);
  if (problems.length === 0 && versioned.length > 0) {
    const found = engines();
    for (const name of versioned) {
      const refusals = found.map((engine) => unsupportedBy(name, S3_BACKEND_ARGUMENTS[name], engine)).filter((r): r is string => r !== undefined);
      // With several CLIs and no TERRAFORM_BINARY_NAME, only a setting none of them accepts is an error.
      if (found.length > 0 && refusals.length === found.length) {
        const fix = name === 'use_lockfile' ? ' Remove it and keep dynamodb_table, or upgrade.' : '';
        problems.push(`${file}: ${refusals.join(' ')}${fix}`);
      }
    }
  }

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { ...(parsed as unknown as BackendSettings), encrypt: true };
}

/** Parses backend.config with HashiCorp's HCL parser (compiled to WebAssembly), then checks it. */
export async function parseBackendConfig(contents: string, file: string, engines?: EngineLookup): Promise<BackendSettings> {
  const captured = capturedTerraformOutput(contents);
  if (captured) throw new ConfigError([`${file}: ${captured}`]);
  // Loaded only when a backend.config exists: the WebAssembly module costs ~0.2 s.
  const { parse } = await import('@cdktn/hcl2json');
  let parsed: Record<string, unknown>;
  try {
    parsed = await parse(file, contents);
  } catch (error) {
    throw new ConfigError(hclSyntaxErrors((error as Error).message, file));
  }
  return backendSettingsFrom(parsed, file, engines);
}

/** The command that writes a correct backend.config. */
const BACKEND_CONFIG_COMMAND =
  'run `terraform output -raw backend_config > backend.config` in cdktf.out/stacks/bootstrap after a successful apply';

/**
 * What happened when backend.config holds Terraform's own output instead of
 * settings: its colours, its warnings or errors (an output read after a failed
 * apply), or the heredoc that `terraform output` without `-raw` prints.
 */
export function capturedTerraformOutput(contents: string): string | undefined {
  if (contents.includes('\u001b[')) {
    return `holds terminal colour codes, so it was captured from Terraform's screen output, not written by \`terraform output -raw\`; ${BACKEND_CONFIG_COMMAND}.`;
  }
  const message = /^\s*[│╷]?\s*(Warning|Error):\s*(.*)$/m.exec(contents);
  if (message) {
    return `holds Terraform's ${message[1].toLowerCase()} "${message[2].trim()}" instead of settings (the apply or the output command failed); ${BACKEND_CONFIG_COMMAND}.`;
  }
  if (/<<-?EOT/.test(contents)) {
    return `holds a heredoc (<<EOT): it was written by \`terraform output backend_config\` without -raw; ${BACKEND_CONFIG_COMMAND}.`;
  }
  return undefined;
}

/**
 * The production stack's `backend "s3"` block. Without settings it is empty:
 * a partial configuration completed by `terraform init -backend-config=backend.config`.
 * With settings (backend.config present at synth time) they are embedded, so
 * `cdktf deploy production` needs no extra flags.
 */
export class S3StateBackend extends TerraformBackend {
  constructor(scope: Construct, private readonly settings?: BackendSettings) {
    super(scope, 'backend', 's3');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { ...(this.settings ?? {}) };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return this.synthesizeAttributes();
  }

  public getRemoteStateDataSource(scope: Construct, name: string): TerraformRemoteState {
    if (this.settings === undefined) {
      throw new Error('Reading this stack\'s state from another stack needs backend.config at synth time.');
    }
    const { bucket, key, region, profile, workspace_key_prefix: workspaceKeyPrefix } = this.settings;
    return new DataTerraformRemoteStateS3(scope, name, { bucket, key, region, profile, workspaceKeyPrefix });
  }
}
