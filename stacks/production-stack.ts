import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Acm } from '../modules/acm';
import { Alb } from '../modules/alb';
import { EcsCluster } from '../modules/ecs-cluster';
import { ContainerHealthCheck, EcsService } from '../modules/ecs-service';
import { Temporal } from '../modules/temporal';
import { Database } from '../modules/database';
import { Networking } from '../modules/networking';
import { Secrets } from '../modules/secrets';
import { AddressedStack } from '../src/addresses';
import { BackendSettings, S3StateBackend } from '../src/backend-config';
import { awsProvider } from '../src/providers';
import {
  dbDeletionProtectionVariable,
  githubUsernameVariable,
  pair,
  privateSubnetCidrsVariable,
  publicSubnetCidrsVariable,
  secretRecoveryWindowVariable,
  vpcCidrVariable,
} from './production-variables';
import { environmentVariable, matches, namePrefixVariable, regionVariable, secretVariable } from '../src/variables';
import {
  albDeletionProtectionVariable,
  desiredCountVariable,
  logRetentionDaysVariable,
  temporalAdminToolsImageVariable,
  temporalServerImageVariable,
  temporalVersionVariable,
  uiHealthCheckSuccessCodesVariable,
} from './services-variables';

export interface ProductionStackProps {
  /** S3 backend settings to embed; without them the backend is partial (`terraform init -backend-config=...`). */
  readonly backend?: BackendSettings;
  /**
   * Give the API container the spec's health check (`curl -f
   * http://localhost:9000/health`). Off because the API image may have no
   * curl, and a failing check would stop every task; the ALB check applies anyway.
   * @default false
   */
  readonly apiContainerHealthCheck?: boolean;
}

/** The spec's container health check of the API (module "api"). */
export const API_CONTAINER_HEALTH_CHECK: ContainerHealthCheck = {
  command: ['CMD-SHELL', 'curl -f http://localhost:9000/health || exit 1'],
};

/**
 * The `production` stack: the spec's "Main Module Composition". Its
 * variables are the spec's `variables.tf` plus the few a real user needs.
 */
