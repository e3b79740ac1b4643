import { parse } from '@cdktn/hcl2json';
import { readFileSync } from 'fs';
import { join } from 'path';
import { defaultStacks, PRODUCTION_REQUIRED } from '../default-stacks';
import { variablesOnly, violations } from '../variable-rules';

// The bad-input matrix for Terraform variables: each wrong value is planned by
// OpenTofu against the synthesized `validation` rules, and the exact message a
// user reads is asserted.

const bootstrap = variablesOnly(defaultStacks().bootstrap.json);
const production = variablesOnly(defaultStacks().production.json);
const SECRETS = PRODUCTION_REQUIRED;

describe('variable rules accept the defaults and realistic values', () => {
  test('bootstrap defaults', async () => {
    expect(await violations(bootstrap, {})).toEqual([]);
  });

  test('production defaults with the required values (registry token, image tag, admin e-mail)', async () => {
    expect(await violations(production, {}, SECRETS)).toEqual([]);
  });

  test('another environment, prefix, region, domain and tag', async () => {
    const values = { environment: 'staging-2', name_prefix: 'acme', region: 'eu-west-2', domain_name: 'app.example.co.uk', image_tag: 'v1.2.3_rc.1' };
    expect(await violations(production, values, SECRETS)).toEqual([]);
  });

  test('terraform.tfvars.example as copied is refused only for its placeholders: the secret and the domain', async () => {
    const example = await parse('terraform.tfvars.example', readFileSync(join(__dirname, '..', '..', 'terraform.tfvars.example'), 'utf8'));
    expect((await violations(production, example)).map((v) => v.variable).sort()).toEqual(['domain_name', 'github_token']);
  });

  test('the application inputs in their other valid forms', async () => {
    const values = {
      auth_mode: 'full',
      auth_admin_email: '',
      alb_ingress_cidrs: ['203.0.113.0/24', '198.51.100.7/32', '0.0.0.0/0'],
      image_registry: 'registry.example.com:5000/acme/everruns',
      image_digests: { api: `sha256:${'a'.repeat(64)}`, admin: `sha256:${'0'.repeat(64)}` },
      openai_api_key: '',
    };
    expect(await violations(production, values, SECRETS)).toEqual([]);
  });

  test('the longest allowed environment and prefix', async () => {
    expect(await violations(bootstrap, { environment: 'a'.repeat(16), name_prefix: 'b'.repeat(10) })).toEqual([]);
  });
});

const NAME_RULE = 'lowercase letters, digits and single hyphens, starting with a letter (it is part of S3, RDS, ALB and IAM names).';

