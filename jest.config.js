/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `npm run typecheck`; tests only transpile, which keeps the suite in seconds.
  transform: { '^.+\\.ts$': 'ts-jest' },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // Jest's default on 2 cores is 1 worker; many tests wait on tofu or node child processes, so use both.
  maxWorkers: 2,
};
