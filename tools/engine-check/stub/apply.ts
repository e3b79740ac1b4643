import { createHash } from 'crypto';
import { CtyType, SchemaBlock } from '../schema/types';
import { isDynamicWrapped, isUnknown, Value } from './values';

/**
 * What the stub "creates" on apply: every value left unknown by the plan is
 * filled with a known, plausible, deterministic one (the same planned object
 * always gets the same ids, so applying a stack twice writes the same state).
 * Known planned values are returned exactly as planned, which is what
 * OpenTofu verifies after apply.
 */

/** The dummy account the stub's ARNs name. */
export const ACCOUNT_ID = '123456789012';
/** Region used when the provider configuration gives none. */
export const DEFAULT_REGION = 'us-east-1';

type Obj = { [k: string]: Value };

function isObject(v: Value): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v);
}

/** Resource id prefixes EC2 uses (`vpc-0a1b...`); other types get the forms below. */
const EC2_ID_PREFIX: Record<string, string> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_security_group: 'sg',
  aws_default_security_group: 'sg',
  aws_internet_gateway: 'igw',
  aws_nat_gateway: 'nat',
  aws_eip: 'eipalloc',
  aws_route_table: 'rtb',
  aws_route_table_association: 'rtbassoc',
  aws_route: 'r',
  aws_vpc_security_group_ingress_rule: 'sgr',
  aws_vpc_security_group_egress_rule: 'sgr',
  aws_network_interface: 'eni',
  aws_flow_log: 'fl',
};

/** Types whose `id` is their ARN. */
const ID_IS_ARN = new Set([
  'aws_lb',
  'aws_lb_target_group',
  'aws_lb_listener',
  'aws_lb_listener_rule',
  'aws_iam_policy',
  'aws_secretsmanager_secret',
  'aws_secretsmanager_secret_version',
  'aws_ecs_cluster',
  'aws_ecs_service',
  'aws_acm_certificate',
]);

/** ARN service and resource part per type; the name is the object's `name` (or a hash). */
const ARN_FORMS: Record<string, (name: string, hash: string) => [service: string, resource: string, global?: boolean]> = {
  aws_lb: (n, h) => ['elasticloadbalancing', `loadbalancer/app/${n}/${h.slice(0, 16)}`],
  aws_lb_target_group: (n, h) => ['elasticloadbalancing', `targetgroup/${n}/${h.slice(0, 16)}`],
  aws_lb_listener: (_n, h) => ['elasticloadbalancing', `listener/app/stub/${h.slice(0, 16)}/${h.slice(16, 32)}`],
  aws_lb_listener_rule: (_n, h) => ['elasticloadbalancing', `listener-rule/app/stub/${h.slice(0, 16)}/${h.slice(16, 32)}`],
  aws_iam_role: (n) => ['iam', `role/${n}`, true],
  aws_iam_policy: (n) => ['iam', `policy/${n}`, true],
  aws_s3_bucket: (n) => ['s3', n, true],
  aws_dynamodb_table: (n) => ['dynamodb', `table/${n}`],
  aws_db_instance: (n) => ['rds', `db:${n}`],
  aws_db_subnet_group: (n) => ['rds', `subgrp:${n}`],
  aws_secretsmanager_secret: (n, h) => ['secretsmanager', `secret:${n}-${h.slice(0, 6)}`],
  aws_ecs_cluster: (n) => ['ecs', `cluster/${n}`],
  aws_ecs_service: (n) => ['ecs', `service/stub/${n}`],
  aws_ecs_task_definition: (n) => ['ecs', `task-definition/${n}:1`],
  aws_cloudwatch_log_group: (n) => ['logs', `log-group:${n}`],
  aws_acm_certificate: (_n, h) => ['acm', `certificate/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`],
  aws_service_discovery_private_dns_namespace: (_n, h) => ['servicediscovery', `namespace/ns-${h.slice(0, 16)}`],
  aws_service_discovery_service: (_n, h) => ['servicediscovery', `service/srv-${h.slice(0, 16)}`],
};

function stableJson(v: Value): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : isUnknown(x) ? null : x));
}

export interface ApplyContext {
  typeName: string;
  region: string;
}

