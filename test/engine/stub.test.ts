import { dirname } from 'path';
import { deriveSchema } from '../../tools/engine-check/schema/derive';
import { applyOverrides } from '../../tools/engine-check/schema/overrides';
import { fromMsgpack, isUnknown, planUnknowns, readOnlyProblems, toMsgpack, UNKNOWN } from '../../tools/engine-check/stub/values';

// Fast unit checks of the pieces the engine check relies on (the check itself
// is `npm run validate`, not part of the jest suite).

const random = applyOverrides(deriveSchema(dirname(require.resolve('@cdktn/provider-random/package.json'))));

describe('schema derived from @cdktn/provider-random', () => {
  it('knows required, optional+computed, computed-only and sensitive attributes', () => {
    const pw = random.resources.random_password.attributes;
    expect(pw.length).toEqual({ type: 'number', required: true });
    expect(pw.special).toEqual({ type: 'bool', optional: true, computed: true });
    expect(pw.result).toEqual({ type: 'string', computed: true, sensitive: true });
    expect(pw.keepers.type).toEqual(['map', 'string']);
    expect(random.providerVersion).toBe('3.9.1');
    expect(random.provider.attributes).toEqual({}); // `alias` is a meta-argument
  });
});

describe('stub values', () => {
  it('writes unknown exactly as cty does (fixext1, type 0) and reads it back', () => {
    expect(Buffer.from(toMsgpack(UNKNOWN)).toString('hex')).toBe('d40000');
    const back = fromMsgpack(toMsgpack({ a: UNKNOWN, b: 'x' })) as Record<string, unknown>;
    expect(isUnknown(back.a)).toBe(true);
    expect(back.b).toBe('x');
  });

  it('plans computed attributes left null as unknown and keeps configured values', () => {
    const block = random.resources.random_password;
    const planned = planUnknowns(block, { length: 16, special: false, result: null, id: null, lower: null }) as Record<string, unknown>;
    expect(planned.length).toBe(16);
    expect(planned.special).toBe(false);
    expect(isUnknown(planned.result)).toBe(true);
    expect(isUnknown(planned.lower)).toBe(true);
  });

  it('passes a block that travels as a dynamic value (a list block holding an `any`) through unchanged, bytes intact', () => {
    // aws_wafv2_web_acl.rule with rule_json set: core sends it as [type JSON, value] = [["tuple",[]], []].
    const block = {
      attributes: { id: { type: 'string' as const, computed: true } },
      blocks: { rule: { nesting: 'list' as const, block: { attributes: { statement: { type: 'dynamic' as const, optional: true } }, blocks: {} } } },
    };
    const wrapped = [new TextEncoder().encode('["tuple",[]]'), []];
    const sent = fromMsgpack(toMsgpack({ id: null, rule: wrapped })) as Record<string, unknown>;
    const planned = planUnknowns(block, sent as never) as Record<string, unknown>;
    expect(isUnknown(planned.id)).toBe(true);
    expect(Buffer.from(toMsgpack(planned.rule as never))).toEqual(Buffer.from(toMsgpack(wrapped as never)));
    expect(readOnlyProblems(block, sent as never, 'aws_wafv2_web_acl')).toEqual([]);
  });

  it('rejects a read-only attribute set in configuration', () => {
    const problems = readOnlyProblems(random.resources.random_password, { length: 16, result: 'x' }, 'random_password');
    expect(problems.map((p) => p.summary)).toEqual(['Invalid Configuration for Read-Only Attribute']);
    expect(problems[0].path).toEqual([{ attribute_name: 'result' }]);
  });
});
