import { defaultStacks, PRODUCTION_REQUIRED } from '../default-stacks';
import { variablesOnly, violations } from '../variable-rules';

// The ECS variables' rules, evaluated by OpenTofu (the second test tier: it spawns the engine).
const { json } = defaultStacks().production;
const SECRETS = PRODUCTION_REQUIRED;
const rules = variablesOnly(json);

describe('production stack: ECS variable rules (run by OpenTofu)', () => {
  test('accept realistic values', async () => {
    const values = {
      log_retention_days: 0,
      temporal_version: '1.30.6',
      temporal_server_image: 'ghcr.io/acme/temporal-server',
      ui_health_check_success_codes: '200,307',
      api_desired_count: 0,
      worker_desired_count: 4,
    };
    expect(await violations(rules, values, SECRETS)).toEqual([]);
  });

  test.concurrent.each<[string, unknown, string]>([
    ['log_retention_days', 45, 'The log_retention_days 45 is not a CloudWatch Logs retention: use one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.'],
    ['temporal_version', 'latest', 'The temporal_version "latest" is not a Temporal release such as 1.31.2: use MAJOR.MINOR.PATCH.'],
    ['temporal_server_image', 'temporalio/server:1.31.2', 'The temporal_server_image "temporalio/server:1.31.2" is not an image name without tag such as temporalio/server.'],
    ['ui_health_check_success_codes', '2xx', 'The ui_health_check_success_codes "2xx" is not valid: use HTTP codes and ranges such as 200, 200,307 or 200-399.'],
    ['api_desired_count', 5, 'The api_desired_count 5 is not valid: use a whole number from 0 to 4.'],
    ['worker_desired_count', 1.5, 'The worker_desired_count 1.5 is not valid: use a whole number from 0 to 4.'],
  ])('%s = %p is rejected', async (variable, value, message) => {
    expect(await violations(rules, { [variable]: value }, SECRETS)).toEqual([{ variable, message }]);
  });
});
