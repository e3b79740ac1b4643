import { App } from 'cdktn';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildApp } from './app';
import { loadSynthConfig } from '../config/synth-config';
import { ConfigError } from '../config/errors';
import { checkDeployment } from '../config/deployment-check';

/**
 * `npm run check`: what `plan` of the production stack would refuse, offline and without
 * touching cdktf.out: backend.config, the tfvars files of the project root and TF_VAR_*
 * (names, types, missing values), then the stack's variable rules, preconditions and check
 * blocks on the offline engine (OpenTofu with stub providers). Every problem in one run;
 * then what it did not check and why. Exit 1 when plan would refuse something.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const cwd = process.cwd();
  const config = await loadSynthConfig({ cwd, backendConfigFile: process.env.BACKEND_CONFIG_FILE || undefined });
  const outdir = mkdtempSync(join(tmpdir(), 'everruns-check-'));
  try {
    buildApp(new App({ outdir }), config).synth();
    const report = await checkDeployment({ cwd, outdir, env: process.env, backend: config.backend, backendSource: config.backendSource });
    for (const error of report.errors) console.error(`error: ${error}`);
    for (const warning of report.warnings) console.log(`warning: ${warning}`);
    for (const note of report.notChecked) console.log(`not checked: ${note}`);
    const sources = [...report.sources, ...(config.backendSource ? [config.backendSource] : [])];
    const time = `${((Date.now() - started) / 1000).toFixed(1)} s, offline plan ${(report.planMs / 1000).toFixed(1)} s`;
    const checked = sources.length ? sources.join(', ') : 'defaults only';
    if (report.errors.length) {
      console.log(`check: ${report.errors.length} problem(s) plan would refuse (${checked}; ${time})`);
      process.exitCode = 1;
    } else {
      console.log(`check: ok, nothing plan would refuse offline (${checked}; ${time})`);
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const problems = error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
  for (const problem of problems) console.error(`error: ${problem}`);
  process.exitCode = 1;
});
