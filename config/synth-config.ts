import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { BackendSettings, parseBackendConfig } from './backend-config';
import { installedEngines } from './engines';
import { ConfigError } from './errors';

/** Everything the app reads from outside the code at synth time. */
export interface SynthConfig {
  /** Embedded S3 backend settings; absent means a partial backend completed at `terraform init`. */
  readonly backend?: BackendSettings;
  /** The file the settings came from, as the user named it. */
  readonly backendSource?: string;
}

export interface ConfigSources {
  /** Directory that relative paths are resolved against (the project root). */
  readonly cwd: string;
  /**
   * Path of the backend settings file. Unset: `backend.config`, used only if
   * it exists. Set: the file must exist.
   */
  readonly backendConfigFile?: string;
}

export const DEFAULT_BACKEND_CONFIG_FILE = 'backend.config';

export async function loadSynthConfig(sources: ConfigSources): Promise<SynthConfig> {
  const name = sources.backendConfigFile ?? DEFAULT_BACKEND_CONFIG_FILE;
  const file = resolve(sources.cwd, name);
  if (!existsSync(file)) {
    if (sources.backendConfigFile !== undefined) {
      throw new ConfigError([`BACKEND_CONFIG_FILE: ${file} does not exist; unset it to use ./${DEFAULT_BACKEND_CONFIG_FILE} when present.`]);
    }
    return {};
  }
  return { backend: await parseBackendConfig(readFileSync(file, 'utf8'), name, () => installedEngines()), backendSource: name };
}

/**
 * What a successful synth prints: one line per stack, with its backend and
 * where the settings came from, so a user sees which state a plan will use.
 */
export function synthSummary(config: SynthConfig, outdir: string): string[] {
  const file = (stack: string) => `${outdir}/stacks/${stack}/cdk.tf.json`;
  const production = config.backend
    ? `S3 backend from ${config.backendSource}: s3://${config.backend.bucket}/${config.backend.key} in ${config.backend.region}`
    : `partial S3 backend (no ${DEFAULT_BACKEND_CONFIG_FILE}): terraform init -backend-config=../../../${DEFAULT_BACKEND_CONFIG_FILE}`;
  return [
    `bootstrap: ${file('bootstrap')}, local state terraform.bootstrap.tfstate in the project root`,
    `production: ${file('production')}, ${production}`,
  ];
}
