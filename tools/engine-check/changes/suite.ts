import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { isStateful } from '../../../stacks/stateful';
import { TofuResult } from '../harness/tofu';
import { ChangeCase } from './cases';
import { createBeforeDestroyAddresses, planChange, preventDestroyAddresses, StackDirs, withoutPreventDestroy } from './deploy';
import { ResourceChange, changesOf, summary } from './report';

/**
 * The change-safety suite: each case of cases.ts planned on a copy of its
 * stack's deployed state. A routine case fails when it replaces or deletes
 * a stateful resource or hits a rule of rules.ts; an identity case fails
 * when what it replaces or deletes differs from identity-replacements.json.
 */

export const EXPECTED_FILE = join(__dirname, 'identity-replacements.json');

export interface Expected {
  replace: string[];
  delete?: string[];
  /** Resources whose `prevent_destroy` makes OpenTofu refuse the plan (the lists above are what it would do without). */
  prevent_destroy?: string[];
}

export interface CaseResult {
  case: ChangeCase;
  ok: boolean;
  changes: ResourceChange[];
  problems: string[];
  /** Addresses whose prevent_destroy refused the plan. */
  refused: string[];
  ms: number;
  output?: string;
}

export function readExpected(): Record<string, Expected> {
  return existsSync(EXPECTED_FILE) ? JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) : {};
}

