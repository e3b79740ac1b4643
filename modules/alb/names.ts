import { Token } from 'cdktn';
import { MAX_ENVIRONMENT_LENGTH, MAX_NAME_PREFIX_LENGTH } from '../../lib/limits';

/** AWS's limit on load balancer and target group names. */
export const MAX_LB_NAME_LENGTH = 32;

/**
 * `{namePrefix}-{environment}[-suffix]`, checked against the 32-character
 * limit of ALB and target group names. A Terraform variable (a token) counts
 * at the longest value its validation allows (lib/limits.ts), so the check
 * holds for every environment a user can choose.
 */
export function lbName(namePrefix: string, environment: string, suffix?: string): string {
  const name = [namePrefix, environment, suffix].filter((part) => part !== undefined).join('-');
  const longest =
    (Token.isUnresolved(namePrefix) ? MAX_NAME_PREFIX_LENGTH : namePrefix.length) +
    1 +
    (Token.isUnresolved(environment) ? MAX_ENVIRONMENT_LENGTH : environment.length) +
    (suffix === undefined ? 0 : suffix.length + 1);
  if (longest > MAX_LB_NAME_LENGTH) {
    throw new Error(
      `The load balancer name "${name}" can be ${longest} characters long; AWS allows ${MAX_LB_NAME_LENGTH}. ` +
        'Use a shorter name prefix or environment.',
    );
  }
  return name;
}
