import { Fn, IResolvable, Op, Precondition, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { matches } from '../lib/variables';

/**
 * The certificate and DNS inputs: a Route 53 zone that turns the
 * two-phase first apply into one, an existing certificate instead of a
 * requested one, and further names on a requested certificate. Every one is
 * optional, and without them the stack does what the README's manual flow says.
 */

/** A lowercase fully qualified domain name (`domain_name`'s rule). */
export const DOMAIN_PATTERN = '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$';
/** The same, optionally a wildcard (`*.example.com`), which ACM accepts as a name on a certificate. */
const CERTIFICATE_NAME_PATTERN = `^([*][.])?${DOMAIN_PATTERN.slice(1)}`;

/** A condition that a string variable is set (`length >= 1`: cdktf renders a literal "" operand of Op as `undefined`). */
export function isSet(variable: TerraformVariable): IResolvable {
  return Op.gte(Fn.lengthOf(variable.stringValue), 1);
}

export function route53ZoneIdVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'route53_zone_id', {
    type: 'string',
    description:
      'Route 53 public hosted zone serving domain_name: the stack then creates the certificate validation records and an A alias to the ALB ("" = publish them yourself)',
    default: '',
  });
  variable.addValidation({
    condition: matches('^([A-Z0-9]{1,32})?$', variable.stringValue),
    errorMessage:
      `The route53_zone_id "${variable.stringValue}" is not a hosted zone id: give the id alone, such as Z0123456789ABCDEFGHIJ ` +
      '(aws route53 list-hosted-zones-by-name --dns-name <zone>; without the /hostedzone/ prefix), or "" to publish the records yourself.',
  });
  return variable;
}

export function certificateArnVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'certificate_arn', {
    type: 'string',
    description: 'An issued ACM certificate (e.g. a wildcard) for the HTTPS listener instead of requesting one ("" = request a certificate for domain_name)',
    default: '',
  });
  variable.addValidation({
    condition: matches('^(arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+)?$', variable.stringValue),
    errorMessage:
      `The certificate_arn "${variable.stringValue}" is not an ACM certificate ARN: use the ARN ACM shows, such as ` +
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-..., or "" to request a certificate.',
  });
  return variable;
}

export function subjectAlternativeNamesVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'subject_alternative_names', {
    type: 'list(string)',
    description: 'Further names on the requested certificate (e.g. www.example.com or *.example.com); ignored with certificate_arn',
    default: [],
  });
  const everyNameValid = Fn.alltrue(
    Token.asList(TerraformIterator.fromList(variable.listValue).forExpressionForList(matches(CERTIFICATE_NAME_PATTERN, Token.asString(ref('val'))))),
  );
  variable.addValidation({
    condition: Op.and(everyNameValid, Op.eq(Fn.lengthOf(Fn.distinct(variable.listValue)), Fn.lengthOf(variable.listValue))),
    errorMessage:
      `The subject_alternative_names ${Fn.jsonencode(variable.listValue)} is not valid: give distinct lowercase fully ` +
      'qualified domain names, each optionally starting with "*.", such as ["www.example.com", "*.example.com"].',
  });
  return variable;
}

/**
 * On the HTTPS listener (a variable rule cannot see another variable before
 * Terraform 1.9): a given certificate must be in the stack's region, because
 * an ALB cannot use another region's.
 */
export function certificateRegionPrecondition(certificateArn: TerraformVariable, region: TerraformVariable): Precondition {
  return {
    condition: Op.or(
      Op.not(isSet(certificateArn)),
      // format(), not a template: cdktf cannot nest a template inside a function call.
      matches(Fn.format('^arn:aws[a-z-]*:acm:%s:[0-9]{12}:certificate/[A-Za-z0-9-]+$', [region.stringValue]), certificateArn.stringValue),
    ),
    errorMessage:
      `The certificate_arn "${certificateArn.stringValue}" is not an ACM certificate in the stack's region ${region.stringValue} ` +
      `(arn:aws:acm:${region.stringValue}:<account>:certificate/<id>): an ALB can only use a certificate of its own region. ` +
      `Request or import the certificate in ${region.stringValue}, or set certificate_arn = "" to request one.`,
  };
}

/** On the requested certificate: ACM puts domain_name on it already, and the provider reads the alternative names back without it. */
export function alternativeNamesPrecondition(domainName: TerraformVariable, subjectAlternativeNames: TerraformVariable): Precondition {
  return {
    condition: Op.not(Fn.contains(subjectAlternativeNames.listValue, domainName.stringValue)),
    errorMessage:
      `The subject_alternative_names ${Fn.jsonencode(subjectAlternativeNames.listValue)} repeat the domain_name ` +
      `"${domainName.stringValue}", which is on the certificate already: remove it from subject_alternative_names.`,
  };
}
