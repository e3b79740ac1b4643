import { AcmCertificate } from '@cdktn/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktn/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktn/provider-aws/lib/route53-record';
import { Acm } from '../../modules/acm';
import { resource } from '../helpers';
import { moduleStack, production } from './module-stack';

const { text, json } = production();
const REQUESTED = '!(length(var.certificate_arn) >= 1)';
const MANUAL = '!(length(var.route53_zone_id) >= 1)';

describe('acm', () => {
  test('certificate for domain_name and subject_alternative_names, DNS-validated, created before the old one is destroyed', () => {
    expect(text).toHaveResourceWithProperties(AcmCertificate, {
      domain_name: '${var.domain_name}',
      subject_alternative_names: '${var.subject_alternative_names}',
      validation_method: 'DNS',
      tags: { Name: '${var.name_prefix}-${var.environment}' },
    });
    expect(resource(json, 'aws_acm_certificate', 'acm_main').lifecycle.create_before_destroy).toBe(true);
  });

  test('certificate and validation exist only when no certificate_arn is given', () => {
    expect(resource(json, 'aws_acm_certificate', 'acm_main').count).toBe(`\${${REQUESTED} ? 1 : 0}`);
    expect(resource(json, 'aws_acm_certificate_validation', 'acm_validation').count).toBe(`\${${REQUESTED} ? 1 : 0}`);
  });

  test('the validation waits for the certificate, and for the Route 53 records when there are any (none in the manual flow)', () => {
    expect(text).toHaveResourceWithProperties(AcmCertificateValidation, {
      certificate_arn: '${one(aws_acm_certificate.acm_main[*].arn)}',
      validation_record_fqdns: `\${${MANUAL} ? null : [ for key, val in aws_route53_record.acm_validation_record: val.fqdn]}`,
    });
  });

  test('validation records: one per validated name in the zone, keyed by domain name, taking over a record published by hand', () => {
    expect(text).toHaveResourceWithProperties(Route53Record, {
      for_each: '${local.acm_validation_options}',
      zone_id: '${var.route53_zone_id}',
      name: '${each.value.resource_record_name}',
      type: '${each.value.resource_record_type}',
      records: ['${each.value.resource_record_value}'],
      ttl: 300,
      allow_overwrite: true,
    });
  });

  test('without the optional props: one certificate and validation without count, no records, no moved blocks', () => {
    const { json: plain } = moduleStack((s) => new Acm(s, 'acm', { namePrefix: 'p', environment: 'e', domainName: 'a.example.com' }));
    expect(resource(plain, 'aws_acm_certificate', 'acm_main').count).toBeUndefined();
    expect(plain.resource.aws_route53_record).toBeUndefined();
    expect(plain.moved).toBeUndefined();
  });

  test('state from before the optional certificate moves to instance [0] (moved blocks)', () => {
    expect(json.moved).toEqual(
      expect.arrayContaining([
        { from: 'aws_acm_certificate.acm_main', to: 'aws_acm_certificate.acm_main[0]' },
        { from: 'aws_acm_certificate_validation.acm_validation', to: 'aws_acm_certificate_validation.acm_validation[0]' },
      ]),
    );
  });

  test('acm_validation_records output lists name/type/value records to paste into DNS, [] with a zone', () => {
    expect(json.output.acm_validation_records).toEqual({
      description: 'DNS records needed for ACM certificate validation',
      value:
        `\${${MANUAL} ? distinct([ for key, val in toset(${REQUESTED} ? one(aws_acm_certificate.acm_main[*].domain_validation_options) : []): ` +
        '{ name = val.resource_record_name, type = val.resource_record_type, value = val.resource_record_value }]) : []}',
    });
  });
});
