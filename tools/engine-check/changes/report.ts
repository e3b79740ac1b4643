import { PlanJson } from './deploy';
import { warningsFor } from './rules';

/**
 * The change report: what a plan does to each managed resource, read from
 * `tofu show -json` (`resource_changes[].change.actions` and `replace_paths`),
 * plus the warnings of the rule list (rules.ts) for changes AWS would refuse.
 */

export type Action = 'create' | 'update' | 'replace' | 'delete';

export interface ResourceChange {
  address: string;
  type: string;
  action: Action;
  /** For a replacement: whether the new object is created before the old one is deleted. */
  createBeforeDestroy: boolean;
  /** Attribute paths that force the replacement, e.g. `name`, `volume[0].name`. */
  replacePaths: string[];
  warnings: string[];
}

/** The action of an OpenTofu `actions` list, or undefined for no-op and data reads. */
export function actionOf(actions: string[]): Action | undefined {
  const key = actions.join(',');
  if (key === 'create') return 'create';
  if (key === 'update') return 'update';
  if (key === 'delete') return 'delete';
  if (key === 'delete,create' || key === 'create,delete') return 'replace';
  return undefined;
}

export function pathText(steps: Array<string | number>): string {
  return steps.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Managed resources with an action, in address order; the engine's own resources are left out. */
/**
 * @param deletedLast addresses whose state records create_before_destroy: OpenTofu deletes such an
 * object only after updating the resources that use it (checked with OpenTofu 1.6.2 on terraform_data).
 */
export function changesOf(plan: PlanJson, deletedLast: ReadonlySet<string> = new Set()): ResourceChange[] {
  const changes = (plan.resource_changes ?? [])
    .filter((rc) => rc.mode === 'managed' && !rc.address.startsWith('terraform_data.engine_'))
    .flatMap((rc): ResourceChange[] => {
      const action = actionOf(rc.change.actions);
      if (!action) return [];
      return [
        {
          address: rc.address,
          type: rc.type,
          action,
          createBeforeDestroy: rc.change.actions[0] === 'create' || (action === 'delete' && deletedLast.has(rc.address)),
          replacePaths: (rc.change.replace_paths ?? []).map(pathText),
          warnings: [],
        },
      ];
    })
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const warnings = warningsFor(plan, changes);
  for (const c of changes) c.warnings = warnings.get(c.address) ?? [];
  return changes;
}

const SYMBOL: Record<Action, string> = { create: '+', update: '~', replace: '-/+', delete: '-' };

/** One line per resource (`-/+ aws_x.y  replace (name)`), warnings indented below. */
export function formatChanges(changes: ResourceChange[]): string[] {
  if (!changes.length) return ['no changes'];
  const width = Math.max(...changes.map((c) => c.address.length));
  return changes.flatMap((c) => {
    const order = c.action === 'replace' ? (c.createBeforeDestroy ? ' create-before-destroy' : '') : '';
    const forced = c.replacePaths.length ? ` forced by ${c.replacePaths.join(', ')}` : '';
    return [`${SYMBOL[c.action].padStart(3)} ${c.address.padEnd(width)}  ${c.action}${order}${forced}`, ...c.warnings.map((w) => `      ! ${w}`)];
  });
}

export function summary(changes: ResourceChange[]): string {
  const counts = (['create', 'update', 'replace', 'delete'] as Action[]).map((a) => `${changes.filter((c) => c.action === a).length} ${a}`);
  return counts.join(', ');
}
