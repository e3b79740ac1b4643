import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ConfigError } from './errors';
import { hclSyntaxErrors } from './hcl-errors';
import { ruleEngine, variableRuleProblems } from './variable-rules';
import { closest } from './suggest';

/**
 * HashiCorp's HCL parser, compiled to WebAssembly: loaded on the first HCL file,
 * because starting its runtime costs ~0.2 s of every synth, with or without a tfvars file.
 */
async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  const { parse } = await import('@cdktn/hcl2json');
  return parse(file, text);
}

/** A variable as the synthesized stack declares it. */
export interface DeclaredVariable {
  readonly type?: string;
  readonly sensitive?: boolean;
}

/**
 * The tfvars files Terraform loads by itself from a directory, in its order:
 * terraform.tfvars(.json), then *.auto.tfvars(.json) alphabetically.
 */
export function tfvarsFiles(dir: string): string[] {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...auto];
}

/**
 * One line per problem in the tfvars files of `dir` against the production
 * stack's variables: a name it does not declare (Terraform only warns and
 * plans with the default), or a value Terraform cannot convert to the
 * declared type. A sensitive variable's value is never echoed.
 */
export async function checkTfvars(
  dir: string,
  declared: Readonly<Record<string, DeclaredVariable>>,
  /** Filled with the declared variables the files set. */
  set: Set<string> = new Set(),
  /** Filled with the values of declared variables whose type is right, later files winning (Terraform's order). */
  accepted: Record<string, unknown> = {},
): Promise<string[]> {
  const problems: string[] = [];
  const known = Object.keys(declared).sort();
  for (const file of tfvarsFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    let values: Record<string, unknown>;
    try {
      values = file.endsWith('.json') ? JSON.parse(text) : await parseHcl(file, text);
    } catch (error) {
      if (file.endsWith('.json')) problems.push(`${file}: not valid JSON: ${(error as Error).message.split('\n')[0]}`);
      else problems.push(...hclSyntaxErrors((error as Error).message, file));
      continue;
    }
    for (const [name, value] of Object.entries(values)) {
      const variable = declared[name];
      if (variable) set.add(name);
      if (!variable) {
        const hint = closest(name, known);
        problems.push(
          `${file}: unknown variable "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; Terraform would ignore it and plan with the default. terraform.tfvars.example lists every variable.`,
        );
        continue;
      }
      const wanted = variable.type ?? 'any';
      if (!convertible(wanted, value)) {
        const got = variable.sensitive ? `a ${kind(value)} (value not shown: sensitive)` : `${JSON.stringify(value)} (a ${kind(value)})`;
        problems.push(`${file}: ${name} must be a ${wanted}, got ${got}.`);
      } else {
        accepted[name] = value;
      }
    }
  }
  return problems;
}

export function kind(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'map or object' : typeof value;
}

/** Terraform's automatic conversions: primitives convert among themselves where the text allows. */
export function convertible(type: string, value: unknown): boolean {
  if (value === null || type === 'any') return true;
  const primitive = (t: string, v: unknown): boolean => {
    if (t === 'string') return ['string', 'number', 'boolean'].includes(typeof v);
    if (t === 'number') return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)));
    if (t === 'bool') return typeof v === 'boolean' || v === 'true' || v === 'false';
    return true;
  };
  const collection = /^(list|set|map)\((\w+)\)$/.exec(type);
  if (collection) {
    const [, outer, inner] = collection;
    if (outer === 'map') return typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((v) => primitive(inner, v));
    return Array.isArray(value) && value.every((v) => primitive(inner, v));
  }
  return primitive(type, value);
}

/** The production stack's declared variables (with their rules), from a synthesized stack directory. */
export function productionVariables(outdir: string): Record<string, DeclaredVariable & Record<string, unknown>> {
  return JSON.parse(readFileSync(join(outdir, 'stacks', 'production', 'cdk.tf.json'), 'utf8')).variable ?? {};
}

/**
 * The tfvars problems of `cwd` as ConfigError lines (none: undefined): names
 * and types first; when those are right, the variable rules, evaluated by
 * Terraform or OpenTofu on the values the files set (config/variable-rules.ts).
 */
export async function tfvarsProblems(cwd: string, outdir: string): Promise<ConfigError | undefined> {
  const declared = productionVariables(outdir);
  const set = new Set<string>();
  const problems = await checkTfvars(cwd, declared, set);
  if (problems.length === 0 && set.size > 0) {
    const engine = ruleEngine();
    const ruled = Object.fromEntries([...set].map((name) => [name, declared[name]]));
    if (engine) problems.push(...variableRuleProblems(engine, ruled, tfvarsFiles(cwd), cwd));
  }
  return problems.length ? new ConfigError(problems) : undefined;
}

