import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

// The package root of @cdktn/provider-aws loads all ~1,500 resource classes:
// ~3 s and ~560 MB per process, against ~0.2 s and ~70 MB per-file.
const ROOT_IMPORT = /(from\s+|require\(\s*|import\(\s*)['"]@cdktn\/provider-(aws|random)['"]/;
const root = join(__dirname, '..');
const SOURCE_DIRS = ['src', 'stacks', 'modules', 'test', 'scripts'];
// This file spells the pattern out; the benchmark's baseline imports the root on purpose.
const ALLOWED = [__filename, join(root, 'scripts', 'bench', 'baseline-app.ts')];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

test('no file imports a provider package root (import per file: @cdktn/provider-aws/lib/<resource>)', () => {
  const offenders = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(root, dir)))
    .filter((file) => !ALLOWED.includes(file))
    .filter((file) => ROOT_IMPORT.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
  expect(offenders).toEqual([]);
});

test('the guard recognises the forms a root import takes', () => {
  expect(ROOT_IMPORT.test("import { Vpc } from '@cdktn/provider-aws';")).toBe(true);
  expect(ROOT_IMPORT.test('const aws = require("@cdktn/provider-aws")')).toBe(true);
  expect(ROOT_IMPORT.test("await import('@cdktn/provider-random')")).toBe(true);
  expect(ROOT_IMPORT.test("import { Vpc } from '@cdktn/provider-aws/lib/vpc';")).toBe(false);
});
