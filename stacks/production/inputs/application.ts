import { Fn, Op, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktn';
import { EVERRUNS_IMAGES } from '../../../application/contract';
import { ReleaseLine } from '../../../application/lines';
import { CAPACITY_PROVIDERS, CPU_ARCHITECTURES } from '../../../modules/ecs-service';
import { TEMPORAL_VERSION } from '../../../modules/temporal';
import { matches } from '../../../lib/variables';

/**
 * The application: which release line and images run, who may sign in,
 * how many tasks each service runs, and the Temporal server's release.
 * application/contract.ts says what each container gets from them.
 */

/** `everruns_architecture`: which release line runs, one of `lines`' keys; the first is the default. */
export function architectureVariable(stack: TerraformStack, lines: Readonly<Record<string, ReleaseLine>>): TerraformVariable {
  const keys = Object.keys(lines);
  const list = (parts: string[]) => (parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`);
  const variable = new TerraformVariable(stack, 'everruns_architecture', {
    type: 'string',
    description: `Everruns release line the images belong to: ${list(keys.map((key) => `${key} (${lines[key].summary})`))}`,
    default: keys[0],
  });
  variable.addValidation({
    condition: Fn.contains(keys, variable.stringValue),
    errorMessage: `The everruns_architecture "${variable.stringValue}" is not valid: use ${list(keys.map((key) => `${key} (${lines[key].images})`))}.`,
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

/** The highest task count a variable accepts: more would exhaust the db.t4g.micro's connections. */
/** The longest sign-in AUTH_JWT_ACCESS_TOKEN_LIFETIME may give: the application's refresh-token lifetime, 30 days. */
export const MAX_ACCESS_TOKEN_LIFETIME = 30 * 24 * 3600;

/** How long the application's own sign-in lasts (its UI never refreshes the token). */
export function accessTokenLifetimeVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'auth_jwt_access_token_lifetime', {
    type: 'number',
    description:
      "Seconds an Everruns sign-in (auth_mode admin or full) lasts before the user signs in again: the application's UI never refreshes its token, and its own default is 900",
    default: 86400,
  });
  variable.addValidation({
    condition: Op.and(
      Op.eq(Fn.floor(variable.numberValue), variable.numberValue),
      Op.and(Op.gte(variable.numberValue, 300), Op.lte(variable.numberValue, MAX_ACCESS_TOKEN_LIFETIME)),
    ),
    errorMessage: `The auth_jwt_access_token_lifetime ${variable.stringValue} is not valid: use a whole number of seconds from 300 to ${MAX_ACCESS_TOKEN_LIFETIME}, e.g. 86400 (a day).`,
  });
  return variable;
}

export const MAX_DESIRED_COUNT = 4;

export function desiredCountVariable(stack: TerraformStack, service: string): TerraformVariable {
  const name = `${service}_desired_count`;
  const variable = new TerraformVariable(stack, name, {
    type: 'number',
    description: `Number of ${service} tasks to run`,
    default: 1,
  });
  // A literal list: cdktf renders the number 0 in an Op expression as "undefined".
  const allowed = Array.from({ length: MAX_DESIRED_COUNT + 1 }, (_, count) => count);
  variable.addValidation({
    condition: Fn.contains(allowed, variable.numberValue),
    errorMessage: `The ${name} ${variable.stringValue} is not valid: use a whole number from 0 to ${MAX_DESIRED_COUNT}.`,
  });
  return variable;
}

export function temporalVersionVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'temporal_version', {
    type: 'string',
    description: 'Temporal release of the server and admin-tools images; schemas are upgraded on start, never downgraded',
    default: TEMPORAL_VERSION,
  });
  variable.addValidation({
    condition: matches('^[0-9]+[.][0-9]+[.][0-9]+$', variable.stringValue),
    errorMessage: `The temporal_version "${variable.stringValue}" is not a Temporal release such as ${TEMPORAL_VERSION}: use MAJOR.MINOR.PATCH.`,
  });
  return variable;
}

/** A Docker image name without tag, e.g. `temporalio/server` or `ghcr.io/acme/temporal-server`. */
function imageRepositoryVariable(stack: TerraformStack, name: string, description: string, defaultValue: string) {
  const variable = new TerraformVariable(stack, name, { type: 'string', description, default: defaultValue });
  variable.addValidation({
    condition: matches('^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$', variable.stringValue),
    errorMessage: `The ${name} "${variable.stringValue}" is not an image name without tag such as ${defaultValue}.`,
  });
  return variable;
}

export function temporalServerImageVariable(stack: TerraformStack): TerraformVariable {
  return imageRepositoryVariable(stack, 'temporal_server_image', 'Temporal server image, tagged with temporal_version', 'temporalio/server');
}

export function temporalAdminToolsImageVariable(stack: TerraformStack): TerraformVariable {
  return imageRepositoryVariable(
    stack,
    'temporal_admin_tools_image',
    'Temporal admin-tools image (schema setup, namespace registration), tagged with temporal_version',
    'temporalio/admin-tools',
  );
}

/** The Everruns services that may run on another capacity provider; the single Temporal server stays on-demand. */
export const CAPACITY_SERVICES = ['api', 'worker', 'ui'] as const;

/** The default: the restartable services on Spot, the API on-demand (see docs/cost.md, Fargate Spot). */
export const DEFAULT_CAPACITY_PROVIDERS: Readonly<Record<string, string>> = { worker: 'FARGATE_SPOT', ui: 'FARGATE_SPOT' };

/**
 * CPU architecture of one group of tasks. A change registers new task definition revisions and rolls
 * the services that run them (stateless: nothing else is replaced).
 */
export function cpuArchitectureVariable(stack: TerraformStack, name: string, description: string, defaultValue: string): TerraformVariable {
  const variable = new TerraformVariable(stack, name, { type: 'string', description, default: defaultValue });
  variable.addValidation({
    condition: Fn.contains([...CPU_ARCHITECTURES], variable.stringValue),
    errorMessage: `The ${name} "${variable.stringValue}" is not a Fargate CPU architecture: use ${CPU_ARCHITECTURES.join(' or ')}.`,
  });
  return variable;
}

export function everrunsCpuArchitectureVariable(stack: TerraformStack, lines: Readonly<Record<string, ReleaseLine>>): TerraformVariable {
  const published = Object.entries(lines)
    .map(([key, line]) => `${key}: ${line.imageArchitectures.join(', ')}`)
    .join('; ');
  return cpuArchitectureVariable(
    stack,
    'everruns_cpu_architecture',
    `CPU architecture of the API, worker, UI and admin tasks: X86_64 or ARM64 (Graviton, about 20% cheaper); the line's images must be published for it (${published}); Fargate Spot runs X86_64 only`,
    'X86_64',
  );
}

export function temporalCpuArchitectureVariable(stack: TerraformStack): TerraformVariable {
  return cpuArchitectureVariable(
    stack,
    'temporal_cpu_architecture',
    'CPU architecture of the Temporal server task: ARM64 (Graviton, about 20% cheaper; temporalio/server and admin-tools are published for linux/amd64 and linux/arm64) or X86_64; a change restarts the server (about two minutes without Temporal)',
    'ARM64',
  );
}

export function capacityProvidersVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'fargate_capacity_providers', {
    type: 'map(string)',
    description:
      `Fargate capacity provider per service (keys ${CAPACITY_SERVICES.join(', ')}): FARGATE_SPOT (up to 70% cheaper; AWS may stop a task with two minutes' notice) or FARGATE; ` +
      'a service not listed keeps launch_type FARGATE. Back from Spot, set FARGATE rather than removing the key (removing it replaces the service). ' +
      'Listing a service redeploys it; docs/cost.md says what an interruption means for each',
    default: DEFAULT_CAPACITY_PROVIDERS,
  });
  const entries = TerraformIterator.fromMap(variable.value);
  variable.addValidation({
    condition: Fn.alltrue(
      Token.asList(
        entries.forExpressionForList(
          Op.and(Fn.contains([...CAPACITY_SERVICES], Token.asString(ref('key'))), Fn.contains([...CAPACITY_PROVIDERS], Token.asString(ref('val')))),
        ),
      ),
    ),
    errorMessage:
      `The fargate_capacity_providers ${Fn.jsonencode(variable.value)} is not valid: use keys among ${CAPACITY_SERVICES.join(', ')} ` +
      `(the Temporal server is a single node and stays on-demand) and values ${CAPACITY_PROVIDERS.join(' or ')}.`,
  });
  return variable;
}
