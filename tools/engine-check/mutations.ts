import { TerraformJson } from './harness/workspace';

/**
 * Seeded faults. Each one takes a synthesized stack (a fresh copy), breaks it
 * in one specific way and names the substring OpenTofu's diagnostics must
 * contain. A mutation that is not caught, or that applies to no stack, fails
 * the check: it means the engine check stopped checking something.
 *
 * Targets are picked by resource type, never by construct name, so the suite
 * survives refactorings of the stacks. To add one: append an entry; `apply`
 * returns undefined when the stack lacks what it needs.
 */
export interface Mutation {
  id: string;
  /** Stacks to try, in order; the first where `apply` succeeds is used. */
  stacks?: string[];
  expect: {
    /** Where the fault must be caught: `tofu validate`, or only `tofu plan` (needs values). */
    stage: 'validate' | 'plan';
    /** Substring(s) of tofu's output that must all appear (summary, then detail). */
    message: string | string[];
  };
  apply(config: TerraformJson): TerraformJson | undefined;
  /**
   * Variable values for the plan, on top of the stack's fixture tfvars
   * (null removes a fixture value, so the variable's default applies).
   */
  tfvars?: Record<string, unknown> | ((config: TerraformJson) => Record<string, unknown>);
}

type Body = Record<string, any>;

/** First instance `[name, body]` of a resource (or data source) type. */
function first(config: TerraformJson, type: string, kind: 'resource' | 'data' = 'resource'): [string, Body] | undefined {
  const instances = config[kind]?.[type];
  const name = instances && Object.keys(instances).sort()[0];
  return name ? [name, instances[name]] : undefined;
}

/** First resource of any of the given types. */
function firstOf(config: TerraformJson, types: string[]): [string, string, Body] | undefined {
  for (const t of types) {
    const hit = first(config, t);
    if (hit) return [t, ...hit];
  }
  return undefined;
}

function addOutput(config: TerraformJson, name: string, value: string, extra: Body = {}): TerraformJson {
  config.output = { ...(config.output ?? {}), [name]: { value, ...extra } };
  return config;
}

/** A resource type that every stack of this project has (S3 state bucket, or the app's VPC). */
const ANCHORS = ['aws_s3_bucket', 'aws_vpc', 'aws_dynamodb_table', 'aws_security_group'];

/** Stacks tried when a mutation names none: the small bootstrap stack plans fastest. */
export const DEFAULT_STACKS = ['bootstrap', 'production'];
const PRODUCTION_FIRST = ['production', 'bootstrap'];

