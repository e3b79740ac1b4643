/** Text, Markdown and JSON renderings of the cost and deploy-time results. */
import { CostResult, PRICES } from './cost';
import { CASES, DeployTimeResult, Scenario } from './deploytime';
import { Config, Json, LINES, Value } from './stack';
import { computeCost } from './cost';
import { computeDeployTime } from './deploytime';

export const money = (n: number): string => `$${n.toFixed(2)}`;
const qty = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, ''));
const unitPrice = (n: number): string => `$${Number(n.toPrecision(4))}`;
export const minutes = (s: number): string => `${(s / 60).toFixed(1)} min`;

export function costText(r: CostResult): string {
  const rows = r.items.map((i) => [i.label, `${qty(i.quantity)} ${i.unit}`, unitPrice(i.unitPrice), money(i.monthly)]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c].length), ['item', 'quantity', 'unit price', 'monthly'][c].length));
  const line = (cells: string[]) => cells.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  const out = [
    `Everruns on AWS, ${r.line} line, ${r.region}, ${r.hoursPerMonth} h/month (prices read ${PRICES.read_on}; tools/cost/prices.json)`,
    line(['item', 'quantity', 'unit price', 'monthly']),
    ...rows.map(line),
    line(['total', '', '', money(r.total)]),
    `assumptions: ${Object.entries(r.assumptions).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`,
    ...r.notes.map((n) => `note: ${n}`),
  ];
  return out.join('\n');
}

export function costMarkdown(r: CostResult): string {
  return [
    '| item | quantity | unit price | per month |',
    '|---|---:|---:|---:|',
    ...r.items.map((i) => `| ${i.label} | ${qty(i.quantity)} ${i.unit} | ${unitPrice(i.unitPrice)} | ${money(i.monthly)} |`),
    `| **total** | | | **${money(r.total)}** |`,
  ].join('\n');
}

function scenarioText(s: Scenario, markdown: boolean): string {
  const totals = CASES.map((c) => `${c} ${minutes(s.totals[c])}`).join(', ');
  const worst = s.worstPath ? `worst case follows another path: ${s.worstPath.map((p) => `${p.address} ${Math.round(p.seconds)} s`).join(' → ')}` : '';
  if (!markdown) {
    return [
      `${s.name}: ${totals} (${s.resources} resources); critical path (typical):`,
      ...s.path.map((p) => `  ${String(Math.round(p.seconds)).padStart(5)} s  ${p.address}${p.detail ? `  (${p.detail})` : ''}`),
      ...(worst ? [`  ${worst}`] : []),
    ].join('\n');
  }
  return [
    `**${s.name}**: ${totals} (${s.resources} resources). Critical path (typical):`,
    '',
    '| step | seconds | made of |',
    '|---|---:|---|',
    ...s.path.map((p) => `| \`${p.address}\` | ${Math.round(p.seconds)} | ${p.detail.replace(/\|/g, '\\|')} |`),
    ...(worst ? ['', `The ${worst.replace(/^worst/, 'worst')}.`] : []),
  ].join('\n');
}

export function deployTimeText(r: DeployTimeResult, markdown = false): string {
  const head = markdown ? `#### ${r.line} line` : `Deploy time, ${r.line} line (tools/cost/durations.json):`;
  const notes = r.notes.map((n) => (markdown ? `- ${n}` : `note: ${n}`));
  return [head, '', scenarioText(r.firstApply, markdown), '', scenarioText(r.imageUpdate, markdown), '', ...notes].join('\n');
}

/** The Markdown docs/cost.md embeds: both lines with the stack defaults (plus the given overrides). */
export function markdownCostTables(stack: Json, bootstrap: Json | undefined, overrides: Record<string, Value> = {}): string {
  const parts: string[] = [];
  const totals: string[] = [];
  for (const line of LINES) {
    const r = computeCost(new Config(stack, { ...overrides, everruns_architecture: line }), bootstrap);
    parts.push(`#### ${line} line`, '', costMarkdown(r), '');
    totals.push(`${line} ${money(r.total)}`);
  }
  const r = computeCost(new Config(stack, { ...overrides }), bootstrap);
  parts.push(`Totals: ${totals.join(', ')}. Assumptions: ${Object.entries(r.assumptions).filter(([k]) => !/^(api|worker|ui|temporal)_/.test(k)).map(([k, v]) => `\`${k}=${JSON.stringify(v)}\``).join(', ')}.`);
  return parts.join('\n');
}

export function markdownDeployTime(stack: Json, overrides: Record<string, Value> = {}): string {
  return LINES.map((line) => deployTimeText(computeDeployTime(new Config(stack, { ...overrides, everruns_architecture: line })), true)).join('\n\n');
}
