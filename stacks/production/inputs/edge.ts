import { Fn, IResolvable, Op, Precondition, ref, TerraformIterator, TerraformStack, TerraformVariable, Token } from 'cdktn';
import { ANYWHERE } from '../../../application/security-groups';
import { isIpv4Network } from '../../../lib/cidr';
import { matches } from '../../../lib/variables';

/**
 * Who reaches the application, and under which name: the domain, the
 * certificate and Route 53 (a zone turns the two-phase first apply into one,
 * a given certificate replaces a requested one), the load balancer's
 * allowlist and its deletion protection, and the checks across them and the
 * application's sign-in.
 */

/** A lowercase fully qualified domain name (`domain_name`'s rule). */
export const DOMAIN_PATTERN = '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$';

/** The same, optionally a wildcard (`*.example.com`), which ACM accepts as a name on a certificate. */
const CERTIFICATE_NAME_PATTERN = `^([*][.])?${DOMAIN_PATTERN.slice(1)}`;

/** `domain_name`: the name users reach the application at; the certificate is issued for it. */
export function domainNameVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'domain_name', {
    type: 'string',
    description: 'Domain name for the application; the certificate is issued for it',
  });
  variable.addValidation({
    condition: matches(DOMAIN_PATTERN, variable.stringValue),
    errorMessage: `The domain_name "${variable.stringValue}" is not a lowercase fully qualified domain name such as poc.example.com.`,
  });
  return variable;
}

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

/**
 * The production inputs of the ECS part (spec modules 6-9) that the spec
 * hard-codes but a real user needs to change: ALB deletion protection (on,
 * as in the spec, but `destroy` needs it off), log retention, the Temporal
 * release, the UI health check codes and the services' task counts.
 */

export function albDeletionProtectionVariable(stack: TerraformStack): TerraformVariable {
  return new TerraformVariable(stack, 'alb_deletion_protection', {
    type: 'bool',
    description: 'Refuse to delete the ALB; set false and apply before terraform destroy',
    default: true,
  });
}

export function uiHealthCheckSuccessCodesVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'ui_health_check_success_codes', {
    type: 'string',
    description: 'HTTP codes of GET / that mark a UI task healthy, e.g. 200 or 200-399 (a Next.js root that redirects answers 307)',
    default: '200-399',
  });
  variable.addValidation({
    condition: matches('^[1-5][0-9][0-9](-[1-5][0-9][0-9])?(,[1-5][0-9][0-9](-[1-5][0-9][0-9])?)*$', variable.stringValue),
    errorMessage: `The ui_health_check_success_codes "${variable.stringValue}" is not valid: use HTTP codes and ranges such as 200, 200,307 or 200-399.`,
  });
  return variable;
}

/** The ALB is IPv4-only (`ip_address_type = ipv4`), so the allowlist is too. */
export function albIngressCidrsVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'alb_ingress_cidrs', {
    type: 'list(string)',
    description: 'IPv4 ranges allowed to reach the ALB on ports 80 and 443 (the ALB has no IPv6 address)',
    default: [ANYWHERE],
  });
  variable.addValidation({
    condition: Op.and(
      Op.gte(Fn.lengthOf(variable.listValue), 1),
      Fn.alltrue(
        Token.asList(
          TerraformIterator.fromList(variable.listValue).forExpressionForList(
            // 0.0.0.0/0 apart: cdktf renders a literal 0 operand of Op (a minimum prefix of 0) as `undefined`.
            Op.or(Op.eq(ref('val'), ANYWHERE), isIpv4Network(Token.asString(ref('val')), 1, 32)),
          ),
        ),
      ),
    ),
    errorMessage:
      `The alb_ingress_cidrs ${Fn.jsonencode(variable.listValue)} is not valid: give at least one IPv4 network address ` +
      'without host bits, such as ["203.0.113.0/24"] (the ALB is IPv4-only, so IPv6 ranges cannot apply).',
  });
  return variable;
}

/**
 * Plan-time checks across the auth inputs (a variable rule can only see its
 * own variable): admin mode needs the admin's e-mail. Whether the internet
 * may reach the application is the sign-in's decision, whatever AUTH_MODE
 * says (inputs/sign-in.ts): at the supported commits the application checks
 * a login only on its user and API-key endpoints.
 */
export function authPreconditions(authMode: TerraformVariable, adminEmail: TerraformVariable): Precondition[] {
  return [
    {
      condition: Op.or(Op.neq(authMode.stringValue, 'admin'), Op.gte(Fn.lengthOf(adminEmail.stringValue), 1)),
      errorMessage: 'auth_mode is "admin" but auth_admin_email is empty: set auth_admin_email to the e-mail the admin signs in with.',
    },
  ];
}
