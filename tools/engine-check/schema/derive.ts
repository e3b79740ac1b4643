import { readdirSync, readFileSync, existsSync } from 'fs';
import { join } from 'path';
import { CtyType, Nesting, ProviderSchema, SchemaAttribute, SchemaBlock } from './types';

/**
 * Derives a provider schema mechanically from a prebuilt cdktf provider
 * package (`@cdktn/provider-*`; the cdktf generator's `@cdktf/provider-*` had the same shapes). The generated JavaScript in `lib/<name>/index.js`
 * carries everything the generator knew about the Terraform schema, in a few
 * regular shapes (all produced by cdktf's provider generator):
 *
 *  - `static tfResourceType = "aws_s3_bucket"` in a class extending
 *    `cdktn.TerraformResource` / `TerraformDataSource` / `TerraformProvider`
 *    (cdktf: `X.tfResourceType = ...` after the class, `cdktf.` base classes);
 *  - `synthesizeHclAttributes()` (top level) and `fooToHclTerraform(struct)`
 *    (nested structs) list every *configurable* argument with its Terraform
 *    name, `isBlock`, collection `type` (simple/list/set/map/struct) and
 *    `storageClassType` (string, stringList, FooList, ...);
 *  - optional arguments have a `resetFoo()` method, required ones do not;
 *  - computed-only attributes and every block are announced by a comment
 *    `// name - computed: X, optional: Y, required: Z` followed by a getter
 *    (`this.getStringAttribute('name')`, ...) or a field
 *    (`new FooList(this, "name", isSet)`).
 *
 * The generated code does not say whether an optional attribute is also
 * computed, nor whether it is sensitive; see overrides.ts for how those gaps
 * are handled.
 */

interface HclArg {
  name: string;
  camel: string;
  valueExpr: string;
  isBlock: boolean;
  kind: string; // simple | list | set | map | struct
  storage: string; // string, stringList, FooList, ...
}

interface Announced {
  computed: boolean;
  optional: boolean;
  required: boolean;
  next: string; // the code line after the comment
}

/** One class body (resource / data source / provider / FooOutputReference). */
interface Container {
  body: string;
  hcl: HclArg[];
}

const HCL_ARG =
  /\n +(\w+): \{\n +value: (.*)\n +isBlock: (true|false),\n +type: "(\w+)",\n +storageClassType: "(\w+)",/g;
const ANNOUNCE = /\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)\n\s*(.*)/g;

function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
function ucFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function parseHclArgs(text: string): HclArg[] {
  const out: HclArg[] = [];
  for (const m of text.matchAll(HCL_ARG)) {
    const [, name, valueExpr, isBlock, kind, storage] = m;
    const camel = /(?:this\._|struct\??\.)(\w+)/.exec(valueExpr)?.[1] ?? '';
    out.push({ name, camel, valueExpr, isBlock: isBlock === 'true', kind, storage });
  }
  return out;
}

/** Body text from `start` up to the first line that is a lone `}` at column 0. */
function bodyFrom(source: string, start: number): string {
  const end = source.indexOf('\n}\n', start);
  return source.slice(start, end < 0 ? source.length : end);
}

/** Everything one generated module (lib/<dir>/index.js) defines. */
class Module {
  readonly structs = new Map<string, HclArg[]>();
  readonly outputRefs = new Map<string, string>();

  constructor(readonly source: string) {
    for (const m of source.matchAll(/\nfunction (\w+)ToHclTerraform\(struct\) \{/g)) {
      this.structs.set(ucFirst(m[1]), parseHclArgs(bodyFrom(source, m.index!)));
    }
    for (const m of source.matchAll(/\nclass (\w+)OutputReference extends cdkt[fn]\.ComplexObject \{/g)) {
      this.outputRefs.set(m[1], bodyFrom(source, m.index!));
    }
  }

  struct(name: string): Container {
    return { body: this.outputRefs.get(name) ?? '', hcl: this.structs.get(name) ?? [] };
  }
}

const PRIMITIVE: Record<string, CtyType> = { string: 'string', number: 'number', boolean: 'bool', any: 'dynamic' };

/** Type of a non-block argument from its `type` + `storageClassType`. */
function argType(mod: Module, arg: HclArg, seen: Set<string>): CtyType {
  const { kind, storage } = arg;
  if (kind === 'simple') return PRIMITIVE[storage] ?? 'dynamic';
  const elem = collectionElement(mod, storage, seen);
  if (kind === 'list' || kind === 'set' || kind === 'map') return [kind, elem];
  if (kind === 'struct') return objectType(mod, storage, seen);
  return 'dynamic';
}

/** `stringList` -> string, `stringMapList` -> map(string), `FooList` -> object(Foo). */
function collectionElement(mod: Module, storage: string, seen: Set<string>): CtyType {
  const inner = storage.replace(/(List|Map)$/, '');
  if (PRIMITIVE[inner]) return PRIMITIVE[inner];
  const nested = /^(string|number|boolean)(List|Map)$/.exec(inner);
  if (nested) return [nested[2] === 'List' ? 'list' : 'map', PRIMITIVE[nested[1]]];
  return objectType(mod, inner, seen);
}

/** A struct used as an attribute (not a block): an object type of all its attributes. */
function objectType(mod: Module, structName: string, seen: Set<string>): CtyType {
  if (seen.has(structName)) return 'dynamic'; // recursive types cannot be expressed; never seen in practice
  const block = deriveBlock(mod, mod.struct(structName), new Set([...seen, structName]));
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes)) attrs[name] = a.type;
  for (const [name, b] of Object.entries(block.blocks)) {
    const obj = objectType(mod, structNameOfBlock(mod, structName, name) ?? '', seen);
    attrs[name] = b.nesting === 'single' ? obj : [b.nesting === 'set' ? 'set' : b.nesting === 'map' ? 'map' : 'list', obj];
  }
  return ['object', attrs];
}

