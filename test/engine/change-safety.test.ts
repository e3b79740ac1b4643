import { readFileSync } from 'fs';
import { resolve } from 'path';
import { defaultStacks } from '../default-stacks';
import { changeCases } from '../../tools/engine-check/changes/cases';
import { PlanJson } from '../../tools/engine-check/changes/deploy';
import { changesOf } from '../../tools/engine-check/changes/report';
import { EXPECTED_FILE } from '../../tools/engine-check/changes/suite';
import { cachedSchema } from '../../tools/engine-check/schema/cache';
import { ProviderSchema, SchemaBlock } from '../../tools/engine-check/schema/types';
import { applyPlanned } from '../../tools/engine-check/stub/apply';
import { FORCE_NEW, forceNewPaths } from '../../tools/engine-check/stub/force-new';
import { requiresReplace } from '../../tools/engine-check/stub/replace';
import { isUnknown, UNKNOWN, Value } from '../../tools/engine-check/stub/values';

// Fast checks of the change-safety machinery: the ForceNew table against the
// schemas and the stacks, replacement decisions, apply values, the rules.
// The suite itself (tofu apply + plans) runs in `npm run validate`.

const REPO = resolve(__dirname, '../..');
const load = (pkg: string): ProviderSchema => JSON.parse(readFileSync(cachedSchema(pkg, REPO).jsonPath, 'utf8'));
const aws = load('@cdktn/provider-aws');
const random = load('@cdktn/provider-random');
const blockOf = (type: string): SchemaBlock => aws.resources[type] ?? random.resources[type];

/** The attribute paths that force replacement when `prior` becomes `planned`. */
function replaced(type: string, prior: Record<string, Value>, planned: Record<string, Value>): string[] {
  const block = blockOf(type);
  return requiresReplace(block, forceNewPaths(type, block), prior, { ...prior, ...planned }).map((steps) =>
    steps.map((s) => (s.attribute_name !== undefined ? `.${s.attribute_name}` : `[${s.element_key_int ?? s.element_key_string}]`)).join('').slice(1),
  );
}

