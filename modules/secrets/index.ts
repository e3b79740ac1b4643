import { DbInstance } from '@cdktn/provider-aws/lib/db-instance';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktn/provider-aws/lib/secretsmanager-secret-version';
import { Bytes } from '@cdktn/provider-random/lib/bytes';
import { Password } from '@cdktn/provider-random/lib/password';
import { Fn, Token } from 'cdktn';
import { Construct } from 'constructs';

/**
 * Special characters of the database password: RFC 3986 "unreserved" only, so
 * the password needs no escaping in a postgres:// URL, and contains none of
 * the characters RDS rejects (`/`, `"`, `@`, space).
 */
export const DB_PASSWORD_SPECIAL_CHARACTERS = '-_.~';
export const DB_PASSWORD_LENGTH = 32;

/** Everruns' key format (`SECRETS_ENCRYPTION_KEY`): a version label, then 32 random bytes in standard base64. */
export const ENCRYPTION_KEY_VERSION_LABEL = 'kek-v1';
export const ENCRYPTION_KEY_BYTES = 32;
/** The id of the placeholder previous key: no stored value is ever encrypted with it. */
export const UNUSED_KEY_LABEL = 'kek-unused';
export const AUTH_JWT_SECRET_LENGTH = 64;
export const AUTH_ADMIN_PASSWORD_LENGTH = 24;

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
 * The control-plane line's database, next to the Temporal line's `everruns`
 * in the same instance: its migrations (squashed at 5b1404d) cannot run on a
 * database the Temporal line migrated, and a database of its own leaves the
 * old one intact for a rollback.
 */
export const CONTROL_PLANE_DATABASE = 'everruns_control_plane';

/**
 * Spec module 4: the generated database password and the three secrets ECS
 * reads, plus two the application needs: its encryption key and its auth
 * secrets, both generated at apply time. The spec's version has a dependency cycle (the secret needs the DB
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
  /**
   * `{name_prefix}/{environment}/encryption-key`: the `SECRETS_ENCRYPTION_KEY`
   * Everruns encrypts stored LLM provider keys with. Losing it loses them.
   */
  public readonly encryptionKey: SecretsmanagerSecret;
  public readonly encryptionKeyVersion: SecretsmanagerSecretVersion;
  /**
   * `{name_prefix}/{environment}/encryption-key-previous`: the
   * `SECRETS_ENCRYPTION_KEY_PREVIOUS` used while rotating. Outside a rotation it
   * holds an unused key with its own id (`kek-unused`): Everruns refuses an
   * empty one, and a task definition cannot drop a secret conditionally.
   */
  public readonly encryptionKeyPrevious: SecretsmanagerSecret;
  public readonly encryptionKeyPreviousVersion: SecretsmanagerSecretVersion;
  /** `{name_prefix}/{environment}/auth`: `jwt_secret` (signs sessions) and `admin_password` (the admin's login). */
  public readonly auth: SecretsmanagerSecret;
  public readonly authVersion: SecretsmanagerSecretVersion;
  /**
   * `{name_prefix}/{environment}/database-control-plane`: the same login for
   * the control-plane line's own database (CONTROL_PLANE_DATABASE), which its
   * migrations create; the Temporal line's `everruns` database stays as it was.
   */
  public readonly controlPlaneDbCredentials: SecretsmanagerSecret;
  private databaseVersion?: SecretsmanagerSecretVersion;
  private controlPlaneDatabaseVersion?: SecretsmanagerSecretVersion;

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

    this.controlPlaneDbCredentials = secret(
      'control-plane-db-credentials',
      'database-control-plane',
      `DATABASE_URL (connection_string) of the control-plane line's database ${CONTROL_PLANE_DATABASE}`,
    );

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

    // Generated at apply time, so the key never appears in the synthesized JSON. prevent_destroy:
    // a new key would make every stored provider key unreadable (see the README on rotation).
    const keyBytes = new Bytes(this, 'encryption-key-bytes', {
      length: ENCRYPTION_KEY_BYTES,
      lifecycle: { preventDestroy: true },
    });
    this.encryptionKey = secret('encryption-key', 'encryption-key', 'Everruns SECRETS_ENCRYPTION_KEY (encrypts stored LLM provider keys)');
    // Terraform writes the first value only: a rotation (README) puts the new key here by hand.
    this.encryptionKeyVersion = new SecretsmanagerSecretVersion(this, 'encryption-key-version', {
      secretId: this.encryptionKey.id,
      secretString: `${ENCRYPTION_KEY_VERSION_LABEL}:${keyBytes.base64}`,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });
    const unusedBytes = new Bytes(this, 'encryption-key-previous-bytes', { length: ENCRYPTION_KEY_BYTES });
    this.encryptionKeyPrevious = secret(
      'encryption-key-previous',
      'encryption-key-previous',
      'Everruns SECRETS_ENCRYPTION_KEY_PREVIOUS: the old key during a rotation, an unused key otherwise',
    );
    this.encryptionKeyPreviousVersion = new SecretsmanagerSecretVersion(this, 'encryption-key-previous-version', {
      secretId: this.encryptionKeyPrevious.id,
      secretString: `${UNUSED_KEY_LABEL}:${unusedBytes.base64}`,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });

    const jwtSecret = new Password(this, 'auth-jwt-secret', { length: AUTH_JWT_SECRET_LENGTH, special: false });
    const adminPassword = new Password(this, 'auth-admin-password', {
      length: AUTH_ADMIN_PASSWORD_LENGTH,
      special: true,
      overrideSpecial: DB_PASSWORD_SPECIAL_CHARACTERS,
      minLower: 1,
      minUpper: 1,
      minNumeric: 1,
      minSpecial: 1,
    });
    this.auth = secret('auth', 'auth', 'Everruns AUTH_JWT_SECRET and the admin password (AUTH_ADMIN_PASSWORD)');
    this.authVersion = new SecretsmanagerSecretVersion(this, 'auth-version', {
      secretId: this.auth.id,
      secretString: Fn.jsonencode({ jwt_secret: jwtSecret.result, admin_password: adminPassword.result }),
    });

    this.node.addValidation({
      validate: () =>
        this.databaseVersion ? [] : [`Secrets "${this.node.path}": call storeDatabaseCredentials(database instance) so the database secret has a value.`],
    });
  }

  /** The control-plane database secret's value; exists once `storeDatabaseCredentials` ran. */
  public get controlPlaneDbCredentialsVersion(): SecretsmanagerSecretVersion {
    if (!this.controlPlaneDatabaseVersion) {
      throw new Error(`Secrets "${this.node.path}": call storeDatabaseCredentials before reading controlPlaneDbCredentialsVersion.`);
    }
    return this.controlPlaneDatabaseVersion;
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
    const credentials = (database: string) =>
      Fn.jsonencode({
        username: instance.username,
        password: this.dbPassword.result,
        host: instance.address,
        port: instance.port,
        database,
        connection_string: `postgres://${instance.username}:${this.dbPassword.result}@${instance.address}:${port}/${database}?sslmode=require`,
      });
    this.databaseVersion = new SecretsmanagerSecretVersion(this, 'db-credentials-version', {
      secretId: this.dbCredentials.id,
      secretString: credentials(instance.dbName),
    });
    this.controlPlaneDatabaseVersion = new SecretsmanagerSecretVersion(this, 'control-plane-db-credentials-version', {
      secretId: this.controlPlaneDbCredentials.id,
      secretString: credentials(CONTROL_PLANE_DATABASE),
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
