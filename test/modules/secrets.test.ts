import { DbInstance } from '@cdktn/provider-aws/lib/db-instance';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktn/provider-aws/lib/secretsmanager-secret-version';
import { Password } from '@cdktn/provider-random/lib/password';
import { Secrets } from '../../modules/secrets';
import { resource } from '../helpers';
import { moduleStack, production } from './module-stack';

const { text, json } = production();
const DB = 'aws_db_instance.database_main';
const PASSWORD = 'random_password.secrets_db_password.result';
const props = { namePrefix: 'everruns', environment: 'production', openaiApiKey: 'k', githubToken: 't', githubUsername: 'u' };

describe('secrets: database password', () => {
  test('is a random_password of 32 characters with only -_.~ as special characters', () => {
    expect(text).toHaveResourceWithProperties(Password, { length: 32, special: true, override_special: '-_.~' });
  });

  test('its special characters are none RDS rejects (/ " @ space) and none a URL would need escaped', () => {
    const special = resource(json, 'random_password', 'secrets_db_password').override_special as string;
    for (const character of ['/', '"', '@', ' ', ':', '?', '#', '[', ']', '%', '+', '&', '=']) {
      expect(special).not.toContain(character);
    }
  });
});

describe('secrets: the three secrets', () => {
  test.each([
    ['db_credentials', 'database'],
    ['openai_api_key', 'openai-api-key'],
    ['github_token', 'github-token'],
  ])('%s is named {name_prefix}/{environment}/%s with the configured recovery window', (name, suffix) => {
    expect(resource(json, 'aws_secretsmanager_secret', `secrets_${name}`)).toEqual(
      expect.objectContaining({
        name: `\${var.name_prefix}/\${var.environment}/${suffix}`,
        recovery_window_in_days: '${var.secret_recovery_window_days}',
      }),
    );
  });

  test('each secret has exactly one version in the same apply (ECS cannot read a secret without a value)', () => {
    const versions = Object.values(json.resource.aws_secretsmanager_secret_version).map((v: any) => v.secret_id).sort();
    expect(versions).toEqual([
      '${aws_secretsmanager_secret.secrets_auth.id}',
      '${aws_secretsmanager_secret.secrets_control_plane_db_credentials.id}',
      '${aws_secretsmanager_secret.secrets_db_credentials.id}',
      '${aws_secretsmanager_secret.secrets_encryption_key.id}',
      '${aws_secretsmanager_secret.secrets_encryption_key_previous.id}',
      '${aws_secretsmanager_secret.secrets_github_token.id}',
      '${aws_secretsmanager_secret.secrets_openai_api_key.id}',
    ]);
  });

  test('the database secret has the spec keys plus connection_string, all from the instance and the password', () => {
    expect(text).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
      secret_id: '${aws_secretsmanager_secret.secrets_db_credentials.id}',
      secret_string:
        `\${jsonencode({"username" = ${DB}.username, "password" = ${PASSWORD}, "host" = ${DB}.address, ` +
        `"port" = ${DB}.port, "database" = ${DB}.db_name, ` +
        `"connection_string" = "postgres://\${${DB}.username}:\${${PASSWORD}}@\${${DB}.address}:\${${DB}.port}/\${${DB}.db_name}?sslmode=require"})}`,
    });
  });

  test('the control-plane line gets the same login for its own database, everruns_control_plane', () => {
    expect(text).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
      secret_id: '${aws_secretsmanager_secret.secrets_control_plane_db_credentials.id}',
      secret_string:
        `\${jsonencode({"username" = ${DB}.username, "password" = ${PASSWORD}, "host" = ${DB}.address, ` +
        `"port" = ${DB}.port, "database" = "everruns_control_plane", ` +
        `"connection_string" = "postgres://\${${DB}.username}:\${${PASSWORD}}@\${${DB}.address}:\${${DB}.port}/everruns_control_plane?sslmode=require"})}`,
    });
  });

  test('the OpenAI secret is {"api_key": ...} from the sensitive variable', () => {
    expect(text).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
      secret_id: '${aws_secretsmanager_secret.secrets_openai_api_key.id}',
      secret_string: '${jsonencode({"api_key" = var.openai_api_key})}',
    });
  });

  test('the registry secret is {"username", "password"}, the form ECS repositoryCredentials reads (not the spec\'s {"token"})', () => {
    expect(text).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
      secret_id: '${aws_secretsmanager_secret.secrets_github_token.id}',
      secret_string: '${jsonencode({"username" = var.github_username, "password" = var.github_token})}',
    });
  });

  test('a literal recovery window defaults to 7 days', () => {
    const { text: own } = moduleStack((stack) => {
      new Secrets(stack, 'secrets', props).storeDatabaseCredentials(new DbInstance(stack, 'db', { instanceClass: 'db.t4g.micro' }));
    });
    expect(own).toHaveResourceWithProperties(SecretsmanagerSecret, { name: 'everruns/production/database', recovery_window_in_days: 7 });
  });
});

describe('secrets: no dependency cycle (the spec has one)', () => {
  test('the credentials version references the database instance', () => {
    const version = resource(json, 'aws_secretsmanager_secret_version', 'secrets_db_credentials_version');
    expect(version.secret_string).toContain(`${DB}.address`);
  });

  test('the database references the password, and no secret', () => {
    const instance = JSON.stringify(resource(json, 'aws_db_instance', 'database_main'));
    expect(resource(json, 'aws_db_instance', 'database_main').password).toBe(`\${${PASSWORD}}`);
    expect(instance).not.toContain('aws_secretsmanager');
  });

  test('forgetting storeDatabaseCredentials fails the synth with the fix', () => {
    expect(() => moduleStack((stack) => new Secrets(stack, 'secrets', props))).toThrow(
      'call storeDatabaseCredentials(database instance) so the database secret has a value.',
    );
  });

  test('a recovery window AWS refuses is rejected in the constructor', () => {
    expect(() => moduleStack((stack) => new Secrets(stack, 'secrets', { ...props, recoveryWindowInDays: 3 }))).toThrow(
      'Secrets recoveryWindowInDays is 3; AWS allows 0 (delete at once) or 7 to 30 days.',
    );
  });
});
