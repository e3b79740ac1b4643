/**
 * The provider schema as the stub serves it. Deliberately the same shape as
 * the plugin protocol's `Schema.Block` (attributes + nested block types), so
 * encoding it for GetSchema is a direct mapping.
 */

/** A cty type in its JSON form, exactly as the protocol's `Attribute.type` bytes carry it. */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | ['list' | 'set' | 'map', CtyType]
  | ['object', Record<string, CtyType>];

export interface SchemaAttribute {
  type: CtyType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export type Nesting = 'single' | 'list' | 'set' | 'map';

export interface SchemaNestedBlock {
  nesting: Nesting;
  block: SchemaBlock;
  minItems?: number;
  maxItems?: number;
}

export interface SchemaBlock {
  attributes: Record<string, SchemaAttribute>;
  blocks: Record<string, SchemaNestedBlock>;
}

export interface ProviderSchema {
  /** e.g. "aws"; the provider's local name and the prefix of its resource types. */
  name: string;
  /** Terraform provider version the cdktf package was generated from. */
  providerVersion: string;
  /** npm package and version the schema was derived from. */
  derivedFrom: string;
  provider: SchemaBlock;
  resources: Record<string, SchemaBlock>;
  dataSources: Record<string, SchemaBlock>;
}
