import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkTfvars } from '../../config/tfvars-check';

// A broken terraform.tfvars is reported like backend.config: one line per syntax error, with line and column.
test('syntax errors in terraform.tfvars come one per line, with line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfvars-check-'));
  try {
    writeFileSync(join(dir, 'terraform.tfvars'), 'domain_name = \nimage_tag = "c42b199"\nauth mode = "admin"\n');
    expect(await checkTfvars(dir, { domain_name: { type: 'string' }, image_tag: { type: 'string' } })).toEqual([
      'terraform.tfvars:1,15: Invalid expression (Expected the start of an expression, but found an invalid expression token.)',
      'terraform.tfvars:3,11: Invalid block definition (The equals sign "=" indicates an argument definition, and must not be used when defining a block.)',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
