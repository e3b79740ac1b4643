import { DataTerraformRemoteStateS3, TerraformBackend, TerraformRemoteState } from 'cdktf';
import { Construct } from 'constructs';
import { ConfigError } from './errors';
import { closest } from './suggest';
import { REGION_PATTERN } from './variables';

/**
 * Settings of the production stack's S3 backend, read from `backend.config`
 * (the file `terraform init -backend-config=backend.config` takes). Keys are
 * Terraform's own names, so the file works with both flows.
 */
export interface BackendSettings {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly encrypt: boolean;
  readonly dynamodb_table?: string;
  readonly use_lockfile?: boolean;
  readonly kms_key_id?: string;
  readonly profile?: string;
  readonly workspace_key_prefix?: string;
}

type Kind = 'string' | 'boolean';
const KEYS: Record<keyof BackendSettings, { kind: Kind; required: boolean }> = {
  bucket: { kind: 'string', required: true },
  key: { kind: 'string', required: true },
  region: { kind: 'string', required: true },
  encrypt: { kind: 'boolean', required: false },
  dynamodb_table: { kind: 'string', required: false },
  use_lockfile: { kind: 'boolean', required: false },
  kms_key_id: { kind: 'string', required: false },
  profile: { kind: 'string', required: false },
  workspace_key_prefix: { kind: 'string', required: false },
};

const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Checks the parsed content of a backend.config file and returns every
 * problem at once, each naming the key, the value and the fix.
 */
export function backendSettingsFrom(parsed: Record<string, unknown>, file: string): BackendSettings {
  const problems: string[] = [];
  const known = Object.keys(KEYS) as (keyof BackendSettings)[];

  for (const [name, value] of Object.entries(parsed)) {
    const rule = KEYS[name as keyof BackendSettings];
    if (rule === undefined) {
      const hint = closest(name, known);
      problems.push(
        `${file}: unknown setting "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; known settings: ${known.join(', ')}.`,
      );
    } else if (typeof value !== rule.kind) {
      problems.push(`${file}: ${name} must be a ${rule.kind === 'boolean' ? 'bool (true or false)' : 'quoted string'}, got ${JSON.stringify(value)}.`);
    }
  }
  for (const name of known) {
    if (KEYS[name].required && parsed[name] === undefined) {
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
  if (encrypt === false) {
    problems.push(`${file}: encrypt = false would store state, which holds the database password, unencrypted; remove it or set encrypt = true.`);
  }
  if (table === undefined && lockfile !== true) {
    problems.push(
      `${file}: no state locking; set use_lockfile = true (Terraform >= 1.10) or dynamodb_table = "<the bootstrap stack's dynamodb_table_name>".`,
    );
  }

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { ...(parsed as unknown as BackendSettings), encrypt: true };
}

/** Parses backend.config with HashiCorp's HCL parser (compiled to WebAssembly), then checks it. */
export async function parseBackendConfig(contents: string, file: string): Promise<BackendSettings> {
  const captured = capturedTerraformOutput(contents);
  if (captured) throw new ConfigError([`${file}: ${captured}`]);
  // Loaded only when a backend.config exists: the WebAssembly module costs ~0.2 s.
  const { parse } = await import('@cdktf/hcl2json');
  let parsed: Record<string, unknown>;
  try {
    parsed = await parse(file, contents);
  } catch (error) {
    throw new ConfigError([`${file}: not valid HCL: ${(error as Error).message}`]);
  }
  return backendSettingsFrom(parsed, file);
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
