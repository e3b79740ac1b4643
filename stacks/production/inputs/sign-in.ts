import { Fn, Op, Precondition, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktn';
import { isIpv4Network, MIN_PRIVATE_PREFIX, reachesInternet } from '../../../lib/cidr';
import { matches, optionalSecretVariable } from '../../../lib/variables';
import { API_CLIENT_CIDRS_PER_RULE, MAX_API_CLIENT_RULES } from '../../../modules/alb';

/**
 * The edge inputs: who the load balancer lets through before a request
 * reaches Everruns. At the supported commits the application checks a login
 * only on its user and API-key endpoints, so the ALB is the boundary:
 * `alb_authentication` signs every request in (Cognito or an OIDC provider),
 * `api_client_cidrs` lets machines reach `/api/*` without a browser sign-in,
 * and the preconditions refuse an application open to the internet.
 */

export const ALB_AUTHENTICATIONS = ['cognito', 'oidc', 'none'] as const;

export function albAuthenticationVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'alb_authentication', {
    type: 'string',
    description:
      'Sign-in the ALB requires before any request reaches Everruns: cognito (a user pool this stack creates), oidc (your identity provider) or none',
    default: 'cognito',
  });
  variable.addValidation({
    condition: Fn.contains([...ALB_AUTHENTICATIONS], variable.stringValue),
    errorMessage: `The alb_authentication "${variable.stringValue}" is not valid: use one of ${ALB_AUTHENTICATIONS.join(', ')}.`,
  });
  return variable;
}

export const COGNITO_MFA = ['OFF', 'OPTIONAL', 'ON'] as const;

export function cognitoMfaVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'cognito_mfa', {
    type: 'string',
    description: 'Multi-factor sign-in of the Cognito user pool (authenticator app, TOTP): OFF, OPTIONAL (each user chooses) or ON (required)',
    default: 'OPTIONAL',
  });
  variable.addValidation({
    condition: Fn.contains([...COGNITO_MFA], variable.stringValue),
    errorMessage: `The cognito_mfa "${variable.stringValue}" is not valid: use one of ${COGNITO_MFA.join(', ')} (uppercase).`,
  });
  return variable;
}

/** The OIDC provider's non-secret settings, by variable name. */
export const OIDC_SETTINGS = {
  oidc_issuer: 'Issuer of the OIDC provider (the "issuer" of its /.well-known/openid-configuration), e.g. https://login.example.com',
  oidc_authorization_endpoint: 'Authorization endpoint of the OIDC provider ("authorization_endpoint" in its discovery document)',
  oidc_token_endpoint: 'Token endpoint of the OIDC provider ("token_endpoint"); the ALB calls it over the internet',
  oidc_user_info_endpoint: 'User-info endpoint of the OIDC provider ("userinfo_endpoint"); the ALB calls it over the internet',
  oidc_client_id: 'Client id of the application registered at the OIDC provider for https://{domain_name}/oauth2/idpresponse',
} as const;
export type OidcSetting = keyof typeof OIDC_SETTINGS;

export interface OidcVariables extends Record<OidcSetting, TerraformVariable> {
  readonly oidc_client_secret: TerraformVariable;
}

export const OIDC_SECRET_PLACEHOLDER = 'REPLACE-ME';

export function oidcVariables(stack: TerraformStack): OidcVariables {
  const settings = {} as Record<OidcSetting, TerraformVariable>;
  for (const [name, description] of Object.entries(OIDC_SETTINGS) as Array<[OidcSetting, string]>) {
    const variable = new TerraformVariable(stack, name, { type: 'string', description: `${description}; "" unless alb_authentication is oidc`, default: '' });
    // The ALB accepts only https endpoints; the client id is any non-blank string.
    const valid = name === 'oidc_client_id' ? Op.not(matches('^[ ]', variable.stringValue)) : matches('^(https://[^ ]+)?$', variable.stringValue);
    variable.addValidation({
      condition: valid,
      errorMessage:
        name === 'oidc_client_id'
          ? `The oidc_client_id "${variable.stringValue}" starts with a space: copy the client id exactly as the provider shows it.`
          : `The ${name} "${variable.stringValue}" is not an https URL: copy it from the provider's /.well-known/openid-configuration (or "" unless alb_authentication is oidc).`,
    });
    settings[name] = variable;
  }
  const secret = optionalSecretVariable(
    stack,
    'oidc_client_secret',
    'Client secret of the application at the OIDC provider (sensitive); "" unless alb_authentication is oidc',
    OIDC_SECRET_PLACEHOLDER,
  );
  return { ...settings, oidc_client_secret: secret };
}

