import { spawn, spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { installedEngines } from '../config/engines';
import { DEFAULT_BACKEND_CONFIG_FILE } from '../config/synth-config';
import { tfvarsFiles } from '../config/tfvars-check';
import { DeployRequest, EngineCommand, engineCommands, parseDeployArgs, waitExplainer } from '../config/deploy-commands';

/**
 * `npm run plan|apply|destroy -- production|bootstrap [--engine terraform|tofu] [--no-check] [engine flags]`
 * from the project root: synthesize, check (production), init with the right backend, then the
 * action with the project root's tfvars, streaming the engine's output and saying once what a
 * long wait is waiting for. The commands themselves are built in config/deploy-commands.ts.
 */
const ROOT = process.cwd();
const REPO = resolve(__dirname, '..');
const say = (line: string) => process.stdout.write(`deploy: ${line}\n`);

async function main(): Promise<number> {
  const request = parseDeployArgs(process.argv.slice(2), process.env, () => installedEngines().map((e) => e.command));
  say(`${request.action} ${request.stack} with ${request.engine}`);

  const synth = spawnSync(process.execPath, [join(REPO, 'scripts', 'app.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (synth.status !== 0) return fail('synth failed (above); nothing was run.');
  if (request.stack === 'production' && !request.skipCheck) {
    const check = spawnSync(process.execPath, ['--import', require.resolve('tsx'), join(REPO, 'bin', 'check.ts')], { cwd: ROOT, stdio: 'inherit' });
    if (check.status !== 0) return fail(`npm run check found what ${request.action} would refuse (above); fix it first (or pass --no-check).`);
  }

  const backendConfigFile = process.env.BACKEND_CONFIG_FILE || DEFAULT_BACKEND_CONFIG_FILE;
  if (request.stack === 'production' && !existsSync(resolve(ROOT, backendConfigFile))) {
    return fail(`${backendConfigFile} does not exist: run npm run apply -- bootstrap first (it writes it), or copy backend.config.example.`);
  }
  const files = tfvarsFiles(ROOT);
  if (files.length === 0) say('no terraform.tfvars or *.auto.tfvars in the project root: only defaults and TF_VAR_* values are used.');
  const commands = engineCommands(request, ROOT, {
    tfvarsFiles: files,
    backendConfigFile,
    bootstrapValues: request.stack === 'bootstrap' ? await bootstrapValues(files) : undefined,
  });
  for (const command of commands) {
    const code = await run(request, command);
    if (code !== 0) return code;
  }
  if (request.stack === 'bootstrap' && request.action === 'apply') writeBackendConfig(request, commands[0].cwd);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`deploy: ${message}\n`);
  return 1;
}

/** The bootstrap's own variables (environment, region, name_prefix, ...) from the project root's tfvars files, later files winning. */
async function bootstrapValues(files: string[]): Promise<Record<string, unknown>> {
  const declared = Object.keys(JSON.parse(readFileSync(join(ROOT, 'cdktf.out', 'stacks', 'bootstrap', 'cdk.tf.json'), 'utf8')).variable ?? {});
  const { parse } = await import('@cdktn/hcl2json');
  const values: Record<string, unknown> = {};
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const parsed: Record<string, unknown> = file.endsWith('.json') ? JSON.parse(text) : await parse(file, text);
    for (const name of declared) if (parsed[name] !== undefined) values[name] = parsed[name];
  }
  return values;
}

/** Runs one engine command, streaming its output as it comes (prompts included) and explaining long waits once. */
function run(request: DeployRequest, command: EngineCommand): Promise<number> {
  say(`${request.engine} ${command.args.join(' ')}   (in ${command.cwd})`);
  const explain = waitExplainer();
  return new Promise((done) => {
    const child = spawn(request.engine, command.args, { cwd: command.cwd, stdio: ['inherit', 'pipe', 'pipe'] });
    const watch = (out: NodeJS.WriteStream) => {
      let partial = '';
      return (chunk: Buffer) => {
        out.write(chunk);
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const why = explain(line);
          if (why) say(why);
        }
      };
    };
    child.stdout.on('data', watch(process.stdout));
    child.stderr.on('data', watch(process.stderr));
    child.on('error', (error) => {
      process.stderr.write(`deploy: cannot run ${request.engine}: ${error.message}\n`);
      done(1);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

/** After the first bootstrap apply: backend.config from its output, unless the user already has one. */
function writeBackendConfig(request: DeployRequest, cwd: string): void {
  const file = join(ROOT, DEFAULT_BACKEND_CONFIG_FILE);
  const output = spawnSync(request.engine, ['output', '-raw', 'backend_config'], { cwd, encoding: 'utf8' });
  if (output.status !== 0 || !output.stdout.includes('bucket')) return;
  if (existsSync(file)) {
    if (readFileSync(file, 'utf8') !== output.stdout) say(`${DEFAULT_BACKEND_CONFIG_FILE} exists and differs from this bootstrap's backend_config output; left as it is.`);
    return;
  }
  writeFileSync(file, output.stdout);
  say(`wrote ${DEFAULT_BACKEND_CONFIG_FILE} from the bootstrap's backend_config output.`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`deploy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
