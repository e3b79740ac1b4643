import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Fn, ITerraformDependable, TerraformLocal, TerraformStack } from 'cdktf';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Construct } from 'constructs';
import { EcsService, ServicePlacement, containerDefinition } from '../modules/ecs-service';
import { ContainerContract, EverrunsContainer, environmentOf, secretsOf } from './application-contract';
import { EverrunsImage } from './application-variables';

/** The init container of the API task that applies the database migrations. */
export const MIGRATE_CONTAINER = 'everruns-migrate';
/** The container of the admin task definition. */
export const ADMIN_CONTAINER = 'everruns-admin';

export interface EverrunsServicesProps extends Omit<ServicePlacement, 'securityGroups'> {
  /** Each service's own group; the admin task runs in the API's (it holds the same credentials). */
  readonly securityGroups: Record<'api' | 'worker' | 'ui', SecurityGroup>;
  readonly contract: Record<EverrunsContainer, ContainerContract>;
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
  /** The Temporal service, steady before the API and worker exist. */
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
 * application contract lists. The API task runs the migrations first: a
 * non-essential `everruns-admin migrate` container the API container waits
 * for (`SUCCESS`), so no API task serves an old schema, and a failed
 * migration stops the task with the migration's log under its own prefix.
 * Every service waits for steady state, so `apply` fails, naming the
 * service, when its tasks do not come up; the order is Temporal, API
 * (migrations done), worker.
 */
export function everrunsServices(stack: TerraformStack, props: EverrunsServicesProps) {
  const { contract } = props;
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
    containerDependsOn: [{ containerName: MIGRATE_CONTAINER, condition: 'SUCCESS' }],
    sidecars: [
      {
        name: MIGRATE_CONTAINER,
        image: image(contract.migrate.image),
        essential: false,
        command: contract.migrate.command,
        environment: environmentOf(contract.migrate),
        secrets: secretsOf(contract.migrate),
        repositoryCredentials: props.repositoryCredentials,
        logStreamPrefix: MIGRATE_CONTAINER,
        initProcessEnabled: true,
      },
    ],
    dependsOn: [...props.prerequisites, props.temporal],
  });
  const worker = new EcsService(stack, 'worker', {
    ...app,
    serviceName: 'everruns-worker',
    securityGroups: [props.securityGroups.worker],
    image: image(contract.worker.image),
    desiredCount: props.desiredCount.worker,
    environmentVariables: environmentOf(contract.worker),
    secrets: secretsOf(contract.worker),
    // After the API: its first task has applied the migrations the worker's queries need.
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
  const admin = new EcsTaskDefinition(adminScope, 'task-definition', {
    family: `everruns-admin-${props.environment}`,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: props.executionRole.arn,
    taskRoleArn: props.taskRole.arn,
    containerDefinitions: JSON.stringify([
      containerDefinition({
        name: ADMIN_CONTAINER,
        image: image(contract.admin.image),
        essential: true,
        environment: environmentOf(contract.admin),
        secrets: secretsOf(contract.admin),
        repositoryCredentials: props.repositoryCredentials,
        initProcessEnabled: true,
        log: { group: props.logGroup.name, region: props.region, streamPrefix: ADMIN_CONTAINER },
      }),
    ]),
  });
  return { api, worker, ui, admin };
}
