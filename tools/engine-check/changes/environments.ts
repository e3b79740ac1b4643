import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PLAN, runTofu, TofuResult } from '../harness/tofu';
import { DEFER_RESOURCE, TerraformJson, varFile, withDeferredDataSources } from '../harness/workspace';
import { CaseResult } from './suite';
import { planWithoutDestroys } from './deploy';
import { changesOf, ResourceChange } from './report';

/**
 * Two deployments bootstrapped from one checkout: the bootstrap
 * stack runs with its real local backend (no engine override), in a
 * directory laid out like the project, so `../../../terraform.bootstrap.tfstate`
 * and the workspace directory land where a user's would. The steps:
 *
 *  1. apply the fixture's deployment in the default workspace;
 *  2. plan a second environment in the same workspace: refused by the
 *     bootstrap's guard, with its message and nothing else;
 *  3. in the workspace `{prefix}-{environment}`: the plan only creates, and
 *     the apply writes its own state file;
 *  4. back in the default workspace the first deployment plans no changes,
 *     and the second workspace refuses the first deployment's tfvars.
 */

export const CASE_ID = 'bootstrap/second-environment';
const SECOND_ENVIRONMENT = 'demo';

interface Step {
  name: string;
  result: TofuResult;
}

const apply = ['apply', '-auto-approve', ...PLAN.slice(1)];

function prepare(stackDir: string, workDir: string, config: TerraformJson): void {
  mkdirSync(workDir, { recursive: true });
  for (const entry of readdirSync(stackDir)) {
    if (entry === '.terraform' || entry === '.terraform.lock.hcl' || entry.endsWith('.tfstate') || entry === 'cdk.tf.json') continue;
    cpSync(join(stackDir, entry), join(workDir, entry), { recursive: true });
  }
  // Data sources wait for a resource as in the other checks; the guard reads the state file with file().
  writeFileSync(join(workDir, 'cdk.tf.json'), JSON.stringify(withDeferredDataSources(config), null, 2));
  writeFileSync(join(workDir, 'engine_defer.tf.json'), JSON.stringify({ resource: { terraform_data: { [DEFER_RESOURCE]: {} } } }, null, 2));
}

/** Output with its line wrapping undone. */
const fold = (text: string) => text.replace(/[\s│]+/g, ' ');

/** The error paragraphs of tofu's output, on one line. */
function errorsOf(output: string): string {
  const errors = output.split(/\n(?=\s*Error: )/).slice(1).map((e) => fold(e).trim()).filter((e) => e.length > 0);
  return errors.length ? errors.join(' | ') : '(no error in the output)';
}

/** The bucket names a local state file holds. */
function bucketsIn(stateFile: string): string[] {
  if (!existsSync(stateFile)) return [];
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return (state.resources ?? [])
    .filter((r: TerraformJson) => r.type === 'aws_s3_bucket')
    .flatMap((r: TerraformJson) => r.instances.map((i: TerraformJson) => i.attributes.bucket));
}

