import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthesizeBoth } from '../policy/gate';
import { containersIn } from '../helpers';

// Secrets reach this project the way a user supplies them: terraform.tfvars,
// TF_VAR_* environment variables and backend.config. None of them may end up
// in cdktf.out, whose files get copied around, attached to CI runs and committed.

const ROOT = join(__dirname, '..', '..');
const CANARIES = {
  openai_api_key: 'sk-canary-openai-7f3a9c2e5b1d4f6a8c0e2b4d6f8a0c2e',
  github_token: 'ghp_canaryGithubToken5b1d4f6a8c0e2b4d6f8a0c',
  github_username: 'canary-user-3e5b1d',
};

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

describe('secret scan', () => {
  test('secrets supplied in terraform.tfvars and TF_VAR_* never reach cdktf.out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-scan-'));
    writeFileSync(
      join(dir, 'terraform.tfvars'),
      Object.entries(CANARIES).map(([name, value]) => `${name} = "${value}"\n`).join(''),
    );
    writeFileSync(
      join(dir, 'backend.config'),
      'bucket = "everruns-terraform-state-production"\nkey = "production/terraform.tfstate"\nregion = "us-east-1"\nuse_lockfile = true\n',
    );
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: '' };
    for (const [name, value] of Object.entries(CANARIES)) env[`TF_VAR_${name}`] = value;

    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.mjs')], { cwd: dir, env, encoding: 'utf8' });
    expect(run.status).toBe(0);

    const files = filesBelow(join(dir, 'cdktf.out'));
    expect(files.map((f) => f.slice(dir.length))).toEqual(
      expect.arrayContaining(['/cdktf.out/stacks/production/cdk.tf.json', '/cdktf.out/stacks/bootstrap/cdk.tf.json']),
    );
    const leaks = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return Object.values(CANARIES).filter((canary) => text.includes(canary)).map((canary) => `${file}: ${canary}`);
    });
    expect(leaks).toEqual([]);
  });

  test('terraform.tfvars.example holds placeholders, not credentials', () => {
    const example = readFileSync(join(ROOT, 'terraform.tfvars.example'), 'utf8');
    // Shapes of real OpenAI keys and GitHub tokens (classic and fine-grained).
    expect(example).not.toMatch(/sk-[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}/);
  });

  const { json } = synthesizeBoth();
  const production = json.production;
  const SENSITIVE = /\$\{[^}]*(var\.openai_api_key|var\.github_token|random_password\.[a-z0-9_]+\.result|random_bytes\.[a-z0-9_]+\.(base64|hex))/;

  test('secret variables are marked sensitive, with no default but the empty optional OpenAI key', () => {
    for (const name of ['openai_api_key', 'github_token']) {
      expect(production.variable[name]).toEqual(expect.objectContaining({ sensitive: true, type: 'string' }));
    }
    expect(production.variable.github_token.default).toBeUndefined();
    expect(production.variable.openai_api_key.default).toBe('');
  });

  test('secret values flow only into secret versions and the database password', () => {
    const places: string[] = [];
    for (const [type, byName] of Object.entries<Record<string, Record<string, unknown>>>(production.resource)) {
      for (const config of Object.values(byName)) {
        for (const [attribute, value] of Object.entries(config)) {
          if (SENSITIVE.test(JSON.stringify(value))) places.push(`${type}.${attribute}`);
        }
      }
    }
    expect([...new Set(places)].sort()).toEqual(['aws_db_instance.password', 'aws_secretsmanager_secret_version.secret_string']);
  });

  test('an output that carries a secret or the database endpoint is sensitive', () => {
    const exposed = Object.entries<{ value: unknown; sensitive?: boolean }>(production.output ?? {})
      .filter(([, output]) => SENSITIVE.test(JSON.stringify(output.value)) || /aws_db_instance\.[a-z0-9_]+\.endpoint/.test(JSON.stringify(output.value)))
      .filter(([, output]) => output.sensitive !== true)
      .map(([name]) => name);
    expect(exposed).toEqual([]);
  });

  test('containers get secrets only through ECS secrets (valueFrom), never in environment', () => {
    const definitions = Object.values<{ container_definitions: string }>(production.resource.aws_ecs_task_definition ?? {});
    expect(definitions.length).toBeGreaterThan(0);
    const offenders: string[] = [];
    for (const definition of definitions) {
      for (const container of (['temporal', 'control-plane'] as const).flatMap((line) => containersIn(production, definition, line))) {
        for (const variable of container.environment ?? []) {
          if (SENSITIVE.test(JSON.stringify(variable.value)) || /PASSWORD|PWD|TOKEN(?!_LIFETIME)|SECRET|API_KEY|DATABASE_URL/.test(variable.name)) {
            offenders.push(`${container.name}: ${variable.name}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
