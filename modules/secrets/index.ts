import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Password } from '@cdktf/provider-random/lib/password';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Special characters of the database password: RFC 3986 "unreserved" only, so
 * the password needs no escaping in a postgres:// URL, and contains none of
 * the characters RDS rejects (`/`, `"`, `@`, space).
 */
export const DB_PASSWORD_SPECIAL_CHARACTERS = '-_.~';
export const DB_PASSWORD_LENGTH = 32;

export interface SecretsProps {
  /** First part of every secret name (`{namePrefix}/{environment}/...`). */
  readonly namePrefix: string;
  readonly environment: string;
  /** Stored as `{"api_key": ...}` (spec). */
  readonly openaiApiKey: string;
  /** A GitHub token with `read:packages`, stored as the ghcr.io password. */
  readonly githubToken: string;
  /** The GitHub login that owns `githubToken`, stored as the ghcr.io username. */
  readonly githubUsername: string;
  /**
   * Days a deleted secret can be restored before its name is free again; 0
   * deletes at once. AWS allows 0 or 7-30.
   * @default 7
   */
  readonly recoveryWindowInDays?: number;
}

/**
 * Spec module 4: the generated database password and the three secrets ECS
 * reads. The spec's version has a dependency cycle (the secret needs the DB
 * address, the DB needs the password from this module); here the password
 * is generated first and given to the database, and the credentials version
 * is added once the database exists, with `storeDatabaseCredentials`.
 */
export class Secrets extends Construct {
  /** 32 characters, URL-safe; give `.result` to the database. */
  public readonly dbPassword: Password;
  /** `{name_prefix}/{environment}/database`: username, password, host, port, database, connection_string. */
  public readonly dbCredentials: SecretsmanagerSecret;
  /** `{name_prefix}/{environment}/openai-api-key`: `{"api_key": ...}`. */
  public readonly openaiApiKey: SecretsmanagerSecret;
  public readonly openaiApiKeyVersion: SecretsmanagerSecretVersion;
  /**
   * `{name_prefix}/{environment}/github-token`: `{"username", "password"}`, the
   * form ECS private registry authentication (`repositoryCredentials`) requires.
   */
  public readonly registryCredentials: SecretsmanagerSecret;
  public readonly registryCredentialsVersion: SecretsmanagerSecretVersion;
  private databaseVersion?: SecretsmanagerSecretVersion;

  constructor(scope: Construct, id: string, props: SecretsProps) {
    super(scope, id);
    const recoveryWindowInDays = props.recoveryWindowInDays ?? 7;
    if (!Token.isUnresolved(recoveryWindowInDays) && !(recoveryWindowInDays === 0 || (recoveryWindowInDays >= 7 && recoveryWindowInDays <= 30))) {
      throw new Error(`Secrets recoveryWindowInDays is ${recoveryWindowInDays}; AWS allows 0 (delete at once) or 7 to 30 days.`);
    }
    const base = `${props.namePrefix}/${props.environment}`;
    const secret = (secretId: string, name: string, description: string) =>
      new SecretsmanagerSecret(this, secretId, { name: `${base}/${name}`, description, recoveryWindowInDays });

    this.dbPassword = new Password(this, 'db-password', {
      length: DB_PASSWORD_LENGTH,
      special: true,
      overrideSpecial: DB_PASSWORD_SPECIAL_CHARACTERS,
    });

    this.dbCredentials = secret('db-credentials', 'database', 'RDS PostgreSQL credentials and DATABASE_URL (connection_string)');

    this.openaiApiKey = secret('openai-api-key', 'openai-api-key', 'OpenAI API key');
    // Every secret gets a value in this apply: ECS cannot start a task whose secret has no version.
    this.openaiApiKeyVersion = new SecretsmanagerSecretVersion(this, 'openai-api-key-version', {
      secretId: this.openaiApiKey.id,
      secretString: Fn.jsonencode({ api_key: props.openaiApiKey }),
    });

    this.registryCredentials = secret('github-token', 'github-token', 'ghcr.io credentials for ECS private registry authentication');
    // The spec's {"token": ...} cannot be used by ECS: repositoryCredentials needs username and password keys.
    this.registryCredentialsVersion = new SecretsmanagerSecretVersion(this, 'github-token-version', {
      secretId: this.registryCredentials.id,
      secretString: Fn.jsonencode({ username: props.githubUsername, password: props.githubToken }),
    });

    this.node.addValidation({
      validate: () =>
        this.databaseVersion ? [] : [`Secrets "${this.node.path}": call storeDatabaseCredentials(database instance) so the database secret has a value.`],
    });
  }

  /** The spec's name for the registry secret. */
  public get githubToken(): SecretsmanagerSecret {
    return this.registryCredentials;
  }

  /**
   * Writes the database secret's value from the instance's attributes: the
   * version depends on the database, the database only on `dbPassword`.
   * `connection_string` is the `DATABASE_URL` the API and worker read; RDS
   * PostgreSQL 15+ refuses connections without TLS, hence `sslmode=require`.
   */
  public storeDatabaseCredentials(instance: DbInstance): SecretsmanagerSecretVersion {
    if (this.databaseVersion) {
      throw new Error(`Secrets "${this.node.path}": storeDatabaseCredentials was already called; call it once.`);
    }
    const port = Token.asString(instance.port);
    this.databaseVersion = new SecretsmanagerSecretVersion(this, 'db-credentials-version', {
      secretId: this.dbCredentials.id,
      secretString: Fn.jsonencode({
        username: instance.username,
        password: this.dbPassword.result,
        host: instance.address,
        port: instance.port,
        database: instance.dbName,
        connection_string: `postgres://${instance.username}:${this.dbPassword.result}@${instance.address}:${port}/${instance.dbName}?sslmode=require`,
      }),
    });
    return this.databaseVersion;
  }

  /** The database secret's value; exists once `storeDatabaseCredentials` ran. */
  public get dbCredentialsVersion(): SecretsmanagerSecretVersion {
    if (!this.databaseVersion) {
      throw new Error(`Secrets "${this.node.path}": call storeDatabaseCredentials before reading dbCredentialsVersion.`);
    }
    return this.databaseVersion;
  }
}
