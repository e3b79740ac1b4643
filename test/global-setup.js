// Every temporary directory the tests make (mkdtemp under os.tmpdir()) goes into one directory
// per run, set as TMPDIR before the workers start, and removed when the run ends: `npm test`
// leaves nothing behind in the machine's /tmp.
const { mkdtempSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

module.exports = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'everruns-tests-'));
  process.env.EVERRUNS_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
