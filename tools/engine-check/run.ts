import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { defaultJobs, pool } from './harness/pool';
import { providerPackages, setUpPlugins } from './harness/plugins';
import { checkedEngine, PLAN, runTofu, TofuResult, tofuEnv } from './harness/tofu';
import { CheckEngine, checkEngineFrom, PinnedEngine } from '../../config/engines';
import { engineCopyNotes, prepareMutationDir, prepareWorkdir, readStack, TerraformJson, variables, varFile } from './harness/workspace';
import { DEFAULT_STACKS, Mutation, MUTATIONS } from './mutations';
import { ChangeCase, UNCHANGED_UPGRADES, UPGRADE_CREATES, changeCases } from './changes/cases';
import { deploy } from './changes/deploy';
import { CaseResult, markdown, readExpected, resultLine, runCase, writeExpected } from './changes/suite';
import { CASE_ID as SECOND_ENVIRONMENT_CASE, runSecondEnvironment } from './changes/environments';
import { formatChanges } from './changes/report';
import { cachedSchema } from './schema/cache';

/**
 * Offline engine check: synthesizes the stacks, then runs the real engine
 * (OpenTofu 1.6.2 by default, or Terraform 1.11.4: `--engine terraform` or
 * ENGINE=terraform; pinned and checksum-checked in config/engines.ts) on each one with stub providers serving the real provider
 * schemas: init, validate, plan with defaults, plan with fixture tfvars.
 * Then proves the check checks something with a suite of seeded faults,
 * and, on each stack deployed offline with its fixture, plans the changes
 * of changes/cases.ts (the change-safety suite).
 *
 *   npm run validate [-- --engine opentofu|terraform] [--no-synth] [--stacks DIR] [--fixtures DIR] [--no-mutations] [--only ID,ID]
 *                    [--no-changes] [--changes ID,ID] [--update-expected] [--write-table FILE] [--keep] [--verbose]
 */

const REPO = resolve(__dirname, '../..');
/**
 * fixtures/releases/<release>/<stack>.tf.json: a stack as an earlier release synthesized it, deployed with each
 * <stack>[.<variant>].tfvars.json beside it (one upgrade case per file).
 */
const RELEASES = join(__dirname, 'fixtures', 'releases');

function releases(stacks: Array<{ name: string }>) {
  if (!existsSync(RELEASES)) return [];
  return readdirSync(RELEASES).flatMap((name) => {
    const dir = join(RELEASES, name);
    return stacks
      .filter((s) => existsSync(join(dir, `${s.name}.tf.json`)))
      .flatMap((s) =>
        readdirSync(dir)
          .map((file) => new RegExp(`^${s.name}(?:\\.([a-z0-9-]+))?\\.tfvars\\.json$`).exec(file))
          .filter((match): match is RegExpExecArray => match !== null)
          .map((match) => ({
            name: match[1] ? `${name}-${match[1]}` : name,
            stack: s.name,
            config: JSON.parse(readFileSync(join(dir, `${s.name}.tf.json`), 'utf8')) as TerraformJson,
            fixture: JSON.parse(readFileSync(join(dir, match[0]), 'utf8')) as Record<string, unknown>,
          })),
      );
  });
}
/**
 * A release's stack with today's provider pins. The mirror serves only the installed binding packages'
 * providers (today hashicorp/aws 6.66.0, random 3.9.1); the release pinned the ones of its day (aws 6.25.0,
 * random 3.7.2, written by cdktf as `source = "aws"`), whose schemas are no longer installed. So the
 * release's configuration is deployed by today's stub, as after `terraform init -upgrade`: the case checks
 * what the code change plans on the old resources, not the real provider's state upgrade between versions
 * (for that, see docs/upgrading.md: a refreshed plan against staging).
 */
