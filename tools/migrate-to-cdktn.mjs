#!/usr/bin/env node
// Rewrites the project's imports from CDK for Terraform (cdktf) to CDK Terrain (cdktn):
//
//   'cdktf'                          -> 'cdktn'
//   'cdktf/lib/...'                  -> 'cdktn/lib/...'
//   '@cdktf/provider-aws[/lib/...]'   -> '@cdktn/provider-aws[/lib/...]'
//   '@cdktf/provider-random[/...]'    -> '@cdktn/provider-random[/...]'
//   '@cdktf/hcl2json'                -> '@cdktn/hcl2json'
//
// in every .ts/.js/.mjs/.cjs file tracked by git (quoted module names in import, export from,
// require() and import()), plus the known mentions of those package names in code that are not
// module specifiers: comments and strings naming the packages, the regular expression of
// test/imports.test.ts (`@cdktf\/provider-`) and the `@cdktf` scope directory the engine check
// lists. Nothing else is touched: `cdktf.out`, `CDKTF_OUTDIR` and the comments about cdktf's
// rendering quirks stay as they are (cdktn keeps them).
//
// Idempotent: a second run changes nothing. `--check` only lists the files it would change
// (exit 1 if any). Usage: node tools/migrate-to-cdktn.mjs [--check]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const SELF = relative(ROOT, fileURLToPath(import.meta.url));
const PACKAGES = ['provider-aws', 'provider-random', 'hcl2json'];

const RULES = [
  // Module specifiers: 'cdktf' and 'cdktf/lib/...' (quoted, either quote).
  [/(['"`])cdktf(\/lib\/[^'"`\s]*)?\1/g, (_m, q, sub = '') => `${q}cdktn${sub}${q}`],
  // The scoped packages anywhere in code: specifiers, comments, strings, template literals.
  [new RegExp(`@cdktf/(${PACKAGES.join('|')})\\b`, 'g'), '@cdktn/$1'],
  // The same inside a regular expression literal (`@cdktf\/provider-(aws|random)`).
  [/@cdktf\\\/(provider-|hcl2json)/g, '@cdktn\\/$1'],
  // The scope directory itself (node_modules/@cdktf) and `@cdktf/${name}` templates.
  [/(['"`])@cdktf\1/g, '$1@cdktn$1'],
  [/`@cdktf\/\$\{/g, '`@cdktn/${'],
];

export function migrate(text) {
  return RULES.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

function trackedSources() {
  const out = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.js', '*.mjs', '*.cjs'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((f) => f && f !== SELF);
}

const check = process.argv.includes('--check');
const changed = [];
for (const file of trackedSources()) {
  const path = join(ROOT, file);
  const before = readFileSync(path, 'utf8');
  const after = migrate(before);
  if (after === before) continue;
  changed.push(file);
  if (!check) writeFileSync(path, after);
}
for (const file of changed) console.log(`${check ? 'would rewrite' : 'rewrote'} ${file}`);
console.log(`${changed.length} file(s) ${check ? 'to rewrite' : 'rewritten'}`);
if (check && changed.length) process.exit(1);
