// Jest transform: strips TypeScript types with esbuild (already installed for the synth).
// Type-checking is `npm run typecheck`; ts-jest's per-worker TypeScript compiler start-up
// and per-file transpilation were most of a cold test run.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      // As tsc does for CommonJS: import() becomes require(), which jest's module registry serves.
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
