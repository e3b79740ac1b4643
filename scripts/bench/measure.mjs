// One synth of an app under the benchmark: wall time and peak RSS.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// The app reads backend.config and terraform.tfvars from its working directory: an empty one keeps a
// user's files out of the figures (and the figures comparable between checkouts).
const { BACKEND_CONFIG_FILE: _ignored, ...env } = process.env;

export function measure(args) {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-'));
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', join(root, 'scripts', 'bench', 'max-rss.cjs'), ...args], {
    cwd,
    env: { ...env, CDKTF_OUTDIR: join(cwd, 'cdktf.out') },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(cwd, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stderr}`);
  const rssKb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(run.stderr)?.[1]);
  return { seconds, rssMb: rssKb / 1024 };
}

