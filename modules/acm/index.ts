import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { IResolvable, TerraformIterator } from 'cdktf';
import { Construct } from 'constructs';

export interface AcmProps {
  /** First part of the Name tag (`{namePrefix}-{environment}`). */
  readonly namePrefix: string;
  readonly environment: string;
  /** The certificate's domain, e.g. poc.everruns.com. */
  readonly domainName: string;
}

/**
 * Spec module 5: a DNS-validated certificate for the domain, and its
 * validation, which waits until ACM has issued it. Listeners take
 * `validation.certificateArn`, so they are only created with an issued
 * certificate; the DNS records are published by hand (README: first apply).
 */
export class Acm extends Construct {
  public readonly certificate: AcmCertificate;
  /** Use its `certificateArn`: it is known only once the certificate is issued. */
  public readonly validation: AcmCertificateValidation;
  /** `[{ name, type, value }]`: the records to publish in DNS, one per validated domain. */
  public readonly validationRecords: IResolvable;

  constructor(scope: Construct, id: string, props: AcmProps) {
    super(scope, id);

    this.certificate = new AcmCertificate(this, 'main', {
      domainName: props.domainName,
      validationMethod: 'DNS',
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: `${props.namePrefix}-${props.environment}` },
    });

    this.validation = new AcmCertificateValidation(this, 'validation', {
      certificateArn: this.certificate.arn,
    });

    this.validationRecords = TerraformIterator.fromList(this.certificate.domainValidationOptions).forExpressionForList(
      '{ name = val.resource_record_name, type = val.resource_record_type, value = val.resource_record_value }',
    );
  }
}
