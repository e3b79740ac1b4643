/**
 * docs/inputs.md: the generated part is a table of every variable and output of
 * both stacks, rendered from their synthesized declarations (`variable` and
 * `output` blocks of cdk.tf.json). Only the block between the markers is
 * generated; the prose above it is hand-written and kept as it is.
 *
 *   npm run docs            # rewrite docs/inputs.md (and the other generated docs)
 *   npm run docs -- --check # exit 1 when one is out of date
 *
 * The stacks are synthesized in-process with their defaults, the same way the
 * tests get them (test/default-stacks.ts, cached in node_modules/.cache), so it
 * works in a fresh clone without `npm run synth`. test/docs/inputs.test.ts
 * fails when the committed file differs from what this renders.
 */
import { join, relative } from 'path';

export const INPUTS_MD = join(__dirname, '..', '..', 'docs', 'inputs.md');
export const BEGIN = '<!-- generated:begin -->';
export const END = '<!-- generated:end -->';

/** The stacks in the order the docs list them. */
export const STACKS = ['bootstrap', 'production'] as const;
export type StackName = (typeof STACKS)[number];

interface Validation {
  condition: string;
  error_message: string;
}

export interface VariableBlock {
  type?: string;
  description?: string;
  default?: unknown;
  sensitive?: boolean;
  nullable?: boolean;
  validation?: Validation[];
}

export interface OutputBlock {
  description?: string;
  sensitive?: boolean;
  value?: unknown;
}

export interface StackDeclarations {
  variable?: Record<string, VariableBlock>;
  output?: Record<string, OutputBlock>;
}

/** A Terraform value as HCL would write it in a tfvars file. */
export function hcl(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)} = ${hcl(v)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/** Replaces every `${...}` interpolation (balanced braces) with an ellipsis: the value the message would show. */
export function withoutInterpolations(message: string): string {
  let out = '';
  for (let i = 0; i < message.length; i++) {
    if (message[i] === '$' && message[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      for (; j < message.length; j++) {
        if (message[j] === '{') depth++;
        else if (message[j] === '}' && --depth === 0) break;
      }
      out += '…';
      i = j;
    } else {
      out += message[i];
    }
  }
  return out;
}

/** Prose for a table cell: names of declared variables in backticks (not inside `{...}` placeholders); `|`, `*`, `<` escaped. */
function prose(text: string, names: ReadonlySet<string>): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[|*<]/g, (c) => `\\${c}`)
    .replace(/(?<![{\w])[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (word) => (names.has(word) ? `\`${word}\`` : word));
}

/** Code in a table cell: a backtick span whose `|` is escaped (GFM splits cells before code spans). */
function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

function inputsTable(variables: Record<string, VariableBlock>): string[] {
  const names = new Set(Object.keys(variables));
  const rows = Object.keys(variables)
    .sort()
    .map((name) => {
      const v = variables[name];
      const required = v.default === undefined;
      const type = code(v.type ?? 'any') + (v.nullable === false ? ', not null' : '');
      const dflt = required ? '—' : v.sensitive ? 'sensitive' : code(hcl(v.default));
      const description = prose(v.description ?? '', names) + (v.sensitive ? ' (sensitive)' : '');
      const rules = (v.validation ?? []).map((r) => prose(withoutInterpolations(r.error_message), names)).join('<br>') || '—';
      return `| ${code(name)} | ${type} | ${dflt} | ${required ? '**yes**' : 'no'} | ${description} | ${rules} |`;
    });
  return [
    '| input | type | default | required | description | refused at `terraform plan` with |',
    '|---|---|---|---|---|---|',
    ...rows,
  ];
}

function outputsTable(outputs: Record<string, OutputBlock>, variables: Record<string, VariableBlock>): string[] {
  const names = new Set(Object.keys(variables));
  const rows = Object.keys(outputs)
    .sort()
    .map((name) => {
      const o = outputs[name];
      return `| ${code(name)} | ${prose(o.description ?? '', names)} | ${o.sensitive ? '**yes**: `terraform output -raw ' + name + '`' : 'no'} |`;
    });
  return ['| output | description | sensitive |', '|---|---|---|', ...rows];
}

/** The generated block, markers included. */
export function renderGenerated(stacks: Record<StackName, StackDeclarations>): string {
  const lines = [
    BEGIN,
    '<!-- Written by `npm run docs` from the variable and output declarations in stacks/; edit those, not this block. -->',
    '',
  ];
  for (const name of STACKS) {
    const variables = stacks[name].variable ?? {};
    const outputs = stacks[name].output ?? {};
    lines.push(`## ${name}`, '', `### Inputs of ${name}`, '', ...inputsTable(variables), '');
    lines.push(`### Outputs of ${name}`, '', ...outputsTable(outputs, variables), '');
  }
  lines.push(END);
  return lines.join('\n');
}

/** The whole file: the hand-written text around the markers kept, the block between them replaced. */
export function renderFile(current: string, stacks: Record<StackName, StackDeclarations>): string {
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (begin < 0 || end < begin) {
    throw new Error(`${relative(process.cwd(), INPUTS_MD)} has no ${BEGIN} … ${END} block to fill in`);
  }
  return current.slice(0, begin) + renderGenerated(stacks) + current.slice(end + END.length);
}

/** Both stacks with their defaults, synthesized in-process (cached by the hash of their code). */
export function synthesizedStacks(): Record<StackName, StackDeclarations> {
  // Required lazily: rendering alone needs no cdktf.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { defaultStacks } = require('../../test/default-stacks') as typeof import('../../test/default-stacks');
  const stacks = defaultStacks();
  return { bootstrap: stacks.bootstrap.json, production: stacks.production.json };
}
