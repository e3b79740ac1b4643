import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktn/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktn/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformCount, TerraformIterator } from 'cdktn';
import { Construct } from 'constructs';
import { moveToInstance, optionalAttribute, optionalResource } from '../lib/addresses';
import { Choice } from '../lib/choice';
import { FRONTEND_PORT as TEMPORAL_PORT } from '../modules/temporal/containers';
import { PORTS } from './contract';
import { FIRST_LINE, Flow, ReleaseLine, Role, ROLES } from './lines';

export const ANYWHERE = '0.0.0.0/0';

/** The security groups of the stack, one per role. */
export type SecurityGroups = Readonly<Record<Role, SecurityGroup>>;

// A group's description cannot change without replacing the group (AWS has no API for it), and
// the ALB and the database hold theirs: those two keep the text they were created with.
const DESCRIPTIONS: Record<Role, string> = {
  alb: 'ALB: HTTP and HTTPS from the internet',
  api: `Everruns API tasks (and their migration container): ${PORTS.api} from the ALB`,
  ui: `Everruns UI tasks: ${PORTS.ui} from the ALB`,
  worker: 'Everruns worker tasks: no inbound traffic',
  temporal: `Temporal server: ${TEMPORAL_PORT} from the API and the worker`,
  rds: 'RDS PostgreSQL: 5432 from ECS tasks only',
};

export interface EverrunsSecurityGroupsProps {
  readonly vpc: Vpc;
  /** `{name_prefix}-{environment}`, the groups' names' start. */
  readonly base: string;
  /** IPv4 ranges allowed to reach the ALB on 80 and 443 (a list or a list token). */
  readonly albIngressCidrs: string[];
  /** Every release line, and the choice among them. */
  readonly lines: Readonly<Record<string, ReleaseLine>>;
  readonly line: Choice;
}

/**
 * One security group per role, each allowing exactly the flows of the
 * chosen release line, never all protocols. The groups carry no inline rules:
 * the provider then revokes AWS's default allow-all egress, so a group allows
 * only what a rule resource below says (RDS therefore has no egress).
 *
 * A group or rule that only some lines have exists for those (`count`). They
 * are created in the networking construct's scope, where their addresses
 * (`networking_*`) come from.
 */
export function everrunsSecurityGroups(scope: Construct, props: EverrunsSecurityGroupsProps): SecurityGroups {
  const { lines, line } = props;
  const linesWith = (has: (line: ReleaseLine) => boolean) => Object.keys(lines).filter((key) => has(lines[key]));
  const usesRole = (role: Role) => (l: ReleaseLine) => l.flows.some((flow) => flow.from === role || flow.to === role);
  const sameFlow = (a: Flow) => (b: Flow) => a.from === b.from && a.to === b.to && a.port === b.port && a.toPort === b.toPort;
  // A part of some lines only exists for them; the first line's parts existed before there were lines.
  const onlyFor = (resource: SecurityGroup | VpcSecurityGroupEgressRule | VpcSecurityGroupIngressRule, keys: string[]) => {
    const count = line.countFor(keys);
    if (count) optionalResource(resource, count, keys.includes(FIRST_LINE));
  };

  const groups = Object.fromEntries(
    ROLES.map((role) => {
      const group = new SecurityGroup(scope, role, {
        name: `${props.base}-${role}`,
        description: DESCRIPTIONS[role],
        vpcId: props.vpc.id,
        tags: { Name: `${props.base}-${role}` },
      });
      onlyFor(group, linesWith(usesRole(role)));
      return [role, group];
    }),
  ) as SecurityGroups;
  // A group with a count (one line's) is referred to by its one instance.
  const idOf = (role: Role) => (groups[role].count === undefined ? groups[role].id : optionalAttribute(groups[role], 'id'));

  // Until the per-role groups every task ran in one shared group, `{base}-ecs`. It stays, empty and unused: in one
  // apply OpenTofu and Terraform delete a group before they update the services that leave it, and EC2
  // refuses to delete a group that task network interfaces still use. A later release removes it.
  new SecurityGroup(scope, 'ecs', {
    name: `${props.base}-ecs`,
    description: 'ECS tasks: all traffic from the ALB and from each other',
    vpcId: props.vpc.id,
    tags: { Name: `${props.base}-ecs`, Purpose: 'unused since the per-role groups; kept until no task uses it' },
  });

  // One rule per allowed range and port, keyed by the range: adding a range creates rules, never replaces one.
  for (const [name, port] of [['http', 80], ['https', 443]] as const) {
    const ranges = TerraformIterator.fromList(props.albIngressCidrs);
    const rule = new VpcSecurityGroupIngressRule(scope, `alb-${name}`, {
      forEach: ranges,
      securityGroupId: groups.alb.id,
      description: `${name.toUpperCase()} from ${ranges.value}`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      cidrIpv4: ranges.value,
    });
    // Before alb_ingress_cidrs the rule had no for_each; its state becomes the 0.0.0.0/0 instance.
    moveToInstance(rule, `["${ANYWHERE}"]`);
  }

  // Every line's flows, each once: an egress rule on the caller and, between groups, the matching ingress rule on the callee.
  const flows: Flow[] = [];
  for (const l of Object.values(lines)) for (const flow of l.flows) if (!flows.some(sameFlow(flow))) flows.push(flow);
  for (const flow of flows) {
    const keys = linesWith((l) => l.flows.some(sameFlow(flow)));
    const toPort = flow.toPort ?? flow.port;
    const ports = flow.port === toPort ? `${flow.port}` : `${flow.port}-${toPort}`;
    const tcp = { ipProtocol: 'tcp', fromPort: flow.port, toPort };
    if (flow.to === 'internet') {
      const egress = new VpcSecurityGroupEgressRule(scope, `${flow.from}-to-internet-${flow.port}`, {
        ...tcp,
        securityGroupId: idOf(flow.from),
        description: flow.what,
        cidrIpv4: ANYWHERE,
      });
      onlyFor(egress, keys);
      continue;
    }
    const egress = new VpcSecurityGroupEgressRule(scope, `${flow.from}-to-${flow.to}-${flow.port}`, {
      ...tcp,
      securityGroupId: idOf(flow.from),
      description: `${flow.what}: TCP ${ports} to the ${flow.to} group`,
      referencedSecurityGroupId: idOf(flow.to),
    });
    const ingress = new VpcSecurityGroupIngressRule(scope, `${flow.to}-from-${flow.from}-${flow.port}`, {
      ...tcp,
      securityGroupId: idOf(flow.to),
      description: `${flow.what}: TCP ${ports} from the ${flow.from} group`,
      referencedSecurityGroupId: idOf(flow.from),
    });
    onlyFor(egress, keys);
    onlyFor(ingress, keys);
  }
  return groups;
}

/**
 * The ALB group's only internet egress, while the ALB signs users in (`count` 0 or 1): it calls
 * the identity provider's token and user-info endpoints over HTTPS. In the networking scope, with
 * the other groups' rules.
 */
export function albIdentityProviderEgress(scope: Construct, alb: SecurityGroup, count: TerraformCount): VpcSecurityGroupEgressRule {
  return new VpcSecurityGroupEgressRule(scope, 'alb-to-internet-443', {
    count,
    securityGroupId: alb.id,
    description: 'HTTPS out: the ALB calls the sign-in provider (Cognito or OIDC) token and user-info endpoints',
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    cidrIpv4: ANYWHERE,
  });
}
