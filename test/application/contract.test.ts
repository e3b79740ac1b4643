import { TerraformOutput } from 'cdktn';
import { secretValueFrom } from '../../modules/ecs-service';
import { CONTROL_PLANE_COMMITS, SUPPORTED_COMMITS, environmentOf } from '../../application/contract';
import { ProductionStack } from '../../stacks/production/stack';
import { resource, synthesize } from '../helpers';

// The application contract (application/contract.ts) is the one place that
// says what each Everruns container gets. The stack is synthesized with the
// contract's own values rendered next to it (an extra output, so tokens resolve
// the same way), and every container definition must equal it exactly: no
// variable or secret reaches a container unless the contract lists it.

const { json } = synthesize((app) => {
  const stack = new ProductionStack(app, 'production');
  const rendered = Object.fromEntries(
    Object.entries(stack.contracts).map(([line, containers]) => [
      line,
      Object.fromEntries(
        Object.entries(containers).map(([name, contract]) => [
          name,
          {
            environment: environmentOf(contract),
            secrets: Object.fromEntries(Object.entries(contract.secrets).map(([variable, entry]) => [variable, secretValueFrom(entry)])),
            entryPoint: contract.entryPoint,
            command: contract.command,
            ports: contract.port && [contract.port, ...(contract.additionalPorts ?? [])],
            image: contract.image,
          },
        ]),
      ),
    ]),
  );
  // A string, rendered like container_definitions (JSON.stringify with tokens inside).
  new TerraformOutput(stack, 'contract_probe', { value: JSON.stringify(rendered) });
  return stack;
});
const contracts = JSON.parse(json.output.contract_probe.value);
// Each release line's container sets are locals; the task definitions pick one by everruns_architecture.
const local = (name: string) => JSON.parse(json.locals[name]);
const linesOf = (line: 'temporal' | 'control_plane') => {
  const [api, migrate] = local(`api_containers_${line}`);
  const [worker] = local(`worker_containers_${line}`);
  const [admin] = local(`admin_containers_${line}`);
  const [ui] = JSON.parse(resource(json, 'aws_ecs_task_definition', 'ui_task_definition').container_definitions);
  return { api, migrate, worker, ui, admin };
};
const SYNTHESIZED = { temporal: linesOf('temporal'), 'control-plane': linesOf('control_plane') };
const { api, migrate, worker, ui, admin } = SYNTHESIZED.temporal;
const cases = Object.entries(SYNTHESIZED).flatMap(([line, containers]) =>
  Object.entries(containers).map(([name, container]) => [`${line} ${name}`, contracts[line][name], container] as const),
);

const asMap = (list: { name: string; value?: string; valueFrom?: string }[]) => Object.fromEntries(list.map((e) => [e.name, e.value ?? e.valueFrom]));

describe.each(cases)('application contract: %s', (_name, contract, container) => {
  test('environment equals the contract exactly', () => {
    expect(asMap(container.environment)).toEqual(contract.environment);
    expect(container.environment).toHaveLength(Object.keys(contract.environment).length);
  });

  test('secrets equal the contract exactly', () => {
    expect(asMap(container.secrets)).toEqual(contract.secrets);
    expect(container.secrets).toHaveLength(Object.keys(contract.secrets).length);
  });

  test('entry point, command, ports and image as the contract says', () => {
    expect(container.entryPoint).toEqual(contract.entryPoint);
    expect(container.command).toEqual(contract.command);
    expect(container.portMappings?.map((p: { containerPort: number }) => p.containerPort)).toEqual(contract.ports);
    expect(container.image).toBe(`\${local.image_${contract.image.replace(/-/g, '_')}}`);
  });
});

describe('application contract: what the application reads', () => {
  const stack = synthesize((app) => new ProductionStack(app, 'production')).stack;
  const last = { temporal: SUPPORTED_COMMITS.last, 'control-plane': CONTROL_PLANE_COMMITS.last };
  const entries = Object.entries(stack.contracts).flatMap(([line, containers]) =>
    Object.entries(containers).flatMap(([container, c]) =>
      [...Object.entries(c.environment), ...Object.entries(c.secrets)].map(
        ([variable, entry]) => [`${line} ${container}.${variable}`, entry.readAt, entry.why, last[line as keyof typeof last]] as const,
      ),
    ),
  );

  test.each(entries)('%s cites the line that reads it at the last commit of its line (%s)', (_name, readAt, why, commit) => {
    expect(readAt).toMatch(new RegExp(`^${commit}:[A-Za-z0-9_./-]+:[1-9][0-9]*$`));
    expect(why.length).toBeGreaterThan(10);
  });

  test('variables the images do not read are gone (HOST, PORT and AGENT_RUNNER_MODE on the API, NEXT_PUBLIC_API_BASE_URL, OPENAI_API_KEY)', () => {
    expect(api.environment.map((e: { name: string }) => e.name)).not.toContain('HOST');
    const everywhere = [api, migrate, worker, ui, admin].flatMap((c) => [...c.environment, ...c.secrets].map((e: { name: string }) => `${c.name}.${e.name}`));
    expect(everywhere.filter((n) => /\.(HOST|AGENT_RUNNER_MODE|NEXT_PUBLIC_API_BASE_URL|OPENAI_API_KEY)$/.test(n) || n === 'everruns-api.PORT')).toEqual([]);
  });

  test('the UI listens where its target group looks: PORT 3000 on every interface', () => {
    expect(asMap(ui.environment)).toEqual({ PORT: '3000', HOSTNAME: '0.0.0.0' });
    expect(resource(json, 'aws_lb_target_group', 'alb_ui_target_group').port).toBe(3000);
  });

  test('the encryption key is generated at apply time: kek-v1 and the standard base64 of 32 random bytes', () => {
    expect(resource(json, 'aws_secretsmanager_secret_version', 'secrets_encryption_key_version').secret_string).toBe(
      'kek-v1:${random_bytes.secrets_encryption_key_bytes.base64}',
    );
  });

  test('the previous key is never empty: an unused key with its own id until a rotation writes the old key', () => {
    expect(resource(json, 'aws_secretsmanager_secret_version', 'secrets_encryption_key_previous_version')).toEqual(
      expect.objectContaining({
        secret_string: 'kek-unused:${random_bytes.secrets_encryption_key_previous_bytes.base64}',
        lifecycle: { ignore_changes: ['secret_string'] },
      }),
    );
  });

  test('Terraform writes the key once: a rotation by hand is not reverted by the next apply', () => {
    expect(resource(json, 'aws_secretsmanager_secret_version', 'secrets_encryption_key_version').lifecycle).toEqual({ ignore_changes: ['secret_string'] });
  });

  test('AUTH_DISABLE_SIGNUP is true exactly in admin mode', () => {
    expect(json.locals.auth_disable_signup).toBe('${(var.auth_mode == "admin") ? "true" : "false"}');
  });
});

test("docs/application.md's table lists every variable and secret of the contract", () => {
  const readme = require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'docs', 'application.md'), 'utf8') as string;
  const section = readme.slice(readme.indexOf('## What each container gets'), readme.indexOf('## Routing'));
  const stack = synthesize((app) => new ProductionStack(app, 'production')).stack;
  const names = Object.values(stack.contracts).flatMap((line) =>
    Object.values(line).flatMap((c) => [...Object.keys(c.environment), ...Object.keys(c.secrets)]),
  );
  expect(names.filter((name) => !section.includes(`\`${name}`))).toEqual([]);
});
