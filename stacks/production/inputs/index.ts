import { TerraformStack } from 'cdktn';
import { ReleaseLine } from '../../../application/lines';
import { DB_ENGINE_VERSION } from '../../../modules/database';
import { SECRET_PLACEHOLDERS, environmentVariable, namePrefixVariable, optionalSecretVariable, regionVariable, secretVariable } from '../../../lib/variables';
import * as app from './application';
import * as data from './data';
import * as edge from './edge';
import * as network from './network';
import * as operations from './operations';
import { signInInputs } from './sign-in';

/**
 * Every input of the production stack, grouped by what it configures. The
 * spec's `variables.tf` are among them; the rest are what a real deployment
 * needs. Variables are declared on the stack itself: their names are the
 * tfvars names.
 */
export function productionInputs(stack: TerraformStack, lines: Readonly<Record<string, ReleaseLine>>) {
  return {
    deployment: {
      environment: environmentVariable(stack),
      region: regionVariable(stack),
      namePrefix: namePrefixVariable(stack),
    },
    network: {
      vpcCidr: network.vpcCidrVariable(stack),
      publicSubnetCidrs: network.publicSubnetCidrsVariable(stack),
      privateSubnetCidrs: network.privateSubnetCidrsVariable(stack),
    },
    data: {
      openaiApiKey: optionalSecretVariable(
        stack,
        'openai_api_key',
        'OpenAI API key, kept in Secrets Manager for operators; Everruns does not read it (enter LLM keys in Settings > Providers)',
        SECRET_PLACEHOLDERS.openai_api_key,
      ),
      githubToken: secretVariable(stack, 'github_token', 'GitHub token for pulling images from ghcr.io', SECRET_PLACEHOLDERS.github_token),
      githubUsername: data.githubUsernameVariable(stack),
      secretRecoveryWindow: data.secretRecoveryWindowVariable(stack),
      dbDeletionProtection: data.dbDeletionProtectionVariable(stack),
      dbEngineVersion: data.dbEngineVersionVariable(stack, DB_ENGINE_VERSION),
      dbInstanceClass: data.dbInstanceClassVariable(stack),
      dbApplyImmediately: data.dbApplyImmediatelyVariable(stack),
      ...data.databaseOperationsVariables(stack),
    },
    application: {
      architecture: app.architectureVariable(stack, lines),
      imageTag: app.imageTagVariable(stack),
      imageRegistry: app.imageRegistryVariable(stack),
      imageDigests: app.imageDigestsVariable(stack),
      authMode: app.authModeVariable(stack),
      authAdminEmail: app.authAdminEmailVariable(stack),
      accessTokenLifetime: app.accessTokenLifetimeVariable(stack),
      desiredCount: {
        api: app.desiredCountVariable(stack, 'api'),
        worker: app.desiredCountVariable(stack, 'worker'),
        ui: app.desiredCountVariable(stack, 'ui'),
      },
      temporalVersion: app.temporalVersionVariable(stack),
      temporalServerImage: app.temporalServerImageVariable(stack),
      temporalAdminToolsImage: app.temporalAdminToolsImageVariable(stack),
      everrunsCpuArchitecture: app.everrunsCpuArchitectureVariable(stack, lines),
      temporalCpuArchitecture: app.temporalCpuArchitectureVariable(stack),
      capacityProviders: app.capacityProvidersVariable(stack),
    },
    edge: {
      domainName: edge.domainNameVariable(stack),
      route53ZoneId: edge.route53ZoneIdVariable(stack),
      certificateArn: edge.certificateArnVariable(stack),
      subjectAlternativeNames: edge.subjectAlternativeNamesVariable(stack),
      albIngressCidrs: edge.albIngressCidrsVariable(stack),
      albDeletionProtection: edge.albDeletionProtectionVariable(stack),
      uiHealthCheckSuccessCodes: edge.uiHealthCheckSuccessCodesVariable(stack),
    },
    signIn: signInInputs(stack),
    operations: {
      logRetentionDays: operations.logRetentionDaysVariable(stack),
      containerInsights: operations.containerInsightsVariable(stack),
      ...operations.loggingVariables(stack),
    },
  };
}

export type ProductionInputs = ReturnType<typeof productionInputs>;
