import { backendSettingsFrom, parseBackendConfig } from '../../config/backend-config';
import { ConfigError } from '../../config/errors';
import { EngineVersion } from '../../config/s3-backend-schema';

const valid = {
  bucket: 'everruns-terraform-state-production',
  key: 'production/terraform.tfstate',
  region: 'us-east-1',
  dynamodb_table: 'everruns-terraform-locks-production',
  encrypt: true,
};

function problemsOf(parsed: Record<string, unknown>): readonly string[] {
  try {
    backendSettingsFrom(parsed, 'backend.config');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('backend.config parsing', () => {
  test('parses HCL with the real parser, both locking styles', async () => {
    await expect(
      parseBackendConfig(
        'bucket = "b-1"\nkey = "production/terraform.tfstate"\nregion = "eu-west-2"\nuse_lockfile = true\ndynamodb_table = "t"\n',
        'backend.config',
      ),
    ).resolves.toEqual({
      bucket: 'b-1',
      key: 'production/terraform.tfstate',
      region: 'eu-west-2',
      use_lockfile: true,
      dynamodb_table: 't',
      encrypt: true,
    });
  });

  test('keeps encrypt = true when the file omits it (state holds the database password)', () => {
    const { encrypt: _omitted, ...rest } = valid;
    expect(backendSettingsFrom(rest, 'backend.config').encrypt).toBe(true);
  });

  test('reports HCL syntax errors one per line, with file, line and column', async () => {
    const problems = await parseBackendConfig('bucket = \nkey = "x"\nregion = = "y"\nfoo bar baz\n', 'backend.config').catch((e: ConfigError) => e.problems);
    expect(problems).toEqual([
      'backend.config:1,10: Invalid expression (Expected the start of an expression, but found an invalid expression token.)',
      'backend.config:4,12: Invalid block definition (A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.)',
    ]);
  });

  test('caps the list of syntax errors, counting the rest', async () => {
    // Seven lines that each read as a block header without a body: seven errors from the parser.
    const text = Array.from({ length: 8 }, (_, i) => `b${i} x y`).join('\n');
    const problems = (await parseBackendConfig(text, 'backend.config').catch((e: ConfigError) => e.problems)) as readonly string[];
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^backend\.config:1,\d+: Invalid block definition/);
    expect(problems[5]).toMatch(/^backend\.config: \d+ more syntax errors not shown; fix the ones above first\.$/);
  });
});

describe('backend.config errors name the key, the value and the fix', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      'a misspelled key',
      { ...valid, dynamodb_tabel: 'x' },
      'backend.config: unknown setting "dynamodb_tabel" (did you mean "dynamodb_table"?); the README (Configure the production backend) lists every s3 backend setting.',
    ],
    [
      'a missing bucket',
      { key: valid.key, region: valid.region, use_lockfile: true },
      'backend.config: missing "bucket"; see backend.config.example (the bootstrap stack\'s backend_config output has every value).',
    ],
    [
      'a quoted boolean',
      { ...valid, encrypt: 'yes' },
      'backend.config: encrypt must be a bool (true or false), got "yes".',
    ],
    [
      'a nested object written as a block',
      { ...valid, assume_role: [{ role_arn: 'arn:aws:iam::123456789012:role/deployer' }] },
      'backend.config: assume_role must be written as an attribute, assume_role = { ... } (with "="), not as a block.',
    ],
    [
      'a misspelled field inside an object (Terraform would drop it silently)',
      { ...valid, assume_role: { role_arn: 'arn:aws:iam::123456789012:role/deployer', sesion_name: 'ci' } },
      'backend.config: assume_role.sesion_name is not a field of assume_role (did you mean "session_name"?); its fields: role_arn, duration, external_id, policy, policy_arns, session_name, source_identity, tags, transitive_tag_keys.',
    ],
    [
      'a single file where a list is expected',
      { ...valid, shared_credentials_files: '~/.aws/credentials' },
      'backend.config: shared_credentials_files must be a list of strings such as ["a", "b"], got "~/.aws/credentials".',
    ],
    [
      'a credential, which synth would write into cdktf.out (its value is not shown)',
      { ...valid, secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      'backend.config: secret_key is a credential, and synth would write it into cdktf.out; remove it and use profile, assume_role or the AWS_* environment variables instead.',
    ],
    [
      'an invalid bucket name',
      { ...valid, bucket: 'Everruns_State' },
      'backend.config: bucket "Everruns_State" is not a valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens).',
    ],
    [
      'an invalid region',
      { ...valid, region: 'us-east' },
      'backend.config: region "us-east" is not an AWS region name such as us-east-1.',
    ],
    [
      'a key with a leading slash',
      { ...valid, key: '/production/terraform.tfstate' },
      'backend.config: key "/production/terraform.tfstate" must be a path inside the bucket such as production/terraform.tfstate.',
    ],
    [
      'encryption turned off',
      { ...valid, encrypt: false },
      'backend.config: encrypt = false would store state, which holds the database password, unencrypted; remove it or set encrypt = true.',
    ],
    [
      'no locking',
      { bucket: valid.bucket, key: valid.key, region: valid.region },
      'backend.config: no state locking; set dynamodb_table = "<the bootstrap stack\'s dynamodb_table_name>" (every version) or use_lockfile = true (Terraform and OpenTofu 1.10 or later).',
    ],
  ])('%s', (_case, parsed, message) => {
    expect(problemsOf(parsed)).toEqual([message]);
  });

  test('accepts every kind of s3 backend setting, type-checked, and keeps them for the backend block', async () => {
    const settings = await parseBackendConfig(
      [
        'bucket = "b-1"',
        'key = "production/terraform.tfstate"',
        'region = "eu-west-2"',
        'dynamodb_table = "t"',
        'profile = "deploy"',
        'shared_credentials_files = ["~/.aws/credentials"]',
        'kms_key_id = "alias/terraform"',
        'workspace_key_prefix = "envs"',
        'max_retries = 10',
        'assume_role = { role_arn = "arn:aws:iam::123456789012:role/deployer", session_name = "ci", tags = { team = "platform" } }',
        'endpoints = { s3 = "https://s3.eu-west-2.amazonaws.com" }',
      ].join('\n'),
      'backend.config',
    );
    expect(settings).toEqual(
      expect.objectContaining({
        shared_credentials_files: ['~/.aws/credentials'],
        max_retries: 10,
        assume_role: { role_arn: 'arn:aws:iam::123456789012:role/deployer', session_name: 'ci', tags: { team: 'platform' } },
        endpoints: { s3: 'https://s3.eu-west-2.amazonaws.com' },
      }),
    );
  });

  test('reports every problem at once', () => {
    expect(problemsOf({ bucket: 'x', regoin: 'us-east-1' })).toHaveLength(5);
  });
});

