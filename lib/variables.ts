import { Fn, IResolvable, Op, TerraformStack, TerraformVariable } from 'cdktn';
import { MAX_ENVIRONMENT_LENGTH, MAX_NAME_PREFIX_LENGTH, NAME_PATTERN } from './limits';
import { PROJECT } from './tags';

/**
 * The inputs both stacks share. They are declared at stack level so their
 * names match `terraform.tfvars` exactly (a variable declared inside a nested
 * construct would get a path-derived name). Each carries a `validation` rule
 * so a wrong value fails `terraform plan` with a message instead of failing
 * at AWS halfway through `apply`.
 */

/**
 * A condition that `value` matches the RE2 `pattern`. cdktf writes the
 * pattern into an HCL string without escaping backslashes, so `\\.` would reach
 * Terraform as the invalid escape `\.`; write `[.]` and the like instead.
 */
export function matches(pattern: string, value: string): IResolvable {
  if (pattern.includes('\\')) {
    throw new Error(`The pattern ${pattern} contains a backslash, which cdktf does not escape for HCL; use a character class such as [.] instead.`);
  }
  return Fn.can(Fn.regex(pattern, value));
}

/** A lowercase name that every AWS resource name is derived from. */
function nameVariable(stack: TerraformStack, name: string, description: string, defaultValue: string, maxLength: number) {
  const variable = new TerraformVariable(stack, name, { type: 'string', description, default: defaultValue });
  variable.addValidation({
    condition: Op.and(
      matches(NAME_PATTERN, variable.stringValue),
      Op.lte(Fn.lengthOf(variable.stringValue), maxLength),
    ),
    errorMessage:
      `The ${name} "${variable.stringValue}" is not valid: use 1-${maxLength} lowercase letters, digits and single ` +
      `hyphens, starting with a letter (it is part of S3, RDS, ALB and IAM names).`,
  });
  return variable;
}

export function environmentVariable(stack: TerraformStack): TerraformVariable {
  return nameVariable(stack, 'environment', 'Environment name', 'production', MAX_ENVIRONMENT_LENGTH);
}

export function namePrefixVariable(stack: TerraformStack): TerraformVariable {
  return nameVariable(
    stack,
    'name_prefix',
    'Prefix of every resource name; S3 bucket names are global, so change it if everruns-terraform-state-{environment} is taken',
    PROJECT,
    MAX_NAME_PREFIX_LENGTH,
  );
}

export const REGION_PATTERN = '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$';

export function regionVariable(stack: TerraformStack): TerraformVariable {
  const variable = new TerraformVariable(stack, 'region', {
    type: 'string',
    description: 'AWS region',
    default: 'us-east-1',
  });
  variable.addValidation({
    condition: matches(REGION_PATTERN, variable.stringValue),
    errorMessage: `The region "${variable.stringValue}" is not an AWS region name such as us-east-1 or eu-west-2.`,
  });
  return variable;
}

/** A whole number of days within [min, max], e.g. a retention period. */
export function daysVariable(
  stack: TerraformStack,
  name: string,
  description: string,
  defaultValue: number,
  min: number,
  max: number,
): TerraformVariable {
  const variable = new TerraformVariable(stack, name, { type: 'number', description, default: defaultValue });
  variable.addValidation({
    condition: Op.and(
      Op.eq(Fn.floor(variable.numberValue), variable.numberValue),
      Op.and(Op.gte(variable.numberValue, min), Op.lte(variable.numberValue, max)),
    ),
    errorMessage: `The ${name} ${variable.stringValue} is not valid: use a whole number of days from ${min} to ${max}.`,
  });
  return variable;
}

/**
 * A required secret input (spec: sensitive, no default). Its rule refuses an
 * empty value and exactly the placeholder of terraform.tfvars.example, which
 * would otherwise only fail when a task first starts. Exact comparison, not a
 * pattern: a real key is never refused for containing the placeholder. The
 * message cannot show the value: Terraform refuses to print a sensitive one.
 */
export function secretVariable(stack: TerraformStack, name: string, description: string, placeholder: string): TerraformVariable {
  const variable = new TerraformVariable(stack, name, { type: 'string', description, sensitive: true });
  variable.addValidation({
    condition: Op.and(
      // `>= 1`, not `> 0`: cdktf renders a literal 0 operand of Op as `undefined`.
      Op.gte(Fn.lengthOf(Fn.trimspace(variable.stringValue)), 1),
      Op.neq(variable.stringValue, placeholder),
    ),
    errorMessage: `The ${name} is empty or still the placeholder from terraform.tfvars.example; set the real value in terraform.tfvars or TF_VAR_${name}.`,
  });
  refuseSurroundingWhitespace(variable, name);
  return variable;
}

/**
 * An optional secret input: empty by default, and refused only when it is
 * exactly the placeholder of terraform.tfvars.example.
 */
export function optionalSecretVariable(stack: TerraformStack, name: string, description: string, placeholder: string): TerraformVariable {
  const variable = new TerraformVariable(stack, name, { type: 'string', description, sensitive: true, default: '' });
  variable.addValidation({
    condition: Op.neq(variable.stringValue, placeholder),
    errorMessage: `The ${name} is still the placeholder from terraform.tfvars.example; set the real value or remove the line.`,
  });
  refuseSurroundingWhitespace(variable, name);
  return variable;
}

/**
 * A secret pasted with a trailing newline or space (`echo` into a file, a copied line) reaches
 * the registry or the API as part of the password and fails only when a task starts. The
 * message says which variable and never shows the value.
 */
function refuseSurroundingWhitespace(variable: TerraformVariable, name: string): void {
  variable.addValidation({
    condition: Op.eq(Fn.trimspace(variable.stringValue), variable.stringValue),
    errorMessage:
      `The ${name} starts or ends with a space, tab or line break (value not shown: sensitive); remove it ` +
      `(a value read from a file with $(cat ...) or pasted from a terminal often ends with a newline).`,
  });
}

/** What terraform.tfvars.example puts where a secret goes (and, for the OpenAI key, used to). */
export const SECRET_PLACEHOLDERS = { openai_api_key: 'sk-REPLACE-ME', github_token: 'ghp_REPLACE-ME' } as const;
