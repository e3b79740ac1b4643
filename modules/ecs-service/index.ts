import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService as EcsServiceResource } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Fn, ITerraformDependable, TerraformCount, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { flattenAddresses, optionalAttribute, optionalResource } from '../../lib/addresses';
import {
  ContainerDependency,
  ContainerHealthCheck,
  ContainerSecret,
  SidecarContainer,
  containerDefinition,
  validateHealthCheck,
} from './containers';
import { validateFargateSize } from './fargate';

export * from './containers';
export { FARGATE_MEMORY_BY_CPU, validateFargateSize } from './fargate';

/** Where a service's tasks run, and as whom: the same for every service of the cluster. */
export interface ServicePlacement {
  readonly environment: string;
  readonly cluster: EcsCluster;
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly region: string;
  readonly subnets: Subnet[];
  readonly securityGroups: SecurityGroup[];
}

/**
 * Other containers for the same service, chosen at plan time by a Terraform
 * boolean: a second release line of an application that keeps the service,
 * its target group and its addresses. Each set is held in a local
 * (`{id}_containers_{label}`), and the task definition takes one of them.
 */
export interface AlternativeContainers {
  /** Terraform boolean (e.g. `local.x == "y"`): true runs these containers. */
  readonly when: boolean;
  /** Labels of the two sets in the locals' names: the service's own, and this one. */
  readonly labels: { readonly own: string; readonly alternative: string };
  /** First part of the task definition family and the main container's name. @default - the service's */
  readonly name?: string;
  readonly image: string;
  /** Further ports besides the service's `port`. @default - none */
  readonly additionalPorts?: number[];
  /** @default - none */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly secrets?: Readonly<Record<string, ContainerSecret>>;
  /** @default - the image's command */
  readonly command?: string[];
  /** @default - none */
  readonly containerDependsOn?: ContainerDependency[];
  /** @default - none */
  readonly sidecars?: SidecarContainer[];
}

export interface EcsServiceProps extends ServicePlacement {
  /** Name of the ECS service, its container and log stream prefix, e.g. `everruns-api`. */
  readonly serviceName: string;
  readonly image: string;
  /** Task CPU units; with `memory`, one of Fargate's task sizes. @default 256 */
  readonly cpu?: number;
  /** Task memory in MiB. @default 512 */
  readonly memory?: number;
  /** Container port, published in the task's awsvpc interface. @default - no port (a worker) */
  readonly port?: number;
  /** Further ports the container listens on (no load balancer, documentation for ECS). @default - none */
  readonly additionalPorts?: number[];
  /** @default 1 */
  readonly desiredCount?: number;
  /** Plain environment variables; never put a secret here. @default - none */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /** Environment variables ECS reads from Secrets Manager at start. @default - none */
  readonly secrets?: Readonly<Record<string, ContainerSecret>>;
  /** Target group the service registers `port` in. @default - no load balancer */
  readonly targetGroup?: LbTargetGroup;
  /**
   * The listener and rules that forward to `targetGroup`. ECS rejects a
   * target group that no listener uses yet, so the service waits for them.
   * @default - none
   */
  readonly targetGroupRouting?: ITerraformDependable[];
  /** Seconds ECS ignores load balancer health checks after a task starts; only with `targetGroup`. @default 60 */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Container health check; the command must exist in the image. @default - none */
  readonly healthCheck?: ContainerHealthCheck;
  /** Secret with `username` and `password` for a private registry such as ghcr.io. @default - public image */
  readonly repositoryCredentials?: SecretsmanagerSecret;
  /** @default - the image's entry point */
  readonly entryPoint?: string[];
  /** @default - the image's command */
  readonly command?: string[];
  /** Run ECS's init process as PID 1 of the service's container (see `SidecarContainer.initProcessEnabled`). @default false */
  readonly initProcessEnabled?: boolean;
  /**
   * `terraform apply` waits until the service's deployment is complete and
   * fails, naming the service, if its tasks do not come up.
   * @default false
   */
  readonly waitForSteadyState?: boolean;
  /** Containers of the task the service's container waits for. @default - none */
  readonly containerDependsOn?: ContainerDependency[];
  /** Further containers in the same task. @default - none */
  readonly sidecars?: SidecarContainer[];
  /** Register the tasks' IPs in this Cloud Map namespace as `{serviceDiscoveryName}.{namespace}`. @default - not registered */
  readonly serviceDiscoveryNamespace?: ServiceDiscoveryPrivateDnsNamespace;
  /** @default serviceName */
  readonly serviceDiscoveryName?: string;
  /** @default 100 */
  readonly deploymentMinimumHealthyPercent?: number;
  /** @default 200 */
  readonly deploymentMaximumPercent?: number;
  /** Resources the service is created after, e.g. another service it needs. @default - none */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Terraform `count` of the whole service (task definition, Cloud Map
   * service, ECS service), 0 or 1. The resources of a deployment from before
   * move to instance `[0]`.
   * @default - always present
   */
  readonly count?: TerraformCount;
  /** @default - only the service's own containers */
  readonly alternative?: AlternativeContainers;
  /**
   * Leave this construct's id out of its resources' addresses, for a module
   * that wraps this one (`temporal_service`, not `temporal_service_service`).
   * @default false
   */
  readonly flattenAddresses?: boolean;
}

