import { readFileSync } from 'fs';
import { join } from 'path';
import { defaultStacks } from '../default-stacks';
import { addresses } from '../helpers';

// docs/design.md maps the spec's modules to code and addresses; it must name exactly what the stacks create.
const design = readFileSync(join(__dirname, '..', '..', 'docs', 'design.md'), 'utf8');
const listed = new Set([...design.matchAll(/^- `([a-z0-9_.]+)`/gm)].map((m) => m[1]));

test.each(['bootstrap', 'production'] as const)('docs/design.md lists every address of the %s stack', (stack) => {
  const missing = addresses(defaultStacks()[stack].json).filter((a) => !listed.has(a));
  expect(missing).toEqual([]);
});

test('docs/design.md lists no address the stacks do not have', () => {
  const all = new Set([...addresses(defaultStacks().bootstrap.json), ...addresses(defaultStacks().production.json)]);
  expect([...listed].filter((a) => !all.has(a))).toEqual([]);
});
