import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn, Op, TerraformCount, TerraformLocal, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Acm } from '../modules/acm';
import { Alb } from '../modules/alb';
import { Dns } from '../modules/dns';
import { EcsCluster } from '../modules/ecs-cluster';
import { EcsService } from '../modules/ecs-service';
import { Temporal } from '../modules/temporal';
import { DB_ENGINE_VERSION, Database } from '../modules/database';
import { ALB_LOG_PREFIX, AlbAccessLogs, VpcFlowLogs } from '../modules/logging';
import { Networking } from '../modules/networking';
import { Secrets } from '../modules/secrets';
import { AddressedStack } from '../lib/addresses';
import { BackendSettings, S3StateBackend } from '../config/backend-config';
import { awsProvider } from '../lib/providers';
import {
  dbApplyImmediatelyVariable,
  dbDeletionProtectionVariable,
  dbEngineVersionVariable,
  githubUsernameVariable,
  pair,
  privateSubnetCidrsVariable,
  publicSubnetCidrsVariable,
  secretRecoveryWindowVariable,
  vpcCidrVariable,
} from './production-variables';
import {
  SECRET_PLACEHOLDERS,
  environmentVariable,
  matches,
  namePrefixVariable,
  optionalSecretVariable,
  regionVariable,
  secretVariable,
} from '../lib/variables';
import { ContainerContract, EverrunsContainer, controlPlaneLineContract, temporalLineContract } from '../application/contract';
import {
  Architecture,
  architectureVariable,
  albIngressCidrsVariable,
  authAdminEmailVariable,
  authModeVariable,
  authPreconditions,
  imageDigestsVariable,
  imageRegistryVariable,
  imageTagVariable,
} from './application-variables';
import { CONTROL_PLANE_DISCOVERY_NAME, everrunsServices } from '../application/services';
import { CONTROL_PLANE_GRPC_PORT } from '../modules/networking';
import { productionOutputs } from './production-outputs';
import { edge } from './edge';
import {
  alternativeNamesPrecondition,
  certificateArnVariable,
  certificateRegionPrecondition,
  DOMAIN_PATTERN,
  isSet,
  route53ZoneIdVariable,
  subjectAlternativeNamesVariable,
} from './dns-variables';
import {
  albDeletionProtectionVariable,
  desiredCountVariable,
  loggingVariables,
  logRetentionDaysVariable,
  temporalAdminToolsImageVariable,
  temporalServerImageVariable,
  temporalVersionVariable,
  uiHealthCheckSuccessCodesVariable,
} from './services-variables';

export interface ProductionStackProps {
  /** S3 backend settings to embed; without them the backend is partial (`terraform init -backend-config=...`). */
  readonly backend?: BackendSettings;
}

/**
 * The `production` stack: the spec's "Main Module Composition". Its
 * variables are the spec's `variables.tf` plus the few a real user needs.
 */
export class ProductionStack extends AddressedStack {
  public readonly networking: Networking;
  public readonly secrets: Secrets;
  public readonly database: Database;
  public readonly acm: Acm;
  /** The A alias to the ALB in Route 53, when `route53_zone_id` is set. */
  public readonly dns: Dns;
  public readonly ecsCluster: EcsCluster;
  public readonly alb: Alb;
  public readonly temporal: Temporal;
  public readonly api: EcsService;
  public readonly worker: EcsService;
  public readonly ui: EcsService;
  /** `everruns-admin-{env}`, run by hand: migrate-info, migrate, reencrypt. */
  public readonly adminTaskDefinition: EcsTaskDefinition;
  /** What each Everruns container gets in each release line, and why. */
  public readonly contracts: Record<Architecture, Record<EverrunsContainer, ContainerContract>>;

