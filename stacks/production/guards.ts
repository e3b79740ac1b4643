import { Fn, IResolvable, Op, ref, TerraformStack, TerraformVariable, Token } from 'cdktn';
import { ReleaseLine } from '../../application/lines';
import { PRODUCTION_STATE_KEY, stateBucketName } from '../../lib/state-names';
import { isSet } from './inputs/edge';

/**
 * The production stack's deployment guard: mistakes that Terraform would
 * otherwise plan without a word and that only cost time or money at apply.
 * Each is a precondition of `terraform_data.deployment_guard` (a rule that
 * compares two variables cannot be a variable validation before Terraform
 * 1.9, and the project supports OpenTofu 1.6), so `plan` stops with the
 * rule's sentence before anything is created.
 */

/** What terraform.tfvars.example puts in domain_name: a reserved name (RFC 2606) nobody can get a certificate for. */
export const EXAMPLE_DOMAIN = 'everruns.example.com';
/**
 * The Everruns team's own proof-of-concept domain, which was the default and
 * the example's value: a tfvars copied from the old example still names it,
 * and ACM would wait up to 75 minutes for a validation the user cannot publish.
 */
export const POC_DOMAIN = 'poc.everruns.com';

export interface DeploymentGuardInputs {
  readonly environment: TerraformVariable;
  readonly namePrefix: TerraformVariable;
  readonly domainName: TerraformVariable;
  readonly imageTag: TerraformVariable;
  readonly architecture: TerraformVariable;
  readonly route53ZoneId: TerraformVariable;
  readonly certificateArn: TerraformVariable;
  /** The release lines, whose known commits the image tag is checked against. */
  readonly lines: Readonly<Record<string, ReleaseLine>>;
  /** `everruns_cpu_architecture`, checked against the architectures the chosen line's images are published for. */
  readonly cpuArchitecture: TerraformVariable;
  /** `fargate_capacity_providers`: Fargate Spot does not run ARM64 tasks. */
  readonly capacityProviders: TerraformVariable;
}

export interface GuardRule {
  readonly condition: IResolvable | string;
  readonly error_message: string;
}

/** Adds the guard resource and the domain placeholder's rule to the stack. */
export function deploymentGuard(stack: TerraformStack, inputs: DeploymentGuardInputs): void {
  inputs.domainName.addValidation({
    condition: Op.neq(inputs.domainName.stringValue, EXAMPLE_DOMAIN),
    errorMessage:
      `The domain_name is still the example's ${EXAMPLE_DOMAIN}: set the domain you own and can publish DNS records for ` +
      '(the certificate is issued for it).',
  });
  stack.addOverride('locals.state_backend', STATE_BACKEND);
  stack.addOverride('resource.terraform_data.deployment_guard', {
    lifecycle: {
      precondition: [
        ...releaseLineRules(inputs.imageTag, inputs.architecture, inputs.lines),
        ...cpuArchitectureRules(inputs.architecture, inputs.cpuArchitecture, inputs.capacityProviders, inputs.lines),
        domainOwnershipRule(inputs.domainName, inputs.route53ZoneId, inputs.certificateArn),
        ...stateBackendRules(inputs.namePrefix, inputs.environment),
      ],
    },
  });
}

/** The tag as the lines' commit lists hold it, "" when it is not hex. */
export function shortTag(imageTag: TerraformVariable): string {
  // A full SHA counts by its first 7 characters; regex, not substr: cdktf renders a literal 0 argument as undefined.
  return Fn.lower(Fn.try([Fn.regex('^[0-9A-Fa-f]{7}', imageTag.stringValue), '']));
}

/** A known commit of one release line used with another line's topology: the tasks would never become healthy. */
export function releaseLineRules(imageTag: TerraformVariable, architecture: TerraformVariable, lines: Readonly<Record<string, ReleaseLine>>): GuardRule[] {
  const short = shortTag(imageTag);
  return Object.entries(lines).map(([key, line]) => ({
    condition: Op.or(Op.eq(architecture.stringValue, key), Op.not(Fn.contains([...line.commits.tags], short))),
    error_message:
      `The image_tag "${imageTag.stringValue}" is a commit of the ${key} release line (${line.commits.window}), ` +
      `but everruns_architecture is "${architecture.stringValue}": set everruns_architecture = "${key}", or pick an image_tag of ` +
      'the line you chose. With the wrong topology the tasks never become healthy.',
  }));
}

