import { readFileSync } from 'fs';
import { defaultStacks } from '../default-stacks';
import { BEGIN, END, INPUTS_MD, renderFile, renderGenerated, StackDeclarations } from '../../tools/docs/inputs';

// docs/inputs.md's tables are generated from the stacks' variable and output declarations
// (tools/docs/inputs.ts); this regenerates them in-process and compares.
const current = readFileSync(INPUTS_MD, 'utf8');
const stacks = () => ({ bootstrap: defaultStacks().bootstrap.json, production: defaultStacks().production.json });

test('docs/inputs.md is what `npm run docs` generates from the stacks', () => {
  const expected = renderFile(current, stacks());
  if (current !== expected) {
    const a = current.split('\n');
    const b = expected.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    throw new Error(
      `docs/inputs.md is out of date with the variable and output declarations: run \`npm run docs\` and commit docs/inputs.md.\n` +
        `First difference at line ${line + 1}:\n  committed: ${a[line] ?? '(end of file)'}\n  generated: ${b[line] ?? '(end of file)'}`,
    );
  }
});

test('docs/inputs.md names every variable and output of both stacks in its generated block', () => {
  const block = current.slice(current.indexOf(BEGIN), current.indexOf(END));
  for (const json of Object.values(stacks())) {
    for (const name of [...Object.keys(json.variable ?? {}), ...Object.keys(json.output ?? {})]) {
      expect(block).toContain(`| \`${name}\` |`);
    }
  }
});

describe('the generated tables', () => {
  const declarations: Record<'bootstrap' | 'production', StackDeclarations> = {
    bootstrap: { variable: { region: { type: 'string', default: 'us-east-1', description: 'AWS region' } }, output: {} },
    production: {
      variable: {
        token: { type: 'string', sensitive: true, description: 'A | token', validation: [{ condition: '', error_message: 'The token "${var.token}" is bad.' }] },
        secret_default: { type: 'string', sensitive: true, default: 'hunter2', description: 'kept out of the docs' },
        cidrs: { type: 'list(string)', default: ['10.0.0.0/16'], description: 'inside secret_default', nullable: false },
      },
      output: { endpoint: { description: 'Endpoint', sensitive: true } },
    },
  };
  const md = renderGenerated(declarations);
  const row = (name: string) => md.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));

  test('a variable without a default is required, and its rule is shown without the value', () => {
    expect(row('token')).toBe('| `token` | `string` | — | **yes** | A \\| token (sensitive) | The token "…" is bad. |');
  });

  test("a sensitive default is shown as 'sensitive', never its value", () => {
    expect(row('secret_default')).toContain('| sensitive | no |');
    expect(md).not.toContain('hunter2');
  });

  test('defaults are written as HCL; names of variables in prose are code', () => {
    expect(row('cidrs')).toBe('| `cidrs` | `list(string)`, not null | `["10.0.0.0/16"]` | no | inside `secret_default` | — |');
  });

  test('outputs carry their description and sensitivity', () => {
    expect(row('endpoint')).toBe('| `endpoint` | Endpoint | **yes**: `terraform output -raw endpoint` |');
  });

  test('the hand-written text around the markers is kept', () => {
    expect(renderFile(`intro\n${BEGIN}\nold\n${END}\nafter\n`, declarations)).toBe(`intro\n${md}\nafter\n`);
  });
});