describe('backend.config holding Terraform output instead of settings', () => {
  const FIX = 'run `terraform output -raw backend_config > backend.config` in cdktf.out/stacks/bootstrap after a successful apply.';
  const message = async (contents: string) => {
    try {
      await parseBackendConfig(contents, 'backend.config');
    } catch (error) {
      return (error as Error).message;
    }
    return 'parsed';
  };

  test('the warning text of `terraform output` after a failed apply', async () => {
    const text = '╷\n│ Warning: No outputs found\n│\n│ The state file either has no outputs defined, or all the defined outputs\n╵\n';
    expect(await message(text)).toBe(
      `backend.config: holds Terraform's warning "No outputs found" instead of settings (the apply or the output command failed); ${FIX}`,
    );
  });

  test('colour codes copied from the terminal', async () => {
    expect(await message('\u001b[0mbucket = "everruns-terraform-state-production"\u001b[0m\n')).toBe(
      `backend.config: holds terminal colour codes, so it was captured from Terraform's screen output, not written by \`terraform output -raw\`; ${FIX}`,
    );
  });

  test('the heredoc of `terraform output` without -raw', async () => {
    expect(await message('<<EOT\nbucket = "everruns-terraform-state-production"\nEOT\n')).toBe(
      `backend.config: holds a heredoc (<<EOT): it was written by \`terraform output backend_config\` without -raw; ${FIX}`,
    );
  });
});

describe('backend.config settings that depend on the Terraform or OpenTofu version on this machine', () => {
  const tofu19 = { engine: 'opentofu' as const, version: '1.9.1', command: 'tofu' };
  const terraform111 = { engine: 'terraform' as const, version: '1.11.4', command: 'terraform' };
  const withEngines = (parsed: Record<string, unknown>, engines: EngineVersion[]) => {
    try {
      backendSettingsFrom(parsed, 'backend.config', () => engines);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  test('use_lockfile with OpenTofu 1.9 is explained at synth, naming both versions', () => {
    expect(withEngines({ ...valid, use_lockfile: true }, [tofu19])).toEqual([
      'backend.config: use_lockfile needs OpenTofu 1.10.0 or later, and tofu is OpenTofu 1.9.1. Remove it and keep dynamodb_table, or upgrade.',
    ]);
  });

  test('is accepted when one of the installed engines takes it (TERRAFORM_BINARY_NAME unset)', () => {
    expect(withEngines({ ...valid, use_lockfile: true }, [terraform111, tofu19])).toEqual([]);
  });

  test('an OpenTofu-only setting with Terraform', () => {
    expect(withEngines({ ...valid, state_tags: { team: 'platform' } }, [terraform111])).toEqual([
      'backend.config: state_tags is not accepted by Terraform (terraform is Terraform 1.11.4); it is OpenTofu-only.',
    ]);
  });

  test('no engine found: nothing to compare with, the setting passes (init will judge)', () => {
    expect(withEngines({ ...valid, use_lockfile: true }, [])).toEqual([]);
  });
});
