import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { providerPackages, setUpPlugins } from './harness/plugins';
import { runTofu, tofuEnv, tofuPath, verifyTofu } from './harness/tofu';
import { engineCopyNotes, prepareWorkdir, readStack, varFile } from './harness/workspace';
import { cachedSchema } from './schema/cache';

const REPO = resolve(__dirname, '../..');

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
}

export interface OfflinePlan {
  /** false when init failed (the diagnostics say why). */
  readonly planned: boolean;
  readonly diagnostics: Diagnostic[];
  readonly notes: string[];
  readonly ms: number;
}

/**
 * One `tofu plan` of a synthesized stack with `values`, on the engine check's
 * stub providers: no network, no AWS, no state (the backend is replaced by a
 * local one and data sources are read at apply, so a rule that needs an AWS
 * answer stays unknown and is skipped by the engine). What it reports is what
 * a real plan would refuse before calling AWS: variable rules, preconditions,
 * check blocks, types and references.
 */
export async function offlinePlan(stackDir: string, values: Record<string, unknown>): Promise<OfflinePlan> {
  const started = Date.now();
  const runDir = mkdtempSync(join(tmpdir(), 'everruns-check-plan-'));
  try {
    const tofu = tofuPath(REPO);
    verifyTofu(tofu);
    const plugins = await setUpPlugins(runDir, providerPackages(REPO).map((p) => cachedSchema(p, REPO)));
    const config = readStack(stackDir);
    const work = join(runDir, 'stack');
    prepareWorkdir(stackDir, work, config);
    const env = tofuEnv(plugins.cliConfigPath);
    const init = await runTofu(tofu, ['init', '-input=false', '-no-color'], work, env);
    if (init.code !== 0) {
      const failed: Diagnostic = { severity: 'error', summary: 'The offline engine could not initialise the stack', detail: init.output.trim() };
      return { planned: false, diagnostics: [failed], notes: [], ms: Date.now() - started };
    }
    const file = varFile(work, 'check.tfvars.json', config, values);
    const plan = await runTofu(tofu, ['plan', '-input=false', '-lock=false', '-refresh=false', '-no-color', '-json', `-var-file=${file}`], work, env);
    return { planned: true, diagnostics: diagnosticsOf(plan.output), notes: engineCopyNotes(config), ms: Date.now() - started };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

function diagnosticsOf(output: string): Diagnostic[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      const event = JSON.parse(line) as { type?: string; diagnostic?: Diagnostic };
      return event.type === 'diagnostic' && event.diagnostic ? [{ ...event.diagnostic, detail: event.diagnostic.detail ?? '' }] : [];
    } catch {
      return [];
    }
  });
}
