import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// Runs the real synth entry point (as `npm run synth` does) in a scratch
// directory: what a user sees when backend.config is wrong.
const APP = join(__dirname, '..', '..', 'scripts', 'app.mjs');

function synthIn(dir: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [APP], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: '', ...env } });
}

describe('npm run synth', () => {
  test('writes both stacks with no backend.config, no credentials and no tfvars', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const run = synthIn(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'bootstrap', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'))).toBe(true);
  });

  test('a bad backend.config fails with one line per problem, exit 1 and no cdktf.out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    writeFileSync(join(dir, 'backend.config'), 'bucket = "everruns-terraform-state-production"\nregoin = "us-east-1"\n');
    const run = synthIn(dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'error: backend.config: unknown setting "regoin" (did you mean "region"?); known settings: bucket, key, region, encrypt, dynamodb_table, use_lockfile, kms_key_id, profile, workspace_key_prefix.',
      'error: backend.config: missing "key"; see backend.config.example (the bootstrap stack\'s backend_config output has every value).',
      'error: backend.config: missing "region"; see backend.config.example (the bootstrap stack\'s backend_config output has every value).',
      'error: backend.config: no state locking; set use_lockfile = true (Terraform >= 1.10) or dynamodb_table = "<the bootstrap stack\'s dynamodb_table_name>".',
    ]);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });

  test('a BACKEND_CONFIG_FILE that does not exist fails instead of silently using a partial backend', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const run = synthIn(dir, { BACKEND_CONFIG_FILE: 'backend.prod.config' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `error: BACKEND_CONFIG_FILE: ${join(dir, 'backend.prod.config')} does not exist; unset it to use ./backend.config when present.`,
    );
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });
});
