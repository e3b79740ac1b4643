import { Fn, Op, ref, TerraformLocal, Token } from 'cdktn';
import { Construct } from 'constructs';

/**
 * Sign-in at the load balancer: an `authenticate-cognito` or
 * `authenticate-oidc` action (order 1) before a forward (order 2). The mode
 * is a Terraform variable, so the actions are a `dynamic` block over a list
 * of action types chosen at plan time: one synthesized configuration serves
 * every mode, and without sign-in the forward keeps order 1 (what AWS
 * assigned to the single action of earlier deployments).
 */

/** What the ALB needs to sign a user in with a Cognito user pool (resource attributes, null while the pool does not exist). */
export interface CognitoSignIn {
  readonly userPoolArn: string;
  readonly userPoolClientId: string;
  /** The hosted-UI domain prefix (`aws_cognito_user_pool_domain.domain`), not a URL. */
  readonly userPoolDomain: string;
}

/** What the ALB needs to sign a user in with an OpenID Connect provider. */
export interface OidcSignIn {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userInfoEndpoint: string;
  readonly clientId: string;
  /** Sensitive: the ALB keeps it; it never appears in outputs. */
  readonly clientSecret: string;
}

export interface AlbSignIn {
  /**
   * The authenticate action types every forward runs first, a Terraform list
   * chosen at plan time: `["authenticate-cognito"]`, `["authenticate-oidc"]`
   * or `[]` (no sign-in).
   */
  readonly actionTypes: string[];
  readonly cognito: CognitoSignIn;
  readonly oidc: OidcSignIn;
  /** Seconds a sign-in lasts (1 to 604800). */
  readonly sessionTimeout: number;
  /** @default "openid email profile" */
  readonly scope?: string;
}

export const DEFAULT_SIGN_IN_SCOPE = 'openid email profile';

/** The action types every forwarding action runs in order, ending with `forward`: a Terraform local. */
export function actionSequence(scope: Construct, signIn: AlbSignIn): string[] {
  return new TerraformLocal(scope, 'forward-actions', Fn.concat([signIn.actionTypes, ['forward']])).asList;
}

/**
 * The `dynamic` block (raw Terraform JSON, for `addOverride`) of a listener's
 * `default_action` or a rule's `action`: each type of `sequence` in order,
 * the last one forwarding to `targetGroupArn`.
 */
export function signInActions(sequence: string[], signIn: AlbSignIn, targetGroupArn: string): Record<string, unknown> {
  const type = Token.asString(ref('action.value'));
  const only = (actionType: string) => Fn.conditional(Op.eq(type, actionType), [1], []);
  const common = { session_timeout: signIn.sessionTimeout, scope: signIn.scope ?? DEFAULT_SIGN_IN_SCOPE, on_unauthenticated_request: 'authenticate' };
  return {
    for_each: sequence,
    iterator: 'action',
    content: {
      type,
      // Explicit orders, in list order: the provider reads actions back sorted by order.
      order: Op.add(ref('action.key'), 1),
      target_group_arn: Fn.conditional(Op.eq(type, 'forward'), targetGroupArn, Token.nullValue()),
      dynamic: {
        authenticate_cognito: {
          for_each: only('authenticate-cognito'),
          content: {
            user_pool_arn: signIn.cognito.userPoolArn,
            user_pool_client_id: signIn.cognito.userPoolClientId,
            user_pool_domain: signIn.cognito.userPoolDomain,
            ...common,
          },
        },
        authenticate_oidc: {
          for_each: only('authenticate-oidc'),
          content: {
            issuer: signIn.oidc.issuer,
            authorization_endpoint: signIn.oidc.authorizationEndpoint,
            token_endpoint: signIn.oidc.tokenEndpoint,
            user_info_endpoint: signIn.oidc.userInfoEndpoint,
            client_id: signIn.oidc.clientId,
            client_secret: signIn.oidc.clientSecret,
            ...common,
          },
        },
      },
    },
  };
}