/** AWS allows 1 second to 7 days for an ALB authentication session. */
export const MAX_SESSION_TIMEOUT = 604800;

export function albAuthSessionTimeoutVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'alb_auth_session_timeout', {
    type: 'number',
    description: 'Seconds a sign-in at the ALB lasts before the identity provider is asked again (AWS allows up to 604800, 7 days)',
    default: 43200,
  });
  variable.addValidation({
    condition: Op.and(
      Op.eq(Fn.floor(variable.numberValue), variable.numberValue),
      Op.and(Op.gte(variable.numberValue, 60), Op.lte(variable.numberValue, MAX_SESSION_TIMEOUT)),
    ),
    errorMessage: `The alb_auth_session_timeout ${variable.stringValue} is not valid: use a whole number of seconds from 60 to ${MAX_SESSION_TIMEOUT} (7 days), e.g. 43200 for 12 hours.`,
  });
  return variable;
}

export function allowUnauthenticatedInternetVariable(stack: TerraformStack): TerraformVariable {
  return new TerraformVariable(stack, 'allow_unauthenticated_internet', {
    type: 'bool',
    description:
      'Accept an Everruns reachable from the internet without a sign-in at the ALB (alb_authentication = "none", or api_client_cidrs reaching the internet); anyone could then redirect and read the stored LLM keys',
    default: false,
  });
}

export const MAX_API_CLIENT_CIDRS = API_CLIENT_CIDRS_PER_RULE * MAX_API_CLIENT_RULES;

/** The ALB is IPv4-only, so these ranges are too. */
export function apiClientCidrsVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'api_client_cidrs', {
    type: 'list(string)',
    description: `IPv4 ranges whose requests reach /api/* without the ALB sign-in (scripts, CI, monitoring), at most ${MAX_API_CLIENT_CIDRS}; they must also be inside alb_ingress_cidrs`,
    default: [],
  });
  variable.addValidation({
    condition: Op.and(
      Op.lte(Fn.lengthOf(variable.listValue), MAX_API_CLIENT_CIDRS),
      Fn.alltrue(
        Token.asList(
          TerraformIterator.fromList(variable.listValue).forExpressionForList(
            // 0.0.0.0/0 apart: cdktf renders a literal 0 operand of Op (a minimum prefix of 0) as `undefined`.
            Op.or(Op.eq(ref('val'), '0.0.0.0/0'), isIpv4Network(Token.asString(ref('val')), 1, 32)),
          ),
        ),
      ),
    ),
    errorMessage:
      `The api_client_cidrs ${Fn.jsonencode(variable.listValue)} is not valid: give at most ${MAX_API_CLIENT_CIDRS} IPv4 network addresses ` +
      `without host bits, such as ["203.0.113.0/24"] (ALB rules take ${API_CLIENT_CIDRS_PER_RULE} ranges each, in at most ${MAX_API_CLIENT_RULES} rules).`,
  });
  return variable;
}

export function wafEnabledVariable(stack: TerraformStack): TerraformVariable {
  return new TerraformVariable(stack, 'waf_enabled', {
    type: 'bool',
    description: 'Put an AWS WAF web ACL in front of the ALB: AWS managed rules (common, known bad inputs, IP reputation) and a per-IP rate limit; about $10/month plus $0.60 per million requests',
    default: false,
  });
}

/** AWS WAF's range for a rate-based rule's limit, per 5-minute window. */
export const WAF_RATE_LIMIT_RANGE = [100, 2000000000] as const;

export function wafRateLimitVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'waf_rate_limit', {
    type: 'number',
    description: 'Requests one client IP may send in any 5 minutes before WAF blocks it (with waf_enabled)',
    default: 2000,
  });
  const [min, max] = WAF_RATE_LIMIT_RANGE;
  variable.addValidation({
    condition: Op.and(Op.eq(Fn.floor(variable.numberValue), variable.numberValue), Op.and(Op.gte(variable.numberValue, min), Op.lte(variable.numberValue, max))),
    errorMessage: `The waf_rate_limit ${variable.stringValue} is not valid: use a whole number of requests per 5 minutes from ${min} to ${max}, e.g. 2000.`,
  });
  return variable;
}

