import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { bundledTofuPath, installedEngines } from './engines';

/**
 * The CLI that evaluates the variable rules: TERRAFORM_BINARY_NAME when set,
 * otherwise the OpenTofu the project installs for its engine check (same
 * version everywhere, no network), otherwise terraform or tofu on the PATH.
 */
export function ruleEngine(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TERRAFORM_BINARY_NAME) return env.TERRAFORM_BINARY_NAME;
  const bundled = bundledTofuPath();
  if (bundled) return bundled;
  return installedEngines(env)[0]?.command;
}

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
}

/**
 * What the production stack's variable rules say about the tfvars files,
 * before any plan: the stack's `variable` blocks alone (no provider, no
 * backend, so nothing is downloaded or contacted) planned with the files.
 * One line per refused value, `file-or-files: message`; the messages are the
 * rules' own, which never show a sensitive value. A variable the files leave
 * unset is not reported (it may come from TF_VAR_* or -var).
 */
export function variableRuleProblems(
  engine: string,
  variables: Record<string, unknown>,
  files: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'everruns-rules-'));
  try {
    writeFileSync(join(dir, 'rules.tf.json'), JSON.stringify({ variable: variables }));
    const run = (args: string[]) =>
      spawnSync(engine, args, {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...env, TF_DATA_DIR: join(dir, '.terraform'), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' },
      });
    const init = run(['init', '-input=false', '-backend=false', '-no-color']);
    if (init.status !== 0) return [];
    const plan = run(['plan', '-input=false', '-lock=false', '-refresh=false', '-json', ...files.map((f) => `-var-file=${resolve(cwd, f)}`)]);
    const diagnostics = (plan.stdout ?? '')
      .split('\n')
      .flatMap((line) => {
        try {
          const parsed = JSON.parse(line) as { type?: string; diagnostic?: Diagnostic };
          return parsed.type === 'diagnostic' && parsed.diagnostic ? [parsed.diagnostic] : [];
        } catch {
          return [];
        }
      })
      .filter((d) => d.severity === 'error' && d.summary === 'Invalid value for variable');
    const where = files.join(', ');
    // The engine adds where the rule sits in the scratch file, which means nothing to the user.
    const message = (d: Diagnostic) => (d.detail ?? '').replace(/\s+/g, ' ').replace(/ This was checked by the validation rule at .*$/, '').trim();
    return [...new Set(diagnostics.map((d) => `${where}: ${message(d)}`))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
