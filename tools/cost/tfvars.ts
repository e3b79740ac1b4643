/** Reads a tfvars file with HashiCorp's HCL parser (@cdktn/hcl2json) into plain values. */
import { parse } from '@cdktn/hcl2json';
import { readFileSync } from 'fs';
import { basename } from 'path';
import { Value } from './stack';

export async function readTfvars(path: string): Promise<Record<string, Value>> {
  const text = readFileSync(path, 'utf8');
  const parsed = (await parse(basename(path), text)) as Record<string, Value>;
  // hcl2json keeps an interpolation as "${...}": a tfvars value is a literal, so such a value is refused.
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string' && value.includes('${')) throw new Error(`${path}: ${name} is an expression; tfvars values must be literals`);
  }
  return parsed;
}
