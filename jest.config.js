/**
 * Two tiers, one configuration: `npm test` runs the fast tier (construct and matcher tests over
 * synthesized JSON, in process); `npm run test:engine` runs the files named `*.engine.test.ts`,
 * which spawn OpenTofu or node processes. CI runs both.
 * @type {import('jest').Config}
 */
const engineTier = process.env.TEST_TIER === 'engine';
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: engineTier ? ['**/*.engine.test.ts'] : ['**/*.test.ts'],
  testPathIgnorePatterns: engineTier ? ['/node_modules/'] : ['/node_modules/', '\\.engine\\.test\\.ts$'],
  // Tests are only transpiled (esbuild, as for the synth); type-checking is `npm run typecheck`.
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.js' },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // One temporary directory per run (TMPDIR for the workers), removed at the end.
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  // Jest's default on 2 cores is 1 worker; the engine tier waits on child processes, so use both.
  maxWorkers: 2,
};