  constructor(scope: Construct, id: string, props: ProductionStackProps = {}) {
    super(scope, id);

    const environment = environmentVariable(this);
    const region = regionVariable(this);
    const namePrefix = namePrefixVariable(this);
    const domainName = new TerraformVariable(this, 'domain_name', {
      type: 'string',
      description: 'Domain name for the application',
      default: 'poc.everruns.com',
    });
    domainName.addValidation({
      condition: matches(DOMAIN_PATTERN, domainName.stringValue),
      errorMessage: `The domain_name "${domainName.stringValue}" is not a lowercase fully qualified domain name such as poc.example.com.`,
    });
    const imageTag = imageTagVariable(this);
    const imageRegistry = imageRegistryVariable(this);
    const imageDigests = imageDigestsVariable(this);
    const openaiApiKey = optionalSecretVariable(
      this,
      'openai_api_key',
      'OpenAI API key, kept in Secrets Manager for operators; Everruns does not read it (enter LLM keys in Settings > Providers)',
      SECRET_PLACEHOLDERS.openai_api_key,
    );
    const githubToken = secretVariable(this, 'github_token', 'GitHub token for pulling images from ghcr.io', SECRET_PLACEHOLDERS.github_token);

    new S3StateBackend(this, props.backend);
    // An embedded use_lockfile fails `init` on older engines with a line of JSON; this fails it with the version.
    if (props.backend?.use_lockfile !== undefined) this.addOverride('terraform.required_version', '>= 1.10.0');
    awsProvider(this, region.stringValue, environment.stringValue);
    new RandomProvider(this, 'random');

    // Spec modules 2-5: networking, secrets, database, acm.
    const vpcCidr = vpcCidrVariable(this);
    const publicSubnetCidrs = publicSubnetCidrsVariable(this);
    const privateSubnetCidrs = privateSubnetCidrsVariable(this);
    const githubUsername = githubUsernameVariable(this);
    const dbDeletionProtection = dbDeletionProtectionVariable(this);
    const secretRecoveryWindow = secretRecoveryWindowVariable(this);
    const names = { namePrefix: namePrefix.stringValue, environment: environment.stringValue };

    const authMode = authModeVariable(this);
    const authAdminEmail = authAdminEmailVariable(this);
    const albIngressCidrs = albIngressCidrsVariable(this);
    // Issue 11: the release line decides the topology; everything else is shared.
    const architecture = architectureVariable(this);
    const controlPlane = new TerraformLocal(this, 'control_plane', Op.eq(architecture.stringValue, 'control-plane')).asBoolean as unknown as boolean;
    const profile = {
      temporal: TerraformCount.of(Token.asNumber(Fn.conditional(controlPlane, 0, 1))),
      controlPlane: TerraformCount.of(Token.asNumber(Fn.conditional(controlPlane, 1, 0))),
    };

    this.networking = new Networking(this, 'networking', {
      ...names,
      albIngressCidrs: albIngressCidrs.listValue,
      profile,
      vpcCidr: vpcCidr.stringValue,
      publicSubnetCidrs: pair(publicSubnetCidrs),
      privateSubnetCidrs: pair(privateSubnetCidrs),
    });
    // No cycle (the spec's has one): password -> database -> credentials secret version.
    this.secrets = new Secrets(this, 'secrets', {
      ...names,
      openaiApiKey: openaiApiKey.stringValue,
      githubToken: githubToken.stringValue,
      githubUsername: githubUsername.stringValue,
      recoveryWindowInDays: secretRecoveryWindow.numberValue,
    });
    const logRetentionDays = logRetentionDaysVariable(this);
    const dbEngineVersion = dbEngineVersionVariable(this, DB_ENGINE_VERSION);
    const dbApplyImmediately = dbApplyImmediatelyVariable(this);
    this.database = new Database(this, 'database', {
      engineVersion: dbEngineVersion.stringValue,
      applyImmediately: dbApplyImmediately.booleanValue,
      logRetentionDays: logRetentionDays.numberValue,
      ...names,
      subnets: this.networking.privateSubnets,
      securityGroup: this.networking.rdsSecurityGroup,
      password: this.secrets.dbPassword.result,
      deletionProtection: dbDeletionProtection.booleanValue,
    });
    this.secrets.storeDatabaseCredentials(this.database.instance);
    // Issue 13: optional Route 53 zone (one apply to HTTPS), a given certificate, alternative names.
    const route53ZoneId = route53ZoneIdVariable(this);
    const certificateArn = certificateArnVariable(this);
    const subjectAlternativeNames = subjectAlternativeNamesVariable(this);
    this.acm = new Acm(this, 'acm', {
      ...names,
      domainName: domainName.stringValue,
      subjectAlternativeNames: subjectAlternativeNames.listValue,
      existingCertificateArn: certificateArn.stringValue,
      validationZoneId: route53ZoneId.stringValue,
      certificatePreconditions: [alternativeNamesPrecondition(domainName, subjectAlternativeNames)],
    });


    // Spec modules 6-9: ecs-cluster, alb, temporal, and the api, worker and ui services.
    const albDeletionProtection = albDeletionProtectionVariable(this);
    const temporalVersion = temporalVersionVariable(this);
    const temporalServerImage = temporalServerImageVariable(this);
    const temporalAdminToolsImage = temporalAdminToolsImageVariable(this);
    const uiHealthCheckSuccessCodes = uiHealthCheckSuccessCodesVariable(this);
    const desiredCount = {
      api: desiredCountVariable(this, 'api'),
      worker: desiredCountVariable(this, 'worker'),
      ui: desiredCountVariable(this, 'ui'),
    };
    const { dbCredentials, controlPlaneDbCredentials, registryCredentials, encryptionKey, encryptionKeyPrevious, auth } = this.secrets;

    this.ecsCluster = new EcsCluster(this, 'ecs-cluster', {
      ...names,
      region: region.stringValue,
      vpc: this.networking.vpc,
      // Exactly the secrets the task definitions inject (test/application/contract.test.ts derives the same list).
      secrets: [dbCredentials, controlPlaneDbCredentials, registryCredentials, encryptionKey, encryptionKeyPrevious, auth],
      logRetentionDays: logRetentionDays.numberValue,
    });
    const logging = loggingVariables(this);
    const albAccessLogs = new AlbAccessLogs(this, 'alb-access-logs', {
      ...names,
      enabled: logging.albAccessLogsEnabled.booleanValue,
      retentionDays: logging.albAccessLogsRetentionDays.numberValue,
    });
    new VpcFlowLogs(this, 'vpc-flow-logs', {
      ...names,
      vpc: this.networking.vpc,
      region: region.stringValue,
      enabled: logging.vpcFlowLogsEnabled.booleanValue,
      retentionDays: logRetentionDays.numberValue,
    });
    this.alb = new Alb(this, 'alb', {
      accessLogs: {
        enabled: logging.albAccessLogsEnabled.booleanValue,
        bucket: albAccessLogs.bucketName,
        prefix: ALB_LOG_PREFIX,
        dependsOn: [albAccessLogs.policy],
      },
      ...names,
      vpc: this.networking.vpc,
      publicSubnets: this.networking.publicSubnets,
      securityGroup: this.networking.albSecurityGroup,
      // The given certificate, or the validation's ARN: the HTTPS listener waits until the certificate is issued.
      certificateArn: this.acm.certificateArn,
      deletionProtection: albDeletionProtection.booleanValue,
      uiHealthCheckSuccessCodes: uiHealthCheckSuccessCodes.stringValue,
    });

    // Edge (stacks/edge.ts, docs/authentication.md): sign-in at the ALB, API client ranges, the refusal of an
    // application open to the internet, the optional WAF. Before the services: they wait on the API rules.
    edge(this, {
      ...names,
      domainName,
      subjectAlternativeNames,
      authAdminEmail,
      albIngressCidrs,
      networking: this.networking,
      alb: this.alb,
    });

    // ECS starts tasks as soon as a service exists: their role must already read the secrets, which must have values.
    const prerequisites = [
      ...this.ecsCluster.executionRolePermissions,
      this.secrets.dbCredentialsVersion,
      this.secrets.controlPlaneDbCredentialsVersion,
      this.secrets.registryCredentialsVersion,
      this.secrets.encryptionKeyVersion,
      this.secrets.encryptionKeyPreviousVersion,
      this.secrets.authVersion,
    ];
    const inCluster = {
      environment: environment.stringValue,
      cluster: this.ecsCluster.cluster,
      executionRole: this.ecsCluster.executionRole,
      taskRole: this.ecsCluster.taskRole,
      logGroup: this.ecsCluster.logGroup,
      region: region.stringValue,
      subnets: this.networking.privateSubnets,
    };
    const groups = this.networking.securityGroups;
    this.temporal = new Temporal(this, 'temporal', {
      ...inCluster,
      securityGroups: [groups.temporal],
      serviceDiscoveryNamespace: this.ecsCluster.serviceDiscoveryNamespace,
      dbHost: this.database.instance.address,
      dbCredentials,
      serverImage: `${temporalServerImage.stringValue}:${temporalVersion.stringValue}`,
      adminToolsImage: `${temporalAdminToolsImage.stringValue}:${temporalVersion.stringValue}`,
      dependsOn: prerequisites,
      count: profile.temporal,
    });

    const contractInputs = {
      temporalAddress: this.temporal.address,
      temporalNamespace: this.temporal.namespace,
      authMode: authMode.stringValue,
      disableSignup: new TerraformLocal(this, 'auth_disable_signup', Fn.conditional(Op.eq(authMode.stringValue, 'admin'), 'true', 'false')).asString,
      authAdminEmail: authAdminEmail.stringValue,
      baseUrl: `https://${domainName.stringValue}`,
      database: dbCredentials,
      encryptionKey,
      encryptionKeyPrevious,
      auth,
    };
    this.contracts = {
      temporal: temporalLineContract(contractInputs),
      'control-plane': controlPlaneLineContract({
        ...contractInputs,
        database: controlPlaneDbCredentials,
        controlPlaneAddress: `${CONTROL_PLANE_DISCOVERY_NAME}.${this.ecsCluster.namespaceName}:${CONTROL_PLANE_GRPC_PORT}`,
      }),
    };
    const services = everrunsServices(this, {
      ...inCluster,
      securityGroups: { api: groups.api, worker: groups.worker, ui: groups.ui },
      contracts: this.contracts,
      controlPlane,
      controlPlaneCount: profile.controlPlane,
      serviceDiscoveryNamespace: this.ecsCluster.serviceDiscoveryNamespace,
      registry: imageRegistry.stringValue,
      tag: imageTag.stringValue,
      digests: imageDigests.value,
      repositoryCredentials: registryCredentials,
      desiredCount: { api: desiredCount.api.numberValue, worker: desiredCount.worker.numberValue, ui: desiredCount.ui.numberValue },
      api: { targetGroup: this.alb.apiTargetGroup, routing: this.alb.apiRouting },
      ui: { targetGroup: this.alb.uiTargetGroup, routing: this.alb.uiRouting },
      prerequisites,
      temporal: this.temporal.service.service,
    });
    this.api = services.api;
    this.worker = services.worker;
    this.ui = services.ui;
    this.adminTaskDefinition = services.admin;
    this.api.taskDefinition.lifecycle = { precondition: authPreconditions(authMode, authAdminEmail) };

    // Issue 13: the certificate's region, and the A alias in Route 53.
    this.alb.httpsListener.lifecycle = { precondition: [certificateRegionPrecondition(certificateArn, region)] };
    this.dns = new Dns(this, 'dns', {
      zoneId: route53ZoneId.stringValue,
      domainName: domainName.stringValue,
      // The validation records go into the same zone, for every name of a requested certificate.
      namesInZone: Token.asList(
        Fn.concat([[domainName.stringValue], Fn.conditional(isSet(certificateArn), [], subjectAlternativeNames.listValue)]),
      ),
      loadBalancer: this.alb.loadBalancer,
    });

    productionOutputs(this, domainName.stringValue);
  }
}
