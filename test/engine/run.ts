import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { defaultJobs, pool } from './harness/pool';
import { setUpPlugins } from './harness/plugins';
import { runTofu, TofuResult, tofuPath, verifyTofu } from './harness/tofu';
import { prepareMutationDir, prepareWorkdir, readStack, TerraformJson, variables } from './harness/workspace';
import { DEFAULT_STACKS, Mutation, MUTATIONS } from './mutations';
import { cachedSchema } from './schema/cache';

/**
 * Offline engine check: synthesizes the stacks, then runs the real engine
 * (OpenTofu) on each one with stub providers serving the real provider
 * schemas: init, validate, plan with defaults, plan with fixture tfvars.
 * Then proves the check checks something with a suite of seeded faults.
 *
 *   npm run validate [-- --no-synth] [--stacks DIR] [--no-mutations] [--only ID,ID] [--keep] [--verbose]
 */

const REPO = resolve(__dirname, '../..');
const FIXTURES = join(__dirname, 'fixtures', 'tfvars');
/** Every prebuilt cdktf provider package installed (today aws and random) gets a stub. */
function providerPackages(): string[] {
  const dir = join(REPO, 'node_modules', '@cdktf');
  return readdirSync(dir)
    .filter((d) => d.startsWith('provider-') && existsSync(join(dir, d, 'package.json')))
    .filter((d) => JSON.parse(readFileSync(join(dir, d, 'package.json'), 'utf8')).cdktf?.provider?.name)
    .map((d) => `@cdktf/${d}`);
}

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const fold = (text: string) => text.replace(/\s+/g, ' ');
const expected = (m: Mutation) => (Array.isArray(m.expect.message) ? m.expect.message : [m.expect.message]);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const indent = (text: string) => text.trim().split('\n').map((l) => `    ${l}`).join('\n');

interface StackRun {
  name: string;
  stackDir: string;
  baseDir: string;
  config: TerraformJson;
  fixture: Record<string, unknown>;
  ok: boolean;
  ms: number;
  steps: string[];
}

function synth(): void {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const script: string | undefined = pkg.scripts?.synth;
  // `node scripts/synth.mjs` -> does that file exist yet?
  const target = script?.match(/node\s+(\S+)/)?.[1];
  if (!script || (target && !existsSync(join(REPO, target)))) {
    log(`synth: "npm run synth" is not available yet (${script ?? 'no script'}); using the existing cdktf.out`);
    return;
  }
  const started = Date.now();
  try {
    execFileSync('npm', ['run', '--silent', 'synth'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    log(`synth FAILED:\n${indent(`${err.stdout ?? ''}${err.stderr ?? ''}`)}`);
    process.exit(1);
  }
  log(`synth: npm run synth (${secs(Date.now() - started)})`);
}

function stackDirs(root: string): string[] {
  if (!existsSync(root)) throw new Error(`${root} does not exist: run "npm run synth" first`);
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'cdk.tf.json')))
    .sort()
    .map((d) => join(root, d));
}

