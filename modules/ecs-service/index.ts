import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktn/provider-aws/lib/ecs-cluster';
import { EcsService as EcsServiceResource } from '@cdktn/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktn/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { LbTargetGroup } from '@cdktn/provider-aws/lib/lb-target-group';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktn/provider-aws/lib/service-discovery-private-dns-namespace';
import { ServiceDiscoveryService } from '@cdktn/provider-aws/lib/service-discovery-service';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { DefaultTokenResolver, Fn, ITerraformDependable, Op, StringConcat, TerraformCount, TerraformLocal, Token, Tokenization } from 'cdktn';
import { Construct } from 'constructs';
import { flattenAddresses, optionalAttribute, optionalResource } from '../../lib/addresses';
import { Choice } from '../../lib/choice';
import {
  ContainerDependency,
  ContainerHealthCheck,
  ContainerSecret,
  SidecarContainer,
  containerDefinition,
  validateHealthCheck,
} from './containers';
import { CAPACITY_PROVIDERS, CPU_ARCHITECTURES, NO_CAPACITY_PROVIDER, validateFargateSize } from './fargate';

export * from './containers';
export { CAPACITY_PROVIDERS, CPU_ARCHITECTURES, FARGATE_MEMORY_BY_CPU, NO_CAPACITY_PROVIDER, validateFargateSize } from './fargate';

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

/** What one task of a service runs: its main container, and the containers beside it. */
export interface ContainerSet {
  /** First part of the task definition family and the main container's name. @default - the service's name */
  readonly name?: string;
  readonly image: string;
  /** Further ports the main container listens on besides `port` (no load balancer, documentation for ECS). @default - none */
  readonly additionalPorts?: number[];
  /** Plain environment variables; never put a secret here. @default - none */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /** Environment variables ECS reads from Secrets Manager at start. @default - none */
  readonly secrets?: Readonly<Record<string, ContainerSecret>>;
  /** @default - the image's entry point */
  readonly entryPoint?: string[];
  /** @default - the image's command */
  readonly command?: string[];
  /** Containers of the task the main container waits for. @default - none */
  readonly containerDependsOn?: ContainerDependency[];
  /** Further containers in the same task. @default - none */
  readonly sidecars?: SidecarContainer[];
}

/**
 * Container sets keyed by option, of which a plan-time `choice` runs one:
 * variants of an application that keep the service, its target group and
 * their addresses. Sets that differ are held in locals (`{id}_containers_{key}`)
 * and the task definition takes the chosen one; when every set is the same,
 * the task definition holds it as one.
 */
export interface ContainerVariants {
  readonly choice: Choice;
  /** One set per option of the choice. */
  readonly sets: Readonly<Record<string, ContainerSet>>;
}

