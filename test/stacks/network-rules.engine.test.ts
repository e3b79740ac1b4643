import { execFile, execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { defaultStacks, PRODUCTION_REQUIRED } from '../default-stacks';
import { resource } from '../helpers';
import { TOFU, tofuEnv, variablesOnly, violations } from '../variable-rules';

// The network inputs and the plan-time checks built from
// Terraform functions, run for real by the pinned OpenTofu binary (no
// provider, no network): variable rules, the VPC's address preconditions
// (copied onto a built-in terraform_data resource). The acm_validation_records
// expression is checked in dns-rules.test.ts.

const run = promisify(execFile);
const { json } = defaultStacks().production;
const SECRETS = PRODUCTION_REQUIRED;
const production = variablesOnly(json);

/** An initialised directory holding `config` (Terraform JSON that needs no provider). */
function workspace(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'network-rules-'));
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config));
  execFileSync(TOFU, ['init', '-input=false', '-no-color'], { cwd: dir, env: tofuEnv(dir), stdio: 'pipe' });
  return dir;
}

/** The error (or warning) diagnostics of a plan, as `summary: detail`. */
async function planErrors(dir: string, values: Record<string, unknown>, severity = 'error'): Promise<string[]> {
  const args = ['plan', '-json', '-lock=false', '-input=false', '-refresh=false'];
  for (const [name, value] of Object.entries({ ...SECRETS, ...values })) {
    args.push('-var', `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  let stdout: string;
  try {
    ({ stdout } = await run(TOFU, args, { cwd: dir, env: tofuEnv(dir) }));
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((event) => event.type === 'diagnostic' && event.diagnostic.severity === severity)
    .map((event) => `${event.diagnostic.summary}: ${event.diagnostic.detail}`);
}

describe('network and secret inputs: variable rules', () => {
  test('accept the defaults and another valid layout', async () => {
    expect(await violations(production, {}, SECRETS)).toEqual([]);
    const other = {
      vpc_cidr: '172.16.0.0/20',
      public_subnet_cidrs: ['172.16.0.0/24', '172.16.1.0/24'],
      private_subnet_cidrs: ['172.16.8.0/22', '172.16.12.0/22'],
      github_username: 'some-user42',
      secret_recovery_window_days: 0,
    };
    expect(await violations(production, other, SECRETS)).toEqual([]);
  });

  const CIDR_RULE = 'IPv4 network addresses with prefixes from /16 to /28';
  test.concurrent.each<[string, string, unknown, string]>([
    ['vpc_cidr', 'host bits set', '10.0.0.1/16', 'The vpc_cidr "10.0.0.1/16" is not valid: use an IPv4 network address with a prefix from /16 to /28 and no host bits set, such as 10.0.0.0/16.'],
    ['vpc_cidr', 'a /8', '10.0.0.0/8', 'The vpc_cidr "10.0.0.0/8" is not valid: use an IPv4 network address with a prefix from /16 to /28 and no host bits set, such as 10.0.0.0/16.'],
    ['vpc_cidr', 'no prefix', '10.0.0.0', 'The vpc_cidr "10.0.0.0" is not valid: use an IPv4 network address with a prefix from /16 to /28 and no host bits set, such as 10.0.0.0/16.'],
    ['vpc_cidr', 'IPv6', 'fd00::/56', 'The vpc_cidr "fd00::/56" is not valid: use an IPv4 network address with a prefix from /16 to /28 and no host bits set, such as 10.0.0.0/16.'],
    ['public_subnet_cidrs', 'three subnets', ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'], `The public_subnet_cidrs ["10.0.1.0/24","10.0.2.0/24","10.0.3.0/24"] is not valid: give exactly 2 ${CIDR_RULE}, such as ["10.0.1.0/24","10.0.2.0/24"].`],
    ['public_subnet_cidrs', 'one subnet', ['10.0.1.0/24'], `The public_subnet_cidrs ["10.0.1.0/24"] is not valid: give exactly 2 ${CIDR_RULE}, such as ["10.0.1.0/24","10.0.2.0/24"].`],
    ['private_subnet_cidrs', 'a /29', ['10.0.10.0/24', '10.0.11.0/29'], `The private_subnet_cidrs ["10.0.10.0/24","10.0.11.0/29"] is not valid: give exactly 2 ${CIDR_RULE}, such as ["10.0.10.0/24","10.0.11.0/24"].`],
    ['private_subnet_cidrs', 'not a CIDR', ['10.0.10.0/24', 'subnet-b'], `The private_subnet_cidrs ["10.0.10.0/24","subnet-b"] is not valid: give exactly 2 ${CIDR_RULE}, such as ["10.0.10.0/24","10.0.11.0/24"].`],
    ['github_username', 'a leading hyphen', '-user', 'The github_username "-user" is not a GitHub user name (1-39 letters, digits and hyphens, not starting or ending with a hyphen).'],
    ['github_username', 'an email address', 'me@example.com', 'The github_username "me@example.com" is not a GitHub user name (1-39 letters, digits and hyphens, not starting or ending with a hyphen).'],
    ['secret_recovery_window_days', '3 days', 3, 'The secret_recovery_window_days 3 is not valid: AWS allows 0 (delete at once) or a whole number from 7 to 30.'],
    ['secret_recovery_window_days', '31 days', 31, 'The secret_recovery_window_days 31 is not valid: AWS allows 0 (delete at once) or a whole number from 7 to 30.'],
    ['secret_recovery_window_days', 'a fraction', 7.5, 'The secret_recovery_window_days 7.5 is not valid: AWS allows 0 (delete at once) or a whole number from 7 to 30.'],
  ])('%s with %s is rejected with the exact message', async (variable, _case, value, message) => {
    expect(await violations(production, { [variable]: value }, SECRETS)).toEqual([{ variable, message }]);
  });
});

describe('network inputs: subnets inside the VPC and apart (VPC preconditions)', () => {
  const vpc = resource(json, 'aws_vpc', 'networking_main');
  const dir = workspace({
    variable: json.variable,
    resource: { terraform_data: { vpc: { input: vpc.cidr_block, lifecycle: { precondition: vpc.lifecycle.precondition } } } },
  });
  const failed = (message: string) => `Resource precondition failed: ${message}`;

  test('pass for the defaults', async () => {
    expect(await planErrors(dir, {})).toEqual([]);
  });

  test('a subnet outside the VPC fails the plan, naming the subnet and the VPC', async () => {
    expect(await planErrors(dir, { private_subnet_cidrs: ['10.0.10.0/24', '10.1.11.0/24'] })).toEqual([
      failed('The private subnet 2 10.1.11.0/24 is not inside the VPC 10.0.0.0/16: every entry of public_subnet_cidrs and private_subnet_cidrs must lie within vpc_cidr.'),
    ]);
  });

  test('a subnet larger than the VPC is outside it', async () => {
    expect(await planErrors(dir, { vpc_cidr: '10.0.0.0/24', public_subnet_cidrs: ['10.0.0.0/16', '10.0.0.0/25'], private_subnet_cidrs: ['10.0.0.128/26', '10.0.0.192/26'] })).toEqual([
      failed('The public subnet 1 10.0.0.0/16 is not inside the VPC 10.0.0.0/24: every entry of public_subnet_cidrs and private_subnet_cidrs must lie within vpc_cidr.'),
      failed('The public subnet 1 10.0.0.0/16 overlaps the public subnet 2 10.0.0.0/25: give every subnet its own address range.'),
      failed('The public subnet 1 10.0.0.0/16 overlaps the private subnet 1 10.0.0.128/26: give every subnet its own address range.'),
      failed('The public subnet 1 10.0.0.0/16 overlaps the private subnet 2 10.0.0.192/26: give every subnet its own address range.'),
    ]);
  });

  test('a private subnet overlapping a public one fails the plan, naming both', async () => {
    expect(await planErrors(dir, { private_subnet_cidrs: ['10.0.2.0/25', '10.0.11.0/24'] })).toEqual([
      failed('The public subnet 2 10.0.2.0/24 overlaps the private subnet 1 10.0.2.0/25: give every subnet its own address range.'),
    ]);
  });

  test('two equal subnets in one tier overlap', async () => {
    expect(await planErrors(dir, { public_subnet_cidrs: ['10.0.1.0/24', '10.0.1.0/24'] })).toEqual([
      failed('The public subnet 1 10.0.1.0/24 overlaps the public subnet 2 10.0.1.0/24: give every subnet its own address range.'),
    ]);
  });
});

describe('auth inputs: preconditions across auth_mode and auth_admin_email', () => {
  const api = resource(json, 'aws_ecs_task_definition', 'api_task_definition');
  const dir = workspace({
    variable: json.variable,
    resource: { terraform_data: { api: { input: 'api', lifecycle: { precondition: api.lifecycle.precondition } } } },
  });
  const failed = (message: string) => `Resource precondition failed: ${message}`;

  test('pass for the defaults (no login of the application: the ALB signs users in)', async () => {
    expect(await planErrors(dir, {})).toEqual([]);
  });

  test('admin mode without an e-mail fails, saying what to set', async () => {
    expect(await planErrors(dir, { auth_mode: 'admin', auth_admin_email: '' })).toEqual([
      failed('auth_mode is "admin" but auth_admin_email is empty: set auth_admin_email to the e-mail the admin signs in with.'),
    ]);
  });

  test('full mode needs no admin e-mail', async () => {
    expect(await planErrors(dir, { auth_mode: 'full', auth_admin_email: '' })).toEqual([]);
  });

  test('the internet check is no longer a warning: stacks/production/inputs/sign-in.ts refuses it (edge-rules.engine.test.ts)', async () => {
    expect(Object.keys(json.check ?? {}).filter((name) => !name.endsWith('_deployment_not_rolled_back'))).toEqual([]);
  });
});