describe('the ForceNew table (stub/force-new.ts)', () => {
  it('has every resource type the synthesized stacks use', () => {
    const { bootstrap, production } = defaultStacks();
    const used = [...new Set([bootstrap, production].flatMap((s) => Object.keys(s.json.resource ?? {})))].sort();
    // terraform_data is built into the engine (no provider, no stub): OpenTofu itself decides its replacement.
    expect(used.filter((t) => !FORCE_NEW[t] && t !== 'terraform_data')).toEqual([]);
  });

  it('names only attributes and blocks the served schemas have', () => {
    const missing: string[] = [];
    for (const [type, facts] of Object.entries(FORCE_NEW)) {
      const block = blockOf(type);
      if (!block) {
        missing.push(type);
        continue;
      }
      for (const path of facts.forceNew) {
        let b: SchemaBlock | undefined = block;
        for (const segment of path.split('.')) {
          if (b?.attributes[segment]) b = undefined;
          else if (b?.blocks[segment]) b = b.blocks[segment].block;
          else {
            missing.push(`${type}.${path}`);
            break;
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('records where each entry was read', () => {
    for (const facts of Object.values(FORCE_NEW)) expect(facts.source).toMatch(/^internal\/\S+\.go(@[0-9a-f]{40})?$/);
  });
});

describe('replacement decided from the table', () => {
  it('replaces a target group for its name or port', () => {
    const tg = { name: 'api', port: 9000, protocol: 'HTTP', vpc_id: 'vpc-1', deregistration_delay: '300' };
    expect(replaced('aws_lb_target_group', tg, { name: 'api2' })).toEqual(['name']);
    expect(replaced('aws_lb_target_group', tg, { port: 9001 })).toEqual(['port']);
    expect(replaced('aws_lb_target_group', tg, { deregistration_delay: '30' })).toEqual([]);
  });

  it('replaces a DB subnet group for its name and a subnet for its CIDR block', () => {
    expect(replaced('aws_db_subnet_group', { name: 'a', subnet_ids: ['s-1'] }, { name: 'b' })).toEqual(['name']);
    expect(replaced('aws_db_subnet_group', { name: 'a', subnet_ids: ['s-1'] }, { subnet_ids: ['s-2'] })).toEqual([]);
    expect(replaced('aws_subnet', { cidr_block: '10.0.1.0/24', vpc_id: 'vpc-1' }, { cidr_block: '10.0.2.0/24' })).toEqual(['cidr_block']);
  });

  it('updates ECS desired_count and the DB instance class in place', () => {
    expect(replaced('aws_ecs_service', { name: 'api', desired_count: 1 }, { desired_count: 2 })).toEqual([]);
    expect(replaced('aws_db_instance', { identifier: 'db', instance_class: 'db.t4g.micro' }, { instance_class: 'db.t4g.small' })).toEqual([]);
  });

  it('renames a DB instance in place, as hashicorp/aws has since 5.0', () => {
    expect(FORCE_NEW.aws_db_instance.forceNew).not.toContain('identifier');
    expect(FORCE_NEW.aws_db_instance.note).toMatch(/identifier and identifier_prefix are NOT ForceNew/);
    expect(replaced('aws_db_instance', { identifier: 'db', username: 'u' }, { identifier: 'db2' })).toEqual([]);
    expect(replaced('aws_db_instance', { identifier: 'db', username: 'u' }, { username: 'v' })).toEqual(['username']);
  });

  it('replaces every regional resource when the region changes, and treats unknown as a change', () => {
    expect(replaced('aws_subnet', { cidr_block: '10.0.1.0/24', region: 'eu-west-1' }, { region: 'us-west-2' })).toEqual(['region']);
    expect(replaced('aws_iam_role', { name: 'r' }, { name: 'r' })).toEqual([]); // global: no region attribute
    expect(replaced('aws_subnet', { cidr_block: '10.0.1.0/24', vpc_id: 'vpc-1' }, { vpc_id: UNKNOWN })).toEqual(['vpc_id']);
  });

  it('finds changes inside nested blocks: by index in a list, at the block in a set', () => {
    // aws_ecs_task_definition.volume is a set block; volume.name is ForceNew.
    const td = { family: 'f', container_definitions: '[]', volume: [{ name: 'a', host_path: null }] };
    expect(replaced('aws_ecs_task_definition', td, { volume: [{ name: 'b', host_path: null }] })).toEqual(['volume']);
    expect(replaced('aws_ecs_task_definition', td, { volume: [{ name: 'a', host_path: null }] })).toEqual([]);
    // aws_cognito_user_pool.username_configuration is a list block.
    const pool = { name: 'p', username_configuration: [{ case_sensitive: false }] };
    expect(replaced('aws_cognito_user_pool', pool, { username_configuration: [{ case_sensitive: true }] })).toEqual([
      'username_configuration[0].case_sensitive',
    ]);
  });
});

describe('apply values', () => {
  const planned = { name: 'api', port: 9000, arn: UNKNOWN, id: UNKNOWN, arn_suffix: UNKNOWN, region: 'eu-west-1', tags: null, tags_all: UNKNOWN };
  const ctx = { typeName: 'aws_lb_target_group', region: 'eu-west-1' };

  it('fills every unknown with a plausible known value and keeps planned ones', () => {
    const applied = applyPlanned(blockOf('aws_lb_target_group'), planned, ctx) as Record<string, Value>;
    expect(applied.arn).toMatch(/^arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup\/api\/[0-9a-f]{16}$/);
    expect(applied.id).toBe(applied.arn);
    expect(applied.arn_suffix).toMatch(/^targetgroup\/api\//);
    expect(applied.port).toBe(9000);
    expect(applied.tags_all).toEqual({});
    expect(Object.values(applied).some(isUnknown)).toBe(false);
  });

  it('is deterministic, and different objects get different ids', () => {
    const block = blockOf('aws_lb_target_group');
    expect(applyPlanned(block, planned, ctx)).toEqual(applyPlanned(block, planned, ctx));
    const other = applyPlanned(block, { ...planned, name: 'ui' }, ctx) as Record<string, Value>;
    expect(other.id).not.toEqual((applyPlanned(block, planned, ctx) as Record<string, Value>).id);
    const subnet = applyPlanned(blockOf('aws_subnet'), { cidr_block: '10.0.1.0/24', id: UNKNOWN }, { typeName: 'aws_subnet', region: 'eu-west-1' });
    expect((subnet as Record<string, Value>).id).toMatch(/^subnet-0[0-9a-f]{16}$/);
  });
});

/** A minimal `tofu show -json` plan: changes plus the prior state values they act on. */
function plan(changes: Array<[string, string[], Record<string, unknown>]>, prior: Array<[string, Record<string, unknown>]>): PlanJson {
  const split = (address: string) => ({ type: address.split('.')[0], name: address.split('.')[1] });
  return {
    format_version: '1.2',
    resource_changes: changes.map(([address, actions, after]) => ({
      address,
      mode: 'managed',
      ...split(address),
      change: { actions, before: prior.find(([a]) => a === address)?.[1] ?? null, after },
    })),
    prior_state: { values: { root_module: { resources: prior.map(([address, values]) => ({ address, mode: 'managed', ...split(address), values })) } } },
  };
}

describe('rules: what AWS would refuse', () => {
  const group = ['aws_db_subnet_group.main', { name: 'app-db', region: 'eu-west-1' }] as [string, Record<string, unknown>];
  const db = ['aws_db_instance.main', { identifier: 'app', db_subnet_group_name: 'app-db' }] as [string, Record<string, unknown>];

  it('warns when a subnet group is replaced while its DB instance is not', () => {
    const changes = changesOf(plan([['aws_db_subnet_group.main', ['delete', 'create'], { name: 'app2-db' }], ['aws_db_instance.main', ['update'], {}]], [group, db]));
    const warnings = changes.find((c) => c.address === 'aws_db_subnet_group.main')!.warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^in-use: .*aws_db_instance\.main \(update\).*InvalidDBSubnetGroupStateFault/);
  });

  it('is silent when the DB instance is replaced too (it is deleted first)', () => {
    const changes = changesOf(plan([['aws_db_subnet_group.main', ['delete', 'create'], {}], ['aws_db_instance.main', ['delete', 'create'], {}]], [group, db]));
    expect(changes.flatMap((c) => c.warnings)).toEqual([]);
  });

  it('warns about a target group deleted while a listener forwards to it, not about one nothing uses', () => {
    const tg = ['aws_lb_target_group.api', { name: 'api', arn: 'arn:tg' }] as [string, Record<string, unknown>];
    const listener = ['aws_lb_listener.https', { default_action: [{ target_group_arn: 'arn:tg' }] }] as [string, Record<string, unknown>];
    expect(changesOf(plan([['aws_lb_target_group.api', ['delete', 'create'], {}]], [tg, listener]))[0].warnings[0]).toMatch(/ResourceInUse/);
    expect(changesOf(plan([['aws_lb_target_group.api', ['delete', 'create'], {}]], [tg]))[0].warnings).toEqual([]);
  });

  it('does not warn for a delete whose state records create_before_destroy: the users are updated first', () => {
    const cert = ['aws_acm_certificate.main', { arn: 'arn:cert' }] as [string, Record<string, unknown>];
    const listener = ['aws_lb_listener.https', { certificate_arn: 'arn:cert' }] as [string, Record<string, unknown>];
    const actions: Array<[string, string[], Record<string, unknown>]> = [
      ['aws_acm_certificate.main', ['delete'], {}],
      ['aws_lb_listener.https', ['update'], {}],
    ];
    expect(changesOf(plan(actions, [cert, listener]))[0].warnings[0]).toMatch(/ResourceInUseException/);
    expect(changesOf(plan(actions, [cert, listener]), new Set(['aws_acm_certificate.main']))[0].warnings).toEqual([]);
  });

  it('warns when create_before_destroy keeps a fixed name', () => {
    const tg = ['aws_lb_target_group.api', { name: 'api', arn: 'arn:tg', region: 'eu-west-1' }] as [string, Record<string, unknown>];
    const changes = changesOf(plan([['aws_lb_target_group.api', ['create', 'delete'], { name: 'api', region: 'eu-west-1' }]], [tg]));
    expect(changes[0].warnings[0]).toMatch(/^name-collision: .*"api"/);
  });
});

describe('change cases (changes/cases.ts)', () => {
  const config = { variable: { image_tag: { type: 'string' }, api_desired_count: { type: 'number', default: 1 }, enable_alarms: { type: 'bool', default: false } } };
  const cases = changeCases([{ name: 'production', config, fixture: {} }]);
  const byId = (id: string) => cases.find((c) => c.id === id);

  it('skips entries whose variable the stack does not declare yet', () => {
    expect(byId('production/auth_mode')?.skipped).toBe('variable not declared: auth_mode');
    expect(byId('production/image_tag')?.skipped).toBeUndefined();
  });

  it('finds every task count and boolean alarm or logging switch by name', () => {
    expect(byId('production/api_desired_count')).toMatchObject({ kind: 'routine', vars: { api_desired_count: 2 } });
    expect(byId('production/enable_alarms')).toMatchObject({ kind: 'routine', vars: { enable_alarms: true } });
  });
});

test('the expected identity table is valid JSON with sorted address lists', () => {
  const table = JSON.parse(readFileSync(EXPECTED_FILE, 'utf8'));
  for (const entry of Object.values<{ replace: string[] }>(table)) expect(entry.replace).toEqual([...entry.replace].sort());
});
