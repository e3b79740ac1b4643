import { DataAwsRoute53Zone } from '@cdktn/provider-aws/lib/data-aws-route53-zone';
import { Lb } from '@cdktn/provider-aws/lib/lb';
import { Route53Record } from '@cdktn/provider-aws/lib/route53-record';
import { Fn, IResolvable, Op, propertyAccess, ref, TerraformCount, TerraformIterator, TerraformLocal, Token } from 'cdktn';
import { Construct } from 'constructs';

export interface DnsProps {
  /** A Route 53 public hosted zone id; `""` (a variable's default) creates nothing. */
  readonly zoneId: string;
  /** The application's name: it gets an `A` alias to the load balancer. */
  readonly domainName: string;
  /** Every name that must lie inside the zone (the alias and the certificate's validated names). @default - `[domainName]` */
  readonly namesInZone?: string[];
  readonly loadBalancer: Lb;
}

/**
 * The application's name in Route 53: an `A` alias of
 * `domainName` to the ALB, when a zone is given. Only `A`: the ALB is
 * IPv4-only (`ip_address_type = ipv4`), and an `AAAA` alias to it would
 * answer nothing. A precondition refuses a zone that does not contain the
 * names, or a private one, before anything is created.
 */
export class Dns extends Construct {
  /** `count` 1 with a zone id, else 0: refer to it through `zoneName`. */
  public readonly zone: DataAwsRoute53Zone;
  /** `count` 1 with a zone id, else 0. */
  public readonly alias: Route53Record;
  /** The zone's name, lowercase without the trailing dot; "" without a zone. */
  public readonly zoneName: string;

  constructor(scope: Construct, id: string, props: DnsProps) {
    super(scope, id);
    // `length(x) >= 1`, not `x != ""`: cdktf renders a literal "" operand of Op as `undefined`.
    const enabled = Op.gte(Fn.lengthOf(props.zoneId), 1);
    const count = TerraformCount.of(Token.asNumber(Fn.conditional(enabled, 1, 0)));

    this.zone = new DataAwsRoute53Zone(this, 'zone', { count, zoneId: props.zoneId });
    const one = (attribute: string) => Fn.one(propertyAccess(this.zone.fqn, ['*', attribute]));
    // join, not one(): "" rather than null without a zone, which trimsuffix refuses.
    const name = Fn.join('', Token.asList(propertyAccess(this.zone.fqn, ['*', 'name'])));
    this.zoneName = new TerraformLocal(this, 'zone-name', Fn.lower(Fn.trimsuffix(name, '.'))).asString;
    const names = props.namesInZone ?? [props.domainName];

    this.alias = new Route53Record(this, 'alias', {
      count,
      zoneId: props.zoneId,
      name: props.domainName,
      type: 'A',
      alias: { name: props.loadBalancer.dnsName, zoneId: props.loadBalancer.zoneId, evaluateTargetHealth: true },
      lifecycle: { precondition: zonePreconditions(props.zoneId, this.zoneName, Token.asAny(one('private_zone')), names) },
    });
  }
}

/** The names a zone does not serve: neither the zone's name nor below it. */
function outside(names: string[], zoneName: string): IResolvable {
  const inside = Op.or(Op.eq(ref('val'), zoneName), Fn.endswith(Token.asString(ref('val')), Fn.format('.%s', [zoneName])));
  return TerraformIterator.fromList(names).forExpressionForList(Fn.conditional(inside, Token.nullValue(), ref('val')));
}

function zonePreconditions(zoneId: string, zoneName: string, privateZone: IResolvable, names: string[]) {
  const missing = Fn.compact(Token.asList(outside(names, zoneName)));
  return [
    {
      condition: Op.lt(Fn.lengthOf(missing), 1),
      errorMessage:
        `The Route 53 zone ${zoneId} is "${zoneName}", which does not contain ${Fn.jsonencode(missing)}: domain_name and every ` +
        `subject_alternative_names entry must be "${zoneName}" or end in ".${zoneName}". Set route53_zone_id to the zone that ` +
        'serves them, or set route53_zone_id = "" and publish the records yourself (README: the first apply).',
    },
    {
      condition: Op.not(privateZone),
      errorMessage:
        `The Route 53 zone ${zoneId} ("${zoneName}") is private: ACM and the internet cannot see its records. ` +
        'Set route53_zone_id to the public hosted zone of the domain.',
    },
  ];
}