export class ProductionStack extends AddressedStack {
  public readonly networking: Networking;
  public readonly secrets: Secrets;
  public readonly database: Database;
  public readonly acm: Acm;
  public readonly ecsCluster: EcsCluster;
  public readonly alb: Alb;
  public readonly temporal: Temporal;
  public readonly api: EcsService;
  public readonly worker: EcsService;
  public readonly ui: EcsService;

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
      condition: matches('^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$', domainName.stringValue),
      errorMessage: `The domain_name "${domainName.stringValue}" is not a lowercase fully qualified domain name such as poc.example.com.`,
    });
    const imageTag = new TerraformVariable(this, 'image_tag', {
      type: 'string',
      description: 'Docker image tag to deploy',
      default: 'latest',
    });
    imageTag.addValidation({
      condition: matches('^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$', imageTag.stringValue),
      errorMessage: `The image_tag "${imageTag.stringValue}" is not a valid container image tag (up to 128 letters, digits, _ . -, not starting with . or -).`,
    });
    const openaiApiKey = secretVariable(this, 'openai_api_key', 'OpenAI API key');
    const githubToken = secretVariable(this, 'github_token', 'GitHub token for pulling images from ghcr.io');

    new S3StateBackend(this, props.backend);
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

    this.networking = new Networking(this, 'networking', {
      ...names,
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
    this.database = new Database(this, 'database', {
      ...names,
      subnets: this.networking.privateSubnets,
      securityGroup: this.networking.rdsSecurityGroup,
      password: this.secrets.dbPassword.result,
      deletionProtection: dbDeletionProtection.booleanValue,
    });
    this.secrets.storeDatabaseCredentials(this.database.instance);
    this.acm = new Acm(this, 'acm', { ...names, domainName: domainName.stringValue });

    new TerraformOutput(this, 'rds_endpoint', {
      description: 'RDS endpoint',
      value: this.database.instance.endpoint,
      sensitive: true,
    });
    new TerraformOutput(this, 'acm_validation_records', {
      description: 'DNS records needed for ACM certificate validation',
      value: this.acm.validationRecords,
    });

    // Spec modules 6-9: ecs-cluster, alb, temporal, and the api, worker and ui services.
    const albDeletionProtection = albDeletionProtectionVariable(this);
    const logRetentionDays = logRetentionDaysVariable(this);
    const temporalVersion = temporalVersionVariable(this);
    const temporalServerImage = temporalServerImageVariable(this);
    const temporalAdminToolsImage = temporalAdminToolsImageVariable(this);
    const uiHealthCheckSuccessCodes = uiHealthCheckSuccessCodesVariable(this);
    const desiredCount = {
      api: desiredCountVariable(this, 'api'),
      worker: desiredCountVariable(this, 'worker'),
      ui: desiredCountVariable(this, 'ui'),
    };
    const { dbCredentials, registryCredentials } = this.secrets;
    const openaiApiKeySecret = this.secrets.openaiApiKey;

    this.ecsCluster = new EcsCluster(this, 'ecs-cluster', {
      ...names,
      vpc: this.networking.vpc,
      secrets: [dbCredentials, openaiApiKeySecret, registryCredentials],
      logRetentionDays: logRetentionDays.numberValue,
    });
    this.alb = new Alb(this, 'alb', {
      ...names,
      vpc: this.networking.vpc,
      publicSubnets: this.networking.publicSubnets,
      securityGroup: this.networking.albSecurityGroup,
      // The validation's ARN: the HTTPS listener waits until the certificate is issued.
      certificateArn: this.acm.validation.certificateArn,
      deletionProtection: albDeletionProtection.booleanValue,
      uiHealthCheckSuccessCodes: uiHealthCheckSuccessCodes.stringValue,
    });

    // ECS starts tasks as soon as a service exists: their role must already read the secrets, which must have values.
    const prerequisites = [
      ...this.ecsCluster.executionRolePermissions,
      this.secrets.dbCredentialsVersion,
      this.secrets.openaiApiKeyVersion,
      this.secrets.registryCredentialsVersion,
    ];
    const inCluster = {
      environment: environment.stringValue,
      cluster: this.ecsCluster.cluster,
      executionRole: this.ecsCluster.executionRole,
      taskRole: this.ecsCluster.taskRole,
      logGroup: this.ecsCluster.logGroup,
      region: region.stringValue,
      subnets: this.networking.privateSubnets,
      securityGroups: [this.networking.ecsSecurityGroup],
    };
    this.temporal = new Temporal(this, 'temporal', {
      ...inCluster,
      serviceDiscoveryNamespace: this.ecsCluster.serviceDiscoveryNamespace,
      dbHost: this.database.instance.address,
      dbCredentials,
      serverImage: `${temporalServerImage.stringValue}:${temporalVersion.stringValue}`,
      adminToolsImage: `${temporalAdminToolsImage.stringValue}:${temporalVersion.stringValue}`,
      dependsOn: prerequisites,
    });

    const image = (service: string) => `ghcr.io/everruns/everruns-${service}:${imageTag.stringValue}`;
    const app = { ...inCluster, cpu: 256, memory: 512, repositoryCredentials: registryCredentials };
    const temporalClient = {
      RUST_LOG: 'info',
      AGENT_RUNNER_MODE: 'temporal',
      TEMPORAL_ADDRESS: this.temporal.address,
      TEMPORAL_NAMESPACE: this.temporal.namespace,
      TEMPORAL_TASK_QUEUE: 'everruns-agent-runs',
    };
    const appSecrets = {
      DATABASE_URL: { secret: dbCredentials, jsonKey: 'connection_string' },
      OPENAI_API_KEY: { secret: openaiApiKeySecret, jsonKey: 'api_key' },
    };
    this.api = new EcsService(this, 'api', {
      ...app,
      serviceName: 'everruns-api',
      image: image('api'),
      port: 9000,
      desiredCount: desiredCount.api.numberValue,
      targetGroup: this.alb.apiTargetGroup,
      targetGroupRouting: this.alb.apiRouting,
      environmentVariables: { HOST: '0.0.0.0', PORT: '9000', ...temporalClient },
      secrets: appSecrets,
      healthCheck: props.apiContainerHealthCheck ? API_CONTAINER_HEALTH_CHECK : undefined,
      dependsOn: [...prerequisites, this.temporal.service.service],
    });
    this.worker = new EcsService(this, 'worker', {
      ...app,
      serviceName: 'everruns-worker',
      image: image('worker'),
      desiredCount: desiredCount.worker.numberValue,
      environmentVariables: temporalClient,
      secrets: appSecrets,
      dependsOn: [...prerequisites, this.temporal.service.service],
    });
    this.ui = new EcsService(this, 'ui', {
      ...app,
      serviceName: 'everruns-ui',
      image: image('ui'),
      port: 3000,
      desiredCount: desiredCount.ui.numberValue,
      targetGroup: this.alb.uiTargetGroup,
      targetGroupRouting: this.alb.uiRouting,
      environmentVariables: { NODE_ENV: 'production', NEXT_PUBLIC_API_BASE_URL: `https://${domainName.stringValue}` },
      dependsOn: prerequisites,
    });

    new TerraformOutput(this, 'alb_dns_name', {
      description: 'ALB DNS name (for CNAME record)',
      value: this.alb.loadBalancer.dnsName,
    });
    new TerraformOutput(this, 'alb_zone_id', {
      description: 'Hosted zone of the ALB, for a Route 53 alias record instead of a CNAME',
      value: this.alb.loadBalancer.zoneId,
    });
    new TerraformOutput(this, 'ecs_cluster_name', {
      description: 'ECS cluster name, for aws ecs commands',
      value: this.ecsCluster.cluster.name,
    });

    new TerraformOutput(this, 'api_url', {
      description: 'API URL',
      value: `https://${domainName.stringValue}/api`,
    });
    new TerraformOutput(this, 'ui_url', {
      description: 'UI URL',
      value: `https://${domainName.stringValue}`,
    });
  }
}
