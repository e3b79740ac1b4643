import { chosen } from '../lib/choice';
import { App, TerraformStack, Testing } from 'cdktn';

/** A synthesized stack: the JSON string the matchers take, and its parsed form. */
export interface Synthesized {
  readonly text: string;
  readonly json: TerraformJson;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TerraformJson = Record<string, any>;

/** Builds one stack in a fresh test app and synthesizes it with cdktf's validations on. */
export function synthesize<T extends TerraformStack>(build: (app: App) => T): Synthesized & { stack: T } {
  const stack = build(Testing.app());
  const text = Testing.synth(stack, true);
  return { stack, text, json: JSON.parse(text) as TerraformJson };
}

/** The addresses (`type.name`) of every resource and data source in a stack. */
export function addresses(json: TerraformJson): string[] {
  const list: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const name of Object.keys(byName as object)) list.push(`${type}.${name}`);
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const name of Object.keys(byName as object)) list.push(`data.${type}.${name}`);
  }
  return list.sort();
}

/** The one resource of `type` named `name`, failing loudly when it is absent. */
export function resource(json: TerraformJson, type: string, name: string): TerraformJson {
  const found = json.resource?.[type]?.[name];
  if (found === undefined) {
    throw new Error(`no ${type}.${name} in the stack; it has: ${addresses(json).join(', ')}`);
  }
  return found;
}

/** The release lines (`everruns_architecture`) the stack is built with by default. */
export const LINES = ['temporal', 'control-plane'] as const;
export type Line = string;

const SELECTOR = 'var.everruns_architecture';

/**
 * The parsed containers of a task definition in one release line: its own
 * `container_definitions`, or, where the lines differ (a pick of one local
 * per line), the set of that line.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function containersIn(json: TerraformJson, taskDefinition: TerraformJson, line: Line): any[] {
  const value = taskDefinition.container_definitions as string;
  const pick = chosen.value(value, SELECTOR, line);
  if (pick === undefined) return JSON.parse(value);
  const local = /^local\.([a-z0-9_]+)$/.exec(pick);
  if (!local) throw new Error(`container_definitions ${value} has no local for the line ${line}`);
  return JSON.parse(json.locals[local[1]]);
}

/** The value a per-line argument takes in one line (a plain value is every line's). */
export function valueIn(value: string, line: Line): string {
  const quoted = chosen.value(value, SELECTOR, line);
  return quoted === undefined ? value : JSON.parse(quoted);
}

/** Whether a resource exists in a release line: no count, or a count of 1 there. */
export function existsIn(resource: TerraformJson, line: Line): boolean {
  if (resource.count === undefined) return true;
  // The ALB sign-in's resources (default alb_authentication "cognito": the ALB's 443 egress exists in every line).
  if (String(resource.count) === '${(var.alb_authentication != "none") ? 1 : 0}') return true;
  const exists = chosen.exists(String(resource.count), SELECTOR, line);
  if (exists === undefined) throw new Error(`count ${resource.count} is not a release-line choice`);
  return exists;
}
