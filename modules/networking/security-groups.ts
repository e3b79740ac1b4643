import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformCount, TerraformIterator, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AddressedStack, optionalAttribute, optionalResource } from '../../lib/addresses';

export const POSTGRES_PORT = 5432;
export const API_PORT = 9000;
export const UI_PORT = 3000;
/** Temporal's frontend gRPC port, which the API and the worker use. */
export const TEMPORAL_FRONTEND_PORT = 7233;
/** The control plane's gRPC WorkerService, which the workers of the control-plane line use. */
export const CONTROL_PLANE_GRPC_PORT = 9001;
/** Temporal's own ports among its services: frontend, history, matching, worker (7233-7243) and membership (6933-6939). */
export const TEMPORAL_SERVICE_PORTS: ReadonlyArray<readonly [number, number]> = [
  [7233, 7243],
  [6933, 6939],
];
const ANYWHERE = '0.0.0.0/0';

/** The security groups of the stack, one per role. */
export interface SecurityGroups {
  readonly alb: SecurityGroup;
  readonly api: SecurityGroup;
  readonly ui: SecurityGroup;
  readonly worker: SecurityGroup;
  readonly temporal: SecurityGroup;
  readonly rds: SecurityGroup;
}

type Role = keyof SecurityGroups;

/**
 * Terraform counts (0 or 1) of each release line's own rules: `temporal` for
 * the Temporal group and everything that reaches it, `controlPlane` for the
 * workers' gRPC port on the API group.
 */
export interface ProfileCounts {
  readonly temporal: TerraformCount;
  readonly controlPlane: TerraformCount;
}

// A group's description cannot change without replacing the group (AWS has no API for it), and
// the ALB and the database hold theirs: those two keep the text they were created with.
const DESCRIPTIONS: Record<Role, string> = {
  alb: 'ALB: HTTP and HTTPS from the internet',
  api: 'Everruns API tasks (and their migration container): 9000 from the ALB',
  ui: 'Everruns UI tasks: 3000 from the ALB',
  worker: 'Everruns worker tasks: no inbound traffic',
  temporal: 'Temporal server: 7233 from the API and the worker',
  rds: 'RDS PostgreSQL: 5432 from ECS tasks only',
};

/**
 * One security group per role, each allowing exactly the TCP ports the role
 * uses, never all protocols. The groups carry no inline rules: the provider
 * then revokes AWS's default allow-all egress, so a group allows only what a
 * rule resource below says (RDS therefore has no egress).
 *
 * Egress to the internet (through the NAT gateway) stays where the tasks
 * need it: HTTPS (443) for every task, because Fargate pulls images (ghcr.io,
 * Docker Hub), reads Secrets Manager and writes CloudWatch Logs through the
 * task's own network interface; and HTTP (80) for the worker, whose agent tools
 * fetch web pages. The ALB and RDS have no internet egress.
 */
