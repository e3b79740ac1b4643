import { decode, encode, ExtData } from '@msgpack/msgpack';
import { CtyType, SchemaBlock } from '../schema/types';

/**
 * cty values as they travel in `DynamicValue.msgpack` (the cty msgpack
 * encoding): objects and maps are msgpack maps, lists/sets/tuples arrays,
 * null is nil, and an unknown value is a msgpack *extension* (type 0, or 12
 * for an unknown with refinements). We keep extensions as opaque `ExtData`
 * so refined unknowns round-trip unchanged; new unknowns are `d4 00 00`
 * (fixext1, type 0, one zero byte), the bytes cty itself writes. Bytes (msgpack bin) appear only
 * as the type half of a dynamic value.
 */
export type Value = null | boolean | number | bigint | string | Value[] | { [k: string]: Value } | ExtData | Uint8Array;

export const UNKNOWN = new ExtData(0, new Uint8Array([0]));

export function isUnknown(v: unknown): v is ExtData {
  return v instanceof ExtData;
}

/**
 * A list or map block whose elements hold a dynamic attribute (the `any` cdktf gives up with, e.g.
 * aws_wafv2_web_acl.rule.statement) has the implied type DynamicPseudoType in Terraform, so it travels
 * as a cty dynamic value: a msgpack array of its type (JSON, as bytes) and the value itself. The stub
 * passes such a value through unchanged instead of walking it as block elements.
 */
export function isDynamicWrapped(v: unknown): boolean {
  return Array.isArray(v) && v.length === 2 && v[0] instanceof Uint8Array;
}

export function fromMsgpack(bytes: Uint8Array | undefined): Value {
  if (!bytes || bytes.length === 0) return null;
  // int64 beyond 2^53 must not lose precision on the way back.
  return decode(bytes, { useBigInt64: true }) as Value;
}

export function toMsgpack(v: Value): Uint8Array {
  return encode(v, { useBigInt64: true, ignoreUndefined: false });
}

export interface PathStep {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
}

export interface Problem {
  summary: string;
  detail: string;
  path: PathStep[];
}

function isObject(v: Value): v is { [k: string]: Value } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v);
}

/** Each element of a nested block value (single: the object; list/set: the array; map: the values). */
function nestedElements(v: Value): Array<[PathStep | null, Value]> {
  if (v === null || isUnknown(v) || isDynamicWrapped(v)) return [];
  if (Array.isArray(v)) return v.map((e, i) => [{ element_key_int: i }, e]);
  if (isObject(v)) return [[null, v]];
  return [];
}

/**
 * Provider-side validation a real provider does and core does not: a
 * computed-only ("read-only") attribute must not be set in configuration.
 * (Terraform core happily passes such values to the provider; the SDKs
 * reject them.)
 */
export function readOnlyProblems(block: SchemaBlock, config: Value, typeName: string, path: PathStep[] = []): Problem[] {
  if (!isObject(config)) return [];
  const out: Problem[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = config[name];
    if (attr.computed && !attr.optional && !attr.required && v !== null && v !== undefined) {
      const where = [...path.map(stepText), name].join('');
      out.push({
        summary: 'Invalid Configuration for Read-Only Attribute',
        detail: `Cannot set value for "${where.replace(/^\./, '')}" in ${typeName}: the provider marks it read-only (computed). Remove the configuration line setting the value.`,
        path: [...path, { attribute_name: name }],
      });
    }
  }
  for (const [name, nested] of Object.entries(block.blocks)) {
    for (const [step, element] of nestedElements(config[name] ?? null)) {
      const sub = [...path, { attribute_name: name }, ...(step && nested.nesting !== 'set' ? [step] : [])];
      out.push(...readOnlyProblems(nested.block, element, typeName, sub));
    }
  }
  return out;
}

function stepText(s: PathStep): string {
  if (s.attribute_name !== undefined) return `.${s.attribute_name}`;
  if (s.element_key_string !== undefined) return `["${s.element_key_string}"]`;
  return `[${s.element_key_int}]`;
}

/**
 * The planned new state for a create: the proposed state with every computed
 * attribute that configuration left null turned unknown ("known after
 * apply"), recursively through nested blocks. Non-computed values are left
 * exactly as proposed, which is what core verifies.
 */
export function planUnknowns(block: SchemaBlock, proposed: Value): Value {
  if (!isObject(proposed)) return proposed;
  const out: { [k: string]: Value } = { ...proposed };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (attr.computed && (out[name] === null || out[name] === undefined)) out[name] = UNKNOWN;
  }
  for (const [name, nested] of Object.entries(block.blocks)) {
    const v = out[name];
    if (v === null || v === undefined || isUnknown(v) || isDynamicWrapped(v)) continue;
    if (Array.isArray(v)) out[name] = v.map((e) => planUnknowns(nested.block, e));
    else if (nested.nesting === 'map' && isObject(v)) {
      out[name] = Object.fromEntries(Object.entries(v).map(([k, e]) => [k, planUnknowns(nested.block, e)]));
    } else out[name] = planUnknowns(nested.block, v);
  }
  return out;
}

/** A known, type-correct stand-in for a value a data source would read. */
export function placeholder(type: CtyType, name: string): Value {
  if (type === 'string') return `stub-${name}`;
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (type === 'dynamic') return null;
  const [kind, inner] = type;
  if (kind === 'object') {
    return Object.fromEntries(Object.entries(inner).map(([k, t]) => [k, placeholder(t, k)]));
  }
  if (kind === 'map') return {};
  // Three elements so that `names[0]`..`names[2]` style indexing works.
  if (inner === 'string') return [0, 1, 2].map((i) => `stub-${name}-${i}`);
  return [placeholder(inner, name)];
}

/**
 * Data sources whose placeholders must follow the configuration: subnets
 * take `availability_zone` from `aws_availability_zones.names`, and that
 * attribute is ForceNew, so the names must change with the region (and only
 * with it) for a region change to plan what AWS would do.
 */
const READ_HOOKS: Record<string, (read: { [k: string]: Value }, region: string) => void> = {
  // Every zone id reads as the fixtures' parent domain, so the zone-contains-domain preconditions hold.
  aws_route53_zone(read) {
    read.name = 'everruns.example.com';
    read.private_zone = false;
  },
  aws_availability_zones(read, region) {
    const letters = ['a', 'b', 'c'];
    read.names = letters.map((l) => `${region}${l}`);
    read.zone_ids = letters.map((_l, i) => `${region.replace(/-/g, '')}-az${i + 1}`);
  },
};

/**
 * ReadDataSource result: configuration with computed nulls filled by known
 * placeholders. OpenTofu rejects a data source result that is not wholly
 * known, so unlike planning we cannot answer with unknowns here. The harness
 * defers every data source until its first apply (see README); after that,
 * plans read them with known configuration.
 */
export function readPlaceholders(block: SchemaBlock, config: Value, region = 'us-east-1', typeName = ''): Value {
  if (!isObject(config)) return config;
  const out: { [k: string]: Value } = { ...config };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (isUnknown(out[name])) out[name] = placeholder(attr.type, name);
    if (attr.computed && (out[name] === null || out[name] === undefined)) out[name] = placeholder(attr.type, name);
  }
  for (const [name, nested] of Object.entries(block.blocks)) {
    const v = out[name];
    if (isDynamicWrapped(v)) continue;
    if (Array.isArray(v)) out[name] = v.map((e) => readPlaceholders(nested.block, e, region));
    else if (isObject(v)) out[name] = readPlaceholders(nested.block, v, region);
  }
  READ_HOOKS[typeName]?.(out, region);
  return out;
}
