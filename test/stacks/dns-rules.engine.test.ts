import { execFile } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { defaultStacks, PRODUCTION_REQUIRED } from '../default-stacks';
import { resource, TerraformJson } from '../helpers';
import { TOFU, planFailures, providerFreeWorkspace, tofuEnv, tofuOutput, varArgs, variablesOnly, violations } from '../variable-rules';

// The certificate and DNS rules, run for real by the pinned OpenTofu binary (no provider, no
// network): the new variables' rules, the preconditions (copied onto
// built-in terraform_data resources), the expressions that pick records and
// outputs in each mode, and what Terraform does to existing state when the
// certificate and its validation gain `count`.

const run = promisify(execFile);
const { json } = defaultStacks().production;
// The domain these cases were written for (it used to be the default).
const SECRETS = { ...PRODUCTION_REQUIRED, domain_name: 'poc.everruns.com' };
const ZONE = 'Z0123456789ABCDEFGHIJ';
const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function workspace(config: object): string {
  return providerFreeWorkspace(config, 'dns-rules');
}

/** The precondition failures of a plan. */
function failures(dir: string, values: Record<string, unknown>): Promise<string[]> {
  return planFailures(dir, values, SECRETS);
}

/** Applies a provider-free configuration (into a fresh state file) and returns its outputs. */
async function outputs(dir: string, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const state = join(mkdtempSync(join(tmpdir(), 'dns-state-')), 'terraform.tfstate');
  const stdout = await tofuOutput(dir, ['apply', '-auto-approve', '-input=false', '-lock=false', '-json', `-state=${state}`, ...varArgs(values, SECRETS)]);
  const events = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  if (!events.some((e) => e.type === 'outputs')) throw new Error(`tofu apply failed: ${JSON.stringify(events.filter((e) => e.type === 'diagnostic'))}`);
  const read = JSON.parse(await tofuOutput(dir, ['output', '-json', `-state=${state}`]));
  return Object.fromEntries(Object.entries(read).map(([k, v]) => [k, (v as { value: unknown }).value]));
}

const failed = (message: string) => `Resource precondition failed: ${message}`;

describe('certificate and DNS inputs: variable rules', () => {
  const dir = variablesOnly(json);

  test('accept the defaults and a full Route 53 + alternative names setting', async () => {
    expect(await violations(dir, {}, SECRETS)).toEqual([]);
    expect(await violations(dir, { route53_zone_id: ZONE, subject_alternative_names: ['www.poc.everruns.com', '*.poc.everruns.com'] }, SECRETS)).toEqual([]);
    expect(await violations(dir, { certificate_arn: ARN }, SECRETS)).toEqual([]);
    expect(await violations(dir, { certificate_arn: ARN.replace('arn:aws:', 'arn:aws-us-gov:') }, SECRETS)).toEqual([]);
  });

  const ZONE_RULE = (v: string) =>
    `The route53_zone_id "${v}" is not a hosted zone id: give the id alone, such as Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones-by-name --dns-name <zone>; without the /hostedzone/ prefix), or "" to publish the records yourself.`;
  const ARN_RULE = (v: string) =>
    `The certificate_arn "${v}" is not an ACM certificate ARN: use the ARN ACM shows, such as arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-..., or "" to request a certificate.`;
  const SAN_RULE = (v: string) =>
    `The subject_alternative_names ${v} is not valid: give distinct lowercase fully qualified domain names, each optionally starting with "*.", such as ["www.example.com", "*.example.com"].`;
  test.concurrent.each<[string, string, unknown, string]>([
    ['route53_zone_id', 'the /hostedzone/ prefix', `/hostedzone/${ZONE}`, ZONE_RULE(`/hostedzone/${ZONE}`)],
    ['route53_zone_id', 'a zone name', 'everruns.com', ZONE_RULE('everruns.com')],
    ['certificate_arn', 'an IAM server certificate', 'arn:aws:iam::123456789012:server-certificate/x', ARN_RULE('arn:aws:iam::123456789012:server-certificate/x')],
    ['certificate_arn', 'a certificate id', '0a1b2c3d-4e5f', ARN_RULE('0a1b2c3d-4e5f')],
    ['subject_alternative_names', 'an uppercase name', ['WWW.example.com'], SAN_RULE('["WWW.example.com"]')],
    ['subject_alternative_names', 'a bare label', ['www'], SAN_RULE('["www"]')],
    ['subject_alternative_names', 'a wildcard in the middle', ['www.*.example.com'], SAN_RULE('["www.*.example.com"]')],
    ['subject_alternative_names', 'a duplicate', ['a.example.com', 'a.example.com'], SAN_RULE('["a.example.com","a.example.com"]')],
  ])('%s with %s is rejected with the exact message', async (variable, _case, value, message) => {
    expect(await violations(dir, { [variable]: value }, SECRETS)).toEqual([{ variable, message }]);
  });
});