/** Fills a resource's unknowns (see the file comment); `planned` null (a delete) stays null. */
export function applyPlanned(block: SchemaBlock, planned: Value, ctx: ApplyContext): Value {
  if (!isObject(planned)) return planned;
  const hash = createHash('sha256').update(ctx.typeName).update(stableJson(planned)).digest('hex');
  const name = firstString(planned, ['name', 'identifier', 'bucket', 'family', 'domain_name']) ?? `stub-${hash.slice(0, 8)}`;
  const region = typeof planned.region === 'string' ? planned.region : ctx.region;
  const arn = arnFor(ctx.typeName, name, hash, region);
  const top = (attr: string, type: CtyType): Value => {
    switch (attr) {
      case 'arn':
        return arn;
      case 'id':
        return idFor(ctx.typeName, name, hash, arn);
      case 'region':
        return region;
      case 'owner_id':
      case 'account_id':
        return ACCOUNT_ID;
      case 'tags_all':
        // Without default_tags the provider's tags_all is tags.
        return isObject(planned.tags ?? null) ? planned.tags : {};
      case 'arn_suffix':
        return arn.split(':').pop()!.replace(/^loadbalancer\//, '');
      case 'dns_name':
        return `${name}-${parseInt(hash.slice(0, 8), 16)}.${region}.elb.amazonaws.com`;
      case 'zone_id':
      case 'hosted_zone_id':
        return `Z${hash.slice(0, 12).toUpperCase()}`;
      case 'address':
        return ctx.typeName === 'aws_db_instance' ? `${name}.c${hash.slice(0, 12)}.${region}.rds.amazonaws.com` : fill(type, attr, hash);
      case 'endpoint':
        return ctx.typeName === 'aws_db_instance' ? `${name}.c${hash.slice(0, 12)}.${region}.rds.amazonaws.com:5432` : fill(type, attr, hash);
      case 'resource_id':
        return `db-${hash.slice(0, 26).toUpperCase()}`;
      case 'revision':
        return 1;
      default:
        return fill(type, attr, hash);
    }
  };
  return fillBlock(block, planned, hash, top);
}

/**
 * Fills one block. Inside nested blocks an optional attribute left unset is
 * null rather than a placeholder: OpenTofu cannot match set elements of the
 * next plan's proposal with prior ones, so a value invented here would show
 * as a change of the block on every later plan.
 */
function fillBlock(block: SchemaBlock, v: Obj, hash: string, top?: (attr: string, type: CtyType) => Value): Obj {
  const out: Obj = { ...v };
  for (const [name, attr] of Object.entries(block.attributes)) {
    const current = out[name];
    if (isUnknown(current) || current === undefined) {
      out[name] = top ? top(name, attr.type) : attr.optional ? null : fill(attr.type, name, hash);
    }
    else if (current !== null) out[name] = fillKnownParts(attr.type, current, name, hash);
  }
  for (const [name, nested] of Object.entries(block.blocks)) {
    const current = out[name];
    if (isDynamicWrapped(current)) continue;
    if (isUnknown(current) || current === undefined) {
      out[name] = nested.nesting === 'single' ? null : nested.nesting === 'map' ? {} : [];
    } else if (Array.isArray(current)) {
      out[name] = current.map((e) => (isObject(e) ? fillBlock(nested.block, e, hash) : e));
    } else if (isObject(current)) {
      out[name] =
        nested.nesting === 'map'
          ? Object.fromEntries(Object.entries(current).map(([k, e]) => [k, isObject(e) ? fillBlock(nested.block, e, hash) : e]))
          : fillBlock(nested.block, current, hash);
    }
  }
  return out;
}

/** A known value that contains unknowns (a list with an unknown element): fill the unknown parts. */
function fillKnownParts(type: CtyType, v: Value, name: string, hash: string): Value {
  if (isUnknown(v)) return fill(type, name, hash);
  if (typeof type === 'string' || v === null) return v;
  const [kind, inner] = type;
  if (kind === 'object' && isObject(v)) {
    return Object.fromEntries(Object.entries(inner).map(([k, t]) => [k, fillKnownParts(t, v[k] ?? null, k, hash)]));
  }
  if ((kind === 'list' || kind === 'set') && Array.isArray(v)) return v.map((e) => fillKnownParts(inner as CtyType, e, name, hash));
  if (kind === 'map' && isObject(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, fillKnownParts(inner as CtyType, e, name, hash)]));
  }
  return v;
}

/**
 * A value for an attribute the plan left unknown. Collections are empty:
 * an unset optional list is empty on AWS too, and no expression of ours
 * indexes into a computed list.
 */
function fill(type: CtyType, name: string, hash: string): Value {
  if (type === 'string') return `stub-${name.replace(/_/g, '-')}-${hash.slice(0, 8)}`;
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (type === 'dynamic') return null;
  const [kind, inner] = type;
  if (kind === 'object') return Object.fromEntries(Object.entries(inner).map(([k, t]) => [k, fill(t, k, hash)]));
  return kind === 'map' ? {} : [];
}

function firstString(v: Obj, keys: string[]): string | undefined {
  for (const k of keys) if (typeof v[k] === 'string' && v[k]) return v[k] as string;
  return undefined;
}

function arnFor(typeName: string, name: string, hash: string, region: string): string {
  const form = ARN_FORMS[typeName];
  const [service, resource, global] = form
    ? form(name, hash)
    : [typeName.split('_')[1] ?? 'stub', `${typeName.split('_').slice(2).join('-') || 'resource'}/${name}`];
  if (service === 's3') return `arn:aws:s3:::${resource}`;
  return `arn:aws:${service}:${global ? '' : region}:${ACCOUNT_ID}:${resource}`;
}

function idFor(typeName: string, name: string, hash: string, arn: string): string {
  const prefix = EC2_ID_PREFIX[typeName];
  if (prefix) return `${prefix}-0${hash.slice(0, 16)}`;
  if (ID_IS_ARN.has(typeName)) return arn;
  if (typeName === 'aws_db_instance') return `db-${hash.slice(0, 26).toUpperCase()}`;
  if (typeName.startsWith('aws_service_discovery')) return arn.split('/').pop()!;
  if (typeName.startsWith('random_')) return hash.slice(0, 16);
  return name;
}
