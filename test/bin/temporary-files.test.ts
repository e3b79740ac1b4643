import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// `npm test` leaves nothing behind: every mkdtemp of the tests lands in one
// directory per run (test/global-setup.js), which test/global-teardown.js removes.
test('temporary directories of a test run are made inside the run directory that teardown removes', () => {
  const runDir = process.env.EVERRUNS_TEST_TMPDIR;
  expect(runDir).toMatch(/everruns-tests-/);
  expect(tmpdir()).toBe(runDir);
  expect(mkdtempSync(join(tmpdir(), 'probe-')).startsWith(`${runDir}/`)).toBe(true);
});
