/**
 * Reading the synthesized Terraform JSON for the cost and deploy-time models: variable values (tfvars,
 * --var, the declared defaults), the release line, and the few expression shapes the stack uses for
 * `count` and sizes. This is deliberately not an HCL evaluator: an expression of another shape is an
 * error naming it, so a change of the stack shows up here instead of as a silently wrong number.
 */
import { chosen } from '../../lib/choice';

/** What the stack's per-line choices are made on. */
const LINE_SELECTOR = 'var.everruns_architecture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
export type Line = 'temporal' | 'control-plane';
export const LINES: readonly Line[] = ['temporal', 'control-plane'];

export type Value = string | number | boolean | unknown[] | Record<string, unknown>;

/** Parses the value of `--var k=v`: true/false, numbers, JSON lists/objects, else the string itself. */
export function parseCliValue(text: string): Value {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^[[{]/.test(text)) {
    try {
      return JSON.parse(text) as Value;
    } catch {
      /* not JSON: keep the string */
    }
  }
  return text;
}

/** The values of one evaluation: stack variables (defaults from the JSON) and overrides (tfvars, then --var). */
export class Config {
  constructor(
    readonly stack: Json,
    readonly overrides: Readonly<Record<string, Value>> = {},
  ) {}

  hasStackVar(name: string): boolean {
    return this.stack.variable?.[name] !== undefined;
  }

  /** A stack variable: the override, else the default declared in the JSON's `variable` block. */
  stackVar(name: string): Value {
    if (name in this.overrides) return this.overrides[name];
    const declared = this.stack.variable?.[name];
    if (declared === undefined) throw new Error(`the stack declares no variable ${name}`);
    if (declared.default === undefined) throw new Error(`variable ${name} has no default: give it with --var ${name}=...`);
    return declared.default as Value;
  }

  /** The release line: `everruns_architecture`, one the tool has prices for. */
  get line(): Line {
    const value = this.stackVar('everruns_architecture');
    if (value !== 'temporal' && value !== 'control-plane') throw new Error(`everruns_architecture ${JSON.stringify(value)}`);
    return value;
  }

  get controlPlane(): boolean {
    return this.line === 'control-plane';
  }

  /** A scalar attribute: a literal, a numeric string, or `${var.x}`. */
  scalar(value: unknown): Value {
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const ref = /^\$\{var\.([a-z0-9_]+)\}$/.exec(value);
      if (ref) return this.stackVar(ref[1]);
      if (/^\$\{/.test(value)) throw new Error(`unsupported expression ${value}`);
      if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
      return value;
    }
    throw new Error(`unsupported value ${JSON.stringify(value)}`);
  }

  number(value: unknown): number {
    const v = this.scalar(value);
    if (typeof v !== 'number') throw new Error(`${JSON.stringify(value)} is not a number (${JSON.stringify(v)})`);
    return v;
  }

  bool(value: unknown): boolean {
    const v = this.scalar(value);
    if (typeof v !== 'boolean') throw new Error(`${JSON.stringify(value)} is not a boolean (${JSON.stringify(v)})`);
    return v;
  }

  /** How many instances a resource has: its `count`, in the shapes this stack writes; 1 without one. */
  count(resource: Json): number {
    if (resource.count === undefined) return resource.for_each === undefined ? 1 : this.forEach(resource.for_each);
    const expr = resource.count;
    if (typeof expr === 'number') return expr;
    const inLine = chosen.exists(expr, LINE_SELECTOR, this.line);
    if (inLine !== undefined) return inLine ? 1 : 0;
    let m = /^\$\{(.*) \? (\d+) : (\d+)\}$/.exec(expr);
    if (m) return Number(this.condition(m[1]) ? m[2] : m[3]);
    m = /^\$\{var\.([a-z0-9_]+)\}$/.exec(expr);
    if (m) return this.number(expr);
    throw new Error(`unsupported count expression ${expr}`);
  }

  /**
   * A condition of the shapes the stack's counts use: `var.x`, `true`, `!a`, `a && b`, `a || b`,
   * `(a >= n)`, `(a == "s")`, `(a != "s")`, `length(var.x)`, the line choice, and `startswith(<resource>.instance_class, "p")`.
   */
  condition(text: string): boolean {
    const tokens = text.match(/contains\(\[[^\]]*\], var\.[a-z0-9_]+\)|startswith\([a-z0-9_.]+, "[^"]*"\)|length\(var\.[a-z0-9_]+\)|var\.[a-z0-9_]+|&&|\|\||>=|==|!=|"[^"]*"|[!()]|true|false|\d+/g) ?? [];
    if (tokens.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) throw new Error(`unsupported condition ${text}`);
    let i = 0;
    const value = (token: string): Value => {
      if (token === 'true' || token === 'false') return token === 'true';
      if (token.startsWith('"')) return JSON.parse(token) as string;
      if (/^\d+$/.test(token)) return Number(token);
      if (token.startsWith('contains(')) return chosen.exists(`\${${token} ? 1 : 0}`, LINE_SELECTOR, this.line) ?? this.fail(token);
      if (token.startsWith('length(')) {
        const v = this.stackVar(token.slice('length(var.'.length, -1));
        return typeof v === 'string' || Array.isArray(v) ? v.length : this.fail(token);
      }
      if (token.startsWith('startswith(')) {
        const [, address, attribute, prefix] = /^startswith\(([a-z0-9_]+\.[a-z0-9_]+)\.([a-z0-9_]+), "([^"]*)"\)$/.exec(token) ?? this.fail(token);
        const [type, name] = address.split('.');
        return String(this.scalar(this.stack.resource?.[type]?.[name]?.[attribute])).startsWith(prefix);
      }
      if (token.startsWith('var.')) return this.scalar(`\${${token}}`);
      return this.fail(token);
    };
    const primary = (): Value => {
      const token = tokens[i++];
      if (token === '!') return !primary();
      let v: Value;
      if (token === '(') {
        v = or();
        if (tokens[i++] !== ')') this.fail(text);
      } else v = value(token);
      const operator = tokens[i];
      if (operator === '>=' || operator === '==' || operator === '!=') {
        i++;
        const r = primary();
        v = operator === '>=' ? Number(v) >= Number(r) : (v === r) === (operator === '==');
      }
      return v;
    };
    const and = (): Value => {
      let v = primary();
      while (tokens[i] === '&&') {
        i++;
        const r = primary();
        v = Boolean(v) && Boolean(r);
      }
      return v;
    };
    const or = (): Value => {
      let v = and();
      while (tokens[i] === '||') {
        i++;
        const r = and();
        v = Boolean(v) || Boolean(r);
      }
      return v;
    };
    const result = or();
    if (i !== tokens.length) this.fail(text);
    return Boolean(result);
  }

  private fail(what: string): never {
    throw new Error(`unsupported condition ${what}`);
  }

  /** Instances of a `for_each` in the shapes this stack writes (for the deploy-time graph only). */
  forEach(expr: string): number {
    const set = /^\$\{toset\(var\.([a-z0-9_]+)\)\}$/.exec(expr);
    if (set) {
      const v = this.stackVar(set[1]);
      return Array.isArray(v) ? new Set(v).size : 1;
    }
    if (expr === '${local.acm_validation_options}') {
      // Validation records exist when the stack manages DNS (route53_zone_id) and requests the certificate.
      return this.nonEmpty('route53_zone_id') && !this.nonEmpty('certificate_arn') ? 1 : 0;
    }
    if (expr === '${local.alb_api_client_ranges}') {
      // One listener rule per 4 ranges of api_client_cidrs.
      const v = this.stackVar('api_client_cidrs');
      return Array.isArray(v) ? Math.ceil(v.length / 4) : 0;
    }
    // The migration records: terraform_data, nothing to wait for.
    if (expr === '${local.applied_migrations}') return 1;
    throw new Error(`unsupported for_each expression ${expr}`);
  }

  nonEmpty(name: string): boolean {
    const v = this.stackVar(name);
    return (typeof v === 'string' || Array.isArray(v)) && v.length > 0;
  }
}

