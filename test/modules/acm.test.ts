import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { resource } from '../helpers';
import { production } from './module-stack';

const { text, json } = production();

describe('acm', () => {
  test('certificate for domain_name, DNS-validated, created before the old one is destroyed', () => {
    expect(text).toHaveResourceWithProperties(AcmCertificate, {
      domain_name: '${var.domain_name}',
      validation_method: 'DNS',
      lifecycle: { create_before_destroy: true },
      tags: { Name: '${var.name_prefix}-${var.environment}' },
    });
  });

  test('a validation resource waits for the certificate (records are published by hand, so none are listed)', () => {
    expect(text).toHaveResourceWithProperties(AcmCertificateValidation, { certificate_arn: '${aws_acm_certificate.acm_main.arn}' });
    expect(resource(json, 'aws_acm_certificate_validation', 'acm_validation').validation_record_fqdns).toBeUndefined();
  });

  test('acm_validation_records output lists name/type/value records to paste into DNS', () => {
    expect(json.output.acm_validation_records).toEqual({
      description: 'DNS records needed for ACM certificate validation',
      value:
        '${[ for key, val in toset(tolist(aws_acm_certificate.acm_main.domain_validation_options)): ' +
        '{ name = val.resource_record_name, type = val.resource_record_type, value = val.resource_record_value }]}',
    });
  });
});
