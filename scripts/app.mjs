// Runs the cdktf app (bin/synth.ts) without type-checking it: esbuild strips the
// types in ~0.1 s, where ts-node would type-check the whole program on every
// synth. Type errors are caught by `npm run typecheck` instead. The bundle is
// rebuilt only when a source file is newer than it.
// `node scripts/app.mjs <entry.ts>` runs another entry the same way (the benchmark's baseline).
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { basename, dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const entry = process.argv[2] ? resolve(process.argv[2]) : join(root, 'bin', 'synth.ts');
const outfile = join(root, 'node_modules', '.cache', 'app', `${basename(entry, '.ts')}.cjs`);

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function builtAt() {
  try {
    return statSync(outfile).mtimeMs;
  } catch {
    return -Infinity;
  }
}

// The folders the app is built from: one list, shared with the tests' synth cache and plan-change.
const sources = [entry, ...require('./synth-inputs.json').map((dir) => join(root, dir))];
if (builtAt() <= Math.max(...sources.map(newestChange))) {
  const [bundle] = require('esbuild').buildSync({
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  }).outputFiles;
  // Written aside and renamed: two synths at once (parallel tests) never load half a bundle.
  mkdirSync(dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}`;
  writeFileSync(partial, bundle.contents);
  renameSync(partial, outfile);
}
require(outfile);
