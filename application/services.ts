import { EcsTaskDefinition } from '@cdktn/provider-aws/lib/ecs-task-definition';
import { LbTargetGroup } from '@cdktn/provider-aws/lib/lb-target-group';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktn/provider-aws/lib/service-discovery-private-dns-namespace';
import { ServiceDiscoveryService } from '@cdktn/provider-aws/lib/service-discovery-service';
import { Fn, ITerraformDependable, propertyAccess, TerraformLocal, TerraformStack, Token } from 'cdktn';
import { Construct } from 'constructs';
import { ContainerSet, EcsService, ServicePlacement, cloudMapService, containerDefinition, runOn } from '../modules/ecs-service';
import { optionalResource } from '../lib/addresses';
import { Choice } from '../lib/choice';
import { API_SERVICE_NAME, ContainerContract, EverrunsContainer, EverrunsImage, environmentOf, secretsOf } from './contract';
import { FIRST_LINE, ReleaseLine, linesWhere, sharedPort } from './lines';

/** The init container that applies the database migrations: in the API task, and in the worker task where the worker reads the database. */
export const MIGRATE_CONTAINER = 'everruns-migrate';
/** The container of the admin task definition. */
export const ADMIN_CONTAINER = 'everruns-admin';

/** Each release line's containers, by line. */
export type LineContracts = Readonly<Record<string, Record<EverrunsContainer, ContainerContract>>>;

export interface EverrunsServicesProps extends Omit<ServicePlacement, 'securityGroups'> {
  /** Each service's own group; the admin task runs in the API's (it holds the same credentials). */
  readonly securityGroups: Record<'api' | 'worker' | 'ui', SecurityGroup>;
  /** Every release line, and the choice among them. */
  readonly lines: Readonly<Record<string, ReleaseLine>>;
  readonly line: Choice;
  /** Each line's containers. */
  readonly contracts: LineContracts;
  /** The namespace an API that workers dial registers in. */
  readonly serviceDiscoveryNamespace: ServiceDiscoveryPrivateDnsNamespace;
  /** `var.image_registry` */
  readonly registry: string;
  /** `var.image_tag` */
  readonly tag: string;
  /** `var.image_digests` */
  readonly digests: Record<string, string>;
  readonly repositoryCredentials: SecretsmanagerSecret;
  readonly desiredCount: Record<'api' | 'worker' | 'ui', number>;
  readonly api: { readonly targetGroup: LbTargetGroup; readonly routing: ITerraformDependable[] };
  readonly ui: { readonly targetGroup: LbTargetGroup; readonly routing: ITerraformDependable[] };
  /** What every service waits for: the execution role's permissions and the secrets' values. */
  readonly prerequisites: ITerraformDependable[];
  /** The Temporal service (in the lines that run it), steady before the API and worker exist. */
  readonly temporal: ITerraformDependable;
  /** `var.everruns_cpu_architecture`: every Everruns task, the admin task included. */
  readonly cpuArchitecture: string;
  /** Each service's Fargate capacity provider, or `none` for launch_type FARGATE. */
  readonly capacityProvider: (service: 'api' | 'worker' | 'ui') => string;
  /** What registers the capacity providers with the cluster. */
  readonly clusterCapacityProviders: ITerraformDependable;
}

/**
 * `{registry}/everruns-{image}:{tag}`, or `@{digest}` when `image_digests`
 * pins that image (a digest names the content; a tag can be re-pushed).
 * A Terraform local, so the container definitions JSON holds only `${local.image_api}`.
 */
export function imageReference(stack: TerraformStack, registry: string, tag: string, digests: Record<string, string>, image: EverrunsImage): string {
  const repository = `${registry}/everruns-${image}`;
  const pinned = Fn.conditional(
    Fn.contains(Fn.keys(digests), image),
    `${repository}@${Fn.lookup(digests, image, tag)}`,
    `${repository}:${tag}`,
  );
  return new TerraformLocal(stack, `image_${image}`, pinned).asString;
}

/**
 * How the worker rolls: stop first, never more tasks than its count. It serves no traffic (a gap only
 * delays queued agent turns, and a stopped worker's turn is retried either way), and the API rolls at
 * the same time: a surge of Temporal-line workers, whose pools reach the database, would need room in
 * the connection budget beside the API's surge.
 */
export const WORKER_DEPLOYMENT = { minimumHealthyPercent: 0, maximumPercent: 100 } as const;

/**
 * The spec's api, worker and ui services (module 8), given exactly what each
 * release line's contract lists. Every line's container sets are synthesized;
 * `everruns_architecture` picks one at plan time, so switching lines updates
 * the same services in place.
 *
 * The API task runs the migrations first: a non-essential `everruns-admin
 * migrate` container the main container waits for (`SUCCESS`), so no task
 * serves an old schema, and a failed migration stops the task with the
 * migration's log under its own prefix. The worker's task does the same with
 * its line's `workerReady` (migrate, or wait for the control plane). Every
 * service waits for steady state, so `apply` fails, naming the service, when
 * its tasks do not come up; Temporal (in the lines that run it) comes first,
 * then the API, worker and UI at the same time.
 */
