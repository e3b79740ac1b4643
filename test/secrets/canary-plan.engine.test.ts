import { execFile } from 'child_process';
import { promisify } from 'util';
import { defaultStacks, PRODUCTION_REQUIRED } from '../default-stacks';
import { TOFU, tofuEnv, variablesOnly } from '../variable-rules';

// A recognizable fake secret goes through every secret-bearing variable and every
// path of its rule (accepted, next to the placeholder, refused alongside another
// variable's error), planned by the real OpenTofu binary in its human and JSON
// output: it must appear nowhere a user or a CI log would see it.

const run = promisify(execFile);
const CANARY = 'sk-canary-9d41c7e2b8a65f30';
const production = variablesOnly(defaultStacks().production.json);

async function plan(values: Record<string, string>, json: boolean): Promise<string> {
  const args = ['plan', '-lock=false', '-input=false', '-refresh=false', '-no-color', ...(json ? ['-json'] : [])];
  for (const [name, value] of Object.entries({ ...PRODUCTION_REQUIRED, ...values })) args.push('-var', `${name}=${value}`);
  try {
    const { stdout, stderr } = await run(TOFU, args, { cwd: production, env: tofuEnv(production) });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return stdout + stderr;
  }
}

describe.each(['github_token', 'openai_api_key'])('a fake %s never reaches plan output', (variable) => {
  test.concurrent.each([
    ['accepted', CANARY, undefined],
    ['pasted next to the placeholder (accepted: the rule compares exactly)', `REPLACE-ME${CANARY}`, undefined],
    ['with another variable refused in the same plan', CANARY, { region: 'us-east-1a' }],
  ] as const)('%s', async (_case, value, others) => {
    for (const json of [false, true]) {
      const output = await plan({ [variable]: value, ...(others ?? {}) }, json);
      expect(output.length).toBeGreaterThan(0);
      expect(output).not.toContain(CANARY);
      expect(output).not.toContain('Invalid value for variable "' + variable);
    }
  });
});

// OpenTofu prints the value of a variable whose rule fails, sensitive or not
// (`var.github_token is "..."`). That is why the rules compare exactly: the only
// values they refuse, and so the only ones ever printed, are the placeholder and "".
test('the exact placeholder is still refused; the value printed is the placeholder, nothing else', async () => {
  const output = await plan({ github_token: 'ghp_REPLACE-ME' }, false);
  expect(output).toContain('The github_token is empty or still the placeholder from terraform.tfvars.example');
  expect(output).toContain('var.github_token is "ghp_REPLACE-ME"');
});
