import { Fn, LocalBackend, Op, ref, TerraformOutput, Token } from 'cdktn';
import { Construct } from 'constructs';
import { BootstrapState } from '../../modules/bootstrap-state';
import { AddressedStack } from '../../lib/addresses';
import { awsProvider } from '../../lib/providers';
import { PRODUCTION_STATE_KEY, stateBucketName } from '../../lib/state-names';
import { daysVariable, environmentVariable, namePrefixVariable, regionVariable } from '../../lib/variables';

export { PRODUCTION_STATE_KEY } from '../../lib/state-names';

/**
 * The bootstrap's local state, relative to cdktf.out/stacks/bootstrap where
 * terraform runs: in the project root, out of the regenerated cdktf.out. The
 * default workspace keeps the file it always had; every other workspace (one
 * per further environment or prefix) gets `{dir}/{workspace}/terraform.tfstate`.
 */
export const BOOTSTRAP_STATE = { path: '../../../terraform.bootstrap.tfstate', workspaceDir: '../../../terraform.bootstrap.tfstate.d' } as const;

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

    new LocalBackend(this, { ...BOOTSTRAP_STATE });
    awsProvider(this, region.stringValue, environment.stringValue);

    // The state this plan runs on, read back: planning another environment or prefix on it would
    // replace the bucket and table it holds, so the plan stops first and says which workspace to use.
    // (terraform_remote_state cannot do this: it fails when the state does not exist yet.)
    const deployment = `${namePrefix.stringValue}-${environment.stringValue}`;
    const bucketName = stateBucketName(namePrefix.stringValue, environment.stringValue);
    this.addOverride('locals.bootstrap_state_file', `\${terraform.workspace == "default" ? "\${path.module}/${BOOTSTRAP_STATE.path}" : "\${path.module}/${BOOTSTRAP_STATE.workspaceDir}/\${terraform.workspace}/terraform.tfstate"}`);
    this.addOverride('locals.bootstrap_state_bucket', '${try(jsondecode(file(local.bootstrap_state_file)).outputs.state_bucket_name.value, "")}');
    const workspace = Token.asString(ref('terraform.workspace'));
    const priorBucket = Token.asString(ref('local.bootstrap_state_bucket'));
    this.addOverride('resource.terraform_data.deployment_guard', {
      lifecycle: {
        precondition: [
          {
            condition: Op.or(Op.eq(workspace, 'default'), Op.eq(workspace, deployment)),
            error_message:
              `The workspace "${workspace}" is for another deployment than ${deployment} (name_prefix-environment): ` +
              `run terraform workspace select -or-create ${deployment}, or plan with that workspace's tfvars.`,
          },
          {
            // `< 1` for "no bootstrap in this state yet": cdktf renders a literal "" operand of Op as `undefined`.
            condition: Op.or(Op.lt(Fn.lengthOf(priorBucket), 1), Op.eq(priorBucket, bucketName)),
            error_message:
              `This state (workspace "${workspace}") holds the bootstrap of ${priorBucket}, ` +
              `not of ${bucketName}: planning ${deployment} on it would replace that bucket and its lock table. ` +
              `Give each deployment its own workspace: terraform workspace select -or-create ${deployment}.`,
          },
        ],
      },
    });

    this.state = new BootstrapState(this, 'state', {
      namePrefix: namePrefix.stringValue,
      environment: environment.stringValue,
      noncurrentVersionExpirationDays: noncurrentDays.numberValue,
    });
    // Nothing is planned when the guard above fails: only its message is shown.
    for (const resource of [this.state.bucket, this.state.lockTable]) resource.addOverride('depends_on', ['terraform_data.deployment_guard']);

    new TerraformOutput(this, 'state_bucket_name', {
      description: 'Name of the S3 bucket that holds Terraform state',
      value: this.state.bucket.id,
    });
    new TerraformOutput(this, 'dynamodb_table_name', {
      description: 'Name of the DynamoDB table that locks Terraform state',
      value: this.state.lockTable.name,
    });
    new TerraformOutput(this, 'state_region', {
      description: 'Region of the state bucket and lock table',
      value: region.stringValue,
    });
    new TerraformOutput(this, 'backend_config', {
      description: 'Content of backend.config for the production stack (save it next to cdktf.json): DynamoDB locking, S3-native locking commented out',
      value: [
        `bucket         = "${this.state.bucket.id}"`,
        `key            = "${PRODUCTION_STATE_KEY}"`,
        `region         = "${region.stringValue}"`,
        `dynamodb_table = "${this.state.lockTable.name}"`,
        'encrypt        = true',
        '# S3-native locking (Terraform and OpenTofu 1.10 or later): uncomment to lock with a .tflock',
        '# object as well; once every user runs 1.10+, the dynamodb_table line can go.',
        '# use_lockfile = true',
        '',
      ].join('\n'),
    });
  }
}
