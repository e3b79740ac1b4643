import { defaultStacks } from '../default-stacks';

// The records of the applied migrations (stacks/production/migrations.ts); the engine test plans them.
const { json } = defaultStacks().production;
const records = json.resource.terraform_data.applied_migrations;
const keys: string = json.locals.applied_migrations;

test('one record per applied migration, which no plan may destroy', () => {
  expect(records.lifecycle).toEqual({ prevent_destroy: true });
  expect(records.for_each).toBe('${local.applied_migrations}');
  expect(keys).toMatch(/^\$\{toset\(flatten\(\[lookup\(/);
});

test('each line looks up its own tag only while it runs, and falls back to its newest known commit', () => {
  expect(keys).toContain('(var.everruns_architecture == "temporal") ? lower(try(regex(');
  expect(keys).toContain('"not-running", ["everruns/001_initial_schema", "everruns/002_remove_tool_call_from_index", "everruns/003_update_event_indexes", "everruns/004_add_event_metadata_tags"])');
  expect(keys).toContain('"7884c9f" = ["everruns/001_initial_schema", "everruns/002_remove_tool_call_from_index"]');
});
