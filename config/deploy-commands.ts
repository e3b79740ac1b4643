import { isAbsolute, join, resolve } from 'path';
import { DEFAULT_BACKEND_CONFIG_FILE } from './synth-config';

/**
 * The engine commands of `npm run plan|apply|destroy -- <stack>` (bin/deploy.ts), built
 * without running anything so that they can be tested: which directory, which init,
 * which var files, which of the user's flags go where.
 */

export const ACTIONS = ['plan', 'apply', 'destroy'] as const;
export type Action = (typeof ACTIONS)[number];
export const STACKS = ['production', 'bootstrap'] as const;
export type StackName = (typeof STACKS)[number];
export const ENGINES = ['terraform', 'tofu'] as const;

export interface DeployRequest {
  readonly action: Action;
  readonly stack: StackName;
  /** The CLI: `terraform`, `tofu`, or a path to either. */
  readonly engine: string;
  /** The engine's own flags, passed through (`-auto-approve`, `-input=false`, `-target=...`). */
  readonly engineFlags: readonly string[];
  /** Skip `npm run check` before the engine runs. */
  readonly skipCheck: boolean;
}

export interface EngineCommand {
  readonly args: readonly string[];
  /** The stack's synthesized directory. */
  readonly cwd: string;
}

export const USAGE =
  'usage: npm run plan|apply|destroy -- production|bootstrap [--engine terraform|tofu] [--no-check] [engine flags such as -auto-approve -input=false]';

/**
 * Reads `<action> <stack> [--engine X] [--no-check] [flags...]`. The engine: --engine, else
 * TF_ENGINE, else the first of terraform and tofu that is installed.
 */
export function parseDeployArgs(argv: readonly string[], env: NodeJS.ProcessEnv, installed: () => string[]): DeployRequest {
  const [action, ...rest] = argv;
  if (!ACTIONS.includes(action as Action)) throw new Error(`unknown action "${action ?? ''}"; ${USAGE}`);
  let stack: StackName | undefined;
  let engine: string | undefined;
  let skipCheck = false;
  const engineFlags: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--engine') engine = rest[++i];
    else if (arg.startsWith('--engine=')) engine = arg.slice('--engine='.length);
    else if (arg === '--no-check') skipCheck = true;
    else if (arg.startsWith('-')) engineFlags.push(arg);
    else if (stack === undefined && STACKS.includes(arg as StackName)) stack = arg as StackName;
    else throw new Error(`unexpected "${arg}": name the stack (production or bootstrap) once; ${USAGE}`);
  }
  if (!stack) throw new Error(`name the stack: production or bootstrap; ${USAGE}`);
  engine = engine || env.TF_ENGINE || installed()[0];
  if (!engine) throw new Error('neither terraform nor tofu is installed (or on the PATH): install one, or name it with --engine or TF_ENGINE.');
  return { action: action as Action, stack, engine, engineFlags, skipCheck };
}

/** Flags `init` must also get: without -input=false there, CI would still hang at an init prompt. */
const INIT_FLAGS = ['-input=false', '-no-color'];

/**
 * init, then the action, in the stack's directory. Production: the S3 backend from
 * backend.config (absolute path; -reconfigure, so switching backend.config never asks to
 * migrate one deployment's state into another's), the project root's tfvars files. Bootstrap:
 * its local state as the stack embeds it (terraform.bootstrap.tfstate in the project root), and only the variables it
 * declares (`-var`), taken from the same tfvars values, so no undeclared-variable warnings.
 */
export function engineCommands(
  request: DeployRequest,
  root: string,
  options: { tfvarsFiles: readonly string[]; backendConfigFile?: string; bootstrapValues?: Readonly<Record<string, unknown>> },
): EngineCommand[] {
  const cwd = join(root, 'cdktf.out', 'stacks', request.stack);
  const initFlags = request.engineFlags.filter((f) => INIT_FLAGS.includes(f));
  const init =
    request.stack === 'production'
      ? ['init', '-reconfigure', `-backend-config=${absolute(root, options.backendConfigFile ?? DEFAULT_BACKEND_CONFIG_FILE)}`, ...initFlags]
      : ['init', ...initFlags];
  const values =
    request.stack === 'production'
      ? options.tfvarsFiles.map((file) => `-var-file=${absolute(root, file)}`)
      : Object.entries(options.bootstrapValues ?? {}).flatMap(([name, value]) => ['-var', `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`]);
  return [
    { cwd, args: init },
    { cwd, args: [request.action, ...values, ...request.engineFlags] },
  ];
}

function absolute(root: string, file: string): string {
  return isAbsolute(file) ? file : resolve(root, file);
}

/** What a long wait is, said once per kind: matched on the engine's `Still creating... [5m0s elapsed]` lines. */
export const WAITS: ReadonlyArray<{ readonly pattern: RegExp; readonly after: number; readonly say: string }> = [
  {
    pattern: /^aws_db_instance\.\S+: Still creating/,
    after: 60,
    say: 'RDS is creating the PostgreSQL instance: typically 10-15 minutes in all.',
  },
  {
    pattern: /^aws_db_instance\.\S+: Still modifying/,
    after: 60,
    say: 'RDS is modifying the instance (a major version upgrade or a class change): 10-30 minutes.',
  },
  {
    pattern: /^aws_db_instance\.\S+: Still destroying/,
    after: 60,
    say: 'RDS is deleting the instance: typically 5-10 minutes.',
  },
  {
    pattern: /^aws_acm_certificate_validation\.\S+: Still creating/,
    after: 60,
    say:
      'ACM is waiting for the DNS validation record: a few minutes once it is published (automatic with route53_zone_id); ' +
      'otherwise publish the CNAME that `terraform output` lists for the certificate. It gives up after 75 minutes.',
  },
  {
    pattern: /^aws_ecs_service\.\S+: Still (creating|modifying)/,
    after: 120,
    say: 'ECS is waiting for the service\'s tasks to become healthy: usually 2-5 minutes; longer means tasks fail to start (see the service\'s events).',
  },
  {
    pattern: /^aws_lb\.\S+: Still creating/,
    after: 60,
    say: 'The load balancer is being provisioned: typically 2-4 minutes.',
  },
  {
    pattern: /^aws_nat_gateway\.\S+: Still (creating|destroying)/,
    after: 60,
    say: 'The NAT gateway takes 1-3 minutes to create and up to 5 to delete.',
  },
];

/** Seconds in `[5m0s elapsed]` or `[1h2m3s elapsed]`. */
export function elapsedSeconds(line: string): number | undefined {
  const m = /\[(?:(\d+)h)?(?:(\d+)m)?(\d+)s elapsed\]/.exec(line);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3]) : undefined;
}

/** A watcher of the engine's output lines that returns each wait's explanation once. */
export function waitExplainer(): (line: string) => string | undefined {
  const said = new Set<string>();
  return (line) => {
    // Without colour codes the line starts with the address.
    const plain = line.replace(/\u001b\[[0-9;]*m/g, '').trim();
    const elapsed = elapsedSeconds(plain);
    if (elapsed === undefined) return undefined;
    const wait = WAITS.find((w) => w.pattern.test(plain) && elapsed >= w.after);
    if (!wait || said.has(wait.say)) return undefined;
    said.add(wait.say);
    return wait.say;
  };
}
