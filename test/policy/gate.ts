import { defaultStacks } from '../default-stacks';
import { LINES, Line, TerraformJson, containersIn } from '../helpers';

/**
 * A small policy engine over the synthesized JSON of both stacks, for rules of
 * the class Checkov runs. A policy names the resource types it covers and says,
 * for one resource, whether it complies; a test asserts that the policy covers
 * at least one resource (so it cannot pass by finding nothing) and that the
 * resources violating it are exactly the written exceptions.
 */

export interface Resource {
  /** `stack:type.name`, e.g. `production:aws_db_instance.database_main`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly stack: string;
  readonly config: TerraformJson;
}

export interface Stacks {
  readonly json: Record<string, TerraformJson>;
  readonly resources: Resource[];
}

export function synthesizeBoth(): Stacks {
  const synthesized = defaultStacks();
  const json: Record<string, TerraformJson> = {};
  const resources: Resource[] = [];
  for (const name of ['bootstrap', 'production'] as const) {
    json[name] = synthesized[name].json;
    for (const [type, byName] of Object.entries<TerraformJson>(json[name].resource ?? {})) {
      for (const [resourceName, config] of Object.entries<TerraformJson>(byName)) {
        resources.push({ address: `${name}:${type}.${resourceName}`, type, name: resourceName, stack: name, config });
      }
    }
  }
  return { json, resources };
}

export function ofType(stacks: Stacks, ...types: string[]): Resource[] {
  return stacks.resources.filter((r) => types.includes(r.type));
}

/** The resources of `types` that fail `complies`, as sorted addresses. */
export function violators(stacks: Stacks, types: string[], complies: (r: Resource) => boolean): string[] {
  const covered = ofType(stacks, ...types);
  if (covered.length === 0) {
    throw new Error(`the policy covers ${types.join(', ')}, but neither stack has one: it would check nothing`);
  }
  return covered.filter((r) => !complies(r)).map((r) => r.address).sort();
}

/** A Terraform reference such as `${aws_security_group.networking_alb.id}` to a resource's attribute. */
export function ref(address: string, attribute: string): string {
  const [, typeAndName] = address.split(':');
  return `\${${typeAndName}.${attribute}}`;
}

/**
 * A reference with the first instance of a counted resource written as the
 * resource itself: `${aws_s3_bucket.x.0.id}` and `${one(aws_s3_bucket.x[*].id)}` become `${aws_s3_bucket.x.id}`,
 * so optional (count) resources are checked like the others.
 */
export function unindexed(reference: unknown): unknown {
  return typeof reference === 'string'
    ? reference
        .replace(/^\$\{((?:data\.)?[a-z0-9_]+\.[a-z0-9_]+)\.0\.([a-z_]+)\}$/, '${$1.$2}')
        .replace(/^\$\{one\(((?:data\.)?[a-z0-9_]+\.[a-z0-9_]+)\[\*\]\.([a-z_]+)\)\}$/, '${$1.$2}')
    : reference;
}

/** The value of a nested block that cdktf may render as an object or a one-element list. */
export function block(value: unknown): TerraformJson | undefined {
  if (Array.isArray(value)) return value[0];
  return value as TerraformJson | undefined;
}

/** Parsed statements of every IAM policy document data source and inline JSON policy in a stack. */
export function policyStatements(stacks: Stacks): { source: string; statement: TerraformJson }[] {
  const found: { source: string; statement: TerraformJson }[] = [];
  for (const [stack, json] of Object.entries(stacks.json)) {
    for (const [name, doc] of Object.entries<TerraformJson>(json.data?.aws_iam_policy_document ?? {})) {
      for (const statement of doc.statement ?? []) found.push({ source: `${stack}:data.aws_iam_policy_document.${name}`, statement });
    }
  }
  return found;
}

/**
 * The value a setting has with the stack's defaults: a literal as is, a bare
 * `${var.x}` reference as the variable's default (the variable's own rule then
 * guards what a user may set).
 */
export function withDefaults(stacks: Stacks, stack: string, value: unknown): unknown {
  const variable = typeof value === 'string' ? /^\$\{var\.([a-z0-9_]+)\}$/.exec(value)?.[1] : undefined;
  return variable === undefined ? value : stacks.json[stack].variable?.[variable]?.default;
}

/** The parsed container definitions of an aws_ecs_task_definition: of one release line, or of both. */
export function containers(stacks: Stacks, taskDefinition: Resource, line?: Line): TerraformJson[] {
  const lines = line ? [line] : [...LINES];
  return lines.flatMap((l) => containersIn(stacks.json[taskDefinition.stack], taskDefinition.config, l));
}
