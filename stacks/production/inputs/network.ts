import { Fn, Op, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktn';
import { DEFAULT_PRIVATE_SUBNET_CIDRS, DEFAULT_PUBLIC_SUBNET_CIDRS, DEFAULT_VPC_CIDR, SUBNETS_PER_TIER } from '../../../modules/networking';
import { isIpv4Network } from '../../../lib/cidr';

/**
 * The network layout: the spec's networking module defaults, made
 * overridable. Cross-variable address checks (subnets inside the VPC, no
 * overlaps) are preconditions on the VPC, in modules/networking.
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
