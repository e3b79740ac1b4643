// Runs the cdktf app (src/main.ts) without type-checking it: esbuild strips the
// types in ~50 ms, where ts-node would type-check the whole program on every
// synth. Type errors are caught by `npm run typecheck` instead.
// `node scripts/app.mjs <entry.ts>` runs another entry the same way (the benchmark's baseline).
import { buildSync } from 'esbuild';
import { createRequire } from 'module';
import { basename, dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2] ? resolve(process.argv[2]) : join(root, 'src', 'main.ts');
const outfile = join(root, 'node_modules', '.cache', 'app', `${basename(entry, '.ts')}.cjs`);
buildSync({
  entryPoints: [entry],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'error',
});
createRequire(import.meta.url)(outfile);
