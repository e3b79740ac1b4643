import { EcsTaskDefinition } from '@cdktn/provider-aws/lib/ecs-task-definition';
import { RandomProvider } from '@cdktn/provider-random/lib/provider';
import { Fn, Op, TerraformLocal, Token } from 'cdktn';
import { Construct } from 'constructs';
import { ContainerContract, EverrunsContainer } from '../../application/contract';
import { LineInputs, RELEASE_LINES, ReleaseLine, linesWhere, sharedPort } from '../../application/lines';
import { SecurityGroups, everrunsSecurityGroups } from '../../application/security-groups';
import { everrunsServices } from '../../application/services';
import { BackendSettings, S3StateBackend } from '../../config/backend-config';
import { AddressedStack } from '../../lib/addresses';
import { Choice } from '../../lib/choice';
import { awsProvider } from '../../lib/providers';
import { Acm } from '../../modules/acm';
import { Alb } from '../../modules/alb';
import { Database } from '../../modules/database';
import { Dns } from '../../modules/dns';
import { EcsCluster } from '../../modules/ecs-cluster';
import { EcsService, NO_CAPACITY_PROVIDER } from '../../modules/ecs-service';
import { ALB_LOG_PREFIX, AlbAccessLogs, VpcFlowLogs } from '../../modules/logging';
import { Monitoring } from '../../modules/monitoring';
import { Networking } from '../../modules/networking';
import { Secrets } from '../../modules/secrets';
import { Temporal } from '../../modules/temporal';
import { Edge, signInAtTheEdge } from './edge';
import { deploymentGuard } from './guards';
import { appliedMigrations } from './migrations';
import { ProductionInputs, productionInputs } from './inputs';
import { alternativeNamesPrecondition, authPreconditions, certificateRegionPrecondition, isSet } from './inputs/edge';
import { pair } from './inputs/network';
import { productionOperations } from './operations';
import { productionOutputs } from './outputs';

export interface ProductionStackProps {
  /** S3 backend settings to embed; without them the backend is partial (`terraform init -backend-config=...`). */
  readonly backend?: BackendSettings;
  /** The application's release lines, by the `everruns_architecture` value that selects each. @default RELEASE_LINES */
  readonly lines?: Readonly<Record<string, ReleaseLine>>;
}

/**
 * The `production` stack: the spec's "Main Module Composition", in the order
 * a request meets it read backwards: the inputs, the network, the data, the
 * platform the services run on, the application, the edge in front of it,
 * the outputs, and the operations that watch them all. Every release line's parts are synthesized; the
 * `everruns_architecture` input picks one at plan time.
 */
export class ProductionStack extends AddressedStack {
  public readonly inputs: ProductionInputs;
  /** The choice among the release lines, made by `everruns_architecture`. */
  public readonly line: Choice;
  public readonly networking: Networking;
  /** One security group per role of the application. */
  public readonly securityGroups: SecurityGroups;
  public readonly secrets: Secrets;
  public readonly database: Database;
  public readonly ecsCluster: EcsCluster;
  public readonly acm: Acm;
  public readonly alb: Alb;
  /** The sign-in at the load balancer (Cognito user pool) and the optional WAF. */
  public readonly signIn: Edge;
  /** The A alias to the ALB in Route 53, when `route53_zone_id` is set. */
  public readonly dns: Dns;
  public readonly temporal: Temporal;
  public readonly api: EcsService;
  public readonly worker: EcsService;
  public readonly ui: EcsService;
  /** `everruns-admin-{env}`, run by hand: migrate-info, migrate, reencrypt. */
  public readonly adminTaskDefinition: EcsTaskDefinition;
  /** The alarm topic, the alarms and the event rules. */
  public readonly monitoring: Monitoring;
  /** What each Everruns container gets in each release line, and why. */
  public readonly contracts: Record<string, Record<EverrunsContainer, ContainerContract>>;

  private readonly names: { readonly namePrefix: string; readonly environment: string };

