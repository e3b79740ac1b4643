import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { BackendSettings } from './backend-config';
import { checkTfvars, convertible, productionVariables, tfvarsFiles } from './tfvars-check';
import { RELEASE_LINES, releaseLineOf } from '../application/lines';
import { PRODUCTION_STATE_KEY, stateBucketName } from '../lib/state-names';
import { Diagnostic, offlinePlan } from '../tools/engine-check/offline-plan';

/**
 * What `npm run check` found about the production deployment, offline:
 * every problem at once (a wrong type and a refused value together), then
 * what it could not check and why.
 */
export interface DeploymentReport {
  /** The values or files `plan` would refuse, one sentence each. */
  readonly errors: string[];
  /** What `plan` would warn about (check blocks), and values allowed with a caveat. */
  readonly warnings: string[];
  /** What was not checked, and why. */
  readonly notChecked: string[];
  /** The sources of the values checked, e.g. `terraform.tfvars, TF_VAR_github_token`. */
  readonly sources: string[];
  /** Time of the offline plan, in ms (0 when none ran). */
  readonly planMs: number;
}

export interface DeploymentCheckInputs {
  /** The project root: terraform.tfvars and *.auto.tfvars are read from it. */
  readonly cwd: string;
  /** The synthesized app (`<outdir>/stacks/production/cdk.tf.json`). */
  readonly outdir: string;
  /** TF_VAR_* values are read from it. */
  readonly env: NodeJS.ProcessEnv;
  /** backend.config's settings, when there is one. */
  readonly backend?: BackendSettings;
  readonly backendSource?: string;
}

/** Dummy values for unset required variables, so that every other rule is still evaluated. */
const FIXTURE = join(__dirname, '..', 'tools', 'engine-check', 'fixtures', 'tfvars', 'production.tfvars.json');

/** What the data sources that some preconditions read tell, for the "not checked" lines. */
const DATA_MEANING: Record<string, string> = { aws_route53_zone: "the Route 53 zone's name and whether it is private" };

export async function checkDeployment(inputs: DeploymentCheckInputs): Promise<DeploymentReport> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const notChecked: string[] = [];
  const declared = productionVariables(inputs.outdir);

  // Terraform's order: environment first, then terraform.tfvars(.json), then *.auto.tfvars(.json).
  const values: Record<string, unknown> = {};
  const fromEnv: string[] = [];
  const rejected: string[] = [];
  for (const [name, variable] of Object.entries(declared)) {
    const raw = inputs.env[`TF_VAR_${name}`];
    if (raw === undefined) continue;
    fromEnv.push(`TF_VAR_${name}`);
    const value = await envValue(raw, variable.type ?? 'string');
    if (value === undefined || !convertible(variable.type ?? 'any', value)) {
      rejected.push(name);
      errors.push(`TF_VAR_${name}: not a ${variable.type}${variable.sensitive ? ' (value not shown: sensitive)' : `: ${JSON.stringify(raw)}`}.`);
    } else {
      values[name] = value;
    }
  }
  const files = tfvarsFiles(inputs.cwd);
  const set = new Set([...Object.keys(values), ...rejected]);
  errors.push(...(await checkTfvars(inputs.cwd, declared, set, values)));
  const sources = [...files, ...fromEnv];
  if (files.length === 0) {
    notChecked.push(
      `no terraform.tfvars or *.auto.tfvars in ${inputs.cwd}: only the defaults${fromEnv.length ? ' and TF_VAR_* variables' : ''} were checked, ` +
        'not the values you will deploy with (copy terraform.tfvars.example to terraform.tfvars).',
    );
  }

  const required = Object.entries(declared).filter(([, v]) => v.default === undefined).map(([name]) => name);
  // A value of the wrong type is reported as such above, not as missing; it is still planned with a dummy.
  const missing = required.filter((name) => values[name] === undefined);
  for (const name of missing.filter((n) => !set.has(n))) {
    errors.push(
      `${name} has no value: set it in terraform.tfvars or TF_VAR_${name}. Without it plan asks for it at the prompt, and fails with -input=false (CI).`,
    );
  }

  backendProblems(inputs, values, errors, notChecked);

  const tag = values.image_tag;
  if (typeof tag === 'string' && tag !== '' && releaseLineOf(tag) === undefined) {
    warnings.push(
      `image_tag "${tag}" is not a known commit of any release line (${Object.entries(RELEASE_LINES).map(([key, line]) => `${key} ${line.commits.window}`).join(', ')}; ` +
        `application/release-commits.ts), so nobody checked that it fits everruns_architecture ` +
        `"${values.everruns_architecture ?? declared.everruns_architecture?.default}".`,
    );
  }

  const fixture: Record<string, unknown> = existsSync(FIXTURE) ? JSON.parse(readFileSync(FIXTURE, 'utf8')) : {};
  const planned = { ...Object.fromEntries(missing.map((name) => [name, fixture[name]])), ...values };
  const plan = await offlinePlan(join(inputs.outdir, 'stacks', 'production'), planned);
  for (const d of plan.diagnostics) {
    const sentence = sentenceOf(d);
    if (d.severity === 'error') errors.push(sentence);
    else if (d.summary.startsWith('Check block assertion failed')) warnings.push(sentence);
  }
  if (!plan.planned) notChecked.push('the variable rules and preconditions: the offline engine could not initialise (see the errors above).');
  notChecked.push(...needAws(join(inputs.outdir, 'stacks', 'production', 'cdk.tf.json')));
  notChecked.push('what only AWS knows: credentials, quotas, names already taken (an S3 bucket name is global), the images existing in the registry.');
  return { errors: [...new Set(errors)], warnings: [...new Set(warnings)], notChecked, sources, planMs: plan.ms };
}

