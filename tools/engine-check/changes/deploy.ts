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

const HEADLINE: Array<[RegExp, string[]]> = [
  [/will be created$/, ['create']],
  [/will be updated in-place$/, ['update']],
  [/will be destroyed$/, ['delete']],
  [/must be replaced$/, ['delete', 'create']],
];

/**
 * The plan's own summary when it destroys nothing: `# <address> will be
 * created / updated in-place` lines of the human output, as a minimal plan
 * JSON. Without deletions or replacements there are no replace paths and no
 * rule to check, so `tofu show -json` (about 1.5 s of CPU) is skipped.
 */
export function planWithoutDestroys(output: string): PlanJson | undefined {
  const summary = /Plan: \d+ to add, \d+ to change, (\d+) to destroy/.exec(output);
  if (!(summary ? summary[1] === '0' : /No changes\./.test(output))) return undefined;
  const resource_changes = output.split('\n').flatMap((line) => {
    const m = /^\s*# (\S+) (.*)$/.exec(line);
    const actions = m && !m[1].startsWith('data.') ? HEADLINE.find(([re]) => re.test(m[2]))?.[1] : undefined;
    if (!m || !actions) return [];
    const [type, name] = m[1].split('.');
    return [{ address: m[1], mode: 'managed' as const, type, name, change: { actions, before: null, after: null } }];
  });
  return { format_version: 'plan text', resource_changes };
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
  const quick = planWithoutDestroys(plan.output);
  if (quick) return { plan, json: quick };
  const show = await runTofu(tofu, ['show', '-json', '-no-color', 'change.tfplan'], dir, env);
  if (show.code !== 0) return { plan, show };
  return { plan, show, json: JSON.parse(show.output.slice(show.output.indexOf('{'))) as PlanJson };
}

/** Resources with `lifecycle.prevent_destroy`: OpenTofu refuses any plan that deletes or replaces one. */
export function preventDestroyAddresses(config: TerraformJson): string[] {
  return Object.entries<Record<string, any>>(config.resource ?? {}).flatMap(([type, instances]) =>
    Object.entries(instances)
      .filter(([, body]) => body.lifecycle?.prevent_destroy === true)
      .map(([name]) => `${type}.${name}`),
  );
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

/** Addresses of the instances whose state records create_before_destroy, for changesOf. */
export function createBeforeDestroyAddresses(dir: string): Set<string> {
  const state = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as {
    resources?: Array<{ mode: string; type: string; name: string; instances: Array<{ index_key?: string | number; create_before_destroy?: boolean }> }>;
  };
  const out = new Set<string>();
  for (const r of state.resources ?? []) {
    if (r.mode !== 'managed') continue;
    for (const i of r.instances) {
      if (!i.create_before_destroy) continue;
      const key = i.index_key === undefined ? '' : typeof i.index_key === 'number' ? `[${i.index_key}]` : `[${JSON.stringify(i.index_key)}]`;
      out.add(`${r.type}.${r.name}${key}`);
    }
  }
  return out;
}
