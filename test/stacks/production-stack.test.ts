import { parse } from '@cdktn/hcl2json';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseBackendConfig } from '../../config/backend-config';
import { defaultStacks } from '../default-stacks';
import { addresses } from '../helpers';

const { json } = defaultStacks().production;
const root = join(__dirname, '..', '..');

describe('production stack: addresses', () => {
  test('every address of the four modules is module + spec name, with no hash', () => {
    const mine = addresses(json).filter((a) => /\.(networking|secrets|database|acm)_/.test(a));
    // 75, plus the control-plane database secret and its version, the workers' gRPC rule pair, and the ALB's 443 egress for sign-in.
    expect(mine).toHaveLength(80);
    for (const address of mine) expect(address).toMatch(/^(data\.)?[a-z0-9_]+\.(networking|secrets|database|acm)_[a-z0-9_]+$/);
    expect(mine.join(' ')).not.toMatch(/_[0-9A-F]{8}\b/);
  });
});

describe('production stack: variables', () => {
  test.each([
    ['environment', 'Environment name', 'production'],
    ['region', 'AWS region', 'us-east-1'],
  ])('%s keeps the spec description and default', (name, description, value) => {
    expect(json.variable[name]).toEqual(expect.objectContaining({ type: 'string', description, default: value }));
  });

  test('domain_name has no default: it is the customer\'s own domain (the former default was the Everruns team\'s)', () => {
    expect(json.variable.domain_name).toEqual(expect.objectContaining({ type: 'string', description: 'Domain name for the application; the certificate is issued for it' }));
    expect(json.variable.domain_name.default).toBeUndefined();
  });

  test('github_token is sensitive with no default, as in the spec', () => {
    expect(json.variable.github_token).toEqual({
      type: 'string',
      description: 'GitHub token for pulling images from ghcr.io',
      sensitive: true,
      validation: [
        expect.objectContaining({ error_message: expect.stringContaining('placeholder') }),
        expect.objectContaining({ error_message: expect.stringContaining('github_token starts or ends with a space') }),
      ],
    });
  });

  test('openai_api_key is sensitive and optional: the application reads LLM keys from its database, not its environment', () => {
    expect(json.variable.openai_api_key).toEqual(expect.objectContaining({ type: 'string', sensitive: true, default: '' }));
  });

  test.each(['image_tag', 'auth_admin_email'])('%s has no default: the user must choose it', (name) => {
    expect(json.variable[name]).toEqual(expect.objectContaining({ type: 'string', description: expect.any(String) }));
    expect(json.variable[name].default).toBeUndefined();
  });

  test.each([
    ['vpc_cidr', 'string', '10.0.0.0/16'],
    ['public_subnet_cidrs', 'list(string)', ['10.0.1.0/24', '10.0.2.0/24']],
    ['private_subnet_cidrs', 'list(string)', ['10.0.10.0/24', '10.0.11.0/24']],
    ['github_username', 'string', 'everruns'],
    ['db_deletion_protection', 'bool', true],
    ['secret_recovery_window_days', 'number', 7],
    ['image_registry', 'string', 'ghcr.io/everruns'],
    ['image_digests', 'map(string)', {}],
    ['auth_mode', 'string', 'none'],
    ['alb_authentication', 'string', 'cognito'],
    ['cognito_mfa', 'string', 'OPTIONAL'],
    ['alb_auth_session_timeout', 'number', 43200],
    ['allow_unauthenticated_internet', 'bool', false],
    ['api_client_cidrs', 'list(string)', []],
    ['waf_enabled', 'bool', false],
    ['waf_rate_limit', 'number', 2000],
    ['alb_ingress_cidrs', 'list(string)', ['0.0.0.0/0']],
  ])('adds %s (%s, default %p) with a description', (name, type, value) => {
    expect(json.variable[name]).toEqual(expect.objectContaining({ type, default: value, description: expect.any(String) }));
  });
});

describe('production stack: outputs', () => {
  test('rds_endpoint is the instance endpoint, sensitive', () => {
    expect(json.output.rds_endpoint).toEqual({
      description: 'RDS endpoint',
      value: '${aws_db_instance.database_main.endpoint}',
      sensitive: true,
    });
  });

  test('api_url and ui_url as in the spec', () => {
    expect(json.output.api_url.value).toBe('https://${var.domain_name}/api');
    expect(json.output.ui_url.value).toBe('https://${var.domain_name}');
  });
});

describe('production stack: example files', () => {
  test('terraform.tfvars.example sets every variable, each default to its default value, each preceded by a comment', async () => {
    const text = readFileSync(join(root, 'terraform.tfvars.example'), 'utf8');
    const values = await parse('terraform.tfvars.example', text);
    expect(Object.keys(values).sort()).toEqual(Object.keys(json.variable).sort());
    for (const [name, variable] of Object.entries(json.variable) as [string, any][]) {
      if ('default' in variable) expect([name, values[name]]).toEqual([name, variable.default]);
      expect(text).toMatch(new RegExp(`# [^\\n]+\\n${name} = `));
    }
  });

  test('backend.config.example is valid for every engine (use_lockfile commented out, as the bootstrap writes it)', async () => {
    const settings = await parseBackendConfig(readFileSync(join(root, 'backend.config.example'), 'utf8'), 'backend.config.example');
    expect(settings).toEqual({
      bucket: 'everruns-terraform-state-production',
      key: 'production/terraform.tfstate',
      region: 'us-east-1',
      encrypt: true,
      dynamodb_table: 'everruns-terraform-locks-production',
    });
    expect(readFileSync(join(root, 'backend.config.example'), 'utf8')).toMatch(/^# use_lockfile = true$/m);
  });
});
