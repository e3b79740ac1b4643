import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { defaultTags } from './tags';

/** The AWS provider both stacks use: the region and the stack-wide tags come from Terraform variables. */
export function awsProvider(scope: Construct, region: string, environment: string): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region,
    defaultTags: [{ tags: defaultTags(environment) }],
  });
}
