import { isUnknown, UNKNOWN, Value } from './values';

/**
 * Computed attributes a real provider already knows at plan time, where
 * "unknown" would make the check fail on configurations that really plan
 * fine. Each entry mimics one documented provider behaviour; keep the list
 * short and say why.
 */
type Planned = Record<string, Value>;
const HOOKS: Record<string, (planned: Planned) => void> = {
  // hashicorp/aws computes domain_validation_options during plan (CustomizeDiff)
  // from domain_name and subject_alternative_names for DNS validation, with
  // the record name/value unknown. The documented Route 53 pattern relies on
  // it: `for_each = { for dvo in ....domain_validation_options : dvo.domain_name => ... }`.
  aws_acm_certificate(planned) {
    const domain = planned.domain_name;
    const sans = planned.subject_alternative_names;
    if (!isUnknown(planned.domain_validation_options) || planned.validation_method !== 'DNS') return;
    if (typeof domain !== 'string' || isUnknown(sans) || (sans !== null && !Array.isArray(sans))) return;
    const names = [domain, ...((sans as Value[] | null) ?? [])];
    if (!names.every((n) => typeof n === 'string')) return;
    planned.domain_validation_options = [...new Set(names as string[])].map((name) => ({
      domain_name: name,
      resource_record_name: UNKNOWN,
      resource_record_type: 'CNAME',
      resource_record_value: UNKNOWN,
    }));
  },
};

export function knownAtPlan(typeName: string, planned: Value): Value {
  const hook = HOOKS[typeName];
  if (hook && planned && typeof planned === 'object' && !Array.isArray(planned) && !isUnknown(planned)) hook(planned as Planned);
  return planned;
}
