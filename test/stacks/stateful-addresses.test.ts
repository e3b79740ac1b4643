import { synthesizeBoth } from '../policy/gate';
import { STATEFUL_ADDRESSES, STATEFUL_TYPES } from '../stateful';

// Every resource of a stateful type (test/stateful.ts) is listed there, so
// adding one means pinning it, and renaming one fails this test (see the
// README's upgrade section for `moved`).
test('every stateful resource keeps its exact, readable address', () => {
  const { resources } = synthesizeBoth();
  const stateful = resources.filter((r) => STATEFUL_TYPES.includes(r.type)).map((r) => r.address).sort();
  expect(stateful).toEqual([...STATEFUL_ADDRESSES].sort());
});
