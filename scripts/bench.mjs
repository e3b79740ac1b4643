// `npm run bench`: wall time and peak RSS of a whole-app synth next to a
// one-resource app that imports the AWS provider's package root, in the same
// invocation, minimum of several alternating runs. Exits 1 when over budget.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const BUDGET = { timeRatio: 0.25, rssMb: 200 };

const subjects = [
  { name: 'whole app (bootstrap + production)', args: [join(root, 'scripts', 'app.mjs')] },
  { name: 'baseline: 1 resource, provider root import', args: [join(root, 'scripts', 'app.mjs'), join(root, 'scripts', 'bench', 'baseline-app.ts')] },
];

function measure(args) {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', join(root, 'scripts', 'bench', 'max-rss.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(outdir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stderr}`);
  const rssKb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(run.stderr)?.[1]);
  return { seconds, rssMb: rssKb / 1024 };
}

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
const ok = ratio <= BUDGET.timeRatio && app.rssMb <= BUDGET.rssMb;
console.log(ok ? 'within budget' : 'OVER BUDGET');
process.exitCode = ok ? 0 : 1;
