import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn, TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AddressedStack } from '../src/addresses';
import { BackendSettings, S3StateBackend } from '../src/backend-config';
import { awsProvider } from '../src/providers';
import { environmentVariable, namePrefixVariable, regionVariable } from '../src/variables';

export interface ProductionStackProps {
  /** S3 backend settings to embed; without them the backend is partial (`terraform init -backend-config=...`). */
  readonly backend?: BackendSettings;
}

/**
 * The `production` stack: the spec's "Main Module Composition". Its
 * variables are the spec's `variables.tf` plus the few a real user needs.
 */
export class ProductionStack extends AddressedStack {
  constructor(scope: Construct, id: string, props: ProductionStackProps = {}) {
    super(scope, id);

    const environment = environmentVariable(this);
    const region = regionVariable(this);
    namePrefixVariable(this);
    const domainName = new TerraformVariable(this, 'domain_name', {
      type: 'string',
      description: 'Domain name for the application',
      default: 'poc.everruns.com',
    });
    domainName.addValidation({
      condition: Fn.can(Fn.regex('^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$', domainName.stringValue)),
      errorMessage: `The domain_name "${domainName.stringValue}" is not a lowercase fully qualified domain name such as poc.example.com.`,
    });
    const imageTag = new TerraformVariable(this, 'image_tag', {
      type: 'string',
      description: 'Docker image tag to deploy',
      default: 'latest',
    });
    imageTag.addValidation({
      condition: Fn.can(Fn.regex('^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$', imageTag.stringValue)),
      errorMessage: `The image_tag "${imageTag.stringValue}" is not a valid container image tag (up to 128 letters, digits, _ . -, not starting with . or -).`,
    });
    new TerraformVariable(this, 'openai_api_key', {
      type: 'string',
      description: 'OpenAI API key',
      sensitive: true,
    });
    new TerraformVariable(this, 'github_token', {
      type: 'string',
      description: 'GitHub token for pulling images from ghcr.io',
      sensitive: true,
    });

    new S3StateBackend(this, props.backend);
    awsProvider(this, region.stringValue, environment.stringValue);
    new RandomProvider(this, 'random');

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
