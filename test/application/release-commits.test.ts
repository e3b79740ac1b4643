import { CONTROL_PLANE_COMMITS, SUPPORTED_COMMITS } from '../../application/contract';
import { releaseLineOf } from '../../application/lines';
import { RELEASE_LINE_COMMITS } from '../../application/release-commits';

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
