import { ProductionStack } from '../../stacks/production-stack';
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
});
