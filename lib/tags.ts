/** The product name: the spec's `Project` tag and the default name prefix. */
export const PROJECT = 'everruns';

/**
 * Stack-wide tags applied through the AWS provider's `default_tags` (spec,
 * "Main Module Composition"). Modules add their own `Name` tags on top.
 */
export function defaultTags(environment: string): Record<string, string> {
  return {
    Project: PROJECT,
    Environment: environment,
    ManagedBy: 'terraform',
  };
}
