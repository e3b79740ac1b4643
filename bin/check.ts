import { App } from 'cdktf';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildApp } from './app';
import { loadSynthConfig } from '../config/synth-config';
import { ConfigError } from '../config/errors';
import { tfvarsFiles, tfvarsProblems } from '../config/tfvars-check';

// `npm run check`: backend.config and the tfvars files of the project root, without touching cdktf.out.
async function main(): Promise<void> {
  const cwd = process.cwd();
  const config = await loadSynthConfig({ cwd, backendConfigFile: process.env.BACKEND_CONFIG_FILE || undefined });
  const outdir = mkdtempSync(join(tmpdir(), 'everruns-check-'));
  try {
    buildApp(new App({ outdir }), config).synth();
    const error = await tfvarsProblems(cwd, outdir);
    if (error) throw error;
    const files = tfvarsFiles(cwd);
    console.log(`ok: ${files.length ? files.join(', ') : 'no terraform.tfvars or *.auto.tfvars'}${config.backendSource ? `, ${config.backendSource}` : ''}`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const problems = error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
  for (const problem of problems) console.error(`error: ${problem}`);
  process.exitCode = 1;
});