// Concurrent: each case is a separate tofu process, mostly waiting.
test.concurrent.each<[string, string, string, unknown, string]>([
  ['bootstrap', 'environment', 'uppercase', 'Production', `The environment "Production" is not valid: use 1-16 ${NAME_RULE}`],
  ['bootstrap', 'environment', 'an underscore', 'prod_1', `The environment "prod_1" is not valid: use 1-16 ${NAME_RULE}`],
  ['bootstrap', 'environment', 'a leading digit', '1prod', `The environment "1prod" is not valid: use 1-16 ${NAME_RULE}`],
  ['bootstrap', 'environment', 'a double hyphen', 'pre--prod', `The environment "pre--prod" is not valid: use 1-16 ${NAME_RULE}`],
  ['bootstrap', 'environment', 'a trailing hyphen', 'prod-', `The environment "prod-" is not valid: use 1-16 ${NAME_RULE}`],
  ['bootstrap', 'environment', '17 characters', 'production-east-1', `The environment "production-east-1" is not valid: use 1-16 ${NAME_RULE}`],
  ['bootstrap', 'environment', 'an empty string', '', `The environment "" is not valid: use 1-16 ${NAME_RULE}`],
  ['bootstrap', 'name_prefix', '11 characters', 'everrunsabc', `The name_prefix "everrunsabc" is not valid: use 1-10 ${NAME_RULE}`],
  ['bootstrap', 'name_prefix', 'a dot', 'acme.io', `The name_prefix "acme.io" is not valid: use 1-10 ${NAME_RULE}`],
  ['bootstrap', 'region', 'an availability zone', 'us-east-1a', 'The region "us-east-1a" is not an AWS region name such as us-east-1 or eu-west-2.'],
  ['bootstrap', 'region', 'a display name', 'US East', 'The region "US East" is not an AWS region name such as us-east-1 or eu-west-2.'],
  ['bootstrap', 'state_noncurrent_version_expiration_days', 'zero days', 0, 'The state_noncurrent_version_expiration_days 0 is not valid: use a whole number of days from 1 to 3650.'],
  ['bootstrap', 'state_noncurrent_version_expiration_days', 'a fraction', 1.5, 'The state_noncurrent_version_expiration_days 1.5 is not valid: use a whole number of days from 1 to 3650.'],
  ['production', 'domain_name', 'a bare word', 'localhost', 'The domain_name "localhost" is not a lowercase fully qualified domain name such as poc.example.com.'],
  ['production', 'domain_name', 'a URL', 'https://poc.everruns.com', 'The domain_name "https://poc.everruns.com" is not a lowercase fully qualified domain name such as poc.example.com.'],
  ['production', 'domain_name', 'uppercase', 'POC.everruns.com', 'The domain_name "POC.everruns.com" is not a lowercase fully qualified domain name such as poc.example.com.'],
  ['production', 'openai_api_key', 'the example placeholder', 'sk-REPLACE-ME', 'The openai_api_key is still the placeholder from terraform.tfvars.example; set the real value or remove the line.'],
  ['production', 'image_tag', 'latest', 'latest', 'The image_tag "latest" cannot be used: pin the commit SHA tag CI publishes (e.g. c42b199), the same for every image; "latest" moves per image and mixes application generations.'],
  ['production', 'image_tag', 'LATEST', 'LATEST', 'The image_tag "latest" cannot be used: pin the commit SHA tag CI publishes (e.g. c42b199), the same for every image; "latest" moves per image and mixes application generations.'],
  ['production', 'image_registry', 'a trailing slash', 'ghcr.io/everruns/', 'The image_registry "ghcr.io/everruns/" is not a registry path such as ghcr.io/everruns (no trailing slash, no image name).'],
  ['production', 'image_digests', 'an unknown image', { temporal: `sha256:${'a'.repeat(64)}` }, `The image_digests {"temporal":"sha256:${'a'.repeat(64)}"} is not valid: use keys among api, control-plane, worker, ui, admin and values sha256: followed by 64 lowercase hex digits (docker buildx imagetools inspect shows them).`],
  ['production', 'image_digests', 'a tag instead of a digest', { api: 'c42b199' }, 'The image_digests {"api":"c42b199"} is not valid: use keys among api, control-plane, worker, ui, admin and values sha256: followed by 64 lowercase hex digits (docker buildx imagetools inspect shows them).'],
  ['production', 'everruns_architecture', 'the image name instead of the line', 'everruns-control-plane', 'The everruns_architecture "everruns-control-plane" is not valid: use temporal (images everruns-api, to c42b199) or control-plane (images everruns-control-plane, from ef03029).'],
  ['production', 'db_engine_version', 'a minor version', '17.2', 'The db_engine_version "17.2" is not valid: give the major version only, one of 14, 15, 16, 17, 18 (RDS picks and upgrades the minor version itself).'],
  ['production', 'db_engine_version', 'a retired major', '11', 'The db_engine_version "11" is not valid: give the major version only, one of 14, 15, 16, 17, 18 (RDS picks and upgrades the minor version itself).'],
  ['production', 'auth_mode', 'an unknown mode', 'oidc', 'The auth_mode "oidc" is not valid: use one of none, admin, full.'],
  ['production', 'auth_admin_email', 'a user name', 'admin', 'The auth_admin_email "admin" is not an e-mail address such as admin@example.com (or "" when neither alb_authentication "cognito" nor auth_mode "admin" is used).'],
  ['production', 'alb_ingress_cidrs', 'an IPv6 range', ['2001:db8::/32'], 'The alb_ingress_cidrs ["2001:db8::/32"] is not valid: give at least one IPv4 network address without host bits, such as ["203.0.113.0/24"] (the ALB is IPv4-only, so IPv6 ranges cannot apply).'],
  ['production', 'alb_ingress_cidrs', 'host bits set', ['203.0.113.7/24'], 'The alb_ingress_cidrs ["203.0.113.7/24"] is not valid: give at least one IPv4 network address without host bits, such as ["203.0.113.0/24"] (the ALB is IPv4-only, so IPv6 ranges cannot apply).'],
  ['production', 'alb_ingress_cidrs', 'an empty list', [], 'The alb_ingress_cidrs [] is not valid: give at least one IPv4 network address without host bits, such as ["203.0.113.0/24"] (the ALB is IPv4-only, so IPv6 ranges cannot apply).'],
  ['production', 'github_token', 'the example placeholder', 'ghp_REPLACE-ME', 'The github_token is empty or still the placeholder from terraform.tfvars.example; set the real value in terraform.tfvars or TF_VAR_github_token.'],
  ['production', 'image_tag', 'a leading hyphen', '-rc1', 'The image_tag "-rc1" is not a valid container image tag (up to 128 letters, digits, _ . -, not starting with . or -).'],
  ['production', 'image_tag', 'a full image reference', 'everruns-api:1.0', 'The image_tag "everruns-api:1.0" is not a valid container image tag (up to 128 letters, digits, _ . -, not starting with . or -).'],
  ['production', 'image_tag', '129 characters', 'v'.repeat(129), `The image_tag "${'v'.repeat(129)}" is not a valid container image tag (up to 128 letters, digits, _ . -, not starting with . or -).`],
])('%s: %s with %s is rejected at plan time with the exact message', async (stackName, variable, _case, value, message) => {
  const dir = stackName === 'bootstrap' ? bootstrap : production;
  expect(await violations(dir, { [variable]: value }, stackName === 'production' ? SECRETS : {})).toEqual([{ variable, message }]);
});
