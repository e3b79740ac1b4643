import { Fn, Op, TerraformLocal, TerraformStack, TerraformVariable } from 'cdktn';
import { ReleaseLine, migrationsAt } from '../../application/lines';
import { shortTag } from './guards';

/**
 * The migrations this deployment's images have applied, as one
 * `terraform_data` instance per `{database}/{migration}`, with
 * `prevent_destroy`. An image_tag whose migrations are fewer than the deployed
 * one's would remove an instance, so `plan` stops with "Instance cannot be
 * destroyed" naming the migration: such an image never starts (its API task's
 * sqlx refuses "migration N was previously applied but is missing").
 *
 * Why instances and not a precondition on a stored count: a precondition only
 * sees planned values, and a record that a forward upgrade raises is unknown in
 * that plan (terraform_data's output is known after apply), so a rollback would
 * be checked against its own value and pass. Instances in state need no AWS call
 * and work on plain terraform and tofu; after restoring the database from before
 * a migration, `terraform state rm` of its instance is the way back (docs/runbooks.md).
 */
export const APPLIED_MIGRATIONS = 'applied_migrations';

export interface AppliedMigrationsInputs {
  readonly imageTag: TerraformVariable;
  readonly architecture: TerraformVariable;
  readonly lines: Readonly<Record<string, ReleaseLine>>;
}

/** `{database}/{migration}` of every migration each known tag of `line` applies, by tag. */
export function migrationKeysByTag(line: ReleaseLine): Record<string, string[]> {
  return Object.fromEntries(line.commits.tags.map((tag) => [tag, (migrationsAt(line, tag) ?? []).map((m) => `${line.migrations.database}/${m}`)]));
}

/**
 * Per line: the running line's known tag gives its migrations. A tag no line
 * knows, and every line that does not run, count as the line's newest known
 * commit: nothing tells what they applied, and a smaller set would remove
 * instances a switch of line (which leaves the other database as it is) must keep.
 */
export function appliedMigrations(stack: TerraformStack, inputs: AppliedMigrationsInputs): void {
  const short = shortTag(inputs.imageTag);
  const perLine = Object.entries(inputs.lines).map(([key, line]) => {
    const byTag = migrationKeysByTag(line);
    // Not a tag: a line that does not run looks up a key no map holds.
    const tag = Fn.conditional(Op.eq(inputs.architecture.stringValue, key), short, 'not-running');
    return Fn.lookup(byTag, tag, byTag[line.commits.tags[0]]);
  });
  const keys = new TerraformLocal(stack, APPLIED_MIGRATIONS, Fn.toset(Fn.flatten(perLine)));
  stack.addOverride(`resource.terraform_data.${APPLIED_MIGRATIONS}`, {
    for_each: keys.asString,
    lifecycle: { prevent_destroy: true },
  });
}