/**
 * A Cloud Map name for tasks in awsvpc mode: one A record per task IP,
 * `{name}.{namespace}`, for an ECS service's `service_registries`.
 */
export function cloudMapService(scope: Construct, id: string, namespace: ServiceDiscoveryPrivateDnsNamespace, name: string): ServiceDiscoveryService {
  return new ServiceDiscoveryService(scope, id, {
    name,
    namespaceId: namespace.id,
    dnsConfig: {
      namespaceId: namespace.id,
      routingPolicy: 'MULTIVALUE',
      // Short TTL: a replaced task's new IP is found within seconds.
      dnsRecords: [{ type: 'A', ttl: 10 }],
    },
    // ECS deregisters instances itself; without this, destroy fails while one is still registered.
    forceDestroy: true,
  });
}

/**
 * Spec module 8: one Fargate service with its task definition (family
 * `{service}-{environment}`), logs in the cluster's log group and optional
 * load balancer and Cloud Map registration. Tasks run in private subnets
 * without public IPs; a failed deployment rolls back.
 */
export class EcsService extends Construct {
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly service: EcsServiceResource;
  /** Present when `serviceDiscoveryNamespace` is given. */
  public readonly serviceDiscovery?: ServiceDiscoveryService;
  /** The service name (the spec's `service_name` output). */
  public readonly serviceName: string;
  /** The main container's name: the service name, or the alternative's (a Terraform conditional). */
  public readonly containerName: string;
  /** `{name}.{namespace}` when registered in Cloud Map. */
  public readonly discoveryName?: string;

