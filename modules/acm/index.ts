import { AcmCertificate } from '@cdktn/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktn/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktn/provider-aws/lib/route53-record';
import { Fn, IResolvable, Op, Precondition, propertyAccess, TerraformCount, TerraformIterator, TerraformLocal, Token } from 'cdktn';
import { Construct } from 'constructs';
import { moveToInstance } from '../../lib/addresses';

export interface AcmProps {
  /** First part of the Name tag (`{namePrefix}-{environment}`). */
  readonly namePrefix: string;
  readonly environment: string;
  /** The certificate's domain, e.g. poc.everruns.com. */
  readonly domainName: string;
  /** Further names on the requested certificate (`*.example.com` allowed). @default - none */
  readonly subjectAlternativeNames?: string[];
  /**
   * An issued ACM certificate to use instead of requesting one; `""` (a
   * variable's default) requests one. When set, no certificate or validation
   * resource exists (count 0). @default - request a certificate
   */
  readonly existingCertificateArn?: string;
  /**
   * A Route 53 zone id for the validation records; `""` leaves them to the
   * user (the `validationRecords` to publish). @default - no record resource
   */
  readonly validationZoneId?: string;
  /** Lifecycle preconditions of the requested certificate. @default - none */
  readonly certificatePreconditions?: Precondition[];
}

/**
 * Spec module 5: a DNS-validated certificate for the domain, and its
 * validation, which waits until ACM has issued it. Listeners take
 * `certificateArn`, known only once the certificate is issued (or the given
 * one). With a zone the validation records are created here and the
 * validation waits on them, so one apply ends with an issued certificate;
 * without one they are published by hand (README: first apply).
 */
export class Acm extends Construct {
  /** `count` 1, or 0 with `existingCertificateArn`: refer to it as `certificate[0]`, or through `certificateArn`. */
  public readonly certificate: AcmCertificate;
  /** `count` 1, or 0 with `existingCertificateArn`. */
  public readonly validation: AcmCertificateValidation;
  /** For the HTTPS listener: the given certificate, or the requested one once it is issued. */
  public readonly certificateArn: string;
  /** `[{ name, type, value }]`: the records to publish by hand; `[]` when a zone or a given certificate makes them unnecessary. */
  public readonly validationRecords: IResolvable;
  /** The validation records in the zone, keyed by the domain they validate (none without `validationZoneId`). */
  public readonly zoneRecords?: Route53Record;

  constructor(scope: Construct, id: string, props: AcmProps) {
    super(scope, id);
    const given = props.existingCertificateArn;
    // `length(x) >= 1`, not `x != ""`: cdktf renders a literal "" operand of Op as `undefined`.
    const requested = given === undefined ? true : Op.not(Op.gte(Fn.lengthOf(given), 1));
    const count = given === undefined ? undefined : TerraformCount.of(Token.asNumber(Fn.conditional(requested, 1, 0)));
    const names = props.subjectAlternativeNames;

    this.certificate = new AcmCertificate(this, 'main', {
      count,
      domainName: props.domainName,
      // [] when there are none: the provider reads an existing certificate's names back as [] too (no change), and
      // knows the validation options at plan time only when the names are known.
      subjectAlternativeNames: names,
      validationMethod: 'DNS',
      lifecycle: { createBeforeDestroy: true, precondition: props.certificatePreconditions },
      tags: { Name: `${props.namePrefix}-${props.environment}` },
    });
    // Every domain_validation_options entry of the certificate, if requested. Not flatten(): it turns the set,
    // whose record names are unknown until the certificate exists, wholly unknown, and for_each needs its keys.
    const options =
      requested === true
        ? this.certificate.domainValidationOptions
        : Fn.conditional(requested, Fn.one(propertyAccess(this.certificate.fqn, ['*', 'domain_validation_options'])), []);

    let fqdns: string[] | undefined;
    let manual: IResolvable | boolean = true;
    if (props.validationZoneId !== undefined) {
      const zoneId = props.validationZoneId;
      manual = Op.not(Op.gte(Fn.lengthOf(zoneId), 1));
      const allNames = Fn.concat([[props.domainName], names ?? []]);
      // One record per distinct record: `*.x` has the same record as `x`, so it gets none of its own when `x` is there.
      const sharedRecords = Fn.formatlist('*.%s', [allNames]);
      // Keyed by domain name, which the provider knows at plan time, so the plan is stable.
      const recordOptions = new TerraformLocal(
        this,
        'validation-options',
        TerraformIterator.fromList(Fn.conditional(manual, [], options)).forExpressionForMap(
          'val.domain_name',
          `val if !contains(${Token.asString(sharedRecords)}, val.domain_name)`,
        ),
      );
      const record = TerraformIterator.fromMap(recordOptions.asAnyMap);
      this.zoneRecords = new Route53Record(this, 'validation-record', {
        forEach: record,
        zoneId,
        name: record.getString('resource_record_name'),
        type: record.getString('resource_record_type'),
        records: [record.getString('resource_record_value')],
        ttl: 300,
        // The manual flow may have published the same record in this zone already; take it over instead of failing.
        allowOverwrite: true,
      });
      fqdns = Token.asList(
        Fn.conditional(manual, Token.nullValue(), TerraformIterator.fromResources(this.zoneRecords).forExpressionForList('val.fqdn')),
      );
    }

    this.validation = new AcmCertificateValidation(this, 'validation', {
      count,
      certificateArn: given === undefined ? this.certificate.arn : Token.asString(Fn.one(propertyAccess(this.certificate.fqn, ['*', 'arn']))),
      // null in the manual flow: no records to wait on, and the configuration that deployments from before the optional certificate were planned with.
      validationRecordFqdns: fqdns,
    });

    const validatedArn = Token.asString(Fn.one(propertyAccess(this.validation.fqn, ['*', 'certificate_arn'])));
    this.certificateArn = given === undefined ? this.validation.certificateArn : Token.asString(Fn.conditional(requested, validatedArn, given));

    // distinct: `*.x` and `x` share one record.
    const toPublish = Fn.distinct(
      Token.asList(
        TerraformIterator.fromList(options).forExpressionForList(
          '{ name = val.resource_record_name, type = val.resource_record_type, value = val.resource_record_value }',
        ),
      ),
    );
    this.validationRecords = Token.asAny(manual === true ? toPublish : Fn.conditional(manual, toPublish, []));

    // Before the certificate became optional, it and its validation had no count: their state becomes instance [0].
    // Terraform and OpenTofu move a no-key instance to [0] themselves; the blocks say so in the configuration.
    if (count !== undefined) for (const resource of [this.certificate, this.validation]) moveToInstance(resource, '[0]');
  }
}
