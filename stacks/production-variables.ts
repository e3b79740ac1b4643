import { Fn, Op, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { DEFAULT_PRIVATE_SUBNET_CIDRS, DEFAULT_PUBLIC_SUBNET_CIDRS, DEFAULT_VPC_CIDR, SUBNETS_PER_TIER } from '../modules/networking';
import { isIpv4Network } from '../lib/cidr';
import { matches } from '../lib/variables';

/**
 * The production inputs the spec's `variables.tf` lacks but a real user
 * needs: the network layout (the spec's networking module defaults, made
 * overridable), the ghcr.io user name, and the two safety settings of the
 * stateful resources. Cross-variable address checks (subnets inside the
 * VPC, no overlaps) are preconditions on the VPC, in modules/networking.
 */

/** AWS accepts VPC and subnet prefixes from /16 to /28. */
const MIN_PREFIX = 16;
const MAX_PREFIX = 28;

export function vpcCidrVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'vpc_cidr', {
    type: 'string',
    description: 'IPv4 CIDR block of the VPC',
    default: DEFAULT_VPC_CIDR,
  });
  variable.addValidation({
    condition: isIpv4Network(variable.stringValue, MIN_PREFIX, MAX_PREFIX),
    errorMessage:
      `The vpc_cidr "${variable.stringValue}" is not valid: use an IPv4 network address with a prefix ` +
      `from /${MIN_PREFIX} to /${MAX_PREFIX} and no host bits set, such as 10.0.0.0/16.`,
  });
  return variable;
}

function subnetCidrsVariable(stack: TerraformStack, name: string, tier: string, defaults: readonly string[]): TerraformVariable {
  const variable = new TerraformVariable(stack, name, {
    type: 'list(string)',
    description: `IPv4 CIDR blocks of the ${tier} subnets, one per availability zone (the region's first two), inside vpc_cidr`,
    default: [...defaults],
  });
  const everyEntryValid = Fn.alltrue(
    Token.asList(
      TerraformIterator.fromList(variable.listValue).forExpressionForList(
        isIpv4Network(Token.asString(ref('val')), MIN_PREFIX, MAX_PREFIX),
      ),
    ),
  );
  variable.addValidation({
    condition: Op.and(Op.eq(Fn.lengthOf(variable.listValue), SUBNETS_PER_TIER), everyEntryValid),
    errorMessage:
      `The ${name} ${Fn.jsonencode(variable.listValue)} is not valid: give exactly ${SUBNETS_PER_TIER} IPv4 network ` +
      `addresses with prefixes from /${MIN_PREFIX} to /${MAX_PREFIX}, such as ${JSON.stringify(defaults)}.`,
  });
  return variable;
}

export function publicSubnetCidrsVariable(stack: TerraformStack): TerraformVariable {
  return subnetCidrsVariable(stack, 'public_subnet_cidrs', 'public', DEFAULT_PUBLIC_SUBNET_CIDRS);
}

export function privateSubnetCidrsVariable(stack: TerraformStack): TerraformVariable {
  return subnetCidrsVariable(stack, 'private_subnet_cidrs', 'private', DEFAULT_PRIVATE_SUBNET_CIDRS);
}

/** The two entries of a validated two-element list variable, as strings. */
export function pair(variable: TerraformVariable): string[] {
  return Array.from({ length: SUBNETS_PER_TIER }, (_, i) => Token.asString(Fn.element(variable.listValue, i)));
}

export function githubUsernameVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'github_username', {
    type: 'string',
    description: 'GitHub user name that owns github_token; ECS logs in to ghcr.io with it and the token',
    default: 'everruns',
  });
  variable.addValidation({
    condition: matches('^[A-Za-z0-9]([A-Za-z0-9-]{0,37}[A-Za-z0-9])?$', variable.stringValue),
    errorMessage: `The github_username "${variable.stringValue}" is not a GitHub user name (1-39 letters, digits and hyphens, not starting or ending with a hyphen).`,
  });
  return variable;
}

export function dbDeletionProtectionVariable(stack: TerraformStack): TerraformVariable {
  return new TerraformVariable(stack, 'db_deletion_protection', {
    type: 'bool',
    description: 'Refuse to delete the RDS instance; set false and apply before terraform destroy',
    default: true,
  });
}

export function secretRecoveryWindowVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'secret_recovery_window_days', {
    type: 'number',
    description: 'Days a deleted secret can be restored before its name can be reused (0 deletes at once)',
    default: 7,
  });
  variable.addValidation({
    // A list rather than `== 0`: cdktf renders a literal 0 operand of Op as `undefined`.
    condition: Fn.contains(Fn.concat([[0], Fn.range(7, 31)]), variable.numberValue),
    errorMessage: `The secret_recovery_window_days ${variable.stringValue} is not valid: AWS allows 0 (delete at once) or a whole number from 7 to 30.`,
  });
  return variable;
}

/** RDS PostgreSQL major versions the stack accepts (the default parameter group of each exists in every region). */
export const DB_ENGINE_VERSIONS = ['14', '15', '16', '17', '18'] as const;

export function dbEngineVersionVariable(stack: TerraformStack, defaultVersion: string): TerraformVariable {
  const variable = new TerraformVariable(stack, 'db_engine_version', {
    type: 'string',
    description:
      'PostgreSQL major version of the RDS instance (RDS applies minor versions itself); raising it upgrades the instance in place, lowering it is refused by RDS',
    default: defaultVersion,
  });
  variable.addValidation({
    condition: Fn.contains([...DB_ENGINE_VERSIONS], variable.stringValue),
    errorMessage:
      `The db_engine_version "${variable.stringValue}" is not valid: give the major version only, one of ${DB_ENGINE_VERSIONS.join(', ')} ` +
      '(RDS picks and upgrades the minor version itself).',
  });
  return variable;
}

export function dbApplyImmediatelyVariable(stack: TerraformStack): TerraformVariable {
  return new TerraformVariable(stack, 'db_apply_immediately', {
    type: 'bool',
    description:
      'Apply database changes (a major version upgrade, the instance class) during terraform apply instead of in the next maintenance window (Mon 04:00-05:00 UTC)',
    default: false,
  });
}
