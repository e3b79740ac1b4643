import { App, TerraformLocal, TerraformStack, Testing } from 'cdktn';
import { buildApp } from '../../bin/app';

// The app skips cdktn's prepare step (lib/addresses.ts); this is what that step would have changed.
test("cdktn's own prepare step changes nothing in either stack: the stacks share no reference", () => {
  const app = buildApp(Testing.app(), {
    backend: { bucket: 'state-bucket', key: 'production/terraform.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
  });
  const stacks = app.node.children.filter(TerraformStack.isStack);
  expect(stacks.map((stack) => stack.node.id)).toEqual(['bootstrap', 'production']);

  stacks.forEach((stack) => stack.prepareStack());
  const ours = stacks.map((stack) => Testing.synth(stack));
  stacks.forEach((stack) => TerraformStack.prototype.prepareStack.call(stack));
  const theirs = stacks.map((stack) => Testing.synth(stack));

  expect(ours).toEqual(theirs);
});

test('a reference from one stack into the other is what the comparison catches', () => {
  const app = Testing.app() as App;
  const [first, second] = [new TerraformStack(app, 'first'), new TerraformStack(app, 'second')];
  const origin = new TerraformLocal(first, 'origin', 'value');
  new TerraformLocal(second, 'user', origin.asString);
  const before = Testing.synth(first);
  TerraformStack.prototype.prepareStack.call(second);
  expect(Testing.synth(first)).not.toEqual(before);
});