function withTodaysProviders(release: TerraformJson, today: TerraformJson): TerraformJson {
  const out = structuredClone(release);
  out.terraform = { ...out.terraform, required_providers: today.terraform?.required_providers };
  return out;
}

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** `<stack>.tfvars.json` and its variants; `--fixtures DIR` plans others (e.g. a test's). */
const FIXTURES = resolve(REPO, option('fixtures') ?? join(__dirname, 'fixtures', 'tfvars'));

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

/** `<stack>.<variant>.tfvars.json`: values planned on top of the stack's fixture, e.g. production.control-plane. */
function variantsFor(name: string): Array<{ variant: string; values: Record<string, unknown> }> {
  const suffix = '.tfvars.json';
  return readdirSync(FIXTURES)
    .filter((f) => f.startsWith(`${name}.`) && f.endsWith(suffix) && f !== `${name}${suffix}`)
    .sort()
    .map((f) => ({ variant: f.slice(name.length + 1, -suffix.length), values: JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) }));
}

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
  for (const note of engineCopyNotes(run.config)) log(`[${run.name}] note: ${note}`);
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
  let chosen: { engine: CheckEngine; path: string; pin: PinnedEngine };
  try {
    const engine = checkEngineFrom(argv);
    chosen = { engine, ...checkedEngine(engine, REPO) };
  } catch (e) {
    log(`engine check: ${(e as Error).message}`);
    process.exit(2);
  }
  const { engine, path: tofu, pin } = chosen;
  log(`engine: ${engine} ${pin.version} (${tofu}, sha256 ${pin.sha256.slice(0, 12)}... verified; from ${pin.source})`);

  const stacksRoot = resolve(REPO, option('stacks') ?? 'cdktf.out/stacks');
  if (!flag('no-synth') && !option('stacks')) synth();

  const schemaStart = Date.now();
  const schemas = providerPackages(REPO).map((p) => cachedSchema(p, REPO));
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

  // Mutations and change cases share one pool. The deployments go first, so
  // by the time the change cases (queued last) start, their state exists.
  const only = option('only')?.split(',');
  const selected = flag('no-mutations') ? [] : MUTATIONS.filter((m) => !only || only.includes(m.id));
  const onlyChanges = option('changes')?.split(',');
  const stacksWithChanges = stacks.filter((s) => s.ok && !option('stacks'));
  const cases: ChangeCase[] = flag('no-changes')
    ? []
    : changeCases(stacksWithChanges).filter((c) => !onlyChanges || onlyChanges.includes(c.id));
  const deployments = new Map<string, { dir: Promise<string | undefined>; ms: number; failure?: string }>();
  const tasks: Array<() => Promise<void>> = [];
  mkdirSync(join(runDir, 'mutations'), { recursive: true });
  mkdirSync(join(runDir, 'changes'), { recursive: true });
  for (const s of stacksWithChanges.filter((x) => cases.some((c) => c.stack === x.name && !c.skipped))) {
    let done: (dir: string | undefined) => void = () => undefined;
    const entry = { dir: new Promise<string | undefined>((r) => (done = r)), ms: 0, failure: undefined as string | undefined };
    deployments.set(s.name, entry);
    tasks.push(async () => {
      const dir = join(runDir, 'changes', `${s.name}-deployed`);
      const env = tofuEnv(plugins.cliConfigPath, { TF_DATA_DIR: join(s.baseDir, '.terraform') });
      const r = await deploy(tofu, env, s, dir, s.fixture);
      entry.ms = r.ms;
      if (r.code !== 0) entry.failure = r.output;
      done(r.code === 0 ? dir : undefined);
    });
  }
  const results: MutationResult[] = new Array(selected.length);
  selected.forEach((m, i) => tasks.push(async () => void (results[i] = await runMutation(tofu, plugins.cliConfigPath, runDir, stacks, m))));
  const expectedTable = readExpected();
  const caseResults: CaseResult[] = new Array(cases.length);
  cases.forEach((c, i) =>
    tasks.push(async () => {
      const s = stacks.find((x) => x.name === c.stack)!;
      const env = tofuEnv(plugins.cliConfigPath, { TF_DATA_DIR: join(s.baseDir, '.terraform') });
      const dir = join(runDir, 'changes', c.id.replace('/', '-'));
      // A case with `from` is planned on a deployment of its own (the fixture with those values).
      const deployed = c.from && !c.skipped
        ? deploy(tofu, env, s, `${dir}-from`, { ...s.fixture, ...c.from }).then((r) => (r.code === 0 ? `${dir}-from` : undefined))
        : (deployments.get(c.stack)?.dir ?? Promise.resolve(undefined));
      caseResults[i] = await runCase(tofu, env, s, deployed, dir, c, s.fixture, expectedTable);
    }),
  );
  // Upgrades: a previous release's synthesized stack deployed with its own
  // tfvars, then the current stack planned on that state with the current
  // fixture, as a routine change (nothing stateful replaced or deleted).
  for (const release of flag('no-changes') ? [] : releases(stacksWithChanges)) {
    const s = stacks.find((x) => x.name === release.stack)!;
    // Planned with the values the release was deployed with, so only the code changes.
    const c: ChangeCase = {
      id: `${release.stack}/upgrade-from-${release.name}`,
      stack: release.stack,
      kind: 'routine',
      vars: release.fixture,
      label: `upgrade from ${release.name}`,
      create: UPGRADE_CREATES[release.name],
      nothing: UNCHANGED_UPGRADES.includes(release.name),
    };
    if (onlyChanges && !onlyChanges.includes(c.id)) continue;
    const index = cases.push(c) - 1;
    tasks.push(async () => {
      const env = tofuEnv(plugins.cliConfigPath, { TF_DATA_DIR: join(s.baseDir, '.terraform') });
      const from = join(runDir, 'changes', `${release.stack}-${release.name}-deployed`);
      const old = await deploy(tofu, env, { ...s, config: withTodaysProviders(release.config, s.config) }, from, release.fixture);
      const dir = join(runDir, 'changes', c.id.replace('/', '-'));
      const deployed = Promise.resolve(old.code === 0 ? from : undefined);
      caseResults[index] = await runCase(tofu, env, s, deployed, dir, c, s.fixture, expectedTable);
      if (old.code !== 0) caseResults[index].output = old.output;
    });
  }
  // A second bootstrap deployment from the same checkout, in its own workspace.
  const bootstrap = stacksWithChanges.find((x) => x.name === 'bootstrap');
  if (bootstrap && !flag('no-changes') && (!onlyChanges || onlyChanges.includes(SECOND_ENVIRONMENT_CASE))) {
    const index = cases.push({ id: SECOND_ENVIRONMENT_CASE, stack: 'bootstrap', kind: 'routine', vars: {} }) - 1;
    tasks.push(async () => {
      const env = tofuEnv(plugins.cliConfigPath);
      caseResults[index] = await runSecondEnvironment(tofu, env, bootstrap, join(runDir, 'environments'), bootstrap.fixture);
    });
  }
  const poolStart = Date.now();
  await pool(tasks, defaultJobs(), (t) => t());
  const poolMs = Date.now() - poolStart;

  if (selected.length) {
    log(`\nmutations (${selected.length}, ${defaultJobs()} at a time, mutations and changes together ${secs(poolMs)}):`);
    for (const r of results) {
      const where = r.stack ? `${r.stack}, ${r.stage}` : '-';
      log(`  ${r.caught ? 'caught ' : 'MISSED '} ${r.mutation.id.padEnd(34)} [${where}, ${secs(r.ms)}] "${expected(r.mutation).join('" + "')}" ${r.detail}`);
      if (flag('verbose') && r.caught) log(indent(r.output ?? ''));
    }
  }
  if (cases.length) {
    const deployed = [...deployments].map(([name, d]) => `${name} deployed in ${secs(d.ms)}`).join(', ');
    log(`\nchange safety (${cases.length} changes on the default deployments; ${deployed || 'nothing deployed'}):`);
    for (const [name, d] of deployments) if (d.failure) log(`  [${name}] tofu apply failed:\n${indent(d.failure)}`);
    for (const r of caseResults) {
      log(resultLine(r));
      for (const p of r.problems) log(`           ${p}`);
      if (r.output) log(indent(r.output));
      if (flag('verbose') && !r.case.skipped) log(formatChanges(r.changes).map((l) => `           ${l}`).join('\n'));
    }
    if (flag('update-expected')) {
      writeExpected(caseResults);
      log(`identity replacements written to tools/engine-check/changes/identity-replacements.json`);
    }
    const table = option('write-table');
    if (table) {
      writeFileSync(resolve(table), markdown(caseResults));
      log(`change tables written to ${table}`);
    }
  }
  const mutationMs = poolMs;
  const okStacks = stacks.filter((s) => s.ok).length;
  const caught = results.filter((r) => r.caught).length;
  const ran = caseResults.filter((r) => !r.case.skipped);
  const safe = ran.filter((r) => r.ok).length;
  const skipped = caseResults.length - ran.length;
  const total = Date.now() - started;
  log(
    `\nengine check (${engine} ${pin.version}): ${okStacks}/${stacks.length} stacks ok (${secs(cleanMs)}), ` +
      `${caught}/${results.length} mutations caught, ${safe}/${ran.length} changes as expected${skipped ? ` (${skipped} skipped)` : ''} ` +
      `(together ${secs(mutationMs)}), total ${secs(total)}`,
  );
  if (flag('keep')) log(`work directory kept: ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });
  process.exitCode = okStacks === stacks.length && caught === results.length && safe === ran.length ? 0 : 1;
}

main().catch((e) => {
  log(`engine check failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