export function everrunsServices(stack: TerraformStack, props: EverrunsServicesProps) {
  const { contracts, line } = props;
  const images = new Map<EverrunsImage, string>();
  const image = (name: EverrunsImage) => {
    if (!images.has(name)) images.set(name, imageReference(stack, props.registry, props.tag, props.digests, name));
    return images.get(name)!;
  };
  const placement = {
    environment: props.environment,
    cluster: props.cluster,
    executionRole: props.executionRole,
    taskRole: props.taskRole,
    logGroup: props.logGroup,
    region: props.region,
    subnets: props.subnets,
  };
  const app = {
    ...placement,
    cpu: 256,
    memory: 512,
    repositoryCredentials: props.repositoryCredentials,
    // The Rust binaries and Node do not handle SIGTERM as PID 1: without an init, every stop waits for SIGKILL.
    initProcessEnabled: true,
    waitForSteadyState: true,
    cpuArchitecture: props.cpuArchitecture,
    clusterCapacityProviders: props.clusterCapacityProviders,
  };
  const containerSet = (contract: ContainerContract): ContainerSet => ({
    name: contract.name,
    image: image(contract.image),
    additionalPorts: contract.additionalPorts,
    entryPoint: contract.entryPoint,
    command: contract.command,
    environmentVariables: environmentOf(contract),
    secrets: secretsOf(contract),
  });
  // `main` starts once `first` has run to completion, exit code 0; `first` logs under its own prefix.
  const after = (first: ContainerContract, main: ContainerContract): ContainerSet => {
    const name = first.name ?? MIGRATE_CONTAINER;
    return {
      ...containerSet(main),
      containerDependsOn: [{ containerName: name, condition: 'SUCCESS' }],
      sidecars: [
        {
          name,
          image: image(first.image),
          essential: false,
          entryPoint: first.entryPoint,
          command: first.command,
          environment: environmentOf(first),
          secrets: secretsOf(first),
          repositoryCredentials: props.repositoryCredentials,
          logStreamPrefix: name,
          initProcessEnabled: true,
        },
      ],
    };
  };
  const variants = (set: (contracts: Record<EverrunsContainer, ContainerContract>) => ContainerSet) => ({
    choice: line,
    sets: Object.fromEntries(Object.entries(contracts).map(([key, c]) => [key, set(c)])),
  });

  const api = new EcsService(stack, 'api', {
    ...app,
    serviceName: API_SERVICE_NAME,
    securityGroups: [props.securityGroups.api],
    port: sharedPort(contracts, 'api'),
    desiredCount: props.desiredCount.api,
    capacityProvider: props.capacityProvider('api'),
    targetGroup: props.api.targetGroup,
    targetGroupRouting: props.api.routing,
    containers: variants((c) => after(c.migrate, c.api)),
    dependsOn: [...props.prerequisites, props.temporal],
  });
  // Workers find an API that registers in Cloud Map by an A record (awsvpc: one per task IP), one name per line that has one.
  const discovery: ServiceDiscoveryService[] = [];
  for (const name of new Set(Object.values(props.lines).flatMap((l) => (l.apiDiscoveryName ? [l.apiDiscoveryName] : [])))) {
    const service = cloudMapService(stack, `${name}-discovery`, props.serviceDiscoveryNamespace, name);
    const keys = linesWhere(props.lines, (l) => l.apiDiscoveryName === name);
    const count = line.countFor(keys);
    if (count) optionalResource(service, count, keys.includes(FIRST_LINE));
    discovery.push(service);
  }
  // A block only in the lines that register; ECS updates a service's registries in place.
  if (discovery.length > 0) {
    const arns = discovery.map((service) => propertyAccess(service.fqn, ['*', 'arn']));
    api.service.addOverride('dynamic.service_registries', {
      for_each: Token.asList(arns.length === 1 ? arns[0] : Fn.concat(arns)),
      content: { registry_arn: '${service_registries.value}' },
    });
  }

  const worker = new EcsService(stack, 'worker', {
    ...app,
    serviceName: 'everruns-worker',
    securityGroups: [props.securityGroups.worker],
    desiredCount: props.desiredCount.worker,
    capacityProvider: props.capacityProvider('worker'),
    deploymentMinimumHealthyPercent: WORKER_DEPLOYMENT.minimumHealthyPercent,
    deploymentMaximumPercent: WORKER_DEPLOYMENT.maximumPercent,
    containers: variants((c) => after(c.workerReady, c.worker)),
    // Not after the API's service: each worker task waits for what it needs itself (workerReady), so an
    // image update rolls the API and the worker at the same time.
    dependsOn: [...props.prerequisites, props.temporal],
  });
  const ui = new EcsService(stack, 'ui', {
    ...app,
    serviceName: 'everruns-ui',
    securityGroups: [props.securityGroups.ui],
    port: sharedPort(contracts, 'ui'),
    desiredCount: props.desiredCount.ui,
    capacityProvider: props.capacityProvider('ui'),
    targetGroup: props.ui.targetGroup,
    targetGroupRouting: props.ui.routing,
    containers: variants((c) => containerSet(c.ui)),
    dependsOn: props.prerequisites,
  });
  // No service: `aws ecs run-task` starts it for a one-off command, with the same roles and logs.
  const adminScope = new Construct(stack, 'admin');
  const adminContainers = (contract: ContainerContract) =>
    JSON.stringify([
      containerDefinition({
        name: ADMIN_CONTAINER,
        image: image(contract.image),
        essential: true,
        entryPoint: contract.entryPoint,
        command: contract.command,
        environment: environmentOf(contract),
        secrets: secretsOf(contract),
        repositoryCredentials: props.repositoryCredentials,
        initProcessEnabled: true,
        log: { group: props.logGroup.name, region: props.region, streamPrefix: ADMIN_CONTAINER },
      }),
    ]);
  const admin = new EcsTaskDefinition(adminScope, 'task-definition', {
    family: `everruns-admin-${props.environment}`,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: props.executionRole.arn,
    taskRoleArn: props.taskRole.arn,
    containerDefinitions: line.pick(
      Object.fromEntries(
        Object.entries(contracts).map(([key, c]) => [key, new TerraformLocal(adminScope, `containers-${key}`, adminContainers(c.admin)).asString]),
      ),
    ),
  });
  runOn(admin, props.cpuArchitecture);
  return { api, worker, ui, admin, discovery };
}
