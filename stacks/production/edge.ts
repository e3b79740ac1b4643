import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { Fn, Op, TerraformCount, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktn';
import { albIdentityProviderEgress } from '../../application/security-groups';
import { Alb } from '../../modules/alb';
import { Cognito } from '../../modules/cognito';
import { Networking } from '../../modules/networking';
import { Waf } from '../../modules/waf';
import { edgeAuthPreconditions, signInInputs } from './inputs/sign-in';

export interface EdgeInputs {
  readonly namePrefix: string;
  readonly environment: string;
  readonly domainName: TerraformVariable;
  readonly subjectAlternativeNames: TerraformVariable;
  readonly authAdminEmail: TerraformVariable;
  readonly albIngressCidrs: TerraformVariable;
  readonly networking: Networking;
  /** The ALB's group, which gains HTTPS out while the ALB signs users in. */
  readonly albSecurityGroup: SecurityGroup;
  readonly alb: Alb;
  /** The sign-in's own inputs. */
  readonly signIn: ReturnType<typeof signInInputs>;
}

export interface Edge {
  readonly cognito: Cognito;
  readonly waf: Waf;
}

const count = (condition: unknown) => TerraformCount.of(Token.asNumber(Fn.conditional(condition, 1, 0)));

/**
 * The edge step of the production stack: sign-in at the ALB (a Cognito user
 * pool, an OIDC provider, or none), the ranges that reach /api/* without it,
 * the refusal of an application open to the internet, and the optional WAF.
 * Call it after the ALB exists and before the services are built on its
 * `apiRouting`.
 */
export function signInAtTheEdge(stack: TerraformStack, inputs: EdgeInputs): Edge {
  const { albAuthentication: mode, cognitoMfa: mfa, oidc, sessionTimeout, allowUnauthenticatedInternet, apiClientCidrs, wafEnabled, wafRateLimit } =
    inputs.signIn;
  const { alb, domainName } = inputs;

  const cognito = new Cognito(stack, 'cognito', {
    namePrefix: inputs.namePrefix,
    environment: inputs.environment,
    count: count(Op.eq(mode.stringValue, 'cognito')),
    domainNames: Token.asList(Fn.concat([[domainName.stringValue], inputs.subjectAlternativeNames.listValue])),
    firstUserEmail: inputs.authAdminEmail.stringValue,
    mfa: mfa.stringValue,
    applicationUrl: `https://${domainName.stringValue}`,
  });

  const signingIn = Op.neq(mode.stringValue, 'none');
  const actionTypes = new TerraformLocal(stack, 'alb_sign_in', Fn.conditional(signingIn, [`authenticate-${mode.stringValue}`], [])).asList;
  alb.requireSignIn({
    actionTypes,
    cognito: { userPoolArn: cognito.userPoolArn, userPoolClientId: cognito.clientId, userPoolDomain: cognito.domainPrefix },
    oidc: {
      issuer: oidc.oidc_issuer.stringValue,
      authorizationEndpoint: oidc.oidc_authorization_endpoint.stringValue,
      tokenEndpoint: oidc.oidc_token_endpoint.stringValue,
      userInfoEndpoint: oidc.oidc_user_info_endpoint.stringValue,
      clientId: oidc.oidc_client_id.stringValue,
      clientSecret: oidc.oidc_client_secret.stringValue,
    },
    sessionTimeout: sessionTimeout.numberValue,
  });
  alb.allowApiClients(apiClientCidrs.listValue);
  albIdentityProviderEgress(inputs.networking, inputs.albSecurityGroup, count(signingIn));
  // On the load balancer, which exists in every mode: a precondition of a resource with count 0 is never checked.
  alb.loadBalancer.lifecycle = {
    precondition: edgeAuthPreconditions({
      albAuthentication: mode,
      authAdminEmail: inputs.authAdminEmail,
      oidc,
      albIngressCidrs: inputs.albIngressCidrs,
      apiClientCidrs,
      allowUnauthenticatedInternet,
    }),
  };

  const waf = new Waf(stack, 'waf', {
    namePrefix: inputs.namePrefix,
    environment: inputs.environment,
    count: count(wafEnabled.booleanValue),
    loadBalancer: alb.loadBalancer,
    rateLimit: wafRateLimit.numberValue,
  });

  new TerraformOutput(stack, 'cognito_user_pool_id', {
    description: 'The Cognito user pool of the ALB sign-in (null unless alb_authentication is cognito): add users with aws cognito-idp admin-create-user',
    value: cognito.userPoolId,
  });
  return { cognito, waf };
}
