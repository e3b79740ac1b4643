import { ProductionStack } from '../../stacks/production/stack';
import { defaultStacks } from '../default-stacks';
import { synthesize } from '../helpers';

describe('production stack: S3 backend', () => {
  test('without backend.config it is partial, completed by terraform init -backend-config', () => {
    const { json } = defaultStacks().production;
    expect(json.terraform.backend).toEqual({ s3: {} });
  });

  test('with backend.config its values are embedded, so cdktf deploy needs no flags', () => {
    const backend = {
      bucket: 'everruns-terraform-state-production',
      key: 'production/terraform.tfstate',
      region: 'us-east-1',
      encrypt: true,
      use_lockfile: true,
      dynamodb_table: 'everruns-terraform-locks-production',
    };
    const { json } = synthesize((app) => new ProductionStack(app, 'production', { backend }));
    expect(json.terraform.backend).toEqual({ s3: backend });
  });

  test('an embedded use_lockfile raises required_version to 1.10, so an older engine stops at init naming its version', () => {
    const backend = { bucket: 'b-1', key: 'production/terraform.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true };
    expect(synthesize((app) => new ProductionStack(app, 'production', { backend })).json.terraform.required_version).toBe('>= 1.10.0');
    expect(defaultStacks().production.json.terraform.required_version).toBe('>= 1.5.0');
  });

  test('nested settings are embedded as attributes, as the backend block takes them', () => {
    const backend = {
      bucket: 'b-1',
      key: 'production/terraform.tfstate',
      region: 'us-east-1',
      encrypt: true,
      dynamodb_table: 't',
      assume_role: { role_arn: 'arn:aws:iam::123456789012:role/deployer' },
    };
    const { json } = synthesize((app) => new ProductionStack(app, 'production', { backend }));
    expect(json.terraform.backend.s3.assume_role).toEqual({ role_arn: 'arn:aws:iam::123456789012:role/deployer' });
  });
});
