import { execFile, execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { defaultStacks, PRODUCTION_REQUIRED } from '../default-stacks';
import { TOFU, tofuEnv, variablesOnly, violations } from '../variable-rules';

// The production stack's deployment guard and the secrets' whitespace rule, run for real by the
// pinned OpenTofu binary on the stack's variables, locals and the built-in terraform_data guard
// (no provider, no network).

const run = promisify(execFile);
const { json } = defaultStacks().production;
const REQUIRED = PRODUCTION_REQUIRED;

/** A directory with the guard alone; `backend` is what `init` would have recorded in .terraform/terraform.tfstate. */
function guardWorkspace(backend?: object): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'guards-'));
  writeFileSync(
    join(dir, 'main.tf.json'),
    JSON.stringify({ variable: json.variable, locals: { state_backend: json.locals.state_backend, applied_migrations: json.locals.applied_migrations }, resource: { terraform_data: json.resource.terraform_data } }),
  );
  // The engine's own data directory is elsewhere, so the file below is only read by the guard.
  const env = { ...tofuEnv(dir), TF_DATA_DIR: join(dir, '.engine') };
  if (backend) {
    mkdirSync(join(dir, '.terraform'));
    writeFileSync(join(dir, '.terraform', 'terraform.tfstate'), JSON.stringify({ version: 3, serial: 1, backend }));
  }
  execFileSync(TOFU, ['init', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'pipe' });
  return { dir, env };
}