  constructor(scope: Construct, id: string, props: ProductionStackProps = {}) {
    super(scope, id);
    const lines = props.lines ?? RELEASE_LINES;
    this.inputs = productionInputs(this, lines);
    const { deployment, network, data, application, edge, operations } = this.inputs;
    this.names = { namePrefix: deployment.namePrefix.stringValue, environment: deployment.environment.stringValue };
    this.line = new Choice(application.architecture.stringValue, Object.keys(lines));

    this.providers(props.backend);

    // Network: the VPC, and the application's security groups in it.
    this.networking = new Networking(this, 'networking', {
      ...this.names,
      vpcCidr: network.vpcCidr.stringValue,
      publicSubnetCidrs: pair(network.publicSubnetCidrs),
      privateSubnetCidrs: pair(network.privateSubnetCidrs),
    });
    this.securityGroups = everrunsSecurityGroups(this.networking, {
      vpc: this.networking.vpc,
      base: `${this.names.namePrefix}-${this.names.environment}`,
      albIngressCidrs: edge.albIngressCidrs.listValue,
      lines,
      line: this.line,
    });

    // Data: the secrets and the database (no cycle, unlike the spec's: password -> database -> credentials).
    this.secrets = new Secrets(this, 'secrets', {
      ...this.names,
      openaiApiKey: data.openaiApiKey.stringValue,
      githubToken: data.githubToken.stringValue,
      githubUsername: data.githubUsername.stringValue,
      recoveryWindowInDays: data.secretRecoveryWindow.numberValue,
    });
    this.database = new Database(this, 'database', {
      ...this.names,
      engineVersion: data.dbEngineVersion.stringValue,
      applyImmediately: data.dbApplyImmediately.booleanValue,
      logRetentionDays: operations.logRetentionDays.numberValue,
      subnets: this.networking.privateSubnets,
      securityGroup: this.securityGroups.rds,
      password: this.secrets.dbPassword.result,
      deletionProtection: data.dbDeletionProtection.booleanValue,
      instanceClass: data.dbInstanceClass.stringValue,
      multiAz: data.dbMultiAz.booleanValue,
      performanceInsightsEnabled: data.dbPerformanceInsights.booleanValue,
      backupWindow: data.dbBackupWindow.stringValue,
      maintenanceWindow: data.dbMaintenanceWindow.stringValue,
    });
    this.secrets.storeDatabaseCredentials(this.database.instance);

    // Platform: the cluster the services run in, and the optional flow logs.
    const { dbCredentials, controlPlaneDbCredentials, registryCredentials, encryptionKey, encryptionKeyPrevious, auth } = this.secrets;
    this.ecsCluster = new EcsCluster(this, 'ecs-cluster', {
      ...this.names,
      region: deployment.region.stringValue,
      vpc: this.networking.vpc,
      // Exactly the secrets the task definitions inject (test/application/contract.test.ts derives the same list).
      secrets: [dbCredentials, controlPlaneDbCredentials, registryCredentials, encryptionKey, encryptionKeyPrevious, auth],
      logRetentionDays: operations.logRetentionDays.numberValue,
      containerInsights: operations.containerInsights.stringValue,
    });
    new VpcFlowLogs(this, 'vpc-flow-logs', {
      ...this.names,
      vpc: this.networking.vpc,
      region: deployment.region.stringValue,
      enabled: operations.vpcFlowLogsEnabled.booleanValue,
      retentionDays: operations.logRetentionDays.numberValue,
    });

    // Each line's containers, filled with this deployment's values.
    this.temporal = this.temporalServer(lines);
    const lineInputs: LineInputs = {
      authMode: application.authMode.stringValue,
      disableSignup: new TerraformLocal(this, 'auth_disable_signup', Fn.conditional(Op.eq(application.authMode.stringValue, 'admin'), 'true', 'false')).asString,
      authAdminEmail: application.authAdminEmail.stringValue,
      baseUrl: `https://${edge.domainName.stringValue}/api`,
      accessTokenLifetime: application.accessTokenLifetime.stringValue,
      encryptionKey,
      encryptionKeyPrevious,
      auth,
      databases: { everruns: dbCredentials, controlPlane: controlPlaneDbCredentials },
      temporal: { address: this.temporal.address, namespace: this.temporal.namespace },
      namespaceName: this.ecsCluster.namespaceName,
    };
    this.contracts = Object.fromEntries(Object.entries(lines).map(([key, line]) => [key, line.contract(lineInputs)]));

    // Edge: the certificate, the load balancer in front of the services, and the name in Route 53.
    this.acm = new Acm(this, 'acm', {
      ...this.names,
      domainName: edge.domainName.stringValue,
      subjectAlternativeNames: edge.subjectAlternativeNames.listValue,
      existingCertificateArn: edge.certificateArn.stringValue,
      validationZoneId: edge.route53ZoneId.stringValue,
      certificatePreconditions: [alternativeNamesPrecondition(edge.domainName, edge.subjectAlternativeNames)],
    });
    // Mistakes that would otherwise cost an apply: the other line's image tag, the example's domain, another deployment's state.
    deploymentGuard(this, {
      environment: deployment.environment,
      namePrefix: deployment.namePrefix,
      domainName: edge.domainName,
      imageTag: application.imageTag,
      architecture: application.architecture,
      route53ZoneId: edge.route53ZoneId,
      certificateArn: edge.certificateArn,
      lines,
      cpuArchitecture: application.everrunsCpuArchitecture,
      capacityProviders: application.capacityProviders,
    });
    // An image that knows fewer migrations than the database has applied never starts: a plan that would deploy one stops.
    appliedMigrations(this, { imageTag: application.imageTag, architecture: application.architecture, lines });
    this.alb = this.loadBalancer();
    // Nothing reaches the application before the load balancer has signed the user in (before the services: they wait on its rules).
    this.signIn = signInAtTheEdge(this, {
      ...this.names,
      domainName: edge.domainName,
      subjectAlternativeNames: edge.subjectAlternativeNames,
      authAdminEmail: application.authAdminEmail,
      albIngressCidrs: edge.albIngressCidrs,
      networking: this.networking,
      albSecurityGroup: this.securityGroups.alb,
      alb: this.alb,
      signIn: this.inputs.signIn,
    });
    this.dns = new Dns(this, 'dns', {
      zoneId: edge.route53ZoneId.stringValue,
      domainName: edge.domainName.stringValue,
      // The validation records go into the same zone, for every name of a requested certificate.
      namesInZone: Token.asList(
        Fn.concat([[edge.domainName.stringValue], Fn.conditional(isSet(edge.certificateArn), [], edge.subjectAlternativeNames.listValue)]),
      ),
      loadBalancer: this.alb.loadBalancer,
    });

    // Application: the services of the chosen line, behind the load balancer.
    const services = this.services(lines);
    this.api = services.api;
    this.worker = services.worker;
    this.ui = services.ui;
    this.adminTaskDefinition = services.admin;
    this.api.taskDefinition.lifecycle = { precondition: authPreconditions(application.authMode, application.authAdminEmail) };

    productionOutputs(this, edge.domainName.stringValue);

    // Operations: alarms and events to one topic, ECS Exec, the connection budget, the rolled-back-deployment checks.
    this.monitoring = productionOperations(this, {
      names: this.names,
      lines,
      desiredCount: { api: application.desiredCount.api.numberValue, worker: application.desiredCount.worker.numberValue, ui: application.desiredCount.ui.numberValue },
    });
  }