/**
 * An architecture the chosen line's images are not published for: every task would fail to start
 * (`exec format error`). And ARM64 on Fargate Spot, which ECS refuses at the service update.
 */
export function cpuArchitectureRules(
  architecture: TerraformVariable,
  cpuArchitecture: TerraformVariable,
  capacityProviders: TerraformVariable,
  lines: Readonly<Record<string, ReleaseLine>>,
): GuardRule[] {
  const published = Object.entries(lines).map(([key, line]) => ({
    condition: Op.or(Op.neq(architecture.stringValue, key), Fn.contains([...line.imageArchitectures], cpuArchitecture.stringValue)),
    error_message:
      `The everruns_cpu_architecture "${cpuArchitecture.stringValue}" is not one the ${key} release line's images are published for ` +
      `(${line.imageArchitectures.join(', ')}): set everruns_cpu_architecture = "${line.imageArchitectures[0]}". Tasks of another architecture never start.`,
  }));
  const spot = {
    condition: Op.or(Op.neq(cpuArchitecture.stringValue, 'ARM64'), Op.not(Fn.contains(Fn.values(capacityProviders.value), 'FARGATE_SPOT'))),
    error_message:
      `The fargate_capacity_providers ${Fn.jsonencode(capacityProviders.value)} put a service on FARGATE_SPOT, but everruns_cpu_architecture is ARM64, ` +
      'which Fargate Spot does not run: set those services to FARGATE, or everruns_cpu_architecture = "X86_64".',
  };
  return [...published, spot];
}

/** The old default domain without a zone or certificate that proves the deployment owns it. */
export function domainOwnershipRule(domainName: TerraformVariable, route53ZoneId: TerraformVariable, certificateArn: TerraformVariable): GuardRule {
  return {
    condition: Op.or(Op.neq(domainName.stringValue, POC_DOMAIN), Op.or(isSet(route53ZoneId), isSet(certificateArn))),
    error_message:
      `The domain_name is ${POC_DOMAIN}, the Everruns team's own domain (the example's and the former default value): ` +
      'ACM would wait up to 75 minutes for a validation record you cannot publish. Set domain_name to your own domain; ' +
      `if you do operate ${POC_DOMAIN}, set route53_zone_id (its hosted zone) or certificate_arn (an issued certificate).`,
  };
}

/**
 * The backend this plan runs on, as `init` recorded it (`.terraform/terraform.tfstate`
 * next to the stack; a TF_DATA_DIR elsewhere is not seen and not checked).
 */
const STATE_BACKEND = '${try(jsondecode(file("${path.module}/.terraform/terraform.tfstate")).backend, {})}';

/** The S3 state of another deployment (or of the bootstrap) would be read, planned over and written. */
export function stateBackendRules(namePrefix: TerraformVariable, environment: TerraformVariable): GuardRule[] {
  const backend = (path: string) => Token.asString(Fn.try([ref(`local.state_backend.${path}`), '']));
  const isS3 = Op.eq(backend('type'), 's3');
  const bucket = backend('config.bucket');
  const key = backend('config.key');
  const expected = stateBucketName(namePrefix.stringValue, environment.stringValue);
  const deployment = `${namePrefix.stringValue}-${environment.stringValue}`;
  return [
    {
      condition: Op.or(Op.not(isS3), Op.eq(bucket, expected)),
      error_message:
        `The state backend's bucket is ${bucket}, but the bootstrap of ${deployment} (name_prefix-environment) created ${expected}: ` +
        'this plan would run on another deployment\'s state. Use the backend.config its bootstrap wrote ' +
        '(terraform output -raw backend_config in cdktf.out/stacks/bootstrap), or fix name_prefix and environment, then init -reconfigure.',
    },
    {
      condition: Op.or(Op.not(isS3), Op.eq(key, PRODUCTION_STATE_KEY)),
      error_message:
        `The state backend's key is ${key}, but the production stack's state is ${PRODUCTION_STATE_KEY} (the key the bootstrap's ` +
        'backend_config writes; bootstrap/terraform.tfstate is the bootstrap\'s own): set key in backend.config, then init -reconfigure.',
    },
  ];
}
