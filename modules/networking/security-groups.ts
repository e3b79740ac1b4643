import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformIterator, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AddressedStack } from '../../src/addresses';

export const POSTGRES_PORT = 5432;
const ANYWHERE = '0.0.0.0/0';
/** `ip_protocol = "-1"`: every protocol and port. */
const ALL_TRAFFIC = '-1';

/**
 * The spec's three security groups. The groups carry no inline rules: the
 * provider then revokes AWS's default allow-all egress, so a group only
 * allows what a rule resource below says (RDS therefore has no egress).
 */
export function createSecurityGroups(scope: Construct, vpc: Vpc, base: string, albIngressCidrs: string[] = [ANYWHERE]) {
  const group = (id: 'alb' | 'ecs' | 'rds', description: string) =>
    new SecurityGroup(scope, id, { name: `${base}-${id}`, description, vpcId: vpc.id, tags: { Name: `${base}-${id}` } });

  const alb = group('alb', 'ALB: HTTP and HTTPS from the internet');
  const ecs = group('ecs', 'ECS tasks: all traffic from the ALB and from each other');
  const rds = group('rds', 'RDS PostgreSQL: 5432 from ECS tasks only');

  // One rule per allowed range and port, keyed by the range: adding a range creates rules, never replaces one.
  const stack = TerraformStack.of(scope);
  for (const [name, port] of [['http', 80], ['https', 443]] as const) {
    const ranges = TerraformIterator.fromList(albIngressCidrs);
    const rule = new VpcSecurityGroupIngressRule(scope, `alb-${name}`, {
      forEach: ranges,
      securityGroupId: alb.id,
      description: `${name.toUpperCase()} from ${ranges.value}`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      cidrIpv4: ranges.value,
    });
    // Before alb_ingress_cidrs the rule had no for_each; its state becomes the 0.0.0.0/0 instance.
    if (stack instanceof AddressedStack) {
      const address = stack.addressOf(rule);
      stack.addMoved(address, `${address}["${ANYWHERE}"]`);
    }
  }
  new VpcSecurityGroupEgressRule(scope, 'alb-egress', {
    securityGroupId: alb.id,
    description: 'All traffic out (to ECS targets)',
    ipProtocol: ALL_TRAFFIC,
    cidrIpv4: ANYWHERE,
  });

  new VpcSecurityGroupIngressRule(scope, 'ecs-from-alb', {
    securityGroupId: ecs.id,
    description: 'All traffic from the ALB',
    ipProtocol: ALL_TRAFFIC,
    referencedSecurityGroupId: alb.id,
  });
  new VpcSecurityGroupIngressRule(scope, 'ecs-from-self', {
    securityGroupId: ecs.id,
    description: 'All traffic between ECS tasks (API and worker to Temporal)',
    ipProtocol: ALL_TRAFFIC,
    referencedSecurityGroupId: ecs.id,
  });
  new VpcSecurityGroupEgressRule(scope, 'ecs-egress', {
    securityGroupId: ecs.id,
    description: 'All traffic out (RDS, ghcr.io, AWS APIs through the NAT gateway)',
    ipProtocol: ALL_TRAFFIC,
    cidrIpv4: ANYWHERE,
  });

  new VpcSecurityGroupIngressRule(scope, 'rds-from-ecs', {
    securityGroupId: rds.id,
    description: 'PostgreSQL from ECS tasks',
    ipProtocol: 'tcp',
    fromPort: POSTGRES_PORT,
    toPort: POSTGRES_PORT,
    referencedSecurityGroupId: ecs.id,
  });

  return { alb, ecs, rds };
}
