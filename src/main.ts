import { App } from 'cdktf';
import { rmSync } from 'fs';
import { buildApp } from './app';
import { loadSynthConfig } from './config';
import { ConfigError } from './errors';

// The only place the process environment is read. CDKTF_OUTDIR is set by `cdktf synth`.
const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';

async function main(): Promise<void> {
  const config = await loadSynthConfig({
    cwd: process.cwd(),
    backendConfigFile: process.env.BACKEND_CONFIG_FILE || undefined,
  });
  buildApp(new App({ outdir }), config).synth();
}

main().catch((error: unknown) => {
  // cdktf writes stack files before it runs construct validations, and a stale
  // cdktf.out could be applied by mistake: after any failure, leave none.
  rmSync(outdir, { recursive: true, force: true });
  const problems = error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
  for (const problem of problems) console.error(`error: ${problem}`);
  process.exitCode = 1;
});
