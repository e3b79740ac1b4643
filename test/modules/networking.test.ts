import { DataAwsAvailabilityZones } from '@cdktn/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktn/provider-aws/lib/default-security-group';
import { Eip } from '@cdktn/provider-aws/lib/eip';
import { InternetGateway } from '@cdktn/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktn/provider-aws/lib/nat-gateway';
import { Route } from '@cdktn/provider-aws/lib/route';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { Networking } from '../../modules/networking';
import { Line, existsIn, resource } from '../helpers';
import { moduleStack, production } from './module-stack';

const { text, json } = production();
const VPC = '${aws_vpc.networking_main.id}';
const SG = (name: string) => `\${aws_security_group.networking_${name}.id}`;

describe('networking: VPC and subnets', () => {
  test('VPC takes vpc_cidr, has DNS hostnames and support, and is named {name_prefix}-{environment}', () => {
    expect(text).toHaveResourceWithProperties(Vpc, {
      cidr_block: '${var.vpc_cidr}',
      enable_dns_hostnames: true,
      enable_dns_support: true,
      tags: { Name: '${var.name_prefix}-${var.environment}' },
    });
  });

  test('availability zones come from the region (available, no opt-in zones), not from a hard-coded list', () => {
    expect(text).toHaveDataSourceWithProperties(DataAwsAvailabilityZones, {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    expect(text).not.toContain('us-east-1a');
  });

  test.each([
    ['public_0', '${element(var.public_subnet_cidrs, 0)}', 0, 'public-1'],
    ['public_1', '${element(var.public_subnet_cidrs, 1)}', 1, 'public-2'],
    ['private_0', '${element(var.private_subnet_cidrs, 0)}', 0, 'private-1'],
    ['private_1', '${element(var.private_subnet_cidrs, 1)}', 1, 'private-2'],
  ])('subnet %s takes %s in the zone with index %d', (name, cidr, zone, suffix) => {
    expect(resource(json, 'aws_subnet', `networking_${name}`)).toEqual(
      expect.objectContaining({
        vpc_id: VPC,
        cidr_block: cidr,
        availability_zone: `\${element(data.aws_availability_zones.networking_available.names, ${zone})}`,
        tags: { Name: `\${var.name_prefix}-\${var.environment}-${suffix}` },
      }),
    );
  });

  test('without CIDR props the module uses the spec layout', () => {
    const { text: own } = moduleStack((stack) => new Networking(stack, 'networking', { namePrefix: 'everruns', environment: 'production' }));
    expect(own).toHaveResourceWithProperties(Vpc, { cidr_block: '10.0.0.0/16' });
    for (const cidr of ['10.0.1.0/24', '10.0.2.0/24', '10.0.10.0/24', '10.0.11.0/24']) {
      expect(own).toHaveResourceWithProperties(Subnet, { cidr_block: cidr });
    }
  });

  test('a tier with other than two subnets is refused with the values and the fix', () => {
    expect(() =>
      moduleStack(
        (stack) =>
          new Networking(stack, 'networking', {
            namePrefix: 'everruns',
            environment: 'production',
            publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
          }),
      ),
    ).toThrow(
      'Networking publicSubnetCidrs has 3 CIDR blocks (10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24); give exactly 2, one per availability zone.',
    );
  });
});

describe('networking: internet, NAT and routes', () => {
  test('an internet gateway in the VPC', () => {
    expect(text).toHaveResourceWithProperties(InternetGateway, { vpc_id: VPC });
  });

  test('exactly one Elastic IP (domain = "vpc", provider v6) and one NAT gateway, in public subnet 1 (cost)', () => {
    expect(Object.keys(json.resource.aws_eip)).toEqual(['networking_nat']);
    expect(Object.keys(json.resource.aws_nat_gateway)).toEqual(['networking_nat_gateway']);
    expect(text).toHaveResourceWithProperties(Eip, { domain: 'vpc' });
    expect(text).toHaveResourceWithProperties(NatGateway, {
      allocation_id: '${aws_eip.networking_nat.allocation_id}',
      subnet_id: '${aws_subnet.networking_public_0.id}',
      depends_on: ['aws_internet_gateway.networking_internet_gateway'],
    });
  });

  test('public route table sends 0.0.0.0/0 to the internet gateway', () => {
    expect(text).toHaveResourceWithProperties(Route, {
      route_table_id: '${aws_route_table.networking_public.id}',
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: '${aws_internet_gateway.networking_internet_gateway.id}',
    });
  });

  test('private route table sends 0.0.0.0/0 to the NAT gateway', () => {
    expect(text).toHaveResourceWithProperties(Route, {
      route_table_id: '${aws_route_table.networking_private.id}',
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: '${aws_nat_gateway.networking_nat_gateway.id}',
    });
  });

  test('each subnet is associated with its tier route table', () => {
    const associations = json.resource.aws_route_table_association;
    expect(Object.fromEntries(Object.entries(associations).map(([name, a]: [string, any]) => [name, [a.subnet_id, a.route_table_id]]))).toEqual({
      networking_public_0_association: ['${aws_subnet.networking_public_0.id}', '${aws_route_table.networking_public.id}'],
      networking_public_1_association: ['${aws_subnet.networking_public_1.id}', '${aws_route_table.networking_public.id}'],
      networking_private_0_association: ['${aws_subnet.networking_private_0.id}', '${aws_route_table.networking_private.id}'],
      networking_private_1_association: ['${aws_subnet.networking_private_1.id}', '${aws_route_table.networking_private.id}'],
    });
  });
});

describe('networking: security groups', () => {
  test.each(['alb', 'api', 'ui', 'worker', 'temporal', 'rds'])('%s group is named {name_prefix}-{environment}-<group>, in the VPC, with no inline rules', (name) => {
    expect(text).toHaveResourceWithProperties(SecurityGroup, {
      name: `\${var.name_prefix}-\${var.environment}-${name}`,
      vpc_id: VPC,
    });
    const group = resource(json, 'aws_security_group', `networking_${name}`);
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test.each([
    ['alb_http', 80],
    ['alb_https', 443],
  ])('ALB ingress %s: tcp %d from each allowed range, default 0.0.0.0/0', (name, port) => {
    expect(resource(json, 'aws_vpc_security_group_ingress_rule', `networking_${name}`)).toEqual(
      expect.objectContaining({
        security_group_id: SG('alb'),
        ip_protocol: 'tcp',
        from_port: port,
        to_port: port,
        for_each: '${toset(var.alb_ingress_cidrs)}',
        cidr_ipv4: '${each.value}',
      }),
    );
  });

  test('moved blocks carry the rules from before alb_ingress_cidrs to their 0.0.0.0/0 instance', () => {
    expect(json.moved).toEqual(expect.arrayContaining([
      { from: 'aws_vpc_security_group_ingress_rule.networking_alb_http', to: 'aws_vpc_security_group_ingress_rule.networking_alb_http["0.0.0.0/0"]' },
      { from: 'aws_vpc_security_group_ingress_rule.networking_alb_https', to: 'aws_vpc_security_group_ingress_rule.networking_alb_https["0.0.0.0/0"]' },
    ]));
  });

  /** Every rule as `group direction ports peer`, peers by group name or CIDR. */
  const flows = (line: Line = 'temporal') => {
    const name = (ref: string) => /networking_([a-z]+)(\[\*\])?\.id/.exec(ref)?.[1] ?? ref;
    const rules = [
      ...Object.values(json.resource.aws_vpc_security_group_ingress_rule).map((r: any) => ['in', r] as const),
      ...Object.values(json.resource.aws_vpc_security_group_egress_rule).map((r: any) => ['out', r] as const),
    ];
    return rules
      .filter(([, r]) => existsIn(r, line))
      .map(([direction, r]) => {
        const ports = r.from_port === r.to_port ? `${r.from_port}` : `${r.from_port}-${r.to_port}`;
        return `${name(r.security_group_id)} ${direction} ${r.ip_protocol}/${ports} ${r.referenced_security_group_id ? name(r.referenced_security_group_id) : r.cidr_ipv4}`;
      })
      .sort();
  };

  test('one group per role reaches exactly the ports it uses, TCP only (temporal line)', () => {
    expect(flows('temporal')).toEqual([
      'alb in tcp/443 ${each.value}',
      'alb in tcp/80 ${each.value}',
      'alb out tcp/3000 ui',
      // While the ALB signs users in (the default): its calls to the identity provider.
      'alb out tcp/443 0.0.0.0/0',
      'alb out tcp/9000 api',
      'api in tcp/9000 alb',
      'api out tcp/443 0.0.0.0/0',
      'api out tcp/5432 rds',
      'api out tcp/7233 temporal',
      'rds in tcp/5432 api',
      'rds in tcp/5432 temporal',
      'rds in tcp/5432 worker',
      'temporal in tcp/6933-6939 temporal',
      'temporal in tcp/7233 api',
      'temporal in tcp/7233 worker',
      'temporal in tcp/7233-7243 temporal',
      'temporal out tcp/443 0.0.0.0/0',
      'temporal out tcp/5432 rds',
      'temporal out tcp/6933-6939 temporal',
      'temporal out tcp/7233-7243 temporal',
      'ui in tcp/3000 alb',
      'ui out tcp/443 0.0.0.0/0',
      'worker out tcp/443 0.0.0.0/0',
      'worker out tcp/5432 rds',
      'worker out tcp/7233 temporal',
      'worker out tcp/80 0.0.0.0/0',
    ]);
  });

  test('control-plane line: no Temporal group or rule, gRPC 9001 from the workers only, workers never reach the database', () => {
    expect(flows('control-plane')).toEqual([
      'alb in tcp/443 ${each.value}',
      'alb in tcp/80 ${each.value}',
      'alb out tcp/3000 ui',
      // While the ALB signs users in (the default): its calls to the identity provider.
      'alb out tcp/443 0.0.0.0/0',
      'alb out tcp/9000 api',
      'api in tcp/9000 alb',
      'api in tcp/9001 worker',
      'api out tcp/443 0.0.0.0/0',
      'api out tcp/5432 rds',
      'rds in tcp/5432 api',
      'ui in tcp/3000 alb',
      'ui out tcp/443 0.0.0.0/0',
      'worker out tcp/443 0.0.0.0/0',
      'worker out tcp/80 0.0.0.0/0',
      'worker out tcp/9001 api',
    ]);
    expect(existsIn(resource(json, 'aws_security_group', 'networking_temporal'), 'control-plane')).toBe(false);
  });

  test('moved blocks keep the Temporal group and its rules at instance [0] for deployments from before', () => {
    const moved = (json.moved as { from: string; to: string }[]).filter((m) => /networking_.*(temporal|worker_to_rds|rds_from_worker)/.test(m.from));
    expect(moved.map((m) => m.to)).toEqual(moved.map((m) => `${m.from}[0]`));
    expect(moved.map((m) => m.from)).toEqual(
      expect.arrayContaining(['aws_security_group.networking_temporal', 'aws_vpc_security_group_ingress_rule.networking_rds_from_worker_5432']),
    );
    // The group, 5 pairs of rules to, from and within it, its internet egress, and the worker's database pair.
    expect(moved).toHaveLength(1 + 10 + 1 + 2);
  });

  test('the UI reaches neither the database nor Temporal, and the worker accepts nothing', () => {
    expect(flows().filter((f) => /^ui .*(rds|temporal)$/.test(f) || /^worker in /.test(f))).toEqual([]);
  });

  test('every rule has a description', () => {
    const rules = [
      ...Object.values(json.resource.aws_vpc_security_group_ingress_rule),
      ...Object.values(json.resource.aws_vpc_security_group_egress_rule),
    ] as any[];
    expect(rules).toHaveLength(28);
    for (const rule of rules) expect(rule.description).toEqual(expect.stringMatching(/^[A-Z].{8,}/));
  });

  test('the ALB and database groups keep the descriptions they were created with (a new one replaces the group)', () => {
    expect(resource(json, 'aws_security_group', 'networking_alb').description).toBe('ALB: HTTP and HTTPS from the internet');
    expect(resource(json, 'aws_security_group', 'networking_rds').description).toBe('RDS PostgreSQL: 5432 from ECS tasks only');
  });
});

describe('networking: default security group', () => {
  test('is taken over and left without rules, so nothing launched into it can talk to anything', () => {
    expect(text).toHaveResourceWithProperties(DefaultSecurityGroup, {
      vpc_id: VPC,
      tags: { Name: '${var.name_prefix}-${var.environment}-default-unused' },
    });
    const group = resource(json, 'aws_default_security_group', 'networking_default');
    expect([group.ingress, group.egress]).toEqual([undefined, undefined]);
  });
});

describe('networking: the shared ECS group of earlier releases', () => {
  test('stays, with its name and description and no rule: deleting it in the same apply would fail while old tasks use it', () => {
    const group = resource(json, 'aws_security_group', 'networking_ecs');
    expect(group).toEqual(
      expect.objectContaining({ name: '${var.name_prefix}-${var.environment}-ecs', description: 'ECS tasks: all traffic from the ALB and from each other' }),
    );
    const rules = [...Object.values(json.resource.aws_vpc_security_group_ingress_rule), ...Object.values(json.resource.aws_vpc_security_group_egress_rule)];
    expect(rules.filter((r: any) => JSON.stringify(r).includes('networking_ecs.'))).toEqual([]);
    expect(JSON.stringify(json.resource.aws_ecs_service)).not.toContain('networking_ecs.');
  });
});
