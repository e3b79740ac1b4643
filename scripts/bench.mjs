// `npm run bench`: wall time and peak RSS of a whole-app synth next to a
// one-resource app that imports the AWS provider's package root, in the same
// invocation, minimum of several alternating runs; then the fast test tier's
// wall time and the cost commands' (reported, no budget). Exits 1 when over budget.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { spawnSync } from 'child_process';
import { measure } from './bench/measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const BUDGET = { timeRatio: 0.25, rssMb: 200, fastTestsSeconds: 20 };

const subjects = [
  { name: 'whole app (bootstrap + production)', args: [join(root, 'scripts', 'app.mjs')] },
  { name: 'baseline: 1 resource, provider root import', args: [join(root, 'scripts', 'app.mjs'), join(root, 'scripts', 'bench', 'baseline-app.ts')] },
];

const results = subjects.map(() => ({ seconds: Infinity, rssMb: Infinity }));
for (let i = 0; i < RUNS; i++) {
  subjects.forEach((subject, s) => {
    const { seconds, rssMb } = measure(subject.args);
    results[s] = { seconds: Math.min(results[s].seconds, seconds), rssMb: Math.min(results[s].rssMb, rssMb) };
  });
}

const [app, baseline] = results;
const ratio = app.seconds / baseline.seconds;
console.log(`synth benchmark, min of ${RUNS} runs each (node ${process.version})`);
subjects.forEach((subject, s) => {
  console.log(`  ${subject.name.padEnd(44)} ${results[s].seconds.toFixed(2).padStart(5)} s  ${results[s].rssMb.toFixed(0).padStart(4)} MB peak RSS`);
});
console.log(`  app / baseline wall time: ${ratio.toFixed(2)} (budget <= ${BUDGET.timeRatio}); app peak RSS budget <= ${BUDGET.rssMb} MB`);

// The fast test tier (npm test) is timed here, once, rather than by a timed test: a loaded machine
// would make such a test fail for a reason that is not in the code.
const started = process.hrtime.bigint();
const tests = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--silent'], { cwd: root, encoding: 'utf8' });
const testSeconds = Number(process.hrtime.bigint() - started) / 1e9;
if (tests.status !== 0) throw new Error(`npm test failed:\n${tests.stderr}`);
const counted = /Tests:\s+(.*)/.exec(tests.stderr)?.[1] ?? '?';
console.log(`  npm test (fast tier): ${testSeconds.toFixed(1)} s wall, ${counted} (budget <= ${BUDGET.fastTestsSeconds} s)`);
// The cost and deploy-time commands on a synthesized app (their tables, stack defaults: no tfvars read).
const outdir = mkdtempSync(join(tmpdir(), 'bench-cost-'));
spawnSync(process.execPath, [join(root, 'scripts', 'app.mjs')], { cwd: outdir, env: { ...process.env, CDKTF_OUTDIR: join(outdir, 'cdktf.out') } });
const stack = join(outdir, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json');
for (const [name, extra] of [['npm run cost', []], ['npm run deploy-time', ['--deploy-time']]]) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tools', 'cost', 'cli.ts'), '--markdown', '--stack', stack, ...extra], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${name} failed:\n${run.stderr}`);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  console.log(`  ${name} (both lines, tables): ${best.toFixed(2)} s wall, min of 3`);
}
rmSync(outdir, { recursive: true, force: true });

const ok = ratio <= BUDGET.timeRatio && app.rssMb <= BUDGET.rssMb && testSeconds <= BUDGET.fastTestsSeconds;
console.log(ok ? 'within budget' : 'OVER BUDGET');
process.exitCode = ok ? 0 : 1;
