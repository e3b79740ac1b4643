import { execFile } from 'child_process';
import { App } from 'cdktn';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { ProductionStack } from '../../stacks/production/stack';
import { THREE_LINES } from './third-line';

const REPO = join(__dirname, '..', '..');

// The throwaway third line, planned for real: the offline engine check validates the
// stack synthesized with three lines and plans it with everruns_architecture = "canary".
test('a stack with a third release line plans that line in the engine', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'third-line-'));
  const app = new App({ outdir: join(dir, 'out') });
  new ProductionStack(app, 'production', { lines: THREE_LINES });
  app.synth();
  const fixtures = join(dir, 'fixtures');
  mkdirSync(fixtures);
  copyFileSync(join(REPO, 'tools', 'engine-check', 'fixtures', 'tfvars', 'production.tfvars.json'), join(fixtures, 'production.tfvars.json'));
  writeFileSync(join(fixtures, 'production.canary.tfvars.json'), JSON.stringify({ everruns_architecture: 'canary', image_tag: '0a1b2c3' }));
  const args = ['--import', 'tsx', join(REPO, 'tools', 'engine-check', 'run.ts'), '--stacks', join(dir, 'out', 'stacks'), '--fixtures', fixtures, '--no-mutations'];
  // A failed run rejects with its output: matched the same way, so the report shows what the engine said.
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO, maxBuffer: 64 << 20 }).catch((error) => error);
  expect(stdout).toMatch(/stack production: ok .*plan\(canary\) ok/);
}, 300_000);
