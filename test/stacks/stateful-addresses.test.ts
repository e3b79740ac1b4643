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

test('the encryption key cannot be destroyed or replaced by terraform: every stored LLM key depends on it', () => {
  const { resources } = synthesizeBoth();
  const key = resources.find((r) => r.address === 'production:random_bytes.secrets_encryption_key_bytes');
  expect(key?.config).toEqual(expect.objectContaining({ length: 32, lifecycle: { prevent_destroy: true } }));
});
