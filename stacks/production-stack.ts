import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Acm } from '../modules/acm';
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
import { environmentVariable, matches, namePrefixVariable, regionVariable } from '../src/variables';

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
    const openaiApiKey = new TerraformVariable(this, 'openai_api_key', {
      type: 'string',
      description: 'OpenAI API key',
      sensitive: true,
    });
    const githubToken = new TerraformVariable(this, 'github_token', {
      type: 'string',
      description: 'GitHub token for pulling images from ghcr.io',
      sensitive: true,
    });

    new S3StateBackend(this, props.backend);
    awsProvider(this, region.stringValue, environment.stringValue);
    new RandomProvider(this, 'random');

    // ---- Issue 3: networking, secrets, database, acm (spec modules 2-5) ----
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
    // ---- end of issue 3 ----

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
