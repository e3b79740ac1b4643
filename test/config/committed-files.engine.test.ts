import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseBackendConfig } from '../../config/backend-config';
import { defaultStacks } from '../default-stacks';
import { engineCopyNotes } from '../../tools/engine-check/harness/workspace';

const ROOT = join(__dirname, '..', '..');

describe('nothing that holds a secret is committed by accident', () => {
  const ignored = (paths: string[]) =>
    spawnSync('git', ['check-ignore', '--no-index', ...paths], { cwd: ROOT, encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);

  test('every tfvars and backend file the docs and tools name is ignored', () => {
    const files = [
      'terraform.tfvars',
      'terraform.tfvars.json',
      'terraform.tfvars.new',
      'prod.auto.tfvars',
      'prod.auto.tfvars.json',
      'old.tfvars',
      'staging.tfvars.json',
      'backend.config',
      'backend.prod.config',
      'cdktf.out/stacks/production/terraform.tfvars',
    ];
    expect(ignored(files)).toEqual(files);
  });

  test('the examples and the engine check\'s dummy fixtures stay tracked', () => {
    expect(ignored(['terraform.tfvars.example', 'backend.config.example', 'tools/engine-check/fixtures/tfvars/production.tfvars.json'])).toEqual([]);
  });
});

describe('backend.config.example agrees with the bootstrap and the tools', () => {
  test('its settings are the ones the bootstrap\'s backend_config output writes, use_lockfile commented out as there', async () => {
    const example = readFileSync(join(ROOT, 'backend.config.example'), 'utf8');
    const written = String(defaultStacks().bootstrap.json.output.backend_config.value);
    const keys = (text: string) => [...text.matchAll(/^(\w+)\s*=/gm)].map((m) => m[1]).sort();
    expect(keys(example)).toEqual(keys(written));
    expect(example).toMatch(/^# use_lockfile = true$/m);
    expect(written).toMatch(/^# use_lockfile = true$/m);
    const settings = await parseBackendConfig(example, 'backend.config.example');
    expect(settings.use_lockfile).toBeUndefined();
  });

  test('an embedded use_lockfile is named to the user by the engine tools, which check a copy without the 1.10 requirement', () => {
    const config = { terraform: { required_version: '>= 1.10.0', backend: { s3: { bucket: 'b', use_lockfile: true } } } };
    expect(engineCopyNotes(config)).toEqual([
      'backend.config sets use_lockfile, so the stack requires Terraform or OpenTofu >= 1.10.0 (required_version); the offline engine ' +
        '(OpenTofu 1.6.2) replaces the S3 backend with a local one, so it checks a copy without that requirement.',
    ]);
    expect(engineCopyNotes({ terraform: { backend: { s3: { bucket: 'b' } } } })).toEqual([]);
  });
});