/** Every resource of the stack as [type, name, body]. */
export function resources(stack: Json): [string, string, Json][] {
  const list: [string, string, Json][] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, body] of Object.entries(byName as Json)) list.push([type, name, body as Json]);
  }
  return list;
}

/** Resources of one type that exist in this configuration, with their instance counts. */
export function existing(config: Config, type: string): { name: string; body: Json; count: number }[] {
  return Object.entries((config.stack.resource?.[type] ?? {}) as Json)
    .map(([name, body]) => ({ name, body: body as Json, count: config.count(body as Json) }))
    .filter((r) => r.count > 0);
}

/** The containers of a task definition in the configuration's line (the stack picks a local set per line). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function containers(config: Config, taskDefinition: Json): any[] {
  const value = taskDefinition.container_definitions as string;
  const pick = chosen.value(value, LINE_SELECTOR, config.line);
  const local = pick === undefined ? undefined : /^local\.([a-z0-9_]+)$/.exec(pick);
  if (pick !== undefined && !local) throw new Error(`unsupported container_definitions ${value}`);
  return JSON.parse(local ? config.stack.locals[local[1]] : value);
}

/** `aws_x.name` of a reference like `${aws_x.name.arn}` or `${one(aws_x.name[*].arn)}`. */
export function referencedAddress(expr: string, type: string): string | undefined {
  const m = new RegExp(`${type}\\.([a-z0-9_]+)`).exec(expr);
  return m ? `${type}.${m[1]}` : undefined;
}