export const MUTATIONS: Mutation[] = [
  {
    id: 'misspelled-argument',
    // JSON syntax's wording of "Unsupported argument".
    expect: { stage: 'validate', message: 'No argument or block type is named "bukcet"' },
    apply(c) {
      const hit = first(c, 'aws_s3_bucket');
      if (!hit) return undefined;
      hit[1].bukcet = hit[1].bucket ?? 'typo';
      delete hit[1].bucket;
      return c;
    },
  },
  {
    id: 'wrong-type-bool',
    expect: { stage: 'validate', message: 'Inappropriate value for attribute "deletion_protection_enabled": a bool is required' },
    apply(c) {
      const hit = first(c, 'aws_dynamodb_table');
      if (!hit) return undefined;
      hit[1].deletion_protection_enabled = 'maybe';
      return c;
    },
  },
  {
    id: 'wrong-type-map',
    expect: { stage: 'validate', message: 'Inappropriate value for attribute "tags": map of string required' },
    apply(c) {
      const hit = firstOf(c, ANCHORS);
      if (!hit) return undefined;
      hit[2].tags = ['not', 'a', 'map'];
      return c;
    },
  },
  {
    id: 'missing-required-argument',
    expect: { stage: 'validate', message: ['Missing required argument', 'The argument "name" is required'] },
    apply(c) {
      const hit = first(c, 'aws_dynamodb_table');
      if (!hit) return undefined;
      delete hit[1].name; // (hash_key is optional since AWS provider 6: key_schema)
      return c;
    },
  },
  {
    id: 'reference-undeclared-resource',
    expect: { stage: 'validate', message: 'A managed resource "aws_s3_bucket" "engine_does_not_exist" has not been declared' },
    apply: (c) => addOutput(c, 'engine_mutation', '${aws_s3_bucket.engine_does_not_exist.arn}'),
  },
  {
    id: 'reference-unsupported-attribute',
    expect: { stage: 'validate', message: ['Unsupported attribute', 'This object has no argument, nested block, or exported attribute named "arnn"'] },
    apply(c) {
      const hit = firstOf(c, ANCHORS);
      return hit && addOutput(c, 'engine_mutation', `\${${hit[0]}.${hit[1]}.arnn}`);
    },
  },
  {
    id: 'dependency-cycle',
    expect: { stage: 'validate', message: 'Cycle:' },
    apply(c) {
      // The bucket now depends on something that depends on the bucket.
      const bucket = first(c, 'aws_s3_bucket');
      const dependent = first(c, 'aws_s3_bucket_versioning') ?? first(c, 'aws_s3_bucket_policy');
      if (!bucket || !dependent) return undefined;
      const type = c.resource.aws_s3_bucket_versioning?.[dependent[0]] ? 'aws_s3_bucket_versioning' : 'aws_s3_bucket_policy';
      bucket[1].tags = { ...(bucket[1].tags ?? {}), Cycle: `\${${type}.${dependent[0]}.id}` };
      return c;
    },
  },
  {
    id: 'depends-on-undeclared',
    expect: { stage: 'validate', message: 'A managed resource "aws_iam_role" "engine_does_not_exist" has not been declared' },
    apply(c) {
      const hit = firstOf(c, ANCHORS);
      if (!hit) return undefined;
      hit[2].depends_on = [...(hit[2].depends_on ?? []), 'aws_iam_role.engine_does_not_exist'];
      return c;
    },
  },
  {
    id: 'depends-on-attribute',
    expect: { stage: 'validate', message: 'Invalid depends_on reference' },
    apply(c) {
      const bucket = first(c, 'aws_s3_bucket') ?? first(c, 'aws_vpc');
      const other = firstOf(c, ['aws_s3_bucket_versioning', 'aws_subnet', 'aws_dynamodb_table']);
      if (!bucket || !other) return undefined;
      const type = c.resource.aws_s3_bucket?.[bucket[0]] ? 'aws_s3_bucket' : 'aws_vpc';
      other[2].depends_on = [`${type}.${bucket[0]}.arn`];
      return c;
    },
  },
  {
    id: 'variable-validation-tfvars',
    expect: { stage: 'plan', message: 'Invalid value for variable' },
    apply: (c) => (c.variable?.environment?.validation ? c : undefined),
    tfvars: { environment: 'Not_A_Valid-Environment!' },
  },
  {
    id: 'variable-validation-default',
    expect: { stage: 'plan', message: 'Invalid value for variable' },
    apply(c) {
      if (!c.variable?.region?.validation) return undefined;
      c.variable.region.default = 'mars-north-1a';
      return c;
    },
    // The fixture sets region; plan must use the (broken) default instead.
    tfvars: { region: null },
  },
  {
    id: 'variable-wrong-type-tfvars',
    expect: { stage: 'plan', message: 'a number is required' },
    apply(c) {
      return numericVariable(c) ? c : undefined;
    },
    tfvars: (c) => ({ [numericVariable(c)!]: 'ninety' }),
  },
  {
    id: 'unknown-function',
    expect: { stage: 'validate', message: 'Call to unknown function' },
    apply: (c) => addOutput(c, 'engine_mutation', '${uppercase(var.environment)}'),
  },
  {
    id: 'block-given-as-string',
    expect: {
      stage: 'validate',
      message: [
        'Incorrect JSON value type',
        'Either a JSON object or a JSON array is required, representing the contents of one or more "versioning_configuration" blocks',
      ],
    },
    apply(c) {
      const hit = first(c, 'aws_s3_bucket_versioning');
      if (!hit) return undefined;
      hit[1].versioning_configuration = 'Enabled';
      return c;
    },
  },
  {
    id: 'computed-only-attribute-set',
    expect: { stage: 'validate', message: ['Invalid Configuration for Read-Only Attribute', 'Cannot set value for "arn"'] },
    apply(c) {
      const hit = firstOf(c, ANCHORS);
      if (!hit) return undefined;
      hit[2].arn = 'arn:aws:s3:::engine-mutation';
      return c;
    },
  },
  {
    id: 'wrong-nesting',
    // JSON syntax's wording of "Unsupported block type".
    expect: { stage: 'validate', message: 'No argument or block type is named "apply_server_side_encryption_by_default"' },
    apply(c) {
      // A block one level too high: the rule's contents moved up to the resource.
      const hit = first(c, 'aws_s3_bucket_server_side_encryption_configuration');
      if (!hit) return undefined;
      const rule = Array.isArray(hit[1].rule) ? hit[1].rule[0] : hit[1].rule;
      hit[1].apply_server_side_encryption_by_default = rule.apply_server_side_encryption_by_default ?? { sse_algorithm: 'AES256' };
      return c;
    },
  },
  {
    id: 'too-many-blocks',
    expect: { stage: 'validate', message: 'Too many versioning_configuration blocks' },
    apply(c) {
      const hit = first(c, 'aws_s3_bucket_versioning');
      if (!hit) return undefined;
      const one = Array.isArray(hit[1].versioning_configuration) ? hit[1].versioning_configuration[0] : hit[1].versioning_configuration;
      hit[1].versioning_configuration = [one, one];
      return c;
    },
  },
  {
    id: 'missing-required-block',
    expect: { stage: 'validate', message: 'Insufficient default_action blocks' },
    stacks: PRODUCTION_FIRST,
    apply(c) {
      const listener = first(c, 'aws_lb_listener');
      if (!listener) return undefined;
      delete listener[1].default_action;
      return c;
    },
  },
  {
    id: 'missing-required-single-block',
    expect: { stage: 'validate', message: 'Insufficient versioning_configuration blocks' },
    apply(c) {
      const hit = first(c, 'aws_s3_bucket_versioning');
      if (!hit) return undefined;
      delete hit[1].versioning_configuration;
      return c;
    },
  },
  {
    id: 'unknown-resource-type',
    expect: { stage: 'validate', message: 'Invalid resource type' },
    apply(c) {
      const hit = firstOf(c, ANCHORS);
      if (!hit) return undefined;
      c.resource[`${hit[0]}x`] = { [hit[1]]: hit[2] };
      delete c.resource[hit[0]][hit[1]];
      if (!Object.keys(c.resource[hit[0]]).length) delete c.resource[hit[0]];
      // References to the renamed resource would fail first with another message; drop them.
      return JSON.parse(JSON.stringify(c).split(`${hit[0]}.${hit[1]}.`).join(`${hit[0]}x.${hit[1]}.`));
    },
  },
  {
    id: 'output-undeclared-variable',
    expect: { stage: 'validate', message: 'Reference to undeclared input variable' },
    apply: (c) => addOutput(c, 'engine_mutation', '${var.engine_not_declared}'),
  },
  {
    id: 'output-undeclared-data-source',
    expect: { stage: 'validate', message: 'A data resource "aws_iam_policy_document" "engine_missing" has not been declared' },
    apply: (c) => addOutput(c, 'engine_mutation', '${data.aws_iam_policy_document.engine_missing.json}'),
  },
  {
    id: 'provider-misspelled-argument',
    expect: { stage: 'validate', message: 'No argument or block type is named "regoin"' },
    apply(c) {
      const aws = c.provider?.aws;
      const p = Array.isArray(aws) ? aws[0] : aws;
      if (!p) return undefined;
      p.regoin = p.region ?? 'us-east-1';
      delete p.region;
      return c;
    },
  },
  {
    id: 'count-and-for-each',
    expect: { stage: 'validate', message: 'Invalid combination of "count" and "for_each"' },
    apply(c) {
      const hit = firstOf(c, ANCHORS);
      if (!hit) return undefined;
      hit[2].count = 1;
      hit[2].for_each = '${toset(["a"])}';
      return c;
    },
  },
  {
    id: 'self-reference',
    // Checked when the resource instance is planned, not by validate.
    expect: { stage: 'plan', message: 'Self-referential block' },
    apply(c) {
      const hit = firstOf(c, ANCHORS);
      if (!hit) return undefined;
      hit[2].tags = { ...(hit[2].tags ?? {}), Self: `\${${hit[0]}.${hit[1]}.id}` };
      return c;
    },
  },
  {
    id: 'ignore-changes-unknown-attribute',
    expect: { stage: 'validate', message: ['Unsupported attribute', 'exported attribute named "engine_no_such_attribute"'] },
    apply(c) {
      const hit = firstOf(c, ANCHORS);
      if (!hit) return undefined;
      hit[2].lifecycle = { ...(hit[2].lifecycle ?? {}), ignore_changes: ['engine_no_such_attribute'] };
      return c;
    },
  },
  {
    id: 'sensitive-output-not-marked',
    stacks: PRODUCTION_FIRST,
    expect: { stage: 'plan', message: 'Output refers to sensitive values' },
    apply(c) {
      const pw = first(c, 'random_password');
      if (pw) return addOutput(c, 'engine_mutation', `\${random_password.${pw[0]}.result}`);
      const secret = Object.entries<Body>(c.variable ?? {}).find(([, v]) => v.sensitive);
      return secret && addOutput(c, 'engine_mutation', `\${var.${secret[0]}}`);
    },
  },
  {
    id: 'function-argument-invalid-at-plan',
    expect: { stage: 'plan', message: 'Call to function "cidrsubnet" failed' },
    apply(c) {
      const v = c.variable?.region ?? c.variable?.environment;
      if (!v) return undefined;
      return addOutput(c, 'engine_mutation', `\${cidrsubnet(var.${c.variable.region ? 'region' : 'environment'}, 8, 1)}`);
    },
  },
  {
    id: 'nested-block-argument-wrong-type',
    expect: { stage: 'validate', message: 'Inappropriate value for attribute "enabled": a bool is required' },
    apply(c) {
      const table = first(c, 'aws_dynamodb_table');
      if (!table) return undefined;
      table[1].point_in_time_recovery = { enabled: 'sometimes' };
      return c;
    },
  },
  {
    id: 'port-wrong-type',
    stacks: PRODUCTION_FIRST,
    expect: { stage: 'validate', message: 'Inappropriate value for attribute "from_port": a number is required' },
    apply(c) {
      const rule = first(c, 'aws_vpc_security_group_ingress_rule');
      if (!rule) return undefined;
      rule[1].from_port = 'http';
      return c;
    },
  },
  {
    id: 'object-where-string-expected',
    // `.json` forgotten: the whole data source object is not a policy string.
    // validate sees only unknowns of unknown type; the object type is known at plan.
    expect: { stage: 'plan', message: 'Inappropriate value for attribute "policy": string required' },
    apply(c) {
      const policy = first(c, 'aws_s3_bucket_policy');
      const doc = first(c, 'aws_iam_policy_document', 'data');
      if (!policy || !doc) return undefined;
      policy[1].policy = `\${data.aws_iam_policy_document.${doc[0]}}`;
      return c;
    },
  },
  {
    id: 'data-source-misspelled-argument',
    expect: { stage: 'validate', message: 'No argument or block type is named "efect"' },
    apply(c) {
      const doc = first(c, 'aws_iam_policy_document', 'data');
      const statement = doc && (Array.isArray(doc[1].statement) ? doc[1].statement[0] : doc[1].statement);
      if (!statement) return undefined;
      statement.efect = statement.effect ?? 'Allow';
      delete statement.effect;
      return c;
    },
  },
  {
    id: 'for-each-over-computed',
    // Only correct if the stub plans computed attributes as unknown.
    expect: { stage: 'plan', message: 'Invalid for_each argument' },
    apply(c) {
      const bucket = first(c, 'aws_s3_bucket');
      const versioning = first(c, 'aws_s3_bucket_versioning');
      if (!bucket || !versioning) return undefined;
      versioning[1].for_each = `\${toset([aws_s3_bucket.${bucket[0]}.arn])}`;
      return c;
    },
  },
  {
    id: 'random-provider-wrong-type',
    stacks: PRODUCTION_FIRST,
    expect: { stage: 'validate', message: 'Inappropriate value for attribute "length": a number is required' },
    apply(c) {
      const pw = first(c, 'random_password');
      if (!pw) return undefined;
      pw[1].length = 'long';
      return c;
    },
  },
];

/** Name of a number-typed variable, for `variable-wrong-type-tfvars`. */
export function numericVariable(config: TerraformJson): string | undefined {
  return Object.entries<Body>(config.variable ?? {}).find(([, v]) => v.type === 'number')?.[0];
}