async function refusals(ws: { dir: string; env: NodeJS.ProcessEnv }, values: Record<string, unknown>): Promise<string[]> {
  const args = ['plan', '-json', '-lock=false', '-input=false', '-refresh=false'];
  for (const [k, v] of Object.entries({ ...REQUIRED, ...values })) args.push('-var', `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  let stdout: string;
  try {
    ({ stdout } = await run(TOFU, args, { cwd: ws.dir, env: ws.env }));
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((e) => e.type === 'diagnostic' && e.diagnostic.severity === 'error')
    .map((e) => `${e.diagnostic.summary}: ${e.diagnostic.detail}`);
}

const refused = (message: string) => `Resource precondition failed: ${message}`;

describe('image tag against the release line', () => {
  const ws = guardWorkspace();

  test('a control-plane commit with the temporal topology is refused, naming the line the tag belongs to', async () => {
    expect(await refusals(ws, { image_tag: 'aca8d31', everruns_architecture: 'temporal' })).toEqual([
      refused(
        'The image_tag "aca8d31" is a commit of the control-plane release line (ef03029 to aca8d31), but everruns_architecture is "temporal": ' +
          'set everruns_architecture = "control-plane", or pick an image_tag of the line you chose. ' +
          'With the wrong topology the tasks never become healthy.',
      ),
    ]);
  });

  test('a Temporal-line commit (full SHA too) with the control-plane topology is refused', async () => {
    for (const tag of ['c42b199', 'c42b1990a7e574d9e5cdb3008a7790fbb19ec528', '6E6E523']) {
      const found = await refusals(ws, { image_tag: tag, everruns_architecture: 'control-plane' });
      expect(found).toHaveLength(1);
      expect(found[0]).toContain('is a commit of the temporal release line (6e6e523 to c42b199), but everruns_architecture is "control-plane"');
    }
  });

  test('each line with its own commits, and unknown tags, plan', async () => {
    expect(await refusals(ws, { image_tag: 'c42b199', everruns_architecture: 'temporal' })).toEqual([]);
    expect(await refusals(ws, { image_tag: 'b83317b', everruns_architecture: 'control-plane' })).toEqual([]);
    expect(await refusals(ws, { image_tag: 'v1.2.3', everruns_architecture: 'control-plane' })).toEqual([]);
    expect(await refusals(ws, { image_tag: '0123abc', everruns_architecture: 'temporal' })).toEqual([]);
  });
});

describe('the example domain', () => {
  const ws = guardWorkspace();
  const POC =
    'The domain_name is poc.everruns.com, the Everruns team\'s own domain (the example\'s and the former default value): ACM would wait up to 75 minutes ' +
    'for a validation record you cannot publish. Set domain_name to your own domain; if you do operate poc.everruns.com, set route53_zone_id ' +
    '(its hosted zone) or certificate_arn (an issued certificate).';

  test('poc.everruns.com without a zone or certificate is refused', async () => {
    expect(await refusals(ws, { domain_name: 'poc.everruns.com' })).toEqual([refused(POC)]);
  });

  test('poc.everruns.com with its hosted zone or an issued certificate plans', async () => {
    expect(await refusals(ws, { domain_name: 'poc.everruns.com', route53_zone_id: 'Z0123456789ABCDEFGHIJ' })).toEqual([]);
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    expect(await refusals(ws, { domain_name: 'poc.everruns.com', certificate_arn: arn })).toEqual([]);
  });

  test('domain_name is required, and the new example value is refused as a placeholder', async () => {
    expect(json.variable.domain_name.default).toBeUndefined();
    const rules = variablesOnly(json);
    expect(await violations(rules, { domain_name: 'everruns.example.com' }, REQUIRED)).toEqual([
      {
        variable: 'domain_name',
        message: 'The domain_name is still the example\'s everruns.example.com: set the domain you own and can publish DNS records for (the certificate is issued for it).',
      },
    ]);
  });
});

describe('the state backend belongs to this name_prefix and environment', () => {
  const s3 = (bucket: string, key: string) => ({ type: 's3', config: { bucket, key, region: 'us-east-1', dynamodb_table: 't' }, hash: 1 });

  test('the bootstrap\'s bucket and key for this deployment plan', async () => {
    expect(await refusals(guardWorkspace(s3('everruns-terraform-state-production', 'production/terraform.tfstate')), {})).toEqual([]);
    expect(await refusals(guardWorkspace(s3('acme-terraform-state-staging', 'production/terraform.tfstate')), { name_prefix: 'acme', environment: 'staging' })).toEqual([]);
  });

  test('another environment\'s bucket is refused before anything is planned', async () => {
    const ws = guardWorkspace(s3('everruns-terraform-state-production', 'production/terraform.tfstate'));
    expect(await refusals(ws, { environment: 'staging' })).toEqual([
      refused(
        'The state backend\'s bucket is everruns-terraform-state-production, but the bootstrap of everruns-staging (name_prefix-environment) created ' +
          'everruns-terraform-state-staging: this plan would run on another deployment\'s state. Use the backend.config its bootstrap wrote ' +
          '(terraform output -raw backend_config in cdktf.out/stacks/bootstrap), or fix name_prefix and environment, then init -reconfigure.',
      ),
    ]);
  });

  test('the bootstrap\'s own state key is refused', async () => {
    const found = await refusals(guardWorkspace(s3('everruns-terraform-state-production', 'bootstrap/terraform.tfstate')), {});
    expect(found).toEqual([
      refused(
        'The state backend\'s key is bootstrap/terraform.tfstate, but the production stack\'s state is production/terraform.tfstate (the key the ' +
          'bootstrap\'s backend_config writes; bootstrap/terraform.tfstate is the bootstrap\'s own): set key in backend.config, then init -reconfigure.',
      ),
    ]);
  });

  test('a local backend (the offline engine) or no init record is not checked', async () => {
    expect(await refusals(guardWorkspace({ type: 'local', config: { path: 'x' }, hash: 1 }), { environment: 'staging' })).toEqual([]);
    expect(await refusals(guardWorkspace(), { environment: 'staging' })).toEqual([]);
  });
});

describe('whitespace around a secret', () => {
  const rules = variablesOnly(json);
  const message = (name: string) =>
    `The ${name} starts or ends with a space, tab or line break (value not shown: sensitive); remove it ` +
    '(a value read from a file with $(cat ...) or pasted from a terminal often ends with a newline).';

  test('a trailing newline or a leading space is refused without showing the value', async () => {
    const found = await violations(rules, { github_token: 'ghp_canaryNotShown123\n', openai_api_key: ' sk-canaryNotShown456' }, REQUIRED);
    expect([...found].sort((a, b) => a.variable.localeCompare(b.variable))).toEqual([
      { variable: 'github_token', message: message('github_token') },
      { variable: 'openai_api_key', message: message('openai_api_key') },
    ]);
    expect(JSON.stringify(found)).not.toMatch(/canaryNotShown/);
  });

  test('clean secrets and an empty optional one pass', async () => {
    expect(await violations(rules, { github_token: 'ghp_clean', openai_api_key: '' }, REQUIRED)).toEqual([]);
  });
});
