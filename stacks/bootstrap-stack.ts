import { LocalBackend, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { BootstrapState } from '../modules/bootstrap-state';
import { AddressedStack } from '../src/addresses';
import { awsProvider } from '../src/providers';
import { daysVariable, environmentVariable, namePrefixVariable, regionVariable } from '../src/variables';

/** Where the production stack keeps its state inside the bucket (the spec's key). */
export const PRODUCTION_STATE_KEY = 'production/terraform.tfstate';

/**
 * The `bootstrap` stack (spec module 1): the state bucket and lock table the
 * production stack's S3 backend uses. Its own state is local, because the
 * bucket it would live in does not exist yet; the README shows how to move it
 * into the bucket afterwards.
 */
export class BootstrapStack extends AddressedStack {
  public readonly state: BootstrapState;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const environment = environmentVariable(this);
    const region = regionVariable(this);
    const namePrefix = namePrefixVariable(this);
    const noncurrentDays = daysVariable(
      this,
      'state_noncurrent_version_expiration_days',
      'Days a superseded version of a state file is kept in the bucket before S3 deletes it',
      90,
      1,
      3650,
    );

    // Relative to cdktf.out/stacks/bootstrap, where terraform runs: the state
    // file lands in the project root, out of the regenerated cdktf.out.
    new LocalBackend(this, { path: '../../../terraform.bootstrap.tfstate' });
    awsProvider(this, region.stringValue, environment.stringValue);

    this.state = new BootstrapState(this, 'state', {
      namePrefix: namePrefix.stringValue,
      environment: environment.stringValue,
      noncurrentVersionExpirationDays: noncurrentDays.numberValue,
    });

    new TerraformOutput(this, 'state_bucket_name', {
      description: 'Name of the S3 bucket that holds Terraform state',
      value: this.state.bucket.id,
    });
    new TerraformOutput(this, 'dynamodb_table_name', {
      description: 'Name of the DynamoDB table that locks Terraform state',
      value: this.state.lockTable.name,
    });
    new TerraformOutput(this, 'backend_config', {
      description: 'Content of backend.config for the production stack (save it next to cdktf.json)',
      value: [
        `bucket         = "${this.state.bucket.id}"`,
        `key            = "${PRODUCTION_STATE_KEY}"`,
        `region         = "${region.stringValue}"`,
        `dynamodb_table = "${this.state.lockTable.name}"`,
        'encrypt        = true',
        '',
      ].join('\n'),
    });
  }
}
