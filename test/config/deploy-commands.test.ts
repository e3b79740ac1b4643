import { engineCommands, parseDeployArgs, waitExplainer } from '../../config/deploy-commands';

const ROOT = '/home/me/everruns-infra';
const none = () => [];

describe('npm run plan|apply|destroy: arguments', () => {
  test('the stack, the engine\'s own flags passed through, the engine from --engine', () => {
    expect(parseDeployArgs(['apply', 'production', '-auto-approve', '-input=false', '--engine', 'tofu'], {}, none)).toEqual({
      action: 'apply',
      stack: 'production',
      engine: 'tofu',
      engineFlags: ['-auto-approve', '-input=false'],
      skipCheck: false,
    });
  });

  test('the engine: --engine, else TF_ENGINE, else the first one installed', () => {
    expect(parseDeployArgs(['plan', 'bootstrap', '--engine=terraform'], { TF_ENGINE: 'tofu' }, () => ['tofu']).engine).toBe('terraform');
    expect(parseDeployArgs(['plan', 'bootstrap'], { TF_ENGINE: 'tofu' }, () => ['terraform']).engine).toBe('tofu');
    expect(parseDeployArgs(['plan', 'bootstrap'], {}, () => ['terraform', 'tofu']).engine).toBe('terraform');
    expect(() => parseDeployArgs(['plan', 'bootstrap'], {}, none)).toThrow(
      'neither terraform nor tofu is installed (or on the PATH): install one, or name it with --engine or TF_ENGINE.',
    );
  });

  test('a missing or unknown stack or action is refused with the usage', () => {
    expect(() => parseDeployArgs(['plan'], {}, none)).toThrow(/^name the stack: production or bootstrap; usage: npm run plan\|apply\|destroy/);
    expect(() => parseDeployArgs(['plan', 'staging'], {}, none)).toThrow(/^unexpected "staging"/);
    expect(() => parseDeployArgs(['deploy', 'production'], {}, none)).toThrow(/^unknown action "deploy"/);
  });
});

describe('npm run plan|apply|destroy: engine commands', () => {
  const request = (action: 'plan' | 'apply' | 'destroy', stack: 'production' | 'bootstrap', engineFlags: string[] = []) => ({
    action,
    stack,
    engine: 'terraform',
    engineFlags,
    skipCheck: false,
  });

  test('production: init with backend.config (absolute), then the action with the root\'s tfvars files (absolute) and the flags', () => {
    expect(engineCommands(request('apply', 'production', ['-auto-approve', '-input=false']), ROOT, { tfvarsFiles: ['terraform.tfvars', 'x.auto.tfvars'] })).toEqual([
      { cwd: `${ROOT}/cdktf.out/stacks/production`, args: ['init', '-reconfigure', `-backend-config=${ROOT}/backend.config`, '-input=false'] },
      {
        cwd: `${ROOT}/cdktf.out/stacks/production`,
        args: ['apply', `-var-file=${ROOT}/terraform.tfvars`, `-var-file=${ROOT}/x.auto.tfvars`, '-auto-approve', '-input=false'],
      },
    ]);
  });

  test('production with BACKEND_CONFIG_FILE: that file\'s absolute path', () => {
    const [init] = engineCommands(request('plan', 'production'), ROOT, { tfvarsFiles: [], backendConfigFile: 'backend.staging.config' });
    expect(init.args).toEqual(['init', '-reconfigure', `-backend-config=${ROOT}/backend.staging.config`]);
  });

  test('bootstrap: its local backend as embedded, and only its own variables, as -var', () => {
    expect(engineCommands(request('destroy', 'bootstrap'), ROOT, { tfvarsFiles: ['terraform.tfvars'], bootstrapValues: { environment: 'staging', name_prefix: 'acme' } })).toEqual([
      { cwd: `${ROOT}/cdktf.out/stacks/bootstrap`, args: ['init'] },
      { cwd: `${ROOT}/cdktf.out/stacks/bootstrap`, args: ['destroy', '-var', 'environment=staging', '-var', 'name_prefix=acme'] },
    ]);
  });
});

describe('long waits are explained once', () => {
  test('RDS after a minute, once; a short wait and other resources say nothing', () => {
    const explain = waitExplainer();
    expect(explain('aws_db_instance.database_main: Still creating... [10s elapsed]')).toBeUndefined();
    expect(explain('aws_db_instance.database_main: Still creating... [5m0s elapsed]')).toBe('RDS is creating the PostgreSQL instance: typically 10-15 minutes in all.');
    expect(explain('aws_db_instance.database_main: Still creating... [5m10s elapsed]')).toBeUndefined();
    expect(explain('aws_s3_bucket.x: Still creating... [5m0s elapsed]')).toBeUndefined();
    expect(explain('\u001b[0m\u001b[1maws_acm_certificate_validation.acm_main: Still creating... [1h2m0s elapsed]\u001b[0m')).toMatch(/^ACM is waiting for the DNS validation record/);
  });
});