export interface EcsServiceProps extends ServicePlacement {
  /** Name of the ECS service, its container and log stream prefix, e.g. `everruns-api`. */
  readonly serviceName: string;
  /** What the tasks run: one set, or variants chosen at plan time. */
  readonly containers: ContainerSet | ContainerVariants;
  /** Task CPU units; with `memory`, one of Fargate's task sizes. @default 256 */
  readonly cpu?: number;
  /** Task memory in MiB. @default 512 */
  readonly memory?: number;
  /** Container port, published in the task's awsvpc interface. @default - no port (a worker) */
  readonly port?: number;
  /** @default 1 */
  readonly desiredCount?: number;
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
  /** Container health check of the main container; the command must exist in the image. @default - none */
  readonly healthCheck?: ContainerHealthCheck;
  /** Secret with `username` and `password` for a private registry such as ghcr.io. @default - public image */
  readonly repositoryCredentials?: SecretsmanagerSecret;
  /** Run ECS's init process as PID 1 of the service's container (see `SidecarContainer.initProcessEnabled`). @default false */
  readonly initProcessEnabled?: boolean;
  /**
   * `terraform apply` waits until the service's deployment is complete and
   * fails, naming the service, if its tasks do not come up.
   * @default false
   */
  readonly waitForSteadyState?: boolean;
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
   * CPU architecture of the tasks: `X86_64` or `ARM64` (a Terraform string may choose). Every image
   * must be published for it. X86_64 writes no `runtime_platform` (Fargate's default), so a task
   * definition from before stays as it is; a change registers a new revision and the service rolls.
   * @default X86_64
   */
  readonly cpuArchitecture?: string;
  /**
   * Fargate capacity provider of the tasks: `FARGATE_SPOT`, `FARGATE`, or `none` for `launch_type`
   * FARGATE (a Terraform string may choose). A provider runs the service through a
   * `capacity_provider_strategy` with `force_new_deployment`, which provider 6.x requires to change
   * the strategy of an existing service in place (`launch_type` itself is ForceNew, so it stays as
   * it was in state). Back from Spot is `FARGATE`, not `none`: that would set `launch_type` again and
   * replace the service. The cluster must have the provider (`clusterCapacityProviders`).
   * @default none - launch_type FARGATE
   */
  readonly capacityProvider?: string;
  /** What registers the capacity providers with the cluster; the service waits for it. @default - none */
  readonly clusterCapacityProviders?: ITerraformDependable;
  /**
   * Terraform `count` of the whole service (task definition, Cloud Map
   * service, ECS service), 0 or 1. The resources of a deployment from before
   * move to instance `[0]`.
   * @default - always present
   */
  readonly count?: TerraformCount;
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
 * Sets a task definition's CPU architecture (`X86_64`, `ARM64` or a Terraform string). The
 * `runtime_platform` block exists only for ARM64: an X86_64 task definition keeps the shape it had
 * before the option existed, so existing deployments plan no change.
 */
export function runOn(taskDefinition: EcsTaskDefinition, cpuArchitecture: string): void {
  if (cpuArchitecture === 'X86_64') return;
  taskDefinition.addOverride('dynamic.runtime_platform', {
    for_each: Token.isUnresolved(cpuArchitecture) ? Fn.conditional(Op.eq(cpuArchitecture, 'X86_64'), [], [cpuArchitecture]) : [cpuArchitecture],
    content: { cpu_architecture: '${runtime_platform.value}', operating_system_family: 'LINUX' },
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
  /** The main container's name: the service name, or the chosen set's (a Terraform expression). */
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
    if (props.targetGroup && props.port === undefined) {
      throw new Error(`${what}: a target group needs the container port; set port.`);
    }
    if (props.healthCheckGracePeriodSeconds !== undefined && !props.targetGroup) {
      // ECS rejects health_check_grace_period_seconds on a service without a load balancer.
      throw new Error(`${what}: healthCheckGracePeriodSeconds only applies with a targetGroup; remove it.`);
    }
    if (props.healthCheck) validateHealthCheck(what, props.healthCheck);
    const arch = props.cpuArchitecture ?? 'X86_64';
    if (!Token.isUnresolved(arch) && !(CPU_ARCHITECTURES as readonly string[]).includes(arch)) {
      throw new Error(`${what}: cpuArchitecture "${arch}" is not a Fargate architecture; use ${CPU_ARCHITECTURES.join(' or ')}.`);
    }
    const provider = props.capacityProvider ?? NO_CAPACITY_PROVIDER;
    if (!Token.isUnresolved(provider) && ![NO_CAPACITY_PROVIDER, ...CAPACITY_PROVIDERS].includes(provider)) {
      throw new Error(`${what}: capacityProvider "${provider}" is not a Fargate capacity provider; use ${CAPACITY_PROVIDERS.join(', ')} or ${NO_CAPACITY_PROVIDER} for launch_type FARGATE.`);
    }
    if (!Token.isUnresolved(arch) && !Token.isUnresolved(provider) && arch === 'ARM64' && provider === 'FARGATE_SPOT') {
      // ECS: Linux tasks with the ARM64 architecture don't support the Fargate Spot capacity provider.
      throw new Error(`${what}: Fargate Spot runs only X86_64 tasks; use cpuArchitecture X86_64 or capacityProvider FARGATE.`);
    }
    const desiredCount = props.desiredCount ?? 1;
    if (!Token.isUnresolved(desiredCount) && (!Number.isInteger(desiredCount) || desiredCount < 0)) {
      throw new Error(`${what}: desiredCount ${desiredCount} is not a task count; use a whole number from 0.`);
    }
    this.serviceName = props.serviceName;

    const variants = 'choice' in props.containers ? props.containers : undefined;
    const sets: Record<string, ContainerSet> = variants ? { ...variants.sets } : { own: props.containers as ContainerSet };
    if (variants) {
      const missing = variants.choice.options.filter((option) => !sets[option]);
      if (missing.length > 0) throw new Error(`${what}: no container set for ${missing.join(', ')}; give one per option of the choice.`);
    }
    for (const set of Object.values(sets)) {
      for (const port of [props.port, ...(set.additionalPorts ?? [])]) {
        if (port !== undefined && !Token.isUnresolved(port) && (!Number.isInteger(port) || port < 1 || port > 65535)) {
          throw new Error(`${what}: port ${port} is not a TCP port; use a whole number from 1 to 65535.`);
        }
      }
      for (const sidecar of set.sidecars ?? []) if (sidecar.healthCheck) validateHealthCheck(`${what} container "${sidecar.name}"`, sidecar.healthCheck);
    }

    const render = (set: ContainerSet) => {
      const name = set.name ?? props.serviceName;
      const log = { group: props.logGroup.name, region: props.region, streamPrefix: name };
      const main = containerDefinition({
        name,
        image: set.image,
        essential: true,
        ports: props.port === undefined ? [] : [props.port, ...(set.additionalPorts ?? [])],
        entryPoint: set.entryPoint,
        command: set.command,
        environment: set.environmentVariables,
        secrets: set.secrets,
        dependsOn: set.containerDependsOn,
        healthCheck: props.healthCheck,
        repositoryCredentials: props.repositoryCredentials,
        initProcessEnabled: props.initProcessEnabled,
        log,
      });
      const sidecars = (set.sidecars ?? []).map((sidecar) =>
        containerDefinition({
          ...sidecar,
          essential: sidecar.essential ?? false,
          log: { ...log, streamPrefix: sidecar.logStreamPrefix ?? log.streamPrefix },
        }),
      );
      return JSON.stringify([main, ...sidecars]);
    };
    // The same choice picks the family, the container set and the load balancer's container.
    const rendered = Object.fromEntries(Object.entries(sets).map(([key, set]) => [key, render(set)]));
    const pick = (values: (key: string) => string) =>
      variants ? variants.choice.pick(Object.fromEntries(variants.choice.options.map((key) => [key, values(key)]))) : values('own');
    const nameOf = (key: string) => sets[key].name ?? props.serviceName;
    // Compared resolved: every read of an attribute is a new token, though it names the same thing.
    const resolver = new DefaultTokenResolver(new StringConcat());
    const differ = new Set(Object.values(rendered).map((json) => Tokenization.resolve(json, { scope: this, resolver, preparing: true }))).size > 1;
    const containerDefinitions = differ ? pick((key) => new TerraformLocal(this, `containers-${key}`, rendered[key]).asString) : Object.values(rendered)[0];
    this.containerName = pick(nameOf);

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: pick((key) => `${nameOf(key)}-${props.environment}`),
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: String(cpu),
      memory: String(memory),
      executionRoleArn: props.executionRole.arn,
      taskRoleArn: props.taskRole.arn,
      containerDefinitions,
    });
    runOn(this.taskDefinition, arch);
    if (props.count) optionalResource(this.taskDefinition, props.count);

    if (props.serviceDiscoveryNamespace) {
      const name = props.serviceDiscoveryName ?? props.serviceName;
      this.serviceDiscovery = cloudMapService(this, 'service-discovery', props.serviceDiscoveryNamespace, name);
      if (props.count) optionalResource(this.serviceDiscovery, props.count);
      this.discoveryName = `${name}.${props.serviceDiscoveryNamespace.name}`;
    }

    // Without the listener rules in place, ECS fails with "target group does not have an associated load balancer".
    const dependsOn = [
      ...(props.targetGroup ? (props.targetGroupRouting ?? []) : []),
      ...(props.dependsOn ?? []),
      ...(props.clusterCapacityProviders ? [props.clusterCapacityProviders] : []),
    ];
    const onLaunchType = Token.isUnresolved(provider) ? Op.not(Fn.contains([...CAPACITY_PROVIDERS], provider)) : provider === NO_CAPACITY_PROVIDER;
    this.service = new EcsServiceResource(this, 'service', {
      name: props.serviceName,
      cluster: props.cluster.id,
      taskDefinition: props.count ? optionalAttribute(this.taskDefinition, 'arn') : this.taskDefinition.arn,
      launchType: typeof onLaunchType === 'boolean' ? (onLaunchType ? 'FARGATE' : undefined) : Token.asString(Fn.conditional(onLaunchType, 'FARGATE', Token.nullValue())),
      forceNewDeployment:
        typeof onLaunchType === 'boolean' ? (onLaunchType ? undefined : true) : Token.asAny(Fn.conditional(onLaunchType, Token.nullValue(), true)),
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
    if (typeof onLaunchType !== 'boolean' || !onLaunchType) {
      this.service.addOverride('dynamic.capacity_provider_strategy', {
        for_each: typeof onLaunchType === 'boolean' ? [provider] : Fn.conditional(onLaunchType, [], [provider]),
        content: { capacity_provider: '${capacity_provider_strategy.value}', weight: 1 },
      });
    }
    if (props.count) optionalResource(this.service, props.count);
  }
}
