import { PlanJson } from './deploy';
import { ResourceChange } from './report';

/**
 * Changes OpenTofu plans happily but AWS refuses while applying them. Two
 * rules, each from an AWS API error a real apply hits:
 *
 * 1. `in-use`: a resource is deleted (or replaced destroy-first, the default
 *    order) while another resource that keeps existing unchanged or updated
 *    in place still uses it. OpenTofu deletes the old object before it
 *    updates the user, so the delete runs while the object is in use.
 *    What counts as "in use" is listed in IN_USE, one entry per AWS refusal.
 * 2. `name-collision`: a resource is replaced create-before-destroy but keeps
 *    its fixed name in the same region: the new object is created while the
 *    old one still holds the name, and AWS names are unique.
 *    (Without create_before_destroy a fixed name is fine: destroy runs first.)
 */

interface InUse {
  type: string;
  /** The attribute of the used resource that its users hold. */
  key: string;
  /** Resource types that use it, optionally only through one attribute. */
  users: Array<{ type: string; attribute?: string }>;
  refusal: string;
}

export const IN_USE: InUse[] = [
  {
    type: 'aws_db_subnet_group',
    key: 'name',
    users: [{ type: 'aws_db_instance', attribute: 'db_subnet_group_name' }],
    refusal: 'RDS refuses to delete a DB subnet group a DB instance is in (InvalidDBSubnetGroupStateFault)',
  },
  {
    type: 'aws_lb_target_group',
    key: 'arn',
    users: [{ type: 'aws_lb_listener' }, { type: 'aws_lb_listener_rule' }],
    refusal: 'ELB refuses to delete a target group a listener or listener rule forwards to (ResourceInUse)',
  },
  {
    type: 'aws_acm_certificate',
    key: 'arn',
    users: [{ type: 'aws_lb_listener' }, { type: 'aws_lb_listener_certificate' }],
    refusal: 'ACM refuses to delete a certificate a load balancer listener uses (ResourceInUseException)',
  },
  {
    type: 'aws_security_group',
    key: 'id',
    users: [
      { type: 'aws_db_instance', attribute: 'vpc_security_group_ids' },
      { type: 'aws_lb', attribute: 'security_groups' },
      { type: 'aws_ecs_service', attribute: 'network_configuration' },
      { type: 'aws_vpc_security_group_ingress_rule', attribute: 'referenced_security_group_id' },
      { type: 'aws_vpc_security_group_egress_rule', attribute: 'referenced_security_group_id' },
    ],
    refusal:
      'EC2 refuses to delete a security group that network interfaces or other groups\' rules still use (DependencyViolation; the provider retries until its delete timeout)',
  },
];

/** The attribute holding a type's unique name, where it is not `name`. */
const NAME_ATTRIBUTE: Record<string, string> = {
  aws_db_instance: 'identifier',
  aws_s3_bucket: 'bucket',
  aws_cloudwatch_metric_alarm: 'alarm_name',
  aws_ecs_task_definition: 'family', // revisions: a new one is fine, no collision
};
/** Types whose "name" is not unique in an account: creating a second one with the same name works. */
const NAME_NOT_UNIQUE = new Set(['aws_ecs_task_definition', 'aws_acm_certificate']);

function contains(v: unknown, needle: string): boolean {
  if (v === needle) return true;
  if (Array.isArray(v)) return v.some((x) => contains(x, needle));
  if (v && typeof v === 'object') return Object.values(v).some((x) => contains(x, needle));
  return false;
}

/** Warnings per resource address. */
export function warningsFor(plan: PlanJson, changes: ResourceChange[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (address: string, text: string) => out.set(address, [...(out.get(address) ?? []), text]);
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const prior = plan.prior_state?.values?.root_module?.resources ?? [];
  const priorOf = new Map(prior.map((r) => [r.address, r]));

  for (const c of changes) {
    // A delete runs before the updates of the resources that used the object, unless the object's state
    // records create_before_destroy (createBeforeDestroy on a delete), which reverses the order.
    const deletedFirst = (c.action === 'delete' || c.action === 'replace') && !c.createBeforeDestroy;
    const rule = IN_USE.find((r) => r.type === c.type);
    const key = priorOf.get(c.address)?.values[rule?.key ?? ''];
    if (deletedFirst && rule && typeof key === 'string') {
      const users = prior.filter((user) => {
        const how = rule.users.find((u) => u.type === user.type);
        if (!how || user.mode !== 'managed') return false;
        const userAction = byAddress.get(user.address)?.action;
        if (userAction === 'delete' || userAction === 'replace') return false; // deleted before c: fine
        return contains(how.attribute ? user.values[how.attribute] : user.values, key);
      });
      if (users.length) {
        const list = users.map((u) => `${u.address} (${byAddress.get(u.address)?.action ?? 'unchanged'})`).join(', ');
        add(
          c.address,
          `in-use: deleted before its replacement exists while ${list} still ${users.length > 1 ? 'use' : 'uses'} it; ${rule.refusal}. ` +
            'Fix: create_before_destroy with a name that can change (name_prefix), or a two-step change.',
        );
      }
    }

    if (c.action === 'replace' && c.createBeforeDestroy && !NAME_NOT_UNIQUE.has(c.type)) {
      const rc = plan.resource_changes?.find((r) => r.address === c.address);
      const attr = NAME_ATTRIBUTE[c.type] ?? 'name';
      const before = rc?.change.before?.[attr];
      const after = rc?.change.after?.[attr];
      const sameRegion = rc?.change.before?.region === rc?.change.after?.region;
      if (typeof before === 'string' && before === after && sameRegion) {
        add(c.address, `name-collision: replaced create-before-destroy but keeps ${attr} "${before}"; AWS refuses to create a second object with that name while the old one exists.`);
      }
    }
  }
  return out;
}