export function createSecurityGroups(
  scope: Construct,
  vpc: Vpc,
  base: string,
  albIngressCidrs: string[] = [ANYWHERE],
  profile?: ProfileCounts,
): SecurityGroups {
  const group = (id: Role) =>
    new SecurityGroup(scope, id, { name: `${base}-${id}`, description: DESCRIPTIONS[id], vpcId: vpc.id, tags: { Name: `${base}-${id}` } });
  const groups: SecurityGroups = {
    alb: group('alb'),
    api: group('api'),
    ui: group('ui'),
    worker: group('worker'),
    temporal: group('temporal'),
    rds: group('rds'),
  };

  // The Temporal group exists only in the Temporal line; rules that name it share its count.
  if (profile) optionalResource(groups.temporal, profile.temporal);
  const idOf = (role: Role) => (profile && role === 'temporal' ? optionalAttribute(groups.temporal, 'id') : groups[role].id);

  // Until this release every task ran in one shared group, `{base}-ecs`. It stays, empty and unused: in one
  // apply OpenTofu and Terraform delete a group before they update the services that leave it, and EC2
  // refuses to delete a group that task network interfaces still use. A later release removes it.
  new SecurityGroup(scope, 'ecs', {
    name: `${base}-ecs`,
    description: 'ECS tasks: all traffic from the ALB and from each other',
    vpcId: vpc.id,
    tags: { Name: `${base}-ecs`, Purpose: 'unused since the per-role groups; kept until no task uses it' },
  });

  // One rule per allowed range and port, keyed by the range: adding a range creates rules, never replaces one.
  const stack = TerraformStack.of(scope);
  for (const [name, port] of [['http', 80], ['https', 443]] as const) {
    const ranges = TerraformIterator.fromList(albIngressCidrs);
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
    if (stack instanceof AddressedStack) {
      const address = stack.addressOf(rule);
      stack.addMoved(address, `${address}["${ANYWHERE}"]`);
    }
  }

  // A role reaches another on one port: an egress rule on the caller and the matching ingress rule on the callee.
  // With `count`, the rules exist in one release line only (rules from before move to instance [0]).
  const only = (count: TerraformCount | undefined, ...rules: Array<VpcSecurityGroupEgressRule | VpcSecurityGroupIngressRule>) => {
    if (count) for (const rule of rules) optionalResource(rule, count, count !== profile?.controlPlane);
  };
  const allow = (from: Role, to: Role, what: string, port: number, toPort = port, count?: TerraformCount) => {
    const ports = port === toPort ? `${port}` : `${port}-${toPort}`;
    const egress = new VpcSecurityGroupEgressRule(scope, `${from}-to-${to}-${port}`, {
      securityGroupId: idOf(from),
      description: `${what}: TCP ${ports} to the ${to} group`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort,
      referencedSecurityGroupId: idOf(to),
    });
    const ingress = new VpcSecurityGroupIngressRule(scope, `${to}-from-${from}-${port}`, {
      securityGroupId: idOf(to),
      description: `${what}: TCP ${ports} from the ${from} group`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort,
      referencedSecurityGroupId: idOf(from),
    });
    only(count, egress, ingress);
  };
  const internet = (from: Role, port: number, why: string, count?: TerraformCount) =>
    only(
      count,
      new VpcSecurityGroupEgressRule(scope, `${from}-to-internet-${port}`, {
        securityGroupId: idOf(from),
        description: why,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: ANYWHERE,
      }),
    );

  allow('alb', 'api', 'API', API_PORT);
  allow('alb', 'ui', 'UI', UI_PORT);
  const temporal = profile?.temporal;
  for (const client of ['api', 'worker'] as const) allow(client, 'temporal', 'Temporal frontend', TEMPORAL_FRONTEND_PORT, undefined, temporal);
  allow('api', 'rds', 'PostgreSQL', POSTGRES_PORT);
  // The control plane's workers hold no database credentials: only the Temporal line's worker reaches the database.
  for (const client of ['worker', 'temporal'] as const) allow(client, 'rds', 'PostgreSQL', POSTGRES_PORT, undefined, temporal);
  for (const [from, to] of TEMPORAL_SERVICE_PORTS) allow('temporal', 'temporal', 'Temporal services among themselves', from, to, temporal);
  // The control plane's gRPC WorkerService: plaintext, no client authentication, and it hands out LLM keys; workers only.
  if (profile) allow('worker', 'api', 'Control plane gRPC', CONTROL_PLANE_GRPC_PORT, undefined, profile.controlPlane);

  const pulls = 'HTTPS out: image pulls, Secrets Manager, CloudWatch Logs';
  internet('api', 443, `${pulls}, LLM provider APIs`);
  internet('ui', 443, pulls);
  internet('worker', 443, `${pulls}, LLM provider APIs and agent tools`);
  internet('worker', 80, 'HTTP out: agent tools that fetch web pages');
  internet('temporal', 443, pulls, temporal);

  return groups;
}

/**
 * The ALB group's only internet egress, while the ALB signs users in: it
 * calls the identity provider's token and user-info endpoints over HTTPS.
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
