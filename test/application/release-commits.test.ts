import { CONTROL_PLANE_COMMITS, SUPPORTED_COMMITS } from '../../application/contract';
import { RELEASE_LINES, migrationsAt, releaseLineOf } from '../../application/lines';
import { RELEASE_LINE_COMMITS, RELEASE_LINE_MIGRATIONS } from '../../application/release-commits';

test('each line\'s known commits run from the window\'s last to its first commit in contract.ts', () => {
  const ends = (list: readonly string[]) => [list[0], list[list.length - 1]];
  expect(ends(RELEASE_LINE_COMMITS.temporal)).toEqual([SUPPORTED_COMMITS.last, SUPPORTED_COMMITS.first]);
  expect(ends(RELEASE_LINE_COMMITS['control-plane'])).toEqual([CONTROL_PLANE_COMMITS.last, CONTROL_PLANE_COMMITS.first]);
});

test('no commit is in both lines, and every entry is a 7-character short hash', () => {
  const all = [...RELEASE_LINE_COMMITS.temporal, ...RELEASE_LINE_COMMITS['control-plane']];
  expect(new Set(all).size).toBe(all.length);
  for (const c of all) expect(c).toMatch(/^[0-9a-f]{7}$/);
});

test('a tag is placed in its line by its first 7 hex digits; anything else is unknown', () => {
  expect(releaseLineOf('c42b199')).toBe('temporal');
  expect(releaseLineOf('c42b1990a7e574d9e5cdb3008a7790fbb19ec528')).toBe('temporal');
  expect(releaseLineOf('ACA8D31')).toBe('control-plane');
  expect(releaseLineOf('v1.2.3')).toBeUndefined();
  expect(releaseLineOf('0123abc')).toBeUndefined();
});

describe('migrations per known commit', () => {
  const { temporal, 'control-plane': controlPlane } = RELEASE_LINES;

  test('the Temporal line: one after the squash at 6e6e523, two from 7884c9f, four from c42b199', () => {
    expect(migrationsAt(temporal, '6e6e523')).toEqual(['001_initial_schema']);
    expect(migrationsAt(temporal, '44e990e')).toEqual(['001_initial_schema']);
    expect(migrationsAt(temporal, '7884c9f')).toEqual(['001_initial_schema', '002_remove_tool_call_from_index']);
    expect(migrationsAt(temporal, '81c8d5b')).toHaveLength(2);
    expect(migrationsAt(temporal, 'c42b1990a7e574d9e5cdb3008a7790fbb19ec528')).toEqual([
      '001_initial_schema',
      '002_remove_tool_call_from_index',
      '003_update_event_indexes',
      '004_add_event_metadata_tags',
    ]);
  });

  test('the control-plane line: the same three at every commit of its window', () => {
    for (const tag of RELEASE_LINE_COMMITS['control-plane']) {
      expect(migrationsAt(controlPlane, tag)).toEqual(['001_base_schema', '002_durable_execution', '003_default_providers']);
    }
  });

  test('a tag the line does not know has no migrations to compare', () => {
    expect(migrationsAt(temporal, 'aca8d31')).toBeUndefined();
    expect(migrationsAt(temporal, '0123abc')).toBeUndefined();
  });

  test('every change is a known commit of its line, cited where it was read, and the oldest is the window\'s first', () => {
    for (const [key, { changes }] of Object.entries(RELEASE_LINE_MIGRATIONS)) {
      const tags: readonly string[] = RELEASE_LINE_COMMITS[key as keyof typeof RELEASE_LINE_COMMITS];
      for (const change of changes) {
        expect(tags).toContain(change.commit);
        expect(change.readAt).toMatch(new RegExp(`^${change.commit}:crates/[a-z-]+/migrations/`));
      }
      expect(changes[changes.length - 1].commit).toBe(tags[tags.length - 1]);
      // Newest first, like the commits.
      const order = changes.map((c) => tags.indexOf(c.commit));
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
  });
});
