import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// `npm run plan|apply -- <stack>` with a fake engine on the PATH that records its arguments and
// directory and prints a long RDS wait: what would run against AWS, without AWS.
const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'bin', 'deploy.ts');
const TSX = require.resolve('tsx', { paths: [ROOT] });
const SLOW = 120_000;

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
  const bin = join(dir, 'fake-bin');
  mkdirSync(bin);
  const log = join(dir, 'engine.log');
  writeFileSync(
    join(bin, 'terraform'),
    [
      '#!/bin/sh',
      'if [ "$1" = version ]; then echo "Terraform v1.11.4"; exit 0; fi',
      `echo "$PWD|$*" >> '${log}'`,
      'if [ "$1" = output ]; then printf \'bucket = "b"\\n\'; exit 0; fi',
      'if [ "$1" = apply ]; then echo "aws_db_instance.database_main: Still creating... [5m0s elapsed]"; echo "aws_db_instance.database_main: Still creating... [5m10s elapsed]"; fi',
      'exit 0',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return { dir, bin, log };
}

function deploy(dir: string, bin: string, args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TF_') && k !== 'TERRAFORM_BINARY_NAME'));
  return spawnSync(process.execPath, ['--import', TSX, DEPLOY, ...args], { cwd: dir, encoding: 'utf8', env: { ...env, PATH: `${bin}:${process.env.PATH}` } });
}

test('apply production: synth, check, init with backend.config, apply with the tfvars file, flags passed through, RDS wait explained once', () => {
  const { dir, bin, log } = project();
  writeFileSync(
    join(dir, 'terraform.tfvars'),
    'domain_name = "app.example.org"\nimage_tag = "c42b199"\nauth_admin_email = "a@example.org"\ngithub_token = "ghp_x"\nalb_ingress_cidrs = ["203.0.113.0/24"]\n',
  );
  writeFileSync(join(dir, 'backend.config'), 'bucket = "everruns-terraform-state-production"\nkey = "production/terraform.tfstate"\nregion = "us-east-1"\ndynamodb_table = "t"\n');
  const run = deploy(dir, bin, ['apply', 'production', '--engine', 'terraform', '-auto-approve', '-input=false']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const stack = join(dir, 'cdktf.out', 'stacks', 'production');
  expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
    `${stack}|init -reconfigure -backend-config=${dir}/backend.config -input=false`,
    `${stack}|apply -var-file=${dir}/terraform.tfvars -auto-approve -input=false`,
  ]);
  expect(run.stdout).toMatch(/^check: ok/m);
  expect(run.stdout.match(/deploy: RDS is creating the PostgreSQL instance: typically 10-15 minutes in all\./g)).toHaveLength(1);
}, SLOW);

test('a check failure stops before the engine runs; production without backend.config is refused', () => {
  const { dir, bin, log } = project();
  writeFileSync(join(dir, 'terraform.tfvars'), 'domain_name = "poc.everruns.com"\n');
  const refused = deploy(dir, bin, ['plan', 'production', '--engine', 'terraform']);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('deploy: npm run check found what plan would refuse (above); fix it first (or pass --no-check).');
  const unchecked = deploy(dir, bin, ['plan', 'production', '--engine', 'terraform', '--no-check']);
  expect(unchecked.stderr).toContain('deploy: backend.config does not exist: run npm run apply -- bootstrap first (it writes it), or copy backend.config.example.');
  expect(() => readFileSync(log)).toThrow();
}, SLOW);

test('apply bootstrap: local state, its own variables from terraform.tfvars, then backend.config from its output', () => {
  const { dir, bin, log } = project();
  writeFileSync(join(dir, 'terraform.tfvars'), 'environment = "staging"\nname_prefix = "acme"\ngithub_token = "ghp_x"\n');
  const run = deploy(dir, bin, ['apply', 'bootstrap']);
  expect([run.status, run.stderr]).toEqual([0, '']);
  const stack = join(dir, 'cdktf.out', 'stacks', 'bootstrap');
  expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
    `${stack}|init`,
    `${stack}|apply -var environment=staging -var name_prefix=acme`,
    `${stack}|output -raw backend_config`,
  ]);
  expect(readFileSync(join(dir, 'backend.config'), 'utf8')).toBe('bucket = "b"\n');
}, SLOW);