function fixtureFor(name: string): Record<string, unknown> {
  const file = join(FIXTURES, `${name}.tfvars.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/** `<stack>.<variant>.tfvars.json`: values planned on top of the stack's fixture, e.g. production.route53. */
function variantsFor(name: string): Array<{ variant: string; values: Record<string, unknown> }> {
  const suffix = '.tfvars.json';
  return readdirSync(FIXTURES)
    .filter((f) => f.startsWith(`${name}.`) && f.endsWith(suffix) && f !== `${name}${suffix}`)
    .sort()
    .map((f) => ({ variant: f.slice(name.length + 1, -suffix.length), values: JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) }));
}

/** Fixture values restricted to declared variables (tofu warns about the others). */
function varFile(dir: string, fileName: string, config: TerraformJson, values: Record<string, unknown>): string {
  const { declared } = variables(config);
  const kept = Object.fromEntries(Object.entries(values).filter(([k, v]) => declared.includes(k) && v !== null));
  const path = join(dir, fileName);
  writeFileSync(path, JSON.stringify(kept, null, 2));
  return path;
}

function tofuEnv(cliConfig: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
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

const PLAN = ['plan', '-input=false', '-lock=false', '-refresh=false', '-no-color', '-compact-warnings'];

async function checkStack(tofu: string, cliConfig: string, run: StackRun): Promise<void> {
  const started = Date.now();
  const env = tofuEnv(cliConfig);
  const step = (label: string, r: TofuResult) => {
    run.steps.push(`${label} ${r.code === 0 ? 'ok' : 'FAILED'} (${secs(r.ms)})`);
    if (r.code !== 0) {
      run.ok = false;
      log(`\n[${run.name}] tofu ${label} failed:\n${indent(r.output)}\n`);
    }
    return r.code === 0;
  };
  prepareWorkdir(run.stackDir, run.baseDir, run.config);
  if (!step('init', await runTofu(tofu, ['init', '-input=false', '-no-color'], run.baseDir, env))) return;
  if (!step('validate', await runTofu(tofu, ['validate', '-no-color'], run.baseDir, env))) return;

  const { required } = variables(run.config);
  const missing = required.filter((v) => !(v in run.fixture));
  if (missing.length) {
    run.ok = false;
    log(`[${run.name}] variables without default need a value in ${relative(REPO, join(FIXTURES, `${run.name}.tfvars.json`))}: ${missing.join(', ')}`);
    return;
  }
  const onlyRequired = Object.fromEntries(required.map((k) => [k, run.fixture[k]]));
  const defaultsFile = varFile(run.baseDir, 'engine-defaults.tfvars.json', run.config, onlyRequired);
  const fixtureFile = varFile(run.baseDir, 'engine-fixture.tfvars.json', run.config, run.fixture);
  const variants = variantsFor(run.name).map(({ variant, values }) => ({
    variant,
    file: varFile(run.baseDir, `engine-${variant}.tfvars.json`, run.config, { ...run.fixture, ...values }),
  }));
  const [defaults, fixture, ...planned] = await Promise.all([
    runTofu(tofu, [...PLAN, `-var-file=${defaultsFile}`], run.baseDir, env),
    runTofu(tofu, [...PLAN, `-var-file=${fixtureFile}`], run.baseDir, env),
    ...variants.map((v) => runTofu(tofu, [...PLAN, `-var-file=${v.file}`], run.baseDir, env)),
  ]);
  step('plan(defaults)', defaults);
  step('plan(tfvars)', fixture);
  variants.forEach((v, i) => step(`plan(${v.variant})`, planned[i]));
  const summary = /Plan: (\d+) to add/.exec(fixture.output);
  // Minus the engine's own terraform_data resource (see harness/workspace.ts).
  if (summary) run.steps.push(`${Number(summary[1]) - 1} resources planned`);
  run.ms = Date.now() - started;
}

interface MutationResult {
  mutation: Mutation;
  stack?: string;
  caught: boolean;
  stage?: string;
  detail: string;
  ms: number;
  output?: string;
}

async function runMutation(tofu: string, cliConfig: string, runDir: string, stacks: StackRun[], m: Mutation): Promise<MutationResult> {
  const started = Date.now();
  const order = [...(m.stacks ?? DEFAULT_STACKS), ...stacks.map((s) => s.name)];
  let stack: StackRun | undefined;
  let mutated: TerraformJson | undefined;
  for (const name of order) {
    const s = stacks.find((x) => x.name === name && x.ok);
    if (!s) continue;
    mutated = m.apply(structuredClone(s.config));
    if (mutated) {
      stack = s;
      break;
    }
  }
  if (!stack || !mutated) return { mutation: m, caught: false, detail: 'applies to no (passing) stack', ms: 0 };

  const dir = join(runDir, 'mutations', m.id);
  prepareMutationDir(stack.baseDir, stack.stackDir, dir, mutated);
  const env = tofuEnv(cliConfig, { TF_DATA_DIR: join(stack.baseDir, '.terraform') });
  const result = (stage: string, r: TofuResult): MutationResult => {
    // tofu wraps diagnostics at ~78 columns: compare with whitespace runs folded to one space.
    const caught = r.code !== 0 && expected(m).every((part) => fold(r.output).includes(fold(part)));
    const detail = caught
      ? stage === m.expect.stage ? '' : `(caught by ${stage}, expected ${m.expect.stage})`
      : r.code === 0
        ? `tofu ${stage} passed`
        : `tofu ${stage} failed without "${expected(m).join('" + "')}":\n${indent(r.output)}`;
    return { mutation: m, stack: stack!.name, caught, stage, detail, ms: Date.now() - started, output: r.output };
  };

  const validate = await runTofu(tofu, ['validate', '-no-color'], dir, env);
  if (validate.code !== 0 || m.expect.stage === 'validate') return result('validate', validate);
  const extra = typeof m.tfvars === 'function' ? m.tfvars(mutated) : (m.tfvars ?? {});
  const vars = varFile(dir, 'engine-mutation.tfvars.json', mutated, { ...stack.fixture, ...extra });
  // null in a mutation's tfvars means "use the default": drop it from the file.
  return result('plan', await runTofu(tofu, [...PLAN, `-var-file=${vars}`], dir, env));
}

async function main(): Promise<void> {
  const started = Date.now();
  const tofu = tofuPath(REPO);
  verifyTofu(tofu);

  const stacksRoot = resolve(REPO, option('stacks') ?? 'cdktf.out/stacks');
  if (!flag('no-synth') && !option('stacks')) synth();

  const schemaStart = Date.now();
  const schemas = providerPackages().map((p) => cachedSchema(p, REPO));
  log(
    `schemas: ${schemas.map((s) => `${s.providerName.split('/').slice(1).join('/')} ${s.providerVersion} from ${s.derivedFrom}`).join(', ')}` +
      ` (${schemas.every((s) => s.fromCache) ? 'cached' : 'derived'}, ${secs(Date.now() - schemaStart)})`,
  );

  const runDir = mkdtempSync(join(tmpdir(), 'engine-check-'));
  const plugins = await setUpPlugins(runDir, schemas);
  log(`stub providers: bundled and mirrored in ${secs(plugins.bundleMs)} (${runDir})`);

  const stacks: StackRun[] = stackDirs(stacksRoot).map((dir) => {
    const name = dir.split('/').pop()!;
    return {
      name,
      stackDir: dir,
      baseDir: join(runDir, 'stacks', name),
      config: readStack(dir),
      fixture: fixtureFor(name),
      ok: true,
      ms: 0,
      steps: [],
    };
  });
  if (!stacks.length) throw new Error(`no stacks (cdk.tf.json) under ${stacksRoot}`);

  const cleanStart = Date.now();
  await Promise.all(stacks.map((s) => checkStack(tofu, plugins.cliConfigPath, s)));
  for (const s of stacks) log(`stack ${s.name}: ${s.ok ? 'ok' : 'FAILED'} in ${secs(s.ms)} - ${s.steps.join(', ')}`);
  const cleanMs = Date.now() - cleanStart;

  let results: MutationResult[] = [];
  let mutationMs = 0;
  if (!flag('no-mutations')) {
    const only = option('only')?.split(',');
    const selected = MUTATIONS.filter((m) => !only || only.includes(m.id));
    const mutStart = Date.now();
    mkdirSync(join(runDir, 'mutations'), { recursive: true });
    results = await pool(selected, defaultJobs(), (m) => runMutation(tofu, plugins.cliConfigPath, runDir, stacks, m));
    mutationMs = Date.now() - mutStart;
    log(`\nmutations (${selected.length}, ${defaultJobs()} at a time, ${secs(mutationMs)}):`);
    for (const r of results) {
      const where = r.stack ? `${r.stack}, ${r.stage}` : '-';
      log(`  ${r.caught ? 'caught ' : 'MISSED '} ${r.mutation.id.padEnd(34)} [${where}, ${secs(r.ms)}] "${expected(r.mutation).join('" + "')}" ${r.detail}`);
      if (flag('verbose') && r.caught) log(indent(r.output ?? ''));
    }
  }

  const okStacks = stacks.filter((s) => s.ok).length;
  const caught = results.filter((r) => r.caught).length;
  const total = Date.now() - started;
  log(
    `\nengine check: ${okStacks}/${stacks.length} stacks ok (${secs(cleanMs)}), ` +
      `${caught}/${results.length} mutations caught (${secs(mutationMs)}), total ${secs(total)}`,
  );
  if (flag('keep')) log(`work directory kept: ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });
  process.exitCode = okStacks === stacks.length && caught === results.length ? 0 : 1;
}

main().catch((e) => {
  log(`engine check failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
