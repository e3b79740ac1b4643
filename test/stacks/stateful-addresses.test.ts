import { synthesizeBoth } from '../policy/gate';
import { STATEFUL_ADDRESSES, STATEFUL_TYPES } from '../../stacks/stateful';

// Every resource of a stateful type (stacks/stateful.ts) is listed there, so
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

test('the certificate gained count and its state moves to [0], not to a new certificate', () => {
  const { json } = synthesizeBoth();
  expect(json.production.resource.aws_acm_certificate.acm_main.count).toBe('${!(length(var.certificate_arn) >= 1) ? 1 : 0}');
  expect(json.production.moved).toContainEqual({ from: 'aws_acm_certificate.acm_main', to: 'aws_acm_certificate.acm_main[0]' });
});
