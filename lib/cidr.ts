import { Fn, IResolvable, Op } from 'cdktf';
import { matches } from './variables';

/**
 * Terraform expressions that check IPv4 CIDR blocks at plan time, built from
 * Terraform's own functions (`cidrsubnet`, `cidrhost`), so a wrong address
 * plan fails with a message instead of AWS rejecting a subnet mid-apply.
 * Each takes a string or a token (a variable, `ref('val')` in a for expression).
 */

/** The prefix length of a CIDR block: `10.0.1.0/24` gives 24. */
function prefixLength(cidr: string): number {
  return Fn.tonumber(Fn.element(Fn.split('/', cidr), 1));
}

/** The network of `cidr` with its prefix length, e.g. `10.0.1.7/24` gives `10.0.1.0/24`. */
function network(cidr: string): string {
  return Fn.cidrsubnet(cidr, 0, 0);
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
  return Op.and(Op.gte(prefixLength(inner), prefixLength(outer)), Op.eq(innerAtOuterPrefix, network(outer)));
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): IResolvable {
  return Op.or(cidrContains(a, b), cidrContains(b, a));
}