  constructor(scope: Construct, id: string, props: EcsServiceProps) {
    super(scope, id);
    // Before any resource exists: cdktf allocates a resource's address when another one references it.
    if (props.flattenAddresses) flattenAddresses(this);
    const what = `Service "${props.serviceName}"`;
    const cpu = props.cpu ?? 256;
    const memory = props.memory ?? 512;
    if (!Token.isUnresolved(cpu) && !Token.isUnresolved(memory)) validateFargateSize(what, cpu, memory);
    for (const port of [props.port, ...(props.additionalPorts ?? [])]) {
      if (port !== undefined && !Token.isUnresolved(port) && (!Number.isInteger(port) || port < 1 || port > 65535)) {
        throw new Error(`${what}: port ${port} is not a TCP port; use a whole number from 1 to 65535.`);
      }
    }
    if (props.targetGroup && props.port === undefined) {
      throw new Error(`${what}: a target group needs the container port; set port.`);
    }
    if (props.healthCheckGracePeriodSeconds !== undefined && !props.targetGroup) {
      // ECS rejects health_check_grace_period_seconds on a service without a load balancer.
      throw new Error(`${what}: healthCheckGracePeriodSeconds only applies with a targetGroup; remove it.`);
    }
    if (props.healthCheck) validateHealthCheck(what, props.healthCheck);
    for (const sidecar of props.sidecars ?? []) if (sidecar.healthCheck) validateHealthCheck(`${what} container "${sidecar.name}"`, sidecar.healthCheck);
    const desiredCount = props.desiredCount ?? 1;
    if (!Token.isUnresolved(desiredCount) && (!Number.isInteger(desiredCount) || desiredCount < 0)) {
      throw new Error(`${what}: desiredCount ${desiredCount} is not a task count; use a whole number from 0.`);
    }
    this.serviceName = props.serviceName;

    const containers = (name: string, own: Omit<AlternativeContainers, 'when' | 'labels'>) => {
      const log = { group: props.logGroup.name, region: props.region, streamPrefix: name };
      const main = containerDefinition({
        name,
        image: own.image,
        essential: true,
        ports: props.port === undefined ? [] : [props.port, ...(own.additionalPorts ?? [])],
        entryPoint: props.entryPoint,
        command: own.command,
        environment: own.environmentVariables,
        secrets: own.secrets,
        dependsOn: own.containerDependsOn,
        healthCheck: props.healthCheck,
        repositoryCredentials: props.repositoryCredentials,
        initProcessEnabled: props.initProcessEnabled,
        log,
      });
      const sidecars = (own.sidecars ?? []).map((sidecar) =>
        containerDefinition({
          ...sidecar,
          essential: sidecar.essential ?? false,
          log: { ...log, streamPrefix: sidecar.logStreamPrefix ?? log.streamPrefix },
        }),
      );
      return JSON.stringify([main, ...sidecars]);
    };
    const own = containers(props.serviceName, {
      image: props.image,
      additionalPorts: props.additionalPorts,
      environmentVariables: props.environmentVariables,
      secrets: props.secrets,
      command: props.command,
      containerDependsOn: props.containerDependsOn,
      sidecars: props.sidecars,
    });
    const alternative = props.alternative;
    for (const sidecar of alternative?.sidecars ?? []) if (sidecar.healthCheck) validateHealthCheck(`${what} container "${sidecar.name}"`, sidecar.healthCheck);
    // The same expression picks the family, the container set and the load balancer's container.
    const pick = (theirs: string, ours: string) => (alternative ? Token.asString(Fn.conditional(alternative.when, theirs, ours)) : ours);
    const alternativeName = alternative?.name ?? props.serviceName;
    const containerDefinitions = alternative
      ? pick(
          new TerraformLocal(this, `containers-${alternative.labels.alternative}`, containers(alternativeName, alternative)).asString,
          new TerraformLocal(this, `containers-${alternative.labels.own}`, own).asString,
        )
      : own;
    this.containerName = alternativeName === props.serviceName ? props.serviceName : pick(alternativeName, props.serviceName);

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: alternativeName === props.serviceName ? `${props.serviceName}-${props.environment}` : pick(`${alternativeName}-${props.environment}`, `${props.serviceName}-${props.environment}`),
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: String(cpu),
      memory: String(memory),
      executionRoleArn: props.executionRole.arn,
      taskRoleArn: props.taskRole.arn,
      containerDefinitions,
    });
    if (props.count) optionalResource(this.taskDefinition, props.count);

    if (props.serviceDiscoveryNamespace) {
      const name = props.serviceDiscoveryName ?? props.serviceName;
      this.serviceDiscovery = cloudMapService(this, 'service-discovery', props.serviceDiscoveryNamespace, name);
      if (props.count) optionalResource(this.serviceDiscovery, props.count);
      this.discoveryName = `${name}.${props.serviceDiscoveryNamespace.name}`;
    }

    // Without the listener rules in place, ECS fails with "target group does not have an associated load balancer".
    const dependsOn = [...(props.targetGroup ? (props.targetGroupRouting ?? []) : []), ...(props.dependsOn ?? [])];
    this.service = new EcsServiceResource(this, 'service', {
      name: props.serviceName,
      cluster: props.cluster.id,
      taskDefinition: props.count ? optionalAttribute(this.taskDefinition, 'arn') : this.taskDefinition.arn,
      launchType: 'FARGATE',
      desiredCount,
      deploymentMinimumHealthyPercent: props.deploymentMinimumHealthyPercent ?? 100,
      deploymentMaximumPercent: props.deploymentMaximumPercent ?? 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      networkConfiguration: {
        subnets: props.subnets.map((subnet) => subnet.id),
        // A group with a count (one release line's) is referred to by its one instance.
        securityGroups: props.securityGroups.map((group) => (group.count === undefined ? group.id : optionalAttribute(group, 'id'))),
        assignPublicIp: false,
      },
      loadBalancer: props.targetGroup
        ? [{ targetGroupArn: props.targetGroup.arn, containerName: this.containerName, containerPort: props.port! }]
        : undefined,
      healthCheckGracePeriodSeconds: props.targetGroup ? (props.healthCheckGracePeriodSeconds ?? 60) : undefined,
      serviceRegistries: this.serviceDiscovery
        ? { registryArn: props.count ? optionalAttribute(this.serviceDiscovery, 'arn') : this.serviceDiscovery.arn }
        : undefined,
      waitForSteadyState: props.waitForSteadyState,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
    if (props.count) optionalResource(this.service, props.count);
  }
}
