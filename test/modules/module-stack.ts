import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { RandomProvider } from '@cdktn/provider-random/lib/provider';
import { AddressedStack } from '../../lib/addresses';
import { defaultStacks } from '../default-stacks';
import { synthesize } from '../helpers';

/** The production stack with its defaults. */
export function production() {
  return defaultStacks().production;
}

/** A bare stack with both providers, for building one module with literal props. */
export function moduleStack(build: (stack: AddressedStack) => void) {
  return synthesize((app) => {
    const stack = new AddressedStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new RandomProvider(stack, 'random');
    build(stack);
    return stack;
  });
}
