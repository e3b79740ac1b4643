/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Tests are only transpiled (esbuild, as for the synth); type-checking is `npm run typecheck`.
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.js' },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // One temporary directory per run (TMPDIR for the workers), removed at the end.
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  // Jest's default on 2 cores is 1 worker; many tests wait on tofu or node child processes, so use both.
  maxWorkers: 2,
};
