import { SchemaBlock } from '../schema/types';
import { isUnknown, PathStep, Value } from './values';

/**
 * `PlanResourceChange.requires_replace` the way an SDKv2/framework provider
 * computes it: for each attribute path the provider marks ForceNew
 * (RequiresReplace), the attribute paths whose prior and planned values
 * differ. A path is `attr` or `block.attr` (any depth); naming a block alone
 * means any change inside it. In a list block the element index is part of
 * the returned path (`volume[0].name`); in a set or map block the returned
 * path stops at the block (set elements have no index). OpenTofu then keeps
 * the paths whose values really differ and plans a replacement.
 *
 * An unknown planned value counts as a change (the SDK treats a computed
 * ForceNew value the same way).
 */
export function requiresReplace(block: SchemaBlock, forceNew: readonly string[], prior: Value, planned: Value): PathStep[][] {
  if (prior === null || planned === null) return []; // create or destroy
  const out: PathStep[][] = [];
  for (const path of forceNew) out.push(...changedAt(block, path.split('.'), prior, planned, []));
  // One entry per path (a block and one of its attributes may both be listed).
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = JSON.stringify(p);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

type Obj = { [k: string]: Value };
const isObject = (v: Value): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v);
const field = (v: Value, k: string): Value => (isObject(v) ? (v[k] ?? null) : null);

function changedAt(block: SchemaBlock, segments: string[], prior: Value, planned: Value, at: PathStep[]): PathStep[][] {
  const [name, ...rest] = segments;
  const here = [...at, { attribute_name: name }];
  if (block.attributes[name]) {
    // Nested attributes (object types) are compared whole: a change anywhere inside replaces.
    return equal(field(prior, name), field(planned, name)) ? [] : [here];
  }
  const nested = block.blocks[name];
  if (!nested) return []; // not in this provider version's schema
  const before = field(prior, name);
  const after = field(planned, name);
  if (rest.length === 0 || isUnknown(before) || isUnknown(after)) return equal(before, after) ? [] : [here];
  switch (nested.nesting) {
    case 'single':
      return changedAt(nested.block, rest, before, after, here);
    case 'list': {
      const a = Array.isArray(before) ? before : [];
      const b = Array.isArray(after) ? after : [];
      const out: PathStep[][] = [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const step = [...here, { element_key_int: i }];
        // An element added or removed changes the block (count) itself.
        if (i >= a.length || i >= b.length) out.push(step);
        else out.push(...changedAt(nested.block, rest, a[i], b[i], step));
      }
      return out;
    }
    case 'set': {
      // Elements are matched by value, so compare what the path selects from each, as multisets.
      const pick = (v: Value) => (Array.isArray(v) ? v : []).map((e) => stable(project(nested.block, rest, e))).sort();
      return equal(pick(before), pick(after)) ? [] : [here];
    }
    case 'map': {
      const a = isObject(before) ? before : {};
      const b = isObject(after) ? after : {};
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      return keys.flatMap((k) => {
        const step = [...here, { element_key_string: k }];
        return !(k in a) || !(k in b) ? [step] : changedAt(nested.block, rest, a[k], b[k], step);
      });
    }
  }
}

/** The value a dotted path selects inside one block element (arrays for list/set levels). */
function project(block: SchemaBlock, segments: string[], v: Value): Value {
  const [name, ...rest] = segments;
  const x = field(v, name);
  if (rest.length === 0 || block.attributes[name]) return x;
  const nested = block.blocks[name];
  if (!nested) return null;
  if (Array.isArray(x)) return x.map((e) => project(nested.block, rest, e));
  if (isObject(x) && nested.nesting === 'map') return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, project(nested.block, rest, e)]));
  return project(nested.block, rest, x);
}

function stable(v: Value): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : isUnknown(x) ? { unknown: true } : x));
}

/** Deep equality of cty values; an unknown equals nothing. */
export function equal(a: Value | Value[], b: Value | Value[]): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  if (a === b) return true;
  // Integers beyond 2^53 arrive as bigint, smaller ones as number.
  if (typeof a === 'bigint' || typeof b === 'bigint') return (typeof a === 'number' || typeof a === 'bigint') && String(a) === String(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => equal(a[k] ?? null, b[k] ?? null));
  }
  return false;
}
