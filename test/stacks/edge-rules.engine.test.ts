import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { defaultStacks, PRODUCTION_REQUIRED } from '../default-stacks';
import { resource, TerraformJson } from '../helpers';
import { planFailures, providerFreeWorkspace, tofuOutput, varArgs, variablesOnly, violations } from '../variable-rules';

// Sign-in at the ALB and the refusal of an application open to the internet,
// run for real by the pinned OpenTofu binary (no provider, no network): the
// synthesized actions of the HTTPS listener, the local that picks them, the
// edge preconditions (copied onto a built-in terraform_data resource) and
// the new variables' rules.

const { json } = defaultStacks().production;
const SECRETS = PRODUCTION_REQUIRED;

function workspace(config: object): string {
  return providerFreeWorkspace(config, 'edge-rules');
}

/** The precondition failures of a plan. */
function failures(dir: string, values: Record<string, unknown>): Promise<string[]> {
  return planFailures(dir, values, SECRETS);
}

/** The value of a provider-free expression (applied into a throwaway state). */
async function evaluate(dir: string, values: Record<string, unknown>): Promise<unknown> {
  const state = join(mkdtempSync(join(tmpdir(), 'edge-state-')), 'terraform.tfstate');
  await tofuOutput(dir, ['apply', '-auto-approve', '-input=false', '-lock=false', '-json', `-state=${state}`, ...varArgs(values, SECRETS)]);
  const read = JSON.parse((await tofuOutput(dir, ['output', '-json', `-state=${state}`])) || '{}');
  return read.value?.value;
}

const SEQUENCE = '${local.alb_forward_actions}';

/** Every block of `config` that forwards to a target group: the listener's default action and every rule's action. */
function forwardingBlocks(config: TerraformJson): Array<[string, TerraformJson]> {
  const listener = resource(config, 'aws_lb_listener', 'alb_https');
  const rules = Object.entries(config.resource.aws_lb_listener_rule as Record<string, TerraformJson>);
  return [
    ['aws_lb_listener.alb_https default_action', listener.dynamic?.default_action ?? { static: listener.default_action }],
    ...rules.map(([name, rule]): [string, TerraformJson] => [`aws_lb_listener_rule.${name} action`, rule.dynamic?.action ?? { static: rule.action }]),
  ];
}

describe('with the defaults every forward of the HTTPS listener signs the user in first', () => {
  const blocks = forwardingBlocks(json).filter(([name]) => !name.includes('alb_api_clients'));

  test('the listener and its four routes', () => {
    expect(blocks.map(([name]) => name)).toEqual([
      'aws_lb_listener.alb_https default_action',
      'aws_lb_listener_rule.alb_api action',
      'aws_lb_listener_rule.alb_health action',
      'aws_lb_listener_rule.alb_openapi action',
      'aws_lb_listener_rule.alb_swagger action',
    ]);
  });

  test.each(forwardingBlocks(json).filter(([name]) => !name.includes('alb_api_clients')))(
    '%s: one action per entry of the sign-in sequence, in order, the last one forwarding',
    (_name, block) => {
      expect(block.static).toBeUndefined();
      expect(block.for_each).toBe(SEQUENCE);
      expect(block.iterator).toBe('action');
      expect(block.content.type).toBe('${action.value}');
      expect(block.content.order).toBe('${(action.key + 1)}');
      expect(block.content.target_group_arn).toMatch(/^\$\{\(action\.value == "forward"\) \? aws_lb_target_group\.alb_(api|ui)_target_group\.arn : null\}$/);
      expect(block.content.dynamic.authenticate_cognito.for_each).toBe('${(action.value == "authenticate-cognito") ? [1] : []}');
      expect(block.content.dynamic.authenticate_cognito.content.user_pool_arn).toBe('${one(aws_cognito_user_pool.cognito_user_pool[*].arn)}');
      expect(block.content.dynamic.authenticate_oidc.for_each).toBe('${(action.value == "authenticate-oidc") ? [1] : []}');
      expect(block.content.dynamic.authenticate_oidc.content.client_secret).toBe('${var.oidc_client_secret}');
    },
  );

  // The sequence, evaluated by the engine in each mode: authenticate (order 1), then forward (order 2).
  const dir = workspace({ variable: json.variable, locals: { alb_sign_in: json.locals.alb_sign_in, alb_forward_actions: json.locals.alb_forward_actions }, output: { value: { value: '${local.alb_forward_actions}' } } });
  test.each<[string, Record<string, unknown>, string[]]>([
    ['cognito (the default)', {}, ['authenticate-cognito', 'forward']],
    ['oidc', { alb_authentication: 'oidc' }, ['authenticate-oidc', 'forward']],
    ['none', { alb_authentication: 'none' }, ['forward']],
  ])('%s: %p', async (_mode, values, expected) => {
    expect(await evaluate(dir, values)).toEqual(expected);
  });

  test('API client ranges reach only /api/*, from their source ranges, with the same prefix stripping, ahead of the /api/* route', () => {
    const clients = resource(json, 'aws_lb_listener_rule', 'alb_api_clients');
    const api = resource(json, 'aws_lb_listener_rule', 'alb_api');
    expect(clients.condition).toEqual([{ path_pattern: { values: ['/api/*'] } }, { source_ip: { values: '${each.value}' } }]);
    expect(clients.transform).toEqual(api.transform);
    expect(clients.action).toEqual([{ type: 'forward', target_group_arn: '${aws_lb_target_group.alb_api_target_group.arn}' }]);
    expect(clients.priority).toBe('${sum([1, tonumber(each.key)])}');
    expect(api.priority).toBe(10);
  });

  test('the ALB group gets HTTPS egress only while it signs users in', () => {
    const egress = resource(json, 'aws_vpc_security_group_egress_rule', 'networking_alb_to_internet_443');
    expect(egress).toEqual(expect.objectContaining({ count: '${(var.alb_authentication != "none") ? 1 : 0}', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }));
  });

  test('no output holds a secret of the sign-in', () => {
    expect(JSON.stringify(json.output)).not.toMatch(/client_secret|oidc_client_secret/);
  });
});

