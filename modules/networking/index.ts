import { DataAwsAvailabilityZones } from '@cdktn/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktn/provider-aws/lib/default-security-group';
import { Eip } from '@cdktn/provider-aws/lib/eip';
import { InternetGateway } from '@cdktn/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktn/provider-aws/lib/nat-gateway';
import { Route } from '@cdktn/provider-aws/lib/route';
import { RouteTable } from '@cdktn/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktn/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { Fn, Op, Precondition, Token } from 'cdktn';
import { Construct } from 'constructs';
import { cidrContains, cidrsOverlap } from '../../lib/cidr';

export const DEFAULT_VPC_CIDR = '10.0.0.0/16';
export const DEFAULT_PUBLIC_SUBNET_CIDRS: readonly string[] = ['10.0.1.0/24', '10.0.2.0/24'];
export const DEFAULT_PRIVATE_SUBNET_CIDRS: readonly string[] = ['10.0.10.0/24', '10.0.11.0/24'];

/** The spec's layout: two availability zones, one public and one private subnet in each. */
export const SUBNETS_PER_TIER = 2;

export interface NetworkingProps {
  /** First part of every name (`{namePrefix}-{environment}`). */
  readonly namePrefix: string;
  readonly environment: string;
  /** @default '10.0.0.0/16' */
  readonly vpcCidr?: string;
  /** One per availability zone, in AZ order. @default ['10.0.1.0/24', '10.0.2.0/24'] */
  readonly publicSubnetCidrs?: readonly string[];
  /** One per availability zone, in AZ order. @default ['10.0.10.0/24', '10.0.11.0/24'] */
  readonly privateSubnetCidrs?: readonly string[];
}

/**
 * Spec module 2: a VPC with public and private subnets in the region's first
 * two availability zones, one NAT gateway (cost), and the VPC's default
 * security group emptied. The groups of what runs in it belong to the
 * application that knows its traffic.
 */
export class Networking extends Construct {
  public readonly vpc: Vpc;
  /** The region's first two available zones (opt-in zones excluded), in subnet order. */
  public readonly availabilityZones: string[];
  /** Public subnets in AZ order: the ALB and the NAT gateway. */
  public readonly publicSubnets: Subnet[];
  /** Private subnets in AZ order: ECS tasks and RDS. */
  public readonly privateSubnets: Subnet[];
  public readonly internetGateway: InternetGateway;
  public readonly natGateway: NatGateway;

  constructor(scope: Construct, id: string, props: NetworkingProps) {
    super(scope, id);
    const vpcCidr = props.vpcCidr ?? DEFAULT_VPC_CIDR;
    const publicCidrs = props.publicSubnetCidrs ?? DEFAULT_PUBLIC_SUBNET_CIDRS;
    const privateCidrs = props.privateSubnetCidrs ?? DEFAULT_PRIVATE_SUBNET_CIDRS;
    for (const [name, cidrs] of [['publicSubnetCidrs', publicCidrs], ['privateSubnetCidrs', privateCidrs]] as const) {
      if (cidrs.length !== SUBNETS_PER_TIER) {
        throw new Error(
          `Networking ${name} has ${cidrs.length} CIDR blocks (${cidrs.join(', ')}); give exactly ${SUBNETS_PER_TIER}, one per availability zone.`,
        );
      }
    }
    const base = `${props.namePrefix}-${props.environment}`;

    // Derived from the region rather than the spec's us-east-1a/b; opt-in zones (Local Zones) cannot host NAT or RDS.
    const zones = new DataAwsAvailabilityZones(this, 'available', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    this.availabilityZones = Array.from({ length: SUBNETS_PER_TIER }, (_, i) => Token.asString(Fn.element(zones.names, i)));

    this.vpc = new Vpc(this, 'main', {
      cidrBlock: vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: base },
      // Variable validations cannot compare two variables before Terraform 1.9: these checks fail the plan instead.
      lifecycle: { precondition: addressPlanChecks(vpcCidr, publicCidrs, privateCidrs) },
    });

    const subnets = (tier: 'public' | 'private', cidrs: readonly string[]) =>
      cidrs.map(
        (cidr, i) =>
          new Subnet(this, `${tier}-${i}`, {
            vpcId: this.vpc.id,
            cidrBlock: cidr,
            availabilityZone: this.availabilityZones[i],
            tags: { Name: `${base}-${tier}-${i + 1}` },
          }),
      );
    this.publicSubnets = subnets('public', publicCidrs);
    this.privateSubnets = subnets('private', privateCidrs);

    this.internetGateway = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: { Name: base } });

    const natAddress = new Eip(this, 'nat', { domain: 'vpc', tags: { Name: `${base}-nat` } });
    // One NAT gateway for both private subnets (spec, cost): private egress stops if its zone fails.
    this.natGateway = new NatGateway(this, 'nat-gateway', {
      allocationId: natAddress.allocationId,
      subnetId: this.publicSubnets[0].id,
      tags: { Name: base },
      dependsOn: [this.internetGateway],
    });

    const publicRoutes = new RouteTable(this, 'public', { vpcId: this.vpc.id, tags: { Name: `${base}-public` } });
    new Route(this, 'public-internet', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    const privateRoutes = new RouteTable(this, 'private', { vpcId: this.vpc.id, tags: { Name: `${base}-private` } });
    new Route(this, 'private-nat', {
      routeTableId: privateRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: this.natGateway.id,
    });
    for (const [tier, table, list] of [['public', publicRoutes, this.publicSubnets], ['private', privateRoutes, this.privateSubnets]] as const) {
      list.forEach((subnet, i) => {
        new RouteTableAssociation(this, `${tier}-${i}-association`, { subnetId: subnet.id, routeTableId: table.id });
      });
    }

    // Takes over the VPC's default security group and removes its rules: nothing here uses it,
    // and an instance launched into it by hand would otherwise talk to everything else in it.
    new DefaultSecurityGroup(this, 'default', { vpcId: this.vpc.id, tags: { Name: `${base}-default-unused` } });
  }

  /** Spec output `public_subnet_ids`. */
  public get publicSubnetIds(): string[] {
    return this.publicSubnets.map((s) => s.id);
  }

  /** Spec output `private_subnet_ids`. */
  public get privateSubnetIds(): string[] {
    return this.privateSubnets.map((s) => s.id);
  }
}

/** Every subnet inside the VPC, and no two subnets sharing an address. */
function addressPlanChecks(vpcCidr: string, publicCidrs: readonly string[], privateCidrs: readonly string[]): Precondition[] {
  const subnets = [
    ...publicCidrs.map((cidr, i) => ({ cidr, name: `public subnet ${i + 1}` })),
    ...privateCidrs.map((cidr, i) => ({ cidr, name: `private subnet ${i + 1}` })),
  ];
  const checks: Precondition[] = subnets.map(({ cidr, name }) => ({
    condition: cidrContains(vpcCidr, cidr),
    errorMessage: `The ${name} ${cidr} is not inside the VPC ${vpcCidr}: every entry of public_subnet_cidrs and private_subnet_cidrs must lie within vpc_cidr.`,
  }));
  subnets.forEach((a, i) =>
    subnets.slice(i + 1).forEach((b) =>
      checks.push({
        condition: Op.not(cidrsOverlap(a.cidr, b.cidr)),
        errorMessage: `The ${a.name} ${a.cidr} overlaps the ${b.name} ${b.cidr}: give every subnet its own address range.`,
      }),
    ),
  );
  return checks;
}
