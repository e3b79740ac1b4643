import { spawnSync } from 'child_process';
import { join } from 'path';

// `npm run bench` measures the app, not the user's files: each synth runs in an empty directory
// without BACKEND_CONFIG_FILE, so a backend.config or terraform.tfvars of the checkout changes nothing.
test("a benchmark run ignores the checkout's backend settings (BACKEND_CONFIG_FILE pointing nowhere)", () => {
  const scripts = join(__dirname, '..', '..', 'scripts');
  const program = `import { measure } from ${JSON.stringify(join(scripts, 'bench', 'measure.mjs'))};
console.log(JSON.stringify(measure([${JSON.stringify(join(scripts, 'app.mjs'))}])));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], {
    env: { ...process.env, BACKEND_CONFIG_FILE: '/nonexistent/backend.config' },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  const { seconds, rssMb } = JSON.parse(run.stdout);
  expect(seconds).toBeGreaterThan(0);
  expect(rssMb).toBeGreaterThan(0);
}, 30_000);