function structNameOfBlock(mod: Module, parent: string, blockName: string): string | undefined {
  const arg = mod.struct(parent).hcl.find((a) => a.name === blockName);
  return arg ? blockStruct(arg) : undefined;
}

/** The struct behind a block argument, from the converter function its value calls. */
function blockStruct(arg: HclArg): string {
  const fn = /(\w+)ToHclTerraform/.exec(arg.valueExpr)?.[1];
  return fn ? ucFirst(fn) : arg.storage.replace(/(List|Map)$/, '');
}

/** Type of a computed-only attribute from the code following its announcing comment. */
function computedType(mod: Module, container: Container, camel: string, next: string, seen: Set<string>): CtyType {
  let line = next;
  if (line.startsWith('get ')) {
    // `get foo() {` -> the return statement on the following line
    const at = container.body.indexOf(`get ${camel}() {`);
    line = container.body.slice(at).split('\n')[1]?.trim() ?? '';
    if (/return this\._\w+;/.test(line)) {
      const field = new RegExp(`this\\._${camel} = new ([\\w.]+)\\(this, "\\w+"(?:, (true|false))?\\)`).exec(container.body);
      if (field) line = `new ${field[1]}(this, "x"${field[2] ? ', ' + field[2] : ''})`;
    }
  }
  const getter = /this\.get(\w+)Attribute\(/.exec(line);
  if (getter) {
    const set = line.includes('Fn.tolist(');
    switch (getter[1]) {
      case 'String': return 'string';
      case 'Number': return 'number';
      case 'Boolean': return 'bool';
      case 'List': return [set ? 'set' : 'list', 'string'];
      case 'NumberList': return [set ? 'set' : 'list', 'number'];
      case 'BooleanList': return [set ? 'set' : 'list', 'bool'];
      case 'StringMap': return ['map', 'string'];
      case 'NumberMap': return ['map', 'number'];
      case 'BooleanMap': return ['map', 'bool'];
      default: return 'dynamic';
    }
  }
  const ctor = /new ([\w.]+)\(this, "[^"]*"(?:, (true|false))?\)/.exec(line);
  if (ctor) {
    const cls = ctor[1];
    const builtin: Record<string, CtyType> = {
      'StringMap': ['map', 'string'],
      'NumberMap': ['map', 'number'],
      'BooleanMap': ['map', 'bool'],
      'AnyMap': ['map', 'dynamic'],
      'StringMapList': ['list', ['map', 'string']],
      'NumberMapList': ['list', ['map', 'number']],
      'BooleanMapList': ['list', ['map', 'bool']],
      'AnyMapList': ['list', ['map', 'dynamic']],
    };
    // The core library is imported as `cdktn` (by cdktf's generator: as cdktf).
    const core = cls.replace(/^cdkt[fn]\./, '');
    if (cls !== core && builtin[core]) return builtin[core];
    let m: RegExpExecArray | null;
    if ((m = /^(\w+)OutputReference$/.exec(cls))) {
      // A single computed object: SDKv2 exposes these as a list of one object.
      return ['list', objectType(mod, m[1], seen)];
    }
    if ((m = /^(\w+)List$/.exec(cls))) return [ctor[2] === 'true' ? 'set' : 'list', objectType(mod, m[1], seen)];
    if ((m = /^(\w+)Map$/.exec(cls))) return ['map', objectType(mod, m[1], seen)];
  }
  return 'dynamic';
}

/**
 * cdktf marks attribute-mode structs by emitting every member as
 * `struct.x === undefined ? null : ...`, because an object-typed attribute
 * needs all its keys present (unlike a block).
 */
function isAttributeMode(mod: Module, structName: string): boolean {
  const args = mod.struct(structName).hcl;
  return args.length > 0 && args.every((a) => a.valueExpr.includes('=== undefined ? null'));
}

function deriveBlock(mod: Module, container: Container, seen: Set<string>): SchemaBlock {
  const block: SchemaBlock = { attributes: {}, blocks: {} };
  const announced = new Map<string, Announced>();
  for (const m of container.body.matchAll(ANNOUNCE)) {
    announced.set(m[1], { computed: m[2] === 'true', optional: m[3] === 'true', required: m[4] === 'true', next: m[5].trim() });
  }
  const resets = new Set([...container.body.matchAll(/\n +reset(\w+)\(\) \{/g)].map((m) => lcFirst(m[1])));

  for (const arg of container.hcl) {
    const flags = announced.get(arg.name);
    if (arg.isBlock) {
      const nesting: Nesting =
        arg.kind === 'struct' ? 'single' : arg.kind === 'set' ? 'set' : arg.kind === 'map' ? 'map' : 'list';
      const structName = blockStruct(arg);
      if (isAttributeMode(mod, structName)) {
        // SDKv2 "ConfigModeAttr" (e.g. aws_security_group.ingress): written like a
        // block in cdktf, but really an attribute of a set/list of objects.
        const collection = nesting === 'set' ? 'set' : 'list';
        block.attributes[arg.name] = { type: [collection, objectType(mod, structName, seen)], optional: true, computed: true };
        continue;
      }
      const inner = seen.has(structName)
        ? { attributes: {}, blocks: {} }
        : deriveBlock(mod, mod.struct(structName), new Set([...seen, structName]));
      // A list block whose value is converted directly (not via listMapperHcl) is a max-one list.
      const maxOne = nesting === 'list' && !arg.valueExpr.includes('listMapperHcl');
      const required = flags ? flags.required : !resets.has(arg.camel);
      block.blocks[arg.name] = {
        nesting,
        block: inner,
        // min/max items exist only for list and set nesting (core rejects them elsewhere).
        ...(required && (nesting === 'list' || nesting === 'set') ? { minItems: 1 } : {}),
        ...(maxOne ? { maxItems: 1 } : {}),
      };
      continue;
    }
    const required = !resets.has(arg.camel) && !(flags && !flags.required);
    const attr: SchemaAttribute = { type: argType(mod, arg, seen) };
    if (required) attr.required = true;
    else {
      // Unknown whether optional-only or optional+computed: see overrides.ts (OPTIONAL_IS_COMPUTED).
      attr.optional = true;
      if (flags?.computed) attr.computed = true;
    }
    block.attributes[arg.name] = attr;
  }

  for (const [name, flags] of announced) {
    if (!flags.computed || flags.optional || flags.required) continue;
    if (block.attributes[name] || block.blocks[name]) continue;
    const camel = /^get (\w+)\(\)/.exec(flags.next)?.[1] ?? /this\._(\w+) = /.exec(flags.next)?.[1] ?? '';
    block.attributes[name] = { type: computedType(mod, container, camel, flags.next, seen), computed: true };
  }
  return block;
}

interface TopLevel {
  kind: 'resource' | 'data' | 'provider';
  type: string;
  block: SchemaBlock;
}

function topLevel(mod: Module): TopLevel[] {
  const out: TopLevel[] = [];
  const classes = mod.source.matchAll(/\nclass (\w+) extends cdkt[fn]\.(TerraformResource|TerraformDataSource|TerraformProvider) \{/g);
  for (const m of classes) {
    const [, cls, base] = m;
    const body = bodyFrom(mod.source, m.index!);
    // cdktn: `static tfResourceType = "aws_vpc";` in the class body; cdktf: `Vpc.tfResourceType = "aws_vpc";` after it.
    const type =
      /\n +static tfResourceType = "([\w-]+)";/.exec(body)?.[1] ??
      new RegExp(`\\n${cls}\\.tfResourceType = "([\\w-]+)";`).exec(mod.source)?.[1];
    if (!type) continue;
    const hclAt = body.indexOf('synthesizeHclAttributes()');
    const container: Container = { body, hcl: hclAt < 0 ? [] : parseHclArgs(body.slice(hclAt)) };
    const kind = base === 'TerraformResource' ? 'resource' : base === 'TerraformDataSource' ? 'data' : 'provider';
    out.push({ kind, type, block: deriveBlock(mod, container, new Set()) });
  }
  return out;
}

/** Derive the whole schema of one `@cdktn/provider-*` package directory. */
export function deriveSchema(packageDir: string): ProviderSchema {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const meta = pkg.cdktn ?? pkg.cdktf; // cdktn packages carry both keys
  const providerName: string = meta.provider.name; // registry.terraform.io/hashicorp/aws
  const schema: ProviderSchema = {
    name: providerName.split('/').pop()!,
    providerVersion: meta.provider.version,
    derivedFrom: `${pkg.name}@${pkg.version}`,
    provider: { attributes: {}, blocks: {} },
    resources: {},
    dataSources: {},
  };
  const lib = join(packageDir, 'lib');
  for (const dir of readdirSync(lib).sort()) {
    const file = join(lib, dir, 'index.js');
    if (!existsSync(file)) continue;
    for (const t of topLevel(new Module(readFileSync(file, 'utf8')))) {
      if (t.kind === 'provider') {
        // `alias` is a meta-argument handled by Terraform itself, not part of the provider's schema.
        delete t.block.attributes.alias;
        schema.provider = t.block;
      }
      else if (t.kind === 'resource') schema.resources[t.type] = t.block;
      else schema.dataSources[t.type] = t.block;
    }
  }
  return schema;
}
