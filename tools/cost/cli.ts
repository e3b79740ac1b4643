/**
 * npm run cost [-- options]: the monthly cost of a configuration from the synthesized stack and your tfvars.
 * npm run deploy-time [-- options]: the deploy-time model (same as --deploy-time).
 *
 *   --line temporal|control-plane|both   release line (default: everruns_architecture of the tfvars, else temporal)
 *   --var-file F                         tfvars file (default: terraform.tfvars in the project root, if present)
 *   --var k=v                            a stack variable or a tool input (repeatable; wins over the file)
 *   --stack F                            synthesized production stack (default cdktf.out/stacks/production/cdk.tf.json;
 *                                        the bootstrap stack is read from beside it)
 *   --json                               machine-readable output
 *   --markdown                           the tables docs/cost.md embeds: both lines, stack defaults (+ --var), no tfvars
 *   --deploy-time                        the deploy-time model instead of the cost
 *   --list-vars                          the tool inputs and their defaults
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { computeCost, TOOL_VARS, toolVar } from './cost';
import { computeDeployTime } from './deploytime';
import { costText, deployTimeText, markdownCostTables, markdownDeployTime } from './report';
import { Config, Json, Line, LINES, parseCliValue, Value } from './stack';
import { readTfvars } from './tfvars';

const ROOT = join(__dirname, '..', '..');

interface Options {
  line?: Line | 'both';
  varFile?: string;
  vars: Record<string, Value>;
  stack: string;
  bootstrap: string;
  json: boolean;
  markdown: boolean;
  deployTime: boolean;
  listVars: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    vars: {},
    stack: join(ROOT, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'),
    bootstrap: join(ROOT, 'cdktf.out', 'stacks', 'bootstrap', 'cdk.tf.json'),
    json: false,
    markdown: false,
    deployTime: false,
    listVars: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--line') {
      const v = value();
      if (v !== 'both' && !(LINES as readonly string[]).includes(v)) throw new Error(`--line ${v}: use temporal, control-plane or both`);
      o.line = v as Line | 'both';
    } else if (arg === '--var-file') o.varFile = resolve(value());
    else if (arg === '--var') {
      const v = value();
      const eq = v.indexOf('=');
      if (eq < 1) throw new Error(`--var ${v}: use --var name=value`);
      o.vars[v.slice(0, eq)] = parseCliValue(v.slice(eq + 1));
    } else if (arg === '--stack') {
      o.stack = resolve(value());
      // The bootstrap stack synthesized beside it (its state bucket and lock table are priced too).
      o.bootstrap = join(dirname(dirname(o.stack)), 'bootstrap', 'cdk.tf.json');
    }
    else if (arg === '--json') o.json = true;
    else if (arg === '--markdown') o.markdown = true;
    else if (arg === '--deploy-time') o.deployTime = true;
    else if (arg === '--list-vars') o.listVars = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${readFileSync(__filename, 'utf8').split('*/')[0].replace(/^\/\*\*?\n?/, '').replace(/^ \* ?/gm, '')}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (npm run cost -- --help)`);
  }
  return o;
}

function readJson(path: string, what: string): Json {
  if (!existsSync(path)) throw new Error(`${path} does not exist: run npm run synth first (${what})`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const stack = readJson(o.stack, 'the production stack');
  const bootstrap = existsSync(o.bootstrap) ? readJson(o.bootstrap, 'the bootstrap stack') : undefined;

  if (o.listVars) {
    const config = new Config(stack, o.vars);
    for (const [name, v] of Object.entries(TOOL_VARS)) process.stdout.write(`${name} = ${JSON.stringify(toolVar(config, name))}  # ${v.help}\n`);
    return;
  }
  if (o.markdown) {
    process.stdout.write(`${o.deployTime ? markdownDeployTime(stack, o.vars) : markdownCostTables(stack, bootstrap, o.vars)}\n`);
    return;
  }

  // tfvars: --var-file, else terraform.tfvars in the project root if present; --var wins.
  const file = o.varFile ?? (existsSync(join(ROOT, 'terraform.tfvars')) ? join(ROOT, 'terraform.tfvars') : undefined);
  const fromFile = file ? await readTfvars(file) : {};
  const base: Record<string, Value> = { ...fromFile, ...o.vars };
  const lines: Line[] = o.line === 'both' ? [...LINES] : o.line ? [o.line] : [(base.everruns_architecture as Line) ?? 'temporal'];
  const source = file ? `values: ${file}${Object.keys(o.vars).length ? ' + --var' : ''}` : Object.keys(o.vars).length ? 'values: defaults + --var' : 'values: stack defaults';

  const results = lines.map((line) => {
    const config = new Config(stack, { ...base, everruns_architecture: line });
    return o.deployTime ? computeDeployTime(config) : computeCost(config, bootstrap);
  });
  if (o.json) {
    process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${source}\n\n`);
  for (const r of results) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    process.stdout.write(`${'items' in r ? costText(r) : deployTimeText(r as any)}\n\n`);
  }
}

main().catch((e: Error) => {
  process.stderr.write(`cost: ${e.message}\n`);
  process.exit(1);
});