const refused = (message: string) => `Resource precondition failed: ${message}`;
const STAKES =
  'Everruns checks a login only on its user and API-key endpoints: anyone who reaches /api can list, redirect and read the stored LLM provider keys ' +
  '(set a provider base URL of their own and the key is sent to them), not only spend them.';
const OPEN = (cidrs: string) =>
  `alb_authentication is "none" while alb_ingress_cidrs ${cidrs} lets in the internet (a range wider than /8, or ranges that together cover 0.0.0.0/0). ` +
  `${STAKES} Set alb_authentication = "cognito" (or "oidc"), or restrict alb_ingress_cidrs to your own networks, or, to accept this, set allow_unauthenticated_internet = true.`;
const EIGHTS = Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`);

describe('an application open to the internet is refused at plan time, whatever auth_mode is', () => {
  const lb = resource(json, 'aws_lb', 'alb_main');
  const dir = workspace({ variable: json.variable, resource: { terraform_data: { lb: { input: 'lb', lifecycle: { precondition: lb.lifecycle.precondition } } } } });

  test.each<[string, string[]]>([
    ['0.0.0.0/0', ['0.0.0.0/0']],
    ['two halves', ['0.0.0.0/1', '128.0.0.0/1']],
    ['a /7', ['2.0.0.0/7']],
  ])('none with %s is refused', async (_case, cidrs) => {
    expect(await failures(dir, { alb_authentication: 'none', alb_ingress_cidrs: cidrs })).toEqual([refused(OPEN(JSON.stringify(cidrs)))]);
  });

  test('none with the 256 ranges 0.0.0.0/8 ... 255.0.0.0/8 (each /8, together everything) is refused', async () => {
    const errors = await failures(dir, { alb_authentication: 'none', alb_ingress_cidrs: EIGHTS });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Resource precondition failed: alb_authentication is "none" while alb_ingress_cidrs \["0\.0\.0\.0\/8",.*"255\.0\.0\.0\/8"\] lets in the internet/);
  }, 120_000);

  test.each(['none', 'admin', 'full'])('auth_mode %s does not change it', async (authMode) => {
    expect(await failures(dir, { alb_authentication: 'none', auth_mode: authMode })).toEqual([refused(OPEN('["0.0.0.0/0"]'))]);
  });

  test('none behind 203.0.113.0/24 passes, and 255 of the 256 /8s with a duplicate pass too', async () => {
    expect(await failures(dir, { alb_authentication: 'none', alb_ingress_cidrs: ['203.0.113.0/24'] })).toEqual([]);
    expect(await failures(dir, { alb_authentication: 'none', alb_ingress_cidrs: [...EIGHTS.slice(1), '10.0.0.0/8', '10.1.0.0/16'] })).toEqual([]);
  }, 120_000);

  test('allow_unauthenticated_internet = true accepts it; cognito and oidc need no allowlist', async () => {
    expect(await failures(dir, { alb_authentication: 'none', allow_unauthenticated_internet: true })).toEqual([]);
    expect(await failures(dir, {})).toEqual([]);
  });

  test('api_client_cidrs reaching the internet are refused too', async () => {
    expect(await failures(dir, { api_client_cidrs: ['0.0.0.0/1', '128.0.0.0/1'] })).toEqual([
      refused(
        'api_client_cidrs ["0.0.0.0/1","128.0.0.0/1"] lets the internet reach /api/* without a sign-in (a range wider than /8, or ranges that together cover 0.0.0.0/0). ' +
          `${STAKES} List only the networks of your scripts and CI, or, to accept this, set allow_unauthenticated_internet = true.`,
      ),
    ]);
    expect(await failures(dir, { api_client_cidrs: ['203.0.113.10/32'] })).toEqual([]);
  });

  test('cognito without auth_admin_email is refused, naming the fix', async () => {
    expect(await failures(dir, { auth_admin_email: '' })).toEqual([
      refused(
        'alb_authentication is "cognito" but auth_admin_email is empty: set auth_admin_email to the e-mail of the first user (Cognito e-mails them a temporary password), ' +
          'or choose alb_authentication = "oidc" with your own identity provider.',
      ),
    ]);
  });

  test('oidc without its settings is refused, naming what is missing', async () => {
    expect(await failures(dir, { alb_authentication: 'oidc', oidc_issuer: 'https://login.example.com', oidc_client_id: 'everruns' })).toEqual([
      refused(
        'alb_authentication is "oidc" but oidc_authorization_endpoint, oidc_token_endpoint, oidc_user_info_endpoint is empty: copy the issuer and endpoints ' +
          "from your provider's /.well-known/openid-configuration and the client id of the application registered there.",
      ),
      refused(
        'alb_authentication is "oidc" but oidc_client_secret is empty: set it (TF_VAR_oidc_client_secret or terraform.tfvars) to the client secret of the ' +
          'application registered at your provider; the ALB needs it to exchange the sign-in code.',
      ),
    ]);
    const complete = {
      alb_authentication: 'oidc',
      oidc_issuer: 'https://login.example.com',
      oidc_authorization_endpoint: 'https://login.example.com/authorize',
      oidc_token_endpoint: 'https://login.example.com/token',
      oidc_user_info_endpoint: 'https://login.example.com/userinfo',
      oidc_client_id: 'everruns',
      oidc_client_secret: 'not-a-real-secret',
    };
    expect(await failures(dir, complete)).toEqual([]);
  });
});

describe('edge inputs: variable rules', () => {
  const dir = variablesOnly(json);
  test.concurrent.each<[string, string, unknown, string]>([
    ['alb_authentication', 'an unknown mode', 'saml', 'The alb_authentication "saml" is not valid: use one of cognito, oidc, none.'],
    ['cognito_mfa', 'lowercase', 'optional', 'The cognito_mfa "optional" is not valid: use one of OFF, OPTIONAL, ON (uppercase).'],
    ['oidc_issuer', 'http', 'http://login.example.com', 'The oidc_issuer "http://login.example.com" is not an https URL: copy it from the provider\'s /.well-known/openid-configuration (or "" unless alb_authentication is oidc).'],
    ['oidc_client_secret', 'the example placeholder', 'REPLACE-ME', 'The oidc_client_secret is still the placeholder from terraform.tfvars.example; set the real value or remove the line.'],
    ['alb_auth_session_timeout', '8 days', 691200, 'The alb_auth_session_timeout 691200 is not valid: use a whole number of seconds from 60 to 604800 (7 days), e.g. 43200 for 12 hours.'],
    ['api_client_cidrs', 'host bits', ['203.0.113.7/24'], 'The api_client_cidrs ["203.0.113.7/24"] is not valid: give at most 36 IPv4 network addresses without host bits, such as ["203.0.113.0/24"] (ALB rules take 4 ranges each, in at most 9 rules).'],
    ['api_client_cidrs', '37 ranges', Array.from({ length: 37 }, (_, i) => `10.0.${i}.0/24`), `The api_client_cidrs ${JSON.stringify(Array.from({ length: 37 }, (_, i) => `10.0.${i}.0/24`))} is not valid: give at most 36 IPv4 network addresses without host bits, such as ["203.0.113.0/24"] (ALB rules take 4 ranges each, in at most 9 rules).`],
    ['waf_rate_limit', 'too low', 10, 'The waf_rate_limit 10 is not valid: use a whole number of requests per 5 minutes from 100 to 2000000000, e.g. 2000.'],
  ])('%s with %s is rejected with the exact message', async (variable, _case, value, message) => {
    expect(await violations(dir, { [variable]: value }, SECRETS)).toEqual([{ variable, message }]);
  });
});
