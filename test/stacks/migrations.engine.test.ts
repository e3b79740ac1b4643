import { execFile, execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { defaultStacks } from '../default-stacks';
import { TOFU, tofuEnv } from '../variable-rules';

// The records of the applied migrations (stacks/production/migrations.ts), applied and planned for real by the
// pinned OpenTofu on the stack's two variables they read (terraform_data is built in: no provider, no network).

const run = promisify(execFile);
const { json } = defaultStacks().production;

function workspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  const variable = { image_tag: json.variable.image_tag, everruns_architecture: json.variable.everruns_architecture };
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ variable, locals: { applied_migrations: json.locals.applied_migrations }, resource: { terraform_data: { applied_migrations: json.resource.terraform_data.applied_migrations } } }));
  const env = tofuEnv(dir);
  execFileSync(TOFU, ['init', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'pipe' });
  return { dir, env };
}

async function tofu(ws: { dir: string; env: NodeJS.ProcessEnv }, command: 'plan' | 'apply', vars: Record<string, string>) {
  const args = [command, '-input=false', '-no-color', ...(command === 'apply' ? ['-auto-approve'] : []), ...Object.entries(vars).map(([k, v]) => `-var=${k}=${v}`)];
  try {
    const { stdout } = await run(TOFU, args, { cwd: ws.dir, env: ws.env });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`.replace(/[\s│]+/g, ' ') };
  }
}

const created = (output: string) => [...output.matchAll(/# terraform_data\.applied_migrations\["([^"]+)"\] will be created/g)].map((m) => m[1]).sort();

describe('a deployment at c42b199 (Temporal line, migrations 001-004)', () => {
  const ws = workspace();
  beforeAll(async () => {
    expect((await tofu(ws, 'apply', { image_tag: '7884c9f' })).ok).toBe(true);
    const upgrade = await tofu(ws, 'plan', { image_tag: 'c42b199' });
    expect(created(upgrade.output)).toEqual(['everruns/003_update_event_indexes', 'everruns/004_add_event_metadata_tags']);
    expect((await tofu(ws, 'apply', { image_tag: 'c42b199' })).ok).toBe(true);
  }, 60_000);

  test('the rollback to 7884c9f (001-002) is refused at plan, naming the migrations its image lacks', async () => {
    const plan = await tofu(ws, 'plan', { image_tag: '7884c9f' });
    expect(plan.ok).toBe(false);
    expect(plan.output).toContain('Error: Instance cannot be destroyed');
    expect(plan.output).toContain('terraform_data.applied_migrations["everruns/003_update_event_indexes"] has lifecycle.prevent_destroy set');
    expect(plan.output).toContain('terraform_data.applied_migrations["everruns/004_add_event_metadata_tags"] has lifecycle.prevent_destroy set');
  });

  test('a tag no line knows, the full SHA of the same commit and the switch to the control-plane line change nothing', async () => {
    const changes: Array<Record<string, string>> = [{ image_tag: '0123abc' }, { image_tag: 'c42b1990a7e574d9e5cdb3008a7790fbb19ec528' }, { image_tag: 'aca8d31', everruns_architecture: 'control-plane' }];
    for (const vars of changes) {
      const plan = await tofu(ws, 'plan', vars);
      expect(plan.ok).toBe(true);
      expect(plan.output).toContain('No changes.');
    }
  });
});
