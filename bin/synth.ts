import { App } from 'cdktn';
import { existsSync, readdirSync, rmSync } from 'fs';
import { join } from 'path';
import { buildApp } from './app';
import { loadSynthConfig, synthSummary } from '../config/synth-config';
import { tfvarsProblems } from '../config/tfvars-check';
import { ConfigError } from '../config/errors';

// The only place the process environment is read. CDKTF_OUTDIR is set by `cdktf synth`.
const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';
// cdktn records a full stack trace for every token it creates, only to name the line that built a token
// that later fails to resolve: about a tenth of the synth. Set it to 0 to get those traces back.
process.env.CDKTN_DISABLE_CREATION_STACK ??= '1';

async function main(): Promise<void> {
  const config = await loadSynthConfig({
    cwd: process.cwd(),
    backendConfigFile: process.env.BACKEND_CONFIG_FILE || undefined,
  });
  buildApp(new App({ outdir }), config).synth();
  // A typo in terraform.tfvars only makes Terraform warn and plan with the defaults: stop here instead.
  const tfvars = await tfvarsProblems(process.cwd(), outdir);
  if (tfvars) throw tfvars;
  for (const line of synthSummary(config, outdir)) console.log(line);
}

/**
 * Removes what a synth writes: the manifest and each stack's cdk.tf.json.
 * cdktf writes stack files before it runs construct validations, and a stale
 * file could be applied by mistake. What users keep next to them (.terraform/,
 * terraform.tfvars, plan files) stays.
 */
function removeSynthOutput(): void {
  rmSync(join(outdir, 'manifest.json'), { force: true });
  const stacks = join(outdir, 'stacks');
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks)) rmSync(join(stacks, stack, 'cdk.tf.json'), { force: true });
}

main().catch((error: unknown) => {
  removeSynthOutput();
  const problems = error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
  for (const problem of problems) console.error(`error: ${problem}`);
  process.exitCode = 1;
});
