import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// `npm run check` as a user runs it, in a scratch project root: every problem plan would refuse,
// in one run, offline (OpenTofu with the engine check's stub providers), and what it did not check.
const ROOT = join(__dirname, '..', '..');
const CHECK = join(ROOT, 'bin', 'check.ts');
const TSX = require.resolve('tsx', { paths: [ROOT] });
const SLOW = 120_000;

function checkIn(dir: string, env: NodeJS.ProcessEnv = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TF_VAR_')));
  const run = spawnSync(process.execPath, ['--import', TSX, CHECK], { cwd: dir, encoding: 'utf8', env: { ...clean, ...env } });
  return { status: run.status, errors: run.stderr.trim().split('\n').filter(Boolean), out: run.stdout };
}

const VALID = [
  'domain_name = "app.example.org"',
  'image_tag = "c42b199"',
  'auth_admin_email = "ops@example.org"',
  'alb_ingress_cidrs = ["203.0.113.0/24"]',
].join('\n');

describe('npm run check', () => {
  test('a wrong type, a refused value, a release-line mismatch and a missing secret come together, never echoing a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-'));
    const secret = 'sk-canaryNotEchoed0123456789';
    writeFileSync(
      join(dir, 'terraform.tfvars'),
      `${VALID.replace('c42b199', 'aca8d31')}\napi_desired_count = "two"\nimage_registry = "ghcr.io/everruns/"\nopenai_api_key = "${secret}\\n"\n`,
    );
    const run = checkIn(dir);
    expect(run.status).toBe(1);
    // The file's and the missing values' lines first; the engine's in its own (unordered) order.
    expect(run.errors.slice(0, 2)).toEqual([
      'error: terraform.tfvars: api_desired_count must be a number, got "two" (a string).',
      'error: github_token has no value: set it in terraform.tfvars or TF_VAR_github_token. Without it plan asks for it at the prompt, and fails with -input=false (CI).',
    ]);
    expect(run.errors.slice(2).sort()).toEqual([
      'error: The image_registry "ghcr.io/everruns/" is not a registry path such as ghcr.io/everruns (no trailing slash, no image name).',
      'error: The image_tag "aca8d31" is a commit of the control-plane release line (ef03029 to aca8d31), but everruns_architecture is "temporal": ' +
        'set everruns_architecture = "control-plane", or pick an image_tag of the line you chose. With the wrong topology the tasks never become healthy.',
      'error: The openai_api_key starts or ends with a space, tab or line break (value not shown: sensitive); remove it (a value read from a file with $(cat ...) or pasted from a terminal often ends with a newline).',
    ]);
    expect(run.out + run.errors.join('\n')).not.toContain(secret);
    expect(run.out).toMatch(/^check: 5 problem\(s\) plan would refuse \(terraform\.tfvars; [0-9.]+ s, offline plan [0-9.]+ s\)$/m);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  }, SLOW);

  test('a clean deployment passes, saying what was not checked; TF_VAR_ supplies the secret; an unknown tag gets a note', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-'));
    writeFileSync(join(dir, 'terraform.tfvars'), VALID.replace('c42b199', 'v2.0.0'));
    const run = checkIn(dir, { TF_VAR_github_token: 'ghp_realLookingToken' });
    expect([run.status, run.errors]).toEqual([0, []]);
    expect(run.out).toContain(
      'warning: image_tag "v2.0.0" is not a known commit of any release line (temporal 6e6e523 to c42b199, control-plane ef03029 to aca8d31; ' +
        'application/release-commits.ts), so nobody checked that it fits everruns_architecture "temporal".',
    );
    expect(run.out).toContain('not checked: the state backend: no backend.config');
    expect(run.out).toContain("not checked: aws_route53_record.dns_alias's preconditions: not checked offline, they need the Route 53 zone's name");
    expect(run.out).toMatch(/^check: ok, nothing plan would refuse offline \(terraform\.tfvars, TF_VAR_github_token; [0-9.]+ s, offline plan [0-9.]+ s\)$/m);
  }, SLOW);

  test('no tfvars file is said, not reported as ok; a backend.config of another environment is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-'));
    writeFileSync(
      join(dir, 'backend.config'),
      'bucket = "everruns-terraform-state-production"\nkey = "production/terraform.tfstate"\nregion = "us-east-1"\ndynamodb_table = "t"\n',
    );
    const env = { TF_VAR_environment: 'staging', TF_VAR_github_token: 'ghp_x', TF_VAR_domain_name: 'a.example.org', TF_VAR_image_tag: 'c42b199', TF_VAR_auth_admin_email: 'a@example.org' };
    const run = checkIn(dir, env);
    expect(run.status).toBe(1);
    expect(run.errors).toEqual([
      'error: backend.config: bucket everruns-terraform-state-production is not the state bucket of everruns-staging (name_prefix-environment), ' +
        "everruns-terraform-state-staging: plan would run on another deployment's state. Use the backend.config its bootstrap wrote, or fix name_prefix and environment.",
    ]);
    expect(run.out).toContain(`not checked: no terraform.tfvars or *.auto.tfvars in ${dir}: only the defaults and TF_VAR_* variables were checked`);
  }, SLOW);
});
