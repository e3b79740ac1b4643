/**
 * `npm run docs`: rewrites every generated part of docs/ from the synthesized stacks: the inputs and
 * outputs reference (docs/inputs.md) and the cost and deploy-time tables (docs/cost.md). Only the
 * blocks between their markers change; `--check` exits 1 when one is out of date. The tests fail
 * the same way (test/docs/inputs.test.ts, test/cost/real-stack.test.ts).
 */
import { readFileSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { markdownCostTables, markdownDeployTime } from '../cost/report';
import { INPUTS_MD, renderFile, synthesizedStacks } from './inputs';

export const COST_MD = join(__dirname, '..', '..', 'docs', 'cost.md');

/** `text` with the block between `<!-- name:begin -->` and `<!-- name:end -->` replaced. */
export function replaceBlock(text: string, name: string, content: string): string {
  const begin = `<!-- ${name}:begin -->\n`;
  const end = `\n<!-- ${name}:end -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`no <!-- ${name}:begin --> ... <!-- ${name}:end --> block`);
  return text.slice(0, from + begin.length) + content + text.slice(to);
}

function main(argv: string[]): number {
  const stacks = synthesizedStacks();
  const files: Array<[string, (current: string) => string]> = [
    [INPUTS_MD, (current) => renderFile(current, stacks)],
    [
      COST_MD,
      (current) =>
        replaceBlock(replaceBlock(current, 'cost', markdownCostTables(stacks.production, stacks.bootstrap)), 'deploy-time', markdownDeployTime(stacks.production)),
    ],
  ];
  let stale = 0;
  for (const [path, render] of files) {
    const current = readFileSync(path, 'utf8');
    const next = render(current);
    const file = relative(process.cwd(), path);
    if (next === current) console.log(`${file}: up to date`);
    else if (argv.includes('--check')) {
      console.error(`${file} is out of date with the stacks: run npm run docs`);
      stale++;
    } else {
      writeFileSync(path, next);
      console.log(`${file}: written`);
    }
  }
  return stale ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
