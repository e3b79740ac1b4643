import { Fn, Op, Precondition, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { isIpv4Network } from '../lib/cidr';
import { matches } from '../lib/variables';

/**
 * The production inputs that fit the deployment to the Everruns application
 * rather than to AWS: which images run, who may sign in, and who may reach
 * the load balancer. See application/contract.ts for what each
 * container gets from them.
 */

/** The images the stack runs, by the key `image_digests` uses: `api` in the Temporal line, `control-plane` after it. */
export const EVERRUNS_IMAGES = ['api', 'control-plane', 'worker', 'ui', 'admin'] as const;
export type EverrunsImage = (typeof EVERRUNS_IMAGES)[number];

/**
 * The application's two release lines, which need different topologies:
 * `temporal` (to c42b199: API, Temporal worker, UI, a Temporal server) and
 * `control-plane` (from ef03029: a control plane the workers reach over
 * gRPC, durable execution in PostgreSQL, no Temporal).
 */
export const ARCHITECTURES = ['temporal', 'control-plane'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export function architectureVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'everruns_architecture', {
    type: 'string',
    description:
      'Everruns release line the images belong to: temporal (API + worker + UI + Temporal server, images to c42b199) or control-plane (control plane + gRPC workers + UI, no Temporal, images from ef03029)',
    default: 'temporal',
  });
  variable.addValidation({
    condition: Fn.contains([...ARCHITECTURES], variable.stringValue),
    errorMessage:
      `The everruns_architecture "${variable.stringValue}" is not valid: use temporal (images everruns-api, to c42b199) or ` +
      'control-plane (images everruns-control-plane, from ef03029).',
  });
  return variable;
}

export const DEFAULT_IMAGE_REGISTRY = 'ghcr.io/everruns';

export function imageTagVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'image_tag', {
    type: 'string',
    description:
      'Tag of every Everruns image (api or control-plane, worker, ui, admin), the commit SHA tag CI publishes, e.g. c42b199; "latest" is refused',
  });
  variable.addValidation({
    condition: matches('^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$', variable.stringValue),
    errorMessage: `The image_tag "${variable.stringValue}" is not a valid container image tag (up to 128 letters, digits, _ . -, not starting with . or -).`,
  });
  variable.addValidation({
    condition: Op.neq(Fn.lower(variable.stringValue), 'latest'),
    errorMessage:
      'The image_tag "latest" cannot be used: pin the commit SHA tag CI publishes (e.g. c42b199), the same for every image; ' +
      '"latest" moves per image and mixes application generations.',
  });
  return variable;
}

export function imageRegistryVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'image_registry', {
    type: 'string',
    description: 'Registry and namespace of the Everruns images ({image_registry}/everruns-api etc.), e.g. a fork or a mirror',
    default: DEFAULT_IMAGE_REGISTRY,
  });
  variable.addValidation({
    condition: matches('^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$', variable.stringValue),
    errorMessage: `The image_registry "${variable.stringValue}" is not a registry path such as ${DEFAULT_IMAGE_REGISTRY} (no trailing slash, no image name).`,
  });
  return variable;
}

export function imageDigestsVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'image_digests', {
    type: 'map(string)',
    description: `Optional digests pinning images by content, keyed ${EVERRUNS_IMAGES.join(', ')}: {"api" = "sha256:..."}; a pinned image ignores image_tag`,
    default: {},
  });
  const entries = TerraformIterator.fromMap(variable.value);
  variable.addValidation({
    condition: Fn.alltrue(
      Token.asList(
        entries.forExpressionForList(
          Op.and(
            Fn.contains([...EVERRUNS_IMAGES], Token.asString(ref('key'))),
            matches('^sha256:[a-f0-9]{64}$', Token.asString(ref('val'))),
          ),
        ),
      ),
    ),
    errorMessage:
      `The image_digests ${Fn.jsonencode(variable.value)} is not valid: use keys among ${EVERRUNS_IMAGES.join(', ')} and values ` +
      'sha256: followed by 64 lowercase hex digits (docker buildx imagetools inspect shows them).',
  });
  return variable;
}

export const AUTH_MODES = ['none', 'admin', 'full'] as const;

export function authModeVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'auth_mode', {
    type: 'string',
    description:
      'Everruns AUTH_MODE: none (no login of its own: the sign-in at the ALB, alb_authentication, is the boundary), admin (one admin account, sign-up off: a second sign-in) or full (users register, optional OAuth)',
    // The ALB signs users in by default (alb_authentication = "cognito"); a login of the application's own would be a second one.
    default: 'none',
  });
  variable.addValidation({
    condition: Fn.contains([...AUTH_MODES], variable.stringValue),
    errorMessage: `The auth_mode "${variable.stringValue}" is not valid: use one of ${AUTH_MODES.join(', ')}.`,
  });
  return variable;
}

export function authAdminEmailVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'auth_admin_email', {
    type: 'string',
    description:
      'E-mail of the first user the Cognito user pool invites (alb_authentication cognito) and of the admin account Everruns creates in auth_mode admin; "" when neither is used',
  });
  variable.addValidation({
    // `< 1` for "empty": cdktf renders a literal "" or 0 operand of Op as `undefined`.
    condition: Op.or(Op.lt(Fn.lengthOf(variable.stringValue), 1), matches('^[^@ ]+@[^@ ]+[.][^@ ]+$', variable.stringValue)),
    errorMessage: `The auth_admin_email "${variable.stringValue}" is not an e-mail address such as admin@example.com (or "" when neither alb_authentication "cognito" nor auth_mode "admin" is used).`,
  });
  return variable;
}

export const ANYWHERE = '0.0.0.0/0';

/** The ALB is IPv4-only (`ip_address_type = ipv4`), so the allowlist is too. */
export function albIngressCidrsVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'alb_ingress_cidrs', {
    type: 'list(string)',
    description: 'IPv4 ranges allowed to reach the ALB on ports 80 and 443 (the ALB has no IPv6 address)',
    default: [ANYWHERE],
  });
  variable.addValidation({
    condition: Op.and(
      Op.gte(Fn.lengthOf(variable.listValue), 1),
      Fn.alltrue(
        Token.asList(
          TerraformIterator.fromList(variable.listValue).forExpressionForList(
            // 0.0.0.0/0 apart: cdktf renders a literal 0 operand of Op (a minimum prefix of 0) as `undefined`.
            Op.or(Op.eq(ref('val'), ANYWHERE), isIpv4Network(Token.asString(ref('val')), 1, 32)),
          ),
        ),
      ),
    ),
    errorMessage:
      `The alb_ingress_cidrs ${Fn.jsonencode(variable.listValue)} is not valid: give at least one IPv4 network address ` +
      'without host bits, such as ["203.0.113.0/24"] (the ALB is IPv4-only, so IPv6 ranges cannot apply).',
  });
  return variable;
}

/**
 * Plan-time checks across the auth inputs (a variable rule can only see its
 * own variable): admin mode needs the admin's e-mail. Whether the internet
 * may reach the application is the edge's decision, whatever AUTH_MODE says
 * (stacks/edge-auth-variables.ts): at the supported commits the application
 * checks a login only on its user and API-key endpoints.
 */
export function authPreconditions(authMode: TerraformVariable, adminEmail: TerraformVariable): Precondition[] {
  return [
    {
      condition: Op.or(Op.neq(authMode.stringValue, 'admin'), Op.gte(Fn.lengthOf(adminEmail.stringValue), 1)),
      errorMessage: 'auth_mode is "admin" but auth_admin_email is empty: set auth_admin_email to the e-mail the admin signs in with.',
    },
  ];
}