  /** The state backend and the providers; an embedded `use_lockfile` needs an engine that knows it. */
  private providers(backend?: BackendSettings): void {
    new S3StateBackend(this, backend);
    // An embedded use_lockfile fails `init` on older engines with a line of JSON; this fails it with the version.
    if (backend?.use_lockfile !== undefined) this.addOverride('terraform.required_version', '>= 1.10.0');
    awsProvider(this, this.inputs.deployment.region.stringValue, this.inputs.deployment.environment.stringValue);
    new RandomProvider(this, 'random');
  }

  /** ECS starts tasks as soon as a service exists: their role must already read the secrets, which must have values. */
  private get prerequisites() {
    return [
      ...this.ecsCluster.executionRolePermissions,
      this.secrets.dbCredentialsVersion,
      this.secrets.controlPlaneDbCredentialsVersion,
      this.secrets.registryCredentialsVersion,
      this.secrets.encryptionKeyVersion,
      this.secrets.encryptionKeyPreviousVersion,
      this.secrets.authVersion,
    ];
  }

  /** Where every service's tasks run, and as whom. */
  private get inCluster() {
    return {
      environment: this.names.environment,
      cluster: this.ecsCluster.cluster,
      executionRole: this.ecsCluster.executionRole,
      taskRole: this.ecsCluster.taskRole,
      logGroup: this.ecsCluster.logGroup,
      region: this.inputs.deployment.region.stringValue,
      subnets: this.networking.privateSubnets,
    };
  }

