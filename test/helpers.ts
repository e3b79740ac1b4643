import { App, TerraformStack, Testing } from 'cdktf';

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