describe('certificate_arn in the stack region (HTTPS listener precondition)', () => {
  const listener = resource(json, 'aws_lb_listener', 'alb_https');
  const dir = workspace({
    variable: json.variable,
    resource: { terraform_data: { listener: { input: listener.certificate_arn.replace(/one\([^)]*\)/, '"validated"'), lifecycle: listener.lifecycle } } },
  });

  test('passes without a certificate_arn, and with one in the region', async () => {
    expect(await failures(dir, {})).toEqual([]);
    expect(await failures(dir, { certificate_arn: ARN })).toEqual([]);
    expect(await failures(dir, { certificate_arn: ARN.replace('us-east-1', 'eu-west-1'), region: 'eu-west-1' })).toEqual([]);
  });

  test('a certificate of another region fails, naming the ARN, the region and the fix', async () => {
    expect(await failures(dir, { certificate_arn: ARN, region: 'eu-west-1' })).toEqual([
      failed(
        `The certificate_arn "${ARN}" is not an ACM certificate in the stack's region eu-west-1 (arn:aws:acm:eu-west-1:<account>:certificate/<id>): ` +
          'an ALB can only use a certificate of its own region. Request or import the certificate in eu-west-1, or set certificate_arn = "" to request one.',
      ),
    ]);
  });
});

describe('subject_alternative_names without domain_name (certificate precondition)', () => {
  const certificate = resource(json, 'aws_acm_certificate', 'acm_main');
  const dir = workspace({ variable: json.variable, resource: { terraform_data: { certificate: { input: 'c', lifecycle: { precondition: certificate.lifecycle.precondition } } } } });

  test('repeating domain_name fails, saying to remove it', async () => {
    expect(await failures(dir, { subject_alternative_names: ['www.poc.everruns.com', 'poc.everruns.com'] })).toEqual([
      failed(
        'The subject_alternative_names ["www.poc.everruns.com","poc.everruns.com"] repeat the domain_name "poc.everruns.com", which is on the certificate already: remove it from subject_alternative_names.',
      ),
    ]);
    expect(await failures(dir, { subject_alternative_names: ['www.poc.everruns.com'] })).toEqual([]);
  });
});

describe('the zone contains the names (A alias precondition)', () => {
  const alias = resource(json, 'aws_route53_record', 'dns_alias');
  // The zone data source becomes two variables: what Route 53 would answer.
  const preconditions = JSON.parse(
    JSON.stringify(alias.lifecycle.precondition).replace(/one\(data\.aws_route53_zone\.dns_zone\[\*\]\.private_zone\)/g, 'var.zone_private'),
  );
  const dir = workspace({
    variable: { ...json.variable, zone_name: { type: 'string' }, zone_private: { type: 'bool', default: false } },
    locals: { dns_zone_name: '${lower(trimsuffix(var.zone_name, "."))}' },
    resource: { terraform_data: { alias: { input: 'a', lifecycle: { precondition: preconditions } } } },
  });

  test('pass for the zone itself, a name below it, and wildcard alternative names', async () => {
    expect(await failures(dir, { zone_name: 'poc.everruns.com' })).toEqual([]);
    expect(await failures(dir, { zone_name: 'everruns.com.', subject_alternative_names: ['*.poc.everruns.com', 'everruns.com'] })).toEqual([]);
  });

  test('a zone that does not contain domain_name fails with both values', async () => {
    expect(await failures(dir, { zone_name: 'example.org', route53_zone_id: ZONE })).toEqual([
      failed(
        `The Route 53 zone ${ZONE} is "example.org", which does not contain ["poc.everruns.com"]: domain_name and every subject_alternative_names ` +
          'entry must be "example.org" or end in ".example.org". Set route53_zone_id to the zone that serves them, or set route53_zone_id = "" and publish the records yourself (README: the first apply).',
      ),
    ]);
  });

  test('a suffix that is not a label boundary is outside: runs.com does not contain poc.everruns.com', async () => {
    expect(await failures(dir, { zone_name: 'runs.com', route53_zone_id: ZONE })).toHaveLength(1);
  });

  test('an alternative name outside the zone fails; with a given certificate alternative names are not checked', async () => {
    const values = { zone_name: 'everruns.com', route53_zone_id: ZONE, subject_alternative_names: ['www.example.org'] };
    expect(await failures(dir, values)).toEqual([expect.stringContaining('which does not contain ["www.example.org"]')]);
    expect(await failures(dir, { ...values, certificate_arn: ARN })).toEqual([]);
  });

  test('a private zone fails', async () => {
    expect(await failures(dir, { zone_name: 'everruns.com', route53_zone_id: ZONE, zone_private: true })).toEqual([
      failed(`The Route 53 zone ${ZONE} ("everruns.com") is private: ACM and the internet cannot see its records. Set route53_zone_id to the public hosted zone of the domain.`),
    ]);
  });
});

