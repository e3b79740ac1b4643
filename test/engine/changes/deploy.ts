import { copyFileSync, readFileSync } from 'fs';
import { join } from 'path';
import { PLAN, runTofu, TofuResult } from '../harness/tofu';
import { prepareMutationDir, TerraformJson, varFile } from '../harness/workspace';

/**
 * Offline deployments: `tofu apply` of a stack with the stub providers
 * writes a real local state (engine.tfstate, the backend path of
 * engine_override.tf.json); a change is then planned on a copy of that
 * state, saved, and read back with `tofu show -json`.
 *
 * Every directory shares the initialised stack's `.terraform` (TF_DATA_DIR
 * in `env`) and copies its lock file, so nothing is initialised twice.
 */

export const STATE_FILE = 'engine.tfstate';

export interface StackDirs {
  /** The synthesized stack (cdktf.out/stacks/<name>). */
  stackDir: string;
  /** Its initialised work directory (lock file, .terraform). */
  baseDir: string;
  config: TerraformJson;
}

/** Applies `values` into a fresh state in `dir`. */
export async function deploy(tofu: string, env: NodeJS.ProcessEnv, stack: StackDirs, dir: string, values: Record<string, unknown>): Promise<TofuResult> {
  prepareMutationDir(stack.baseDir, stack.stackDir, dir, stack.config);
  const vars = varFile(dir, 'engine-deployed.tfvars.json', stack.config, values);
  const apply = ['apply', '-auto-approve', ...PLAN.slice(1)];
  return runTofu(tofu, [...apply, `-var-file=${vars}`], dir, env);
}

export interface PlannedChange {
  plan: TofuResult;
  /** `tofu show -json` of the saved plan, when the plan succeeded. */
  json?: PlanJson;
  show?: TofuResult;
}

/** Plans `values` in `dir` on top of a copy of the state deployed in `deployedDir`. */
export async function planChange(
  tofu: string,
  env: NodeJS.ProcessEnv,
  stack: StackDirs,
  deployedDir: string,
  dir: string,
  values: Record<string, unknown>,
  config: TerraformJson = stack.config,
): Promise<PlannedChange> {
  prepareMutationDir(stack.baseDir, stack.stackDir, dir, config);
  copyFileSync(join(deployedDir, STATE_FILE), join(dir, STATE_FILE));
  const vars = varFile(dir, 'engine-change.tfvars.json', stack.config, values);
  const plan = await runTofu(tofu, [...PLAN, `-var-file=${vars}`, '-out=change.tfplan'], dir, env);
  if (plan.code !== 0) return { plan };
  const show = await runTofu(tofu, ['show', '-json', '-no-color', 'change.tfplan'], dir, env);
  if (show.code !== 0) return { plan, show };
  return { plan, show, json: JSON.parse(show.output.slice(show.output.indexOf('{'))) as PlanJson };
}

/**
 * Addresses a failed plan refused to destroy because of `prevent_destroy`
 * (OpenTofu's "Instance cannot be destroyed"); empty for other failures.
 */
export function preventedDestroys(output: string): string[] {
  const folded = output.replace(/\s+/g, ' ');
  return [...folded.matchAll(/Resource (\S+) has lifecycle\.prevent_destroy set/g)].map((m) => m[1]).sort();
}

/** The configuration without `prevent_destroy`, to see what a refused plan would have done. */
export function withoutPreventDestroy(config: TerraformJson): TerraformJson {
  const out = structuredClone(config);
  for (const instances of Object.values<Record<string, any>>(out.resource ?? {})) {
    for (const body of Object.values(instances)) if (body.lifecycle) delete body.lifecycle.prevent_destroy;
  }
  return out;
}

/** A stack's state as `tofu show -json` writes it (the parts we read). */
export function readState(dir: string): { resources?: Array<{ mode: string; type: string; name: string; instances: unknown[] }> } {
  return JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8'));
}

/** The parts of OpenTofu's JSON plan format the change report reads. */
export interface PlanJson {
  format_version: string;
  resource_changes?: ResourceChangeJson[];
  prior_state?: { values?: { root_module?: { resources?: StateResourceJson[] } } };
  configuration?: { root_module?: { resources?: Array<{ address: string; mode: string; type: string }> } };
}

export interface ResourceChangeJson {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  change: {
    actions: string[];
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    after_unknown?: Record<string, unknown>;
    replace_paths?: Array<Array<string | number>>;
  };
  action_reason?: string;
}

export interface StateResourceJson {
  address: string;
  mode: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
}
