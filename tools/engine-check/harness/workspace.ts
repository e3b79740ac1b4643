import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { READ_AT_PLAN } from '../schema/overrides';

/**
 * A stack as the check runs it: a copy of the synthesized stack directory
 * with three changes, none of which touches what is being checked.
 *
 *  1. engine_override.tf.json replaces the backend with `local`, so neither
 *     init nor plan contacts S3 (override files may replace a backend).
 *  2. Every data source gets `depends_on = [terraform_data.engine_defer_data_reads]`
 *     (added to cdk.tf.json itself: depends_on cannot be overridden). A data
 *     source depending on a resource with pending changes is read at apply
 *     time, so during plan its result is unknown, as it would be for a first
 *     plan against an empty account; the stub never has to invent values.
 *  3. engine_defer.tf.json declares that terraform_data resource (built into
 *     the engine, no provider needed).
 */

export type TerraformJson = Record<string, any>;

export const DEFER_RESOURCE = 'engine_defer_data_reads';

export function readStack(stackDir: string): TerraformJson {
  return JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
}

/** The configuration with data source reads deferred (step 2 above); input is not modified. */
export function withDeferredDataSources(config: TerraformJson): TerraformJson {
  const out = structuredClone(config);
  for (const [type, instances] of Object.entries<Record<string, any>>(out.data ?? {})) {
    if (READ_AT_PLAN.includes(type)) continue;
    for (const body of Object.values(instances)) {
      const list = Array.isArray(body) ? body : [body];
      for (const b of list) b.depends_on = [...(b.depends_on ?? []), `terraform_data.${DEFER_RESOURCE}`];
    }
  }
  return out;
}

/**
 * What the copy leaves out of the stack, in the user's words. An embedded
 * `use_lockfile` (from backend.config at synth time) makes the production stack
 * require 1.10 or later, which the engine (OpenTofu 1.6.2) refuses with an error
 * that names neither; the engine replaces the S3 backend anyway, so the copy
 * drops that requirement and says so.
 */
export function engineCopyNotes(config: TerraformJson): string[] {
  const terraform = config.terraform ?? {};
  if (terraform.backend?.s3?.use_lockfile === undefined || terraform.required_version === undefined) return [];
  return [
    `backend.config sets use_lockfile, so the stack requires Terraform or OpenTofu ${terraform.required_version} (required_version); ` +
      'the offline engine (OpenTofu 1.6.2) replaces the S3 backend with a local one, so it checks a copy without that requirement.',
  ];
}

function withoutLockfileRequirement(config: TerraformJson): TerraformJson {
  if (engineCopyNotes(config).length === 0) return config;
  const { required_version: _dropped, ...terraform } = config.terraform;
  return { ...config, terraform };
}

function writeEngineFiles(dir: string, config: TerraformJson): void {
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(withDeferredDataSources(withoutLockfileRequirement(config)), null, 2));
  writeFileSync(
    join(dir, 'engine_override.tf.json'),
    JSON.stringify({ terraform: { backend: { local: { path: 'engine.tfstate' } } } }, null, 2),
  );
  writeFileSync(
    join(dir, 'engine_defer.tf.json'),
    JSON.stringify({ resource: { terraform_data: { [DEFER_RESOURCE]: {} } } }, null, 2),
  );
}

/**
 * Copy a stack directory (assets such as local modules included) without
 * state, lock file or .terraform, then write the engine files.
 */
export function prepareWorkdir(stackDir: string, workDir: string, config: TerraformJson): void {
  mkdirSync(workDir, { recursive: true });
  for (const entry of readdirSync(stackDir)) {
    if (entry === '.terraform' || entry === '.terraform.lock.hcl' || entry.endsWith('.tfstate') || entry === 'cdk.tf.json') continue;
    cpSync(join(stackDir, entry), join(workDir, entry), { recursive: true });
  }
  writeEngineFiles(workDir, config);
}

/**
 * A mutation's directory: same files as the initialised base directory but
 * with a mutated configuration. It shares the base's .terraform (through
 * TF_DATA_DIR) and copies its lock file, so no `tofu init` per mutation.
 */
export function prepareMutationDir(baseDir: string, stackDir: string, mutDir: string, config: TerraformJson): void {
  prepareWorkdir(stackDir, mutDir, config);
  const lock = join(baseDir, '.terraform.lock.hcl');
  if (existsSync(lock)) copyFileSync(lock, join(mutDir, '.terraform.lock.hcl'));
}

/** Variables declared by a configuration, and which of them have no default. */
export function variables(config: TerraformJson): { declared: string[]; required: string[] } {
  const vars = Object.entries<Record<string, unknown>>(config.variable ?? {});
  return {
    declared: vars.map(([k]) => k),
    required: vars.filter(([, v]) => v.default === undefined).map(([k]) => k),
  };
}

/** A var file with the values of declared variables only (tofu warns about the others); null means "use the default". */
export function varFile(dir: string, fileName: string, config: TerraformJson, values: Record<string, unknown>): string {
  const { declared } = variables(config);
  const kept = Object.fromEntries(Object.entries(values).filter(([k, v]) => declared.includes(k) && v !== null));
  const path = join(dir, fileName);
  writeFileSync(path, JSON.stringify(kept, null, 2));
  return path;
}