export interface EdgeAuthInputs {
  readonly albAuthentication: TerraformVariable;
  readonly authAdminEmail: TerraformVariable;
  readonly oidc: OidcVariables;
  readonly albIngressCidrs: TerraformVariable;
  readonly apiClientCidrs: TerraformVariable;
  readonly allowUnauthenticatedInternet: TerraformVariable;
}

const OPEN_STAKES =
  'Everruns checks a login only on its user and API-key endpoints: anyone who reaches /api can list, redirect and read the ' +
  'stored LLM provider keys (set a provider base URL of their own and the key is sent to them), not only spend them.';

/**
 * Plan-time checks across the edge inputs (a variable rule sees only its own
 * variable): each sign-in mode has what it needs, and nothing lets the
 * internet reach the application without a sign-in unless the operator says
 * so with allow_unauthenticated_internet.
 */
export function edgeAuthPreconditions(inputs: EdgeAuthInputs): Precondition[] {
  const mode = inputs.albAuthentication.stringValue;
  const allowed = inputs.allowUnauthenticatedInternet.booleanValue;
  const oidcNames = Object.keys(OIDC_SETTINGS) as OidcSetting[];
  const missing = Fn.compact(oidcNames.map((name) => Fn.conditional(Op.gte(Fn.lengthOf(inputs.oidc[name].stringValue), 1), '', name)));
  return [
    {
      condition: Op.or(Op.neq(mode, 'cognito'), Op.gte(Fn.lengthOf(inputs.authAdminEmail.stringValue), 1)),
      errorMessage:
        'alb_authentication is "cognito" but auth_admin_email is empty: set auth_admin_email to the e-mail of the first user ' +
        '(Cognito e-mails them a temporary password), or choose alb_authentication = "oidc" with your own identity provider.',
    },
    {
      condition: Op.or(Op.neq(mode, 'oidc'), Op.lt(Fn.lengthOf(missing), 1)),
      errorMessage:
        `alb_authentication is "oidc" but ${Fn.join(', ', missing)} is empty: copy the issuer and endpoints from your provider's ` +
        '/.well-known/openid-configuration and the client id of the application registered there.',
    },
    {
      // A sensitive value may not appear in the message, so this one names the variable only.
      condition: Op.or(Op.neq(mode, 'oidc'), Op.gte(Fn.lengthOf(Fn.trimspace(inputs.oidc.oidc_client_secret.stringValue)), 1)),
      errorMessage:
        'alb_authentication is "oidc" but oidc_client_secret is empty: set it (TF_VAR_oidc_client_secret or terraform.tfvars) to the ' +
        'client secret of the application registered at your provider; the ALB needs it to exchange the sign-in code.',
    },
    {
      condition: Op.or(Op.or(Op.neq(mode, 'none'), allowed), Op.not(reachesInternet(inputs.albIngressCidrs.listValue))),
      errorMessage:
        `alb_authentication is "none" while alb_ingress_cidrs ${Fn.jsonencode(inputs.albIngressCidrs.listValue)} lets in the internet ` +
        `(a range wider than /${MIN_PRIVATE_PREFIX}, or ranges that together cover 0.0.0.0/0). ${OPEN_STAKES} Set alb_authentication = "cognito" ` +
        `(or "oidc"), or restrict alb_ingress_cidrs to your own networks, or, to accept this, set allow_unauthenticated_internet = true.`,
    },
    {
      condition: Op.or(allowed, Op.not(reachesInternet(inputs.apiClientCidrs.listValue))),
      errorMessage:
        `api_client_cidrs ${Fn.jsonencode(inputs.apiClientCidrs.listValue)} lets the internet reach /api/* without a sign-in ` +
        `(a range wider than /${MIN_PRIVATE_PREFIX}, or ranges that together cover 0.0.0.0/0). ${OPEN_STAKES} List only the networks ` +
        'of your scripts and CI, or, to accept this, set allow_unauthenticated_internet = true.',
    },
  ];
}

/** The sign-in at the load balancer, the ranges that skip it, and the optional WAF. */
export function signInInputs(stack: TerraformStack) {
  return {
    albAuthentication: albAuthenticationVariable(stack),
    cognitoMfa: cognitoMfaVariable(stack),
    oidc: oidcVariables(stack),
    sessionTimeout: albAuthSessionTimeoutVariable(stack),
    allowUnauthenticatedInternet: allowUnauthenticatedInternetVariable(stack),
    apiClientCidrs: apiClientCidrsVariable(stack),
    wafEnabled: wafEnabledVariable(stack),
    wafRateLimit: wafRateLimitVariable(stack),
  };
}
