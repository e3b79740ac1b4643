import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { extname, join, resolve } from 'path';
import { createBeforeDestroyAddresses, deploy, planChange, preventDestroyAddresses, withoutPreventDestroy } from './changes/deploy';
import { changesOf, formatChanges, summary } from './changes/report';
import { providerPackages, setUpPlugins } from './harness/plugins';
import { checkEngineFrom } from '../../config/engines';
import { checkedEngine, runTofu, tofuEnv } from './harness/tofu';
import { engineCopyNotes, prepareWorkdir, readStack, variables } from './harness/workspace';
import { cachedSchema } from './schema/cache';

/**
 * What would a change of variables do to a deployed stack?
 *
 *   npm run plan-change -- --from old.tfvars[.json] --to new.tfvars[.json] [--stack production|bootstrap]
 *                          [--engine opentofu|terraform] [--keep]
 *
 * Offline, with the engine check's stub providers: synthesizes if the stack
 * is missing or older than the sources, applies `--from` into a temporary
 * local state, plans `--to` on top of it and prints, per resource address,
 * create/update/replace/delete, the attributes that force each replacement
 * and the warnings of changes/rules.ts. Variables without a default that a
 * file leaves out (the secrets) take the dummy values of the engine fixture.
 */

const REPO = resolve(__dirname, '../..');
const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const log = (msg: string) => process.stdout.write(`${msg}\n`);

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run plan-change -- --from FILE --to FILE [--stack production|bootstrap] [--engine opentofu|terraform] [--keep]\n`);
  process.exit(2);
}

function newest(path: string): number {
  const stat = statSync(path);
  return stat.isDirectory() ? Math.max(stat.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n)))) : stat.mtimeMs;
}

/** Synthesizes when the stack's cdk.tf.json is missing or older than its sources (scripts/synth-inputs.json). */
function synthIfNeeded(stack: string): string {
  const dir = join(REPO, 'cdktf.out', 'stacks', stack);
  const file = join(dir, 'cdk.tf.json');
  const sources = Math.max(...(require('../../scripts/synth-inputs.json') as string[]).map((d) => newest(join(REPO, d))));
  if (!existsSync(file) || statSync(file).mtimeMs < sources) {
    log('synth: the synthesized stacks are missing or older than the sources; running npm run synth');
    execFileSync('npm', ['run', '--silent', 'synth'], { cwd: REPO, stdio: 'inherit' });
  }
  if (!existsSync(file)) usage(`no stack "${stack}" in cdktf.out/stacks`);
  return dir;
}

/** Values of a .tfvars (HCL, through @cdktn/hcl2json) or .tfvars.json file. */
async function readTfvars(file: string): Promise<Record<string, unknown>> {
  if (!existsSync(file)) usage(`${file} does not exist`);
  const text = readFileSync(file, 'utf8');
  if (extname(file) === '.json') return JSON.parse(text);
  const { parse } = await import('@cdktn/hcl2json');
  return parse(file, text);
}

/** The engine check's engines, pinned and checksum-checked: OpenTofu from npm unless --engine (or ENGINE) says terraform. */
function engine(): string {
  try {
    const name = checkEngineFrom(argv);
    const checked = checkedEngine(name, REPO);
    log(`engine: ${name} ${checked.pin.version}`);
    return checked.path;
  } catch (e) {
    return usage((e as Error).message);
  }
}

async function main(): Promise<void> {
  const tofu = engine();
  const from = option('from') ?? usage('--from is required');
  const to = option('to') ?? usage('--to is required');
  const stackName = option('stack') ?? 'production';
  const stackDir = synthIfNeeded(stackName);
  const config = readStack(stackDir);

  const fixtureFile = join(__dirname, 'fixtures', 'tfvars', `${stackName}.tfvars.json`);
  const fixture: Record<string, unknown> = existsSync(fixtureFile) ? JSON.parse(readFileSync(fixtureFile, 'utf8')) : {};
  const { declared, required } = variables(config);
  const complete = (values: Record<string, unknown>, file: string) => {
    const unknown = Object.keys(values).filter((k) => !declared.includes(k));
    if (unknown.length) log(`${file}: ignoring variables the ${stackName} stack does not declare: ${unknown.join(', ')}`);
    const filled = required.filter((k) => !(k in values) && k in fixture);
    if (filled.length) log(`${file}: using the engine fixture's dummy values for ${filled.join(', ')}`);
    return { ...Object.fromEntries(filled.map((k) => [k, fixture[k]])), ...values };
  };
  const before = complete(await readTfvars(resolve(from)), from);
  const after = complete(await readTfvars(resolve(to)), to);

  const runDir = mkdtempSync(join(tmpdir(), 'plan-change-'));
  try {
    const plugins = await setUpPlugins(runDir, providerPackages(REPO).map((p) => cachedSchema(p, REPO)));
    const baseDir = join(runDir, 'base');
    prepareWorkdir(stackDir, baseDir, config);
    for (const note of engineCopyNotes(config)) log(`note: ${note}`);
    const init = await runTofu(tofu, ['init', '-input=false', '-no-color'], baseDir, tofuEnv(plugins.cliConfigPath));
    if (init.code !== 0) throw new Error(`init failed:\n${init.output}`);
    const env = tofuEnv(plugins.cliConfigPath, { TF_DATA_DIR: join(baseDir, '.terraform') });
    const stack = { stackDir, baseDir, config };

    const deployed = join(runDir, 'deployed');
    const applied = await deploy(tofu, env, stack, deployed, before);
    if (applied.code !== 0) throw new Error(`apply of ${from} failed:\n${applied.output}`);
    log(`applied ${from} to an empty state (${(applied.ms / 1000).toFixed(1)} s); planning ${to}`);

    // Planned without prevent_destroy, to show everything; the protected resources it would destroy are flagged.
    const planned = await planChange(tofu, env, stack, deployed, join(runDir, 'change'), after, withoutPreventDestroy(config));
    if (!planned.json) throw new Error(`${planned.show ? 'show' : 'plan'} failed:\n${(planned.show ?? planned.plan).output}`);
    const changes = changesOf(planned.json, createBeforeDestroyAddresses(join(runDir, 'change')));
    const guarded = preventDestroyAddresses(config);
    for (const c of changes) {
      if ((c.action === 'replace' || c.action === 'delete') && guarded.includes(c.address)) {
        c.warnings.unshift('prevent_destroy: OpenTofu refuses this plan (Instance cannot be destroyed)');
      }
    }
    log(`\n${stackName}: ${from} -> ${to}: ${summary(changes)}\n`);
    log(formatChanges(changes).join('\n'));
    const warned = changes.filter((c) => c.warnings.length).length;
    if (warned) log(`\n${warned} resource(s) with warnings: as planned, this change fails (OpenTofu or AWS refuses it).`);
    process.exitCode = warned ? 1 : 0;
  } finally {
    if (argv.includes('--keep')) log(`work directory kept: ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`plan-change failed: ${(e as Error).message}\n`);
  process.exit(1);
});
