import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { Fn, ITerraformDependable, propertyAccess, TerraformCount, TerraformLocal, TerraformStack, Token } from 'cdktf';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Construct } from 'constructs';
import { EcsService, ServicePlacement, cloudMapService, containerDefinition } from '../modules/ecs-service';
import { optionalResource } from '../lib/addresses';
import { ContainerContract, EverrunsContainer, environmentOf, secretsOf } from './contract';
import { Architecture, EverrunsImage } from '../stacks/application-variables';

/** The init container of the API task that applies the database migrations. */
export const MIGRATE_CONTAINER = 'everruns-migrate';
/** The container of the admin task definition. */
export const ADMIN_CONTAINER = 'everruns-admin';
/** The control plane's container and task definition family (its ECS service keeps the name everruns-api). */
export const CONTROL_PLANE_CONTAINER = 'everruns-control-plane';
/** Its Cloud Map name: the workers dial `control-plane.{namespace}:9001`. */
export const CONTROL_PLANE_DISCOVERY_NAME = 'control-plane';

export interface EverrunsServicesProps extends Omit<ServicePlacement, 'securityGroups'> {
  /** Each service's own group; the admin task runs in the API's (it holds the same credentials). */
  readonly securityGroups: Record<'api' | 'worker' | 'ui', SecurityGroup>;
  /** Each release line's containers. */
  readonly contracts: Record<Architecture, Record<EverrunsContainer, ContainerContract>>;
  /** Terraform boolean: `everruns_architecture` is control-plane. */
  readonly controlPlane: boolean;
  /** 1 in the control-plane line, else 0: its Cloud Map name. */
  readonly controlPlaneCount: TerraformCount;
  /** The namespace the control plane registers its gRPC address in. */
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
  /** The Temporal service (in its line), steady before the API and worker exist. */
  readonly temporal: ITerraformDependable;
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
 * The spec's api, worker and ui services (module 8), given exactly what the
 * application contract of the selected release line lists. Both lines'
 * container sets are synthesized; `everruns_architecture` picks one at plan
 * time, so switching lines updates the same services in place.
 *
 * The API task (the control plane's, in that line) runs the migrations
 * first: a non-essential `everruns-admin migrate` container the main
 * container waits for (`SUCCESS`), so no task serves an old schema, and a
 * failed migration stops the task with the migration's log under its own
 * prefix. Every service waits for steady state, so `apply` fails, naming the
 * service, when its tasks do not come up; the order is Temporal (in its
 * line), API (migrations done), worker.
 */
export function everrunsServices(stack: TerraformStack, props: EverrunsServicesProps) {
  const { temporal: contract, 'control-plane': controlPlane } = props.contracts;
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
  };
  const lines = { own: 'temporal', alternative: 'control-plane' };
  const migrations = (line: Record<EverrunsContainer, ContainerContract>) => ({
    containerDependsOn: [{ containerName: MIGRATE_CONTAINER, condition: 'SUCCESS' as const }],
    sidecars: [
      {
        name: MIGRATE_CONTAINER,
        image: image(line.migrate.image),
        essential: false,
        entryPoint: line.migrate.entryPoint,
        command: line.migrate.command,
        environment: environmentOf(line.migrate),
        secrets: secretsOf(line.migrate),
        repositoryCredentials: props.repositoryCredentials,
        logStreamPrefix: MIGRATE_CONTAINER,
        initProcessEnabled: true,
      },
    ],
  });

  const api = new EcsService(stack, 'api', {
    ...app,
    serviceName: 'everruns-api',
    securityGroups: [props.securityGroups.api],
    image: image(contract.api.image),
    port: contract.api.port,
    desiredCount: props.desiredCount.api,
    targetGroup: props.api.targetGroup,
    targetGroupRouting: props.api.routing,
    environmentVariables: environmentOf(contract.api),
    secrets: secretsOf(contract.api),
    ...migrations(contract),
    alternative: {
      when: props.controlPlane,
      labels: lines,
      name: CONTROL_PLANE_CONTAINER,
      image: image(controlPlane.api.image),
      additionalPorts: controlPlane.api.additionalPorts,
      environmentVariables: environmentOf(controlPlane.api),
      secrets: secretsOf(controlPlane.api),
      ...migrations(controlPlane),
    },
    dependsOn: [...props.prerequisites, props.temporal],
  });
  // The workers find the control plane's tasks by a Cloud Map A record (awsvpc: one per task IP).
  const discovery = cloudMapService(stack, 'control-plane-discovery', props.serviceDiscoveryNamespace, CONTROL_PLANE_DISCOVERY_NAME);
  optionalResource(discovery, props.controlPlaneCount, false);
  // A block only in the control-plane line; ECS updates a service's registries in place.
  api.service.addOverride('dynamic.service_registries', {
    for_each: Token.asList(propertyAccess(discovery.fqn, ['*', 'arn'])),
    content: { registry_arn: '${service_registries.value}' },
  });

  const worker = new EcsService(stack, 'worker', {
    ...app,
    serviceName: 'everruns-worker',
    securityGroups: [props.securityGroups.worker],
    image: image(contract.worker.image),
    desiredCount: props.desiredCount.worker,
    environmentVariables: environmentOf(contract.worker),
    secrets: secretsOf(contract.worker),
    alternative: {
      when: props.controlPlane,
      labels: lines,
      image: image(controlPlane.worker.image),
      environmentVariables: environmentOf(controlPlane.worker),
      secrets: secretsOf(controlPlane.worker),
    },
    // After the API: its first task has applied the migrations the worker's queries need (Temporal line),
    // and it answers on gRPC, without which the worker exits (control-plane line).
    dependsOn: [...props.prerequisites, props.temporal, api.service],
  });
  const ui = new EcsService(stack, 'ui', {
    ...app,
    serviceName: 'everruns-ui',
    securityGroups: [props.securityGroups.ui],
    image: image(contract.ui.image),
    port: contract.ui.port,
    desiredCount: props.desiredCount.ui,
    targetGroup: props.ui.targetGroup,
    targetGroupRouting: props.ui.routing,
    environmentVariables: environmentOf(contract.ui),
    secrets: secretsOf(contract.ui),
    dependsOn: props.prerequisites,
  });
  // No service: `aws ecs run-task` starts it for a one-off command, with the same roles and logs.
  const adminScope = new Construct(stack, 'admin');
  const adminContainers = (line: Record<EverrunsContainer, ContainerContract>) =>
    JSON.stringify([
      containerDefinition({
        name: ADMIN_CONTAINER,
        image: image(line.admin.image),
        essential: true,
        entryPoint: line.admin.entryPoint,
        command: line.admin.command,
        environment: environmentOf(line.admin),
        secrets: secretsOf(line.admin),
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
    containerDefinitions: Token.asString(
      Fn.conditional(
        props.controlPlane,
        new TerraformLocal(adminScope, `containers-${lines.alternative}`, adminContainers(controlPlane)).asString,
        new TerraformLocal(adminScope, `containers-${lines.own}`, adminContainers(contract)).asString,
      ),
    ),
  });
  return { api, worker, ui, admin, controlPlaneDiscovery: discovery };
}