export async function runSecondEnvironment(
  tofu: string,
  env: NodeJS.ProcessEnv,
  stack: { stackDir: string; config: TerraformJson },
  root: string,
  fixture: Record<string, unknown>,
): Promise<CaseResult> {
  const started = Date.now();
  const workDir = join(root, 'cdktf.out', 'stacks', 'bootstrap');
  prepare(stack.stackDir, workDir, stack.config);
  const runEnv = { ...env, TF_DATA_DIR: join(workDir, '.terraform') };
  const first: Record<string, unknown> = { ...fixture };
  const second: Record<string, unknown> = { ...fixture, environment: SECOND_ENVIRONMENT };
  const prefix = String(fixture.name_prefix ?? 'everruns');
  const deployment = `${prefix}-${SECOND_ENVIRONMENT}`;
  const firstBucket = `${prefix}-terraform-state-${first.environment ?? 'production'}`;
  const secondBucket = `${prefix}-terraform-state-${SECOND_ENVIRONMENT}`;
  const firstVars = varFile(workDir, 'first.tfvars.json', stack.config, first);
  const secondVars = varFile(workDir, 'second.tfvars.json', stack.config, second);

  const steps: Step[] = [];
  const problems: string[] = [];
  let changes: ResourceChange[] = [];
  const run = async (name: string, args: string[]) => {
    const result = await runTofu(tofu, args, workDir, runEnv);
    steps.push({ name, result });
    return result;
  };
  const expectOk = (step: string, r: TofuResult) => r.code === 0 || (problems.push(`${step} failed`), false);

  const flow = async () => {
    if (!expectOk('init', await run('init', ['init', '-input=false', '-no-color']))) return;
    if (!expectOk(`apply ${first.environment}`, await run('apply first', [...apply, `-var-file=${firstVars}`]))) return;

    const sameState = await run('plan second in default', [...PLAN, `-var-file=${secondVars}`]);
    if (sameState.code === 0) problems.push(`planning ${SECOND_ENVIRONMENT} on ${first.environment}'s state was not refused`);
    else if (!fold(sameState.output).includes(`holds the bootstrap of ${firstBucket}, not of ${secondBucket}`)) {
      problems.push(`the refusal does not name the bucket the state holds: ${errorsOf(sameState.output)}`);
    }
    else if (/Instance cannot be destroyed/.test(sameState.output)) problems.push('the refusal comes with prevent_destroy errors: the guard ran too late');

    if (!expectOk('workspace new', await run('workspace new', ['workspace', 'new', '-no-color', deployment]))) return;
    const planned = await run('plan second', [...PLAN, `-var-file=${secondVars}`]);
    if (!expectOk(`plan ${SECOND_ENVIRONMENT}`, planned)) return;
    // The plan's own headlines are enough here: `show -json` is only needed for replace paths, and a replace is a failure.
    const summary = planWithoutDestroys(planned.output);
    if (!summary) return void problems.push(`the ${SECOND_ENVIRONMENT} plan destroys or replaces something: ${fold(/Plan: [^\n]*/.exec(planned.output)?.[0] ?? '')}`);
    changes = changesOf(summary, new Set());
    const notCreated = changes.filter((c) => c.action !== 'create');
    if (notCreated.length) problems.push(`the ${SECOND_ENVIRONMENT} plan does not only create: ${notCreated.map((c) => `${c.action} ${c.address}`).join(', ')}`);
    if (!expectOk(`apply ${SECOND_ENVIRONMENT}`, await run('apply second', [...apply, `-var-file=${secondVars}`]))) return;

    const wrongTfvars = await run('plan first in second workspace', [...PLAN, `-var-file=${firstVars}`]);
    if (wrongTfvars.code === 0 || !fold(wrongTfvars.output).includes(`The workspace "${deployment}" is for another deployment`)) {
      problems.push(`the ${deployment} workspace did not refuse the ${first.environment} tfvars with the workspace message: ${errorsOf(wrongTfvars.output)}`);
    }
    if (!expectOk('workspace select default', await run('workspace select', ['workspace', 'select', '-no-color', 'default']))) return;
    const again = await run('plan first again', [...PLAN, `-var-file=${firstVars}`]);
    if (again.code !== 0 || !/No changes\./.test(again.output)) problems.push(`${first.environment} no longer plans without changes after ${SECOND_ENVIRONMENT} was applied`);

    const firstState = bucketsIn(join(root, 'terraform.bootstrap.tfstate'));
    const secondState = bucketsIn(join(root, 'terraform.bootstrap.tfstate.d', deployment, 'terraform.tfstate'));
    if (JSON.stringify(firstState) !== JSON.stringify([firstBucket])) problems.push(`terraform.bootstrap.tfstate holds ${JSON.stringify(firstState)}, not [${firstBucket}]`);
    if (JSON.stringify(secondState) !== JSON.stringify([secondBucket])) {
      problems.push(`terraform.bootstrap.tfstate.d/${deployment}/terraform.tfstate holds ${JSON.stringify(secondState)}, not [${secondBucket}]`);
    }
  };
  await flow();

  const failed = steps.find((s) => s.result.code !== 0 && !/second in default|first in second/.test(s.name));
  return {
    case: { id: CASE_ID, stack: 'bootstrap', kind: 'routine', vars: {} },
    ok: problems.length === 0,
    changes,
    problems,
    refused: [],
    ms: Date.now() - started,
    output: problems.length && failed ? failed.result.output : undefined,
  };
}