/** A TF_VAR_ value as Terraform reads it: a string as is, anything else as an HCL expression. */
async function envValue(raw: string, type: string): Promise<unknown> {
  if (type === 'string') return raw;
  const { parse } = await import('@cdktn/hcl2json');
  try {
    return (await parse('env', `value = ${raw}\n`)).value;
  } catch {
    return undefined;
  }
}

/** The rule's own sentence, without the engine's pointer into its scratch copy. */
function sentenceOf(d: Diagnostic): string {
  const detail = d.detail.replace(/\s+/g, ' ').replace(/ This was checked by the validation rule at .*$/, '').trim();
  const known = ['Invalid value for variable', 'Resource precondition failed', 'Check block assertion failed'];
  return known.some((s) => d.summary.startsWith(s)) ? detail : `${d.summary}${detail ? `: ${detail}` : ''}`;
}

/**
 * The deployment guard's backend rules, on backend.config itself: the offline
 * engine runs on a local backend, so it cannot see them.
 */
function backendProblems(inputs: DeploymentCheckInputs, values: Record<string, unknown>, errors: string[], notChecked: string[]): void {
  if (!inputs.backend) {
    notChecked.push(
      'the state backend: no backend.config (the bootstrap writes it: terraform output -raw backend_config); the production stack checks ' +
        'the bucket and key it was initialised with when it plans.',
    );
    return;
  }
  const prefix = String(values.name_prefix ?? 'everruns');
  const environment = String(values.environment ?? 'production');
  const expected = stateBucketName(prefix, environment);
  const file = inputs.backendSource ?? 'backend.config';
  if (inputs.backend.bucket !== expected) {
    errors.push(
      `${file}: bucket ${inputs.backend.bucket} is not the state bucket of ${prefix}-${environment} (name_prefix-environment), ${expected}: ` +
        'plan would run on another deployment\'s state. Use the backend.config its bootstrap wrote, or fix name_prefix and environment.',
    );
  }
  if (inputs.backend.key !== PRODUCTION_STATE_KEY) {
    errors.push(`${file}: key ${inputs.backend.key} is not the production stack's state, ${PRODUCTION_STATE_KEY} (the key the bootstrap's backend_config writes).`);
  }
}

/** The preconditions whose condition reads a data source (directly or through locals): unknown offline. */
function needAws(stackFile: string): string[] {
  const config = JSON.parse(readFileSync(stackFile, 'utf8'));
  const locals: Record<string, unknown> = config.locals ?? {};
  const dataIn = (text: string, seen: Set<string> = new Set()): string[] => {
    const direct = [...text.matchAll(/\bdata\.([a-z0-9_]+)\.([a-z0-9_]+)/g)].map((m) => `${m[1]}.${m[2]}`);
    const viaLocals = [...text.matchAll(/\blocal\.([a-z0-9_]+)/g)]
      .map((m) => m[1])
      .filter((name) => !seen.has(name) && seen.add(name))
      .flatMap((name) => dataIn(JSON.stringify(locals[name] ?? ''), seen));
    return [...new Set([...direct, ...viaLocals])];
  };
  const lines: string[] = [];
  for (const [type, instances] of Object.entries<Record<string, any>>(config.resource ?? {})) {
    for (const [name, body] of Object.entries(instances)) {
      const rules: Array<{ condition: string }> = body.lifecycle?.precondition ?? [];
      const reads = [...new Set(rules.flatMap((r) => dataIn(r.condition)))];
      if (reads.length === 0) continue;
      const meaning = reads.map((d) => DATA_MEANING[d.split('.')[0]] ?? d).join(', ');
      lines.push(`${type}.${name}'s preconditions: not checked offline, they need ${meaning} (${reads.map((d) => `data.${d}`).join(', ')}), which only AWS answers; plan checks them.`);
    }
  }
  return lines;
}