/** Rewrites the expected table from this run's identity results (`--update-expected`). */
export function writeExpected(results: CaseResult[]): void {
  const table = readExpected();
  for (const r of results.filter((x) => x.case.kind === 'identity' && !x.case.skipped && x.output === undefined)) {
    const deleted = addresses(r.changes, 'delete');
    table[r.case.id] = {
      replace: addresses(r.changes, 'replace'),
      ...(deleted.length ? { delete: deleted } : {}),
      ...(r.refused.length ? { prevent_destroy: r.refused } : {}),
    };
  }
  const sorted = Object.fromEntries(Object.keys(table).sort().map((k) => [k, table[k]]));
  writeFileSync(EXPECTED_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
}

const addresses = (changes: ResourceChange[], action: string) => changes.filter((c) => c.action === action).map((c) => c.address);

function diff(label: string, actual: string[], expected: string[]): string[] {
  const extra = actual.filter((a) => !expected.includes(a));
  const missing = expected.filter((e) => !actual.includes(e));
  return [
    ...(extra.length ? [`${label} now, not in ${EXPECTED_FILE.split('/').slice(-2).join('/')}: ${extra.join(', ')}`] : []),
    ...(missing.length ? [`no longer ${label}, still in the expected table: ${missing.join(', ')}`] : []),
  ];
}

export async function runCase(
  tofu: string,
  env: NodeJS.ProcessEnv,
  stack: StackDirs,
  deployedDir: Promise<string | undefined>,
  dir: string,
  c: ChangeCase,
  fixture: Record<string, unknown>,
  expected: Record<string, Expected>,
): Promise<CaseResult> {
  const started = Date.now();
  const fail = (problem: string, output?: string): CaseResult => ({
    case: c,
    ok: false,
    changes: [],
    problems: [problem],
    refused: [],
    ms: Date.now() - started,
    output,
  });
  if (c.skipped) return { case: c, ok: true, changes: [], problems: [], refused: [], ms: 0 };
  const deployed = await deployedDir;
  if (!deployed) return fail(`the ${c.stack} stack could not be deployed`);
  const values = { ...fixture, ...c.vars };
  // Identity changes are planned without prevent_destroy, to see everything they would do; the
  // protected resources they would destroy are what OpenTofu refuses ("Instance cannot be destroyed").
  const config = c.kind === 'identity' ? withoutPreventDestroy(stack.config) : stack.config;
  const planned = await planChange(tofu, env, stack, deployed, dir, values, config);
  if (c.refusedWith) {
    if (planned.plan.code === 0) return fail('the plan was not refused', planned.plan.output);
    const folded = planned.plan.output.replace(/[\s│]+/g, ' ');
    const missing = c.refusedWith.filter((text) => !folded.includes(text));
    if (missing.length) return fail(`the refusal does not say: ${missing.join('; ')}`, planned.plan.output);
    return { case: c, ok: true, changes: [], problems: [], refused: [], ms: Date.now() - started };
  }
  if (!planned.json) return fail(`tofu ${planned.show ? 'show' : 'plan'} failed`, (planned.show ?? (planned.plan as TofuResult)).output);
  const changes = changesOf(planned.json, createBeforeDestroyAddresses(dir));
  const protectedAddresses = preventDestroyAddresses(stack.config);
  const refused = changes.filter((ch) => ch.action !== 'create' && ch.action !== 'update' && protectedAddresses.includes(ch.address)).map((ch) => ch.address);
  const problems: string[] = [];
  if (c.kind === 'routine') {
    for (const ch of changes) {
      const newValue =
        (ch.action === 'replace' && (c.newValues ?? []).includes(ch.address)) ||
        (ch.action === 'delete' && (c.expectedDeletes ?? []).includes(ch.address));
      if ((ch.action === 'replace' || ch.action === 'delete') && isStateful(c.stack, ch.address, ch.type) && !newValue) {
        problems.push(`${ch.action}s stateful ${ch.address}${ch.replacePaths.length ? ` (forced by ${ch.replacePaths.join(', ')})` : ''}`);
      }
      problems.push(...ch.warnings.map((w) => `${ch.address}: ${w}`));
    }
    if (c.exactly) {
      const sorted = (list: string[]) => [...list].sort();
      const exact = (action: 'delete' | 'replace', want: string[]) => {
        const got = addresses(changes, action);
        const extra = got.filter((a) => !want.includes(a));
        const missing = want.filter((a) => !got.includes(a));
        if (extra.length) problems.push(`${action}s ${sorted(extra).join(', ')}, which the case does not expect`);
        if (missing.length) problems.push(`does not ${action} ${sorted(missing).join(', ')}, which the case expects`);
      };
      exact('delete', c.exactly.delete);
      exact('replace', c.exactly.replace);
      const notUpdated = c.exactly.update.filter((a) => !addresses(changes, 'update').includes(a));
      if (notUpdated.length) problems.push(`does not update in place ${notUpdated.join(', ')}`);
    }
    if (c.nothing && changes.length) {
      problems.push(`plans ${changes.map((ch) => `${ch.action} ${ch.address}`).join(', ')}, where nothing may change`);
    }
    if (c.create) {
      const got = addresses(changes, 'create');
      const extra = got.filter((a) => !c.create!.includes(a)).sort();
      const missing = c.create.filter((a) => !got.includes(a)).sort();
      if (extra.length) problems.push(`creates ${extra.join(', ')}, which the case does not expect`);
      if (missing.length) problems.push(`does not create ${missing.join(', ')}, which the case expects`);
    }
  } else {
    const want = expected[c.id];
    if (!want) problems.push(`not in ${EXPECTED_FILE.split('/').slice(-2).join('/')}: run with --update-expected and review the diff`);
    else {
      problems.push(...diff('replaced', addresses(changes, 'replace'), want.replace));
      problems.push(...diff('deleted', addresses(changes, 'delete'), want.delete ?? []));
      problems.push(...diff('refused by prevent_destroy', refused, want.prevent_destroy ?? []));
    }
  }
  return { case: c, ok: problems.length === 0, changes, problems, refused, ms: Date.now() - started };
}

/** `aws_subnet (a, b), aws_vpc (main)`: addresses grouped by type. */
export function byType(list: ResourceChange[]): string {
  const groups = new Map<string, string[]>();
  for (const c of list) groups.set(c.type, [...(groups.get(c.type) ?? []), c.address.slice(c.type.length + 1)]);
  return [...groups].map(([type, names]) => `${type} (${names.join(', ')})`).join(', ');
}

export function resultLine(r: CaseResult): string {
  if (r.case.skipped) return `  skipped  ${r.case.id.padEnd(44)} ${r.case.skipped}`;
  if (r.case.refusedWith && r.ok) return `  refused  ${r.case.id.padEnd(44)} [${(r.ms / 1000).toFixed(1)} s] as expected: ${r.case.refusedWith[0]}`;
  const replaced = r.changes.filter((c) => c.action === 'replace');
  const status = !r.ok ? 'FAILED ' : r.case.kind === 'identity' ? 'as pinned' : 'safe   ';
  const refused = r.refused.length ? `; refused by prevent_destroy on ${r.refused.join(', ')}` : '';
  const what = r.output === undefined ? `${summary(r.changes)}${replaced.length && r.case.kind === 'routine' ? `; replaces ${byType(replaced)}` : ''}${refused}` : '';
  return `  ${status.padEnd(8)} ${r.case.id.padEnd(44)} [${(r.ms / 1000).toFixed(1)} s] ${what}`;
}

const md = (s: string) => s.replace(/\|/g, '\\|');

/** The markdown tables for the README: what each identity change replaces, and that routine changes replace nothing stateful. */
export function markdown(results: CaseResult[]): string {
  const ran = results.filter((r) => !r.case.skipped && r.output === undefined);
  const vars = (r: CaseResult) => r.case.label ?? (Object.keys(r.case.vars).map((v) => `\`${v}\``).join(', ') || r.case.id.split('/')[1]);
  const lines = [
    '| stack | change | replaced | of which stateful | refused by |',
    '| --- | --- | --- | --- | --- |',
    ...ran
      .filter((r) => r.case.kind === 'identity')
      .map((r) => {
        const replaced = r.changes.filter((c) => c.action === 'replace');
        const stateful = replaced.filter((c) => isStateful(r.case.stack, c.address, c.type));
        const refusals = [
          ...r.refused.map((a) => `prevent_destroy on \`${a}\``),
          ...r.changes.flatMap((c) => c.warnings.map((w) => `AWS (${w.split(':')[0]}): \`${c.address}\``)),
        ];
        return `| ${r.case.stack} | ${vars(r)} | ${replaced.length}: ${md(byType(replaced))} | ${md(byType(stateful)) || 'none'} | ${md(refusals.join('; ')) || 'none'} |`;
      }),
    '',
    '| stack | routine change | plan |',
    '| --- | --- | --- |',
    ...ran
      .filter((r) => r.case.kind === 'routine')
      .map((r) => {
        const replaced = r.changes.filter((c) => c.action === 'replace');
        if (r.case.refusedWith) return `| ${r.case.stack} | ${vars(r)} | refused: ${md(r.case.refusedWith[0])} |`;
        return `| ${r.case.stack} | ${vars(r)} | ${summary(r.changes)}${replaced.length ? ` (replaces ${md(byType(replaced))})` : ''} |`;
      }),
    '',
  ];
  return lines.join('\n');
}