describe('which records and outputs each mode yields', () => {
  // The certificate's domain_validation_options as ACM returns them for poc.everruns.com, www. and *. (the wildcard shares the apex's record).
  const option = (domain: string, record: string) => ({
    domain_name: domain,
    resource_record_name: `_${record}.poc.everruns.com.`,
    resource_record_type: 'CNAME',
    resource_record_value: `_${record}v.acm-validations.aws.`,
  });
  const options = [option('poc.everruns.com', 'a'), option('*.poc.everruns.com', 'a'), option('www.poc.everruns.com', 'w')];
  const certificate = 'one(aws_acm_certificate.acm_main[*].domain_validation_options)';
  const sample = (expression: string) => expression.split(certificate).join('local.options');
  const dir = workspace({
    variable: json.variable,
    locals: { options },
    output: {
      record_options: { value: sample(json.locals.acm_validation_options) },
      acm_validation_records: { value: sample(json.output.acm_validation_records.value) },
    },
  });
  const SANS = { subject_alternative_names: ['www.poc.everruns.com', '*.poc.everruns.com'] };

  test('manual: no record in Route 53, every distinct record to publish', async () => {
    const out = await outputs(dir, SANS);
    expect(out.record_options).toEqual({});
    expect(out.acm_validation_records).toEqual([
      { name: '_a.poc.everruns.com.', type: 'CNAME', value: '_av.acm-validations.aws.' },
      { name: '_w.poc.everruns.com.', type: 'CNAME', value: '_wv.acm-validations.aws.' },
    ]);
  });

  test('Route 53: one record per distinct record, keyed by domain name; nothing left to publish', async () => {
    const out = await outputs(dir, { ...SANS, route53_zone_id: ZONE });
    expect(Object.keys(out.record_options as object).sort()).toEqual(['poc.everruns.com', 'www.poc.everruns.com']);
    expect(out.acm_validation_records).toEqual([]);
  });

  test('a given certificate: no records at all', async () => {
    expect(await outputs(dir, { ...SANS, route53_zone_id: ZONE, certificate_arn: ARN })).toEqual({ record_options: {}, acm_validation_records: [] });
    expect((await outputs(dir, { certificate_arn: ARN })).acm_validation_records).toEqual([]);
  });

  test('route53_records is [] without a zone', async () => {
    const records = workspace({
      variable: json.variable,
      output: {
        route53_records: {
          value: (json.output.route53_records.value as string)
            .replace('aws_route53_record.acm_validation_record', '{}')
            .replace('aws_route53_record.dns_alias[*]', '[]'),
        },
      },
    });
    expect(await outputs(records, {})).toEqual({ route53_records: [] });
  });
});

describe('existing deployments: the certificate and its validation gain count', () => {
  // The three resources as built-in terraform_data with the stack's own count, lifecycle,
  // listener expression and moved blocks; the state comes from the configuration before the certificate became optional.
  const rename = (text: string) =>
    text
      .replace(/aws_acm_certificate_validation\.acm_validation/g, 'terraform_data.acm_validation')
      .replace(/aws_acm_certificate\.acm_main/g, 'terraform_data.acm_main')
      .replace(/\[\*\]\.(arn|certificate_arn)\)/g, '[*].output)');
  const certificate = resource(json, 'aws_acm_certificate', 'acm_main');
  const validation = resource(json, 'aws_acm_certificate_validation', 'acm_validation');
  const listener = resource(json, 'aws_lb_listener', 'alb_https');
  const moved = (json.moved as TerraformJson[]).filter((m) => m.from.startsWith('aws_acm_')).map((m) => ({ from: rename(m.from), to: rename(m.to) }));
  const before = {
    resource: {
      terraform_data: {
        acm_main: { input: 'certificate', lifecycle: { create_before_destroy: true } },
        acm_validation: { input: '${terraform_data.acm_main.output}' },
        listener: { input: '${terraform_data.acm_validation.output}' },
      },
    },
  };
  const after = {
    variable: { certificate_arn: json.variable.certificate_arn },
    moved,
    resource: {
      terraform_data: {
        acm_main: { count: certificate.count, input: 'certificate', lifecycle: { create_before_destroy: true } },
        acm_validation: { count: validation.count, input: rename(validation.certificate_arn) },
        listener: { input: rename(listener.certificate_arn) },
      },
    },
  };

  async function deployedBefore(): Promise<string> {
    const dir = workspace(before);
    await run(TOFU, ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env: tofuEnv(dir) });
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(after));
    return dir;
  }

  test('move to [0] with no change: nothing is replaced, the listener keeps its certificate', async () => {
    const dir = await deployedBefore();
    const plan = await tofuOutput(dir, ['plan', '-input=false', '-no-color']);
    expect(plan).toContain('terraform_data.acm_main has moved to terraform_data.acm_main[0]');
    expect(plan).toContain('terraform_data.acm_validation has moved to terraform_data.acm_validation[0]');
    expect(plan).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
  });

  test('switching to a given certificate updates the listener before the old certificate is deleted', async () => {
    const dir = await deployedBefore();
    await run(TOFU, ['plan', '-input=false', '-no-color', '-out=plan', '-var', `certificate_arn=${ARN}`], { cwd: dir, env: tofuEnv(dir) });
    const graph = await tofuOutput(dir, ['graph', '-plan=plan']);
    // create_before_destroy: the old certificate's destroy waits for the listener's update (ACM refuses to delete a certificate in use).
    expect(graph).toContain('"[root] terraform_data.acm_main[0] (destroy)" -> "[root] terraform_data.listener"');
  });
});
