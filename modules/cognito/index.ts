import { CognitoUser } from '@cdktn/provider-aws/lib/cognito-user';
import { CognitoUserPool } from '@cdktn/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktn/provider-aws/lib/cognito-user-pool-client';
import { CognitoUserPoolDomain } from '@cdktn/provider-aws/lib/cognito-user-pool-domain';
import { Id } from '@cdktn/provider-random/lib/id';
import { Fn, Op, TerraformCount, TerraformIterator, Token } from 'cdktn';
import { Construct } from 'constructs';
import { optionalAttribute } from '../../lib/addresses';

export interface CognitoProps {
  /** First part of the pool's name and hosted-UI domain: `{namePrefix}-{environment}`. */
  readonly namePrefix: string;
  readonly environment: string;
  /** 0 or 1: whether the pool exists (a Terraform count chosen at plan time). */
  readonly count: TerraformCount;
  /** The names users open (the certificate's): each gets the ALB's callback `https://{name}/oauth2/idpresponse`; `*.` names are skipped. */
  readonly domainNames: string[];
  /** The first user, invited by e-mail with a temporary password; sign-up is off, so further users are added the same way. */
  readonly firstUserEmail: string;
  /** `OFF`, `OPTIONAL` or `ON`: multi-factor sign-in with an authenticator app (TOTP). @default "OPTIONAL" */
  readonly mfa?: string;
  /** Where the invitation tells the user to sign in, e.g. `https://poc.example.com`. */
  readonly applicationUrl: string;
}

/** Cognito refuses domain prefixes containing these words (reserved for AWS). */
export const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'] as const;

/** The OAuth scopes the ALB asks for: the user's identity and e-mail, nothing else. */
export const SIGN_IN_SCOPES = ['openid', 'email', 'profile'] as const;

/**
 * A Cognito user pool for signing in at the load balancer: no self sign-up
 * (users are created by an administrator and invited by e-mail), e-mail as
 * the user name, a password policy, optional TOTP multi-factor sign-in, the
 * hosted UI on an AWS domain, and an app client with a secret for the ALB's
 * authorization-code flow. Everything has `count`: the sign-in mode is a
 * Terraform variable. The client secret stays in state; the ALB reads it at
 * apply time and no output shows it.
 */
export class Cognito extends Construct {
  public readonly userPool: CognitoUserPool;
  /** The hosted-UI domain prefix is global per region: `{namePrefix}-{environment}-` and 8 random hex digits. */
  public readonly domainSuffix: Id;
  public readonly domain: CognitoUserPoolDomain;
  public readonly client: CognitoUserPoolClient;
  public readonly firstUser: CognitoUser;
  /** For the ALB (null while the pool does not exist). */
  public readonly userPoolArn: string;
  public readonly userPoolId: string;
  public readonly clientId: string;
  /** The domain prefix the ALB's `authenticate-cognito` action takes. */
  public readonly domainPrefix: string;

  constructor(scope: Construct, id: string, props: CognitoProps) {
    super(scope, id);
    const { count } = props;
    const name = `${props.namePrefix}-${props.environment}`;

    this.userPool = new CognitoUserPool(this, 'user-pool', {
      count,
      name,
      // E-mail is the user name; both are fixed when the pool is created (ForceNew).
      usernameAttributes: ['email'],
      autoVerifiedAttributes: ['email'],
      usernameConfiguration: { caseSensitive: false },
      adminCreateUserConfig: {
        allowAdminCreateUserOnly: true,
        inviteMessageTemplate: {
          emailSubject: 'Your Everruns sign-in',
          emailMessage: `You can now sign in to Everruns at ${props.applicationUrl} as {username} with the temporary password {####} (valid 7 days).`,
          smsMessage: 'Everruns: user {username}, temporary password {####}',
        },
      },
      passwordPolicy: {
        minimumLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: false,
        temporaryPasswordValidityDays: 7,
      },
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      mfaConfiguration: props.mfa ?? 'OPTIONAL',
      tags: { Name: name },
    });
    // TOTP only while MFA is on or optional: AWS refuses a software token setting with MFA OFF on some updates.
    this.userPool.addOverride('dynamic.software_token_mfa_configuration', {
      for_each: Fn.conditional(Op.eq(props.mfa ?? 'OPTIONAL', 'OFF'), [], [1]),
      content: { enabled: true },
    });
    this.userPoolArn = optionalAttribute(this.userPool, 'arn');
    this.userPoolId = optionalAttribute(this.userPool, 'id');

    this.domainSuffix = new Id(this, 'domain-suffix', { count, byteLength: 4 });
    // The reserved words may hide in a name prefix ("awsome"); "x" keeps the prefix readable and valid.
    const readable = Fn.replace(Fn.format('%s-%s', [props.namePrefix, props.environment]), `/${RESERVED_DOMAIN_WORDS.join('|')}/`, 'x');
    this.domain = new CognitoUserPoolDomain(this, 'domain', {
      count,
      domain: Fn.format('%s-%s', [readable, optionalAttribute(this.domainSuffix, 'hex')]),
      userPoolId: this.userPoolId,
    });
    this.domainPrefix = optionalAttribute(this.domain, 'domain');

    const callbacks = TerraformIterator.fromList(props.domainNames).forExpressionForList(
      'startswith(val, "*.") ? "" : format("https://%s/oauth2/idpresponse", val)',
    );
    const names = Token.asList(Fn.compact(Token.asList(callbacks)));
    this.client = new CognitoUserPoolClient(this, 'client', {
      count,
      name: `${name}-alb`,
      userPoolId: this.userPoolId,
      // The ALB exchanges the code with the client secret (authorization-code flow).
      generateSecret: true,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ['code'],
      allowedOauthScopes: [...SIGN_IN_SCOPES],
      supportedIdentityProviders: ['COGNITO'],
      callbackUrls: names,
      explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
    });
    this.clientId = optionalAttribute(this.client, 'id');

    this.firstUser = new CognitoUser(this, 'first-user', {
      count,
      userPoolId: this.userPoolId,
      username: props.firstUserEmail,
      attributes: { email: props.firstUserEmail, email_verified: 'true' },
      // Cognito e-mails the invitation with a temporary password; Terraform never sees a password.
      desiredDeliveryMediums: ['EMAIL'],
    });
  }
}