  /** The self-hosted Temporal server, in the lines that run it. */
  private temporalServer(lines: Readonly<Record<string, ReleaseLine>>): Temporal {
    const { application } = this.inputs;
    const version = application.temporalVersion.stringValue;
    return new Temporal(this, 'temporal', {
      ...this.inCluster,
      securityGroups: [this.securityGroups.temporal],
      serviceDiscoveryNamespace: this.ecsCluster.serviceDiscoveryNamespace,
      dbHost: this.database.instance.address,
      dbCredentials: this.secrets.dbCredentials,
      serverImage: `${application.temporalServerImage.stringValue}:${version}`,
      adminToolsImage: `${application.temporalAdminToolsImage.stringValue}:${version}`,
      cpuArchitecture: application.temporalCpuArchitecture.stringValue,
      dependsOn: this.prerequisites,
      count: this.line.countFor(linesWhere(lines, (line) => line.temporalServer)),
    });
  }

  /** The HTTPS load balancer, its optional request logs, and the certificate's region check on its listener. */
  private loadBalancer(): Alb {
    const { deployment, edge, operations } = this.inputs;
    const accessLogs = new AlbAccessLogs(this, 'alb-access-logs', {
      ...this.names,
      enabled: operations.albAccessLogsEnabled.booleanValue,
      retentionDays: operations.albAccessLogsRetentionDays.numberValue,
    });
    const alb = new Alb(this, 'alb', {
      ...this.names,
      accessLogs: {
        enabled: operations.albAccessLogsEnabled.booleanValue,
        bucket: accessLogs.bucketName,
        prefix: ALB_LOG_PREFIX,
        dependsOn: [accessLogs.policy],
      },
      vpc: this.networking.vpc,
      publicSubnets: this.networking.publicSubnets,
      securityGroup: this.securityGroups.alb,
      // The given certificate, or the validation's ARN: the HTTPS listener waits until the certificate is issued.
      certificateArn: this.acm.certificateArn,
      deletionProtection: edge.albDeletionProtection.booleanValue,
      uiHealthCheckSuccessCodes: edge.uiHealthCheckSuccessCodes.stringValue,
      apiPort: sharedPort(this.contracts, 'api'),
      uiPort: sharedPort(this.contracts, 'ui'),
    });
    alb.httpsListener.lifecycle = { precondition: [certificateRegionPrecondition(edge.certificateArn, deployment.region)] };
    return alb;
  }

  /** The API, worker and UI services and the admin task definition, with every line's containers. */
  private services(lines: Readonly<Record<string, ReleaseLine>>) {
    const { application } = this.inputs;
    const desiredCount = application.desiredCount;
    return everrunsServices(this, {
      ...this.inCluster,
      securityGroups: { api: this.securityGroups.api, worker: this.securityGroups.worker, ui: this.securityGroups.ui },
      lines,
      line: this.line,
      contracts: this.contracts,
      serviceDiscoveryNamespace: this.ecsCluster.serviceDiscoveryNamespace,
      registry: application.imageRegistry.stringValue,
      tag: application.imageTag.stringValue,
      digests: application.imageDigests.value,
      repositoryCredentials: this.secrets.registryCredentials,
      desiredCount: { api: desiredCount.api.numberValue, worker: desiredCount.worker.numberValue, ui: desiredCount.ui.numberValue },
      api: { targetGroup: this.alb.apiTargetGroup, routing: this.alb.apiRouting },
      ui: { targetGroup: this.alb.uiTargetGroup, routing: this.alb.uiRouting },
      prerequisites: this.prerequisites,
      temporal: this.temporal.service.service,
      cpuArchitecture: application.everrunsCpuArchitecture.stringValue,
      // Not listed: launch_type FARGATE, as services had before capacity providers were offered.
      capacityProvider: (service) => Token.asString(Fn.lookup(application.capacityProviders.value, service, NO_CAPACITY_PROVIDER)),
      clusterCapacityProviders: this.ecsCluster.capacityProviders,
    });
  }
}
