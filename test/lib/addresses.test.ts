import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { Testing } from 'cdktn';
import { Construct } from 'constructs';
import { AddressedStack, flattenAddresses } from '../../lib/addresses';

function stackWith(build: (stack: AddressedStack) => void): string {
  const stack = new AddressedStack(Testing.app(), 'test');
  build(stack);
  return Testing.synth(stack);
}

describe('Terraform addresses', () => {
  test('are the construct ids below the stack, snake_case, without a hash', () => {
    const json = JSON.parse(
      stackWith((stack) => new S3Bucket(new Construct(stack, 'database'), 'final-snapshots', { bucket: 'b' })),
    );
    expect(Object.keys(json.resource.aws_s3_bucket)).toEqual(['database_final_snapshots']);
  });

  test('leave out the ids of flattened scopes', () => {
    const json = JSON.parse(
      stackWith((stack) => {
        const module = new Construct(stack, 'state');
        flattenAddresses(module);
        new S3Bucket(module, 'terraform-state', { bucket: 'b' });
      }),
    );
    expect(Object.keys(json.resource.aws_s3_bucket)).toEqual(['terraform_state']);
  });

  test('two elements that would share an address fail the synth with both paths', () => {
    expect(() =>
      stackWith((stack) => {
        new S3Bucket(new Construct(stack, 'a'), 'b-c', { bucket: 'one' });
        new S3Bucket(new Construct(stack, 'a-b'), 'c', { bucket: 'two' });
      }),
    ).toThrow('Constructs "test/a/b-c" and "test/a-b/c" would both get the Terraform address "a_b_c"; give one of them another id.');
  });

  test('an id that does not give a snake_case address fails the synth', () => {
    expect(() => stackWith((stack) => new S3Bucket(stack, 'StateBucket', { bucket: 'b' }))).toThrow(
      'Construct path "test/StateBucket" gives the Terraform address "StateBucket", which is not snake_case; use lowercase kebab-case construct ids.',
    );
  });
});
