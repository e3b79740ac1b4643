import { ProviderSchema, SchemaBlock } from './types';
import { join } from 'path';
import { protocolJson, protocolRoot, serialize } from '../stub/protocol';

/**
 * Encodes a schema as the protobuf bytes of `GetProviderSchema.Response`.
 * Done once per schema version by the harness; the stub then answers
 * GetSchema with these bytes as-is (no 10 MB protobuf encode per process).
 */

const NESTING = { single: 'SINGLE', list: 'LIST', set: 'SET', map: 'MAP' } as const;

function block(b: SchemaBlock): object {
  return {
    attributes: Object.entries(b.attributes)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([name, a]) => ({
        name,
        type: Buffer.from(JSON.stringify(a.type)),
        required: !!a.required,
        optional: !!a.optional,
        computed: !!a.computed,
        sensitive: !!a.sensitive,
      })),
    block_types: Object.entries(b.blocks)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([type_name, n]) => ({
        type_name,
        block: block(n.block),
        nesting: NESTING[n.nesting],
        min_items: n.minItems ?? 0,
        max_items: n.maxItems ?? 0,
      })),
  };
}

const schemaOf = (b: SchemaBlock) => ({ version: 0, block: block(b) });
const mapOf = (m: Record<string, SchemaBlock>) =>
  Object.fromEntries(Object.entries(m).map(([k, b]) => [k, schemaOf(b)]));

export function encodeSchemaResponse(schema: ProviderSchema, protoDir: string): Buffer {
  const root = protocolRoot(protocolJson([join(protoDir, 'tfplugin5.proto')]));
  return serialize(root.lookupType('tfplugin5.GetProviderSchema.Response'), {
    provider: schemaOf(schema.provider),
    resource_schemas: mapOf(schema.resources),
    data_source_schemas: mapOf(schema.dataSources),
    // The schema never changes between processes: let OpenTofu reuse it
    // instead of asking every provider instance again.
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: true },
  });
}
