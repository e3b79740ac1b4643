import { Fn, IResolvable, Op, ref, TerraformIterator, Token } from 'cdktn';
import { once, onceNumber, onceString } from './once';
import { matches } from './variables';

/**
 * Terraform expressions that check IPv4 CIDR blocks at plan time, built from
 * Terraform's own functions (`cidrsubnet`, `cidrhost`), so a wrong address
 * plan fails with a message instead of AWS rejecting a subnet mid-apply.
 * Each takes a string or a token (a variable, `ref('val')` in a for expression).
 */

/** The prefix length of a CIDR block: `10.0.1.0/24` gives 24. */
function prefixLength(cidr: string): number {
  return onceNumber(Fn.tonumber(Fn.element(Fn.split('/', cidr), 1)));
}

/** The network of `cidr` with its prefix length, e.g. `10.0.1.7/24` gives `10.0.1.0/24`. */
function network(cidr: string): string {
  return onceString(Fn.cidrsubnet(cidr, 0, 0));
}

/**
 * True when `cidr` is an IPv4 network address (no host bits set) with a
 * prefix length from `min` to `max`; false, never an error, for anything else.
 */
export function isIpv4Network(cidr: string, min: number, max: number): IResolvable {
  return Fn.try([
    Op.and(
      Op.and(matches('^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+/[0-9]+$', cidr), Op.eq(network(cidr), cidr)),
      Op.and(Op.gte(prefixLength(cidr), min), Op.lte(prefixLength(cidr), max)),
    ),
    false,
  ]);
}

/** True when every address of `inner` is inside `outer`. */
export function cidrContains(outer: string, inner: string): IResolvable {
  // Cutting inner's network address down to outer's prefix length gives outer exactly when inner lies inside it.
  const innerAtOuterPrefix = Fn.cidrsubnet(Fn.format('%s/%d', [Fn.cidrhost(inner, 0), prefixLength(outer)]), 0, 0);
  return once(Op.and(Op.gte(prefixLength(inner), prefixLength(outer)), Op.eq(innerAtOuterPrefix, network(outer))));
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): IResolvable {
  return once(Op.or(cidrContains(a, b), cidrContains(b, a)));
}

/** The shortest IPv4 prefix that is still one organisation's range: anything wider counts as the internet. */
export const MIN_PRIVATE_PREFIX = 8;

/**
 * True when the IPv4 ranges of `cidrs` (a Terraform list of network
 * addresses) let in the public internet: one range is wider than /8, or
 * together they cover every address. Two CIDR blocks are either disjoint or
 * nested, so the union's size is the sum of the sizes of the blocks no other
 * listed block contains (duplicates counted once); it covers 0.0.0.0/0
 * exactly when that sum is 2^32.
 */
export function reachesInternet(cidrs: string[]): IResolvable {
  const blocks = Fn.distinct(cidrs);
  const each = (list: unknown, expression: string | IResolvable) =>
    Token.asList(TerraformIterator.fromList(Token.asList(list)).forExpressionForList(expression));
  const val = Token.asString(ref('val'));
  const wide = Fn.anytrue(each(blocks, Op.lt(prefixLength(val), MIN_PRIVATE_PREFIX)));
  // Pairs instead of a nested for expression: cdktf names every iterator `val`, so an inner loop cannot see the outer one.
  const [outer, inner] = [Token.asString(ref('val[0]')), Token.asString(ref('val[1]'))];
  const pairs = TerraformIterator.fromList(Fn.setproduct([blocks, blocks]));
  const contained = pairs.forExpressionForList(`val[1] if ${Token.asString(Op.and(Op.neq(outer, inner), cidrContains(outer, inner)))}`);
  const maximal = Fn.setsubtract(blocks, Token.asList(contained));
  const sizes = each(maximal, Token.asString(Fn.pow(2, Op.sub(32, prefixLength(val)))));
  return once(Op.or(wide, Op.eq(Fn.sum(Fn.concat([[0], sizes])), 4294967296)));
}
