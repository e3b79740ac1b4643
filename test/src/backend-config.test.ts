import { backendSettingsFrom, parseBackendConfig } from '../../src/backend-config';
import { ConfigError } from '../../src/errors';

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

  test('reports HCL syntax errors with the file name', async () => {
    await expect(parseBackendConfig('bucket = "unterminated\n', 'backend.config')).rejects.toThrow(
      /^backend\.config: not valid HCL: .*Unterminated template string/s,
    );
  });
});

describe('backend.config errors name the key, the value and the fix', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      'a misspelled key',
      { ...valid, dynamodb_tabel: 'x' },
      'backend.config: unknown setting "dynamodb_tabel" (did you mean "dynamodb_table"?); known settings: bucket, key, region, encrypt, dynamodb_table, use_lockfile, kms_key_id, profile, workspace_key_prefix.',
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
      'backend.config: no state locking; set use_lockfile = true (Terraform >= 1.10) or dynamodb_table = "<the bootstrap stack\'s dynamodb_table_name>".',
    ],
  ])('%s', (_case, parsed, message) => {
    expect(problemsOf(parsed)).toEqual([message]);
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
