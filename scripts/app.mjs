// Runs the cdktf app (src/main.ts) without type-checking it: esbuild strips the
// types in ~50 ms, where ts-node would type-check the whole program on every
// synth. Type errors are caught by `npm run typecheck` instead.
import { buildSync } from 'esbuild';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'node_modules', '.cache', 'app', 'main.cjs');
buildSync({
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'error',
});
createRequire(import.meta.url)(outfile);
