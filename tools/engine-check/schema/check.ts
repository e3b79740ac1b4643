import { ProviderSchema, SchemaBlock } from './types';

/**
 * The structural rules OpenTofu applies to a provider schema before using it
 * (configschema InternalValidate). A derived schema breaking one of them
 * would make every tofu command fail with "invalid schema ... a bug in the
 * provider", so we check once, when the schema is derived.
 */
const VALID_NAME = /^[a-z0-9_]+$/;

function checkBlock(block: SchemaBlock, prefix: string, out: string[]): void {
  for (const [name, a] of Object.entries(block.attributes)) {
    const where = `${prefix}${name}`;
    if (!VALID_NAME.test(name)) out.push(`${where}: invalid name`);
    if (name in block.blocks) out.push(`${where}: both attribute and block`);
    if (!a.required && !a.optional && !a.computed) out.push(`${where}: none of required/optional/computed`);
    if (a.required && (a.optional || a.computed)) out.push(`${where}: required combined with optional/computed`);
  }
  for (const [name, n] of Object.entries(block.blocks)) {
    const where = `${prefix}${name}`;
    if (!VALID_NAME.test(name)) out.push(`${where}: invalid name`);
    const min = n.minItems ?? 0;
    const max = n.maxItems ?? 0;
    if (min < 0 || max < 0) out.push(`${where}: negative min/max items`);
    if ((n.nesting === 'single' || n.nesting === 'map') && (min || max)) out.push(`${where}: min/max items in ${n.nesting} nesting`);
    if (max && min > max) out.push(`${where}: min items > max items`);
    if (n.nesting === 'set' && Object.values(n.block.attributes).some((a) => JSON.stringify(a.type).includes('"dynamic"'))) {
      out.push(`${where}: dynamic attribute inside a set block`);
    }
    checkBlock(n.block, `${where}.`, out);
  }
}

export function checkSchema(schema: ProviderSchema): string[] {
  const out: string[] = [];
  checkBlock(schema.provider, 'provider.', out);
  for (const [t, b] of Object.entries(schema.resources)) checkBlock(b, `${t}.`, out);
  for (const [t, b] of Object.entries(schema.dataSources)) checkBlock(b, `data.${t}.`, out);
  return out;
}
