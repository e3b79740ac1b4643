/**
 * Every commit of each release line's known window, as the 7-character tags
 * CI publishes: `git log --format='%h %ad' --date=short 6e6e523^..c42b199`
 * (the Temporal line, SUPPORTED_COMMITS) and `ef03029^..aca8d31` (the
 * control-plane line, CONTROL_PLANE_COMMITS) in github.com/everruns/everruns,
 * newest first. The production stack refuses an image_tag of one line with
 * everruns_architecture set to the other; a tag in neither list is allowed
 * (`npm run check` notes it), because newer commits exist. Each line of
 * application/lines.ts names its list; test/application/release-commits.test.ts
 * ties both ends to contract.ts.
 */
export const RELEASE_LINE_COMMITS = {
  temporal: [
    'c42b199', // 2026-01-02, SUPPORTED_COMMITS.last
    '81c8d5b', // 2026-01-01
    'c6d47c4', // 2026-01-01
    '3ab88f6', // 2026-01-01
    '6505b94', // 2025-12-31
    '19c2ec2', // 2025-12-31
    'ad99015', // 2025-12-31
    'da45a24', // 2025-12-31
    'f20d632', // 2025-12-31
    '7b32823', // 2025-12-31
    'f54d6ea', // 2025-12-31
    'ad83d6e', // 2025-12-31
    '368a9a9', // 2025-12-31
    '9e03eec', // 2025-12-30
    '744ac9e', // 2025-12-30
    'dafe4b4', // 2025-12-30
    '01a53fc', // 2025-12-30
    '9801149', // 2025-12-29
    '3b90dcb', // 2025-12-29
    '236d219', // 2025-12-29
    'fd362df', // 2025-12-29
    '7884c9f', // 2025-12-29
    '44e990e', // 2025-12-28
    '6e6e523', // 2025-12-28, SUPPORTED_COMMITS.first
  ],
  'control-plane': [
    'aca8d31', // 2026-01-11, CONTROL_PLANE_COMMITS.last
    'b56034e', // 2026-01-11
    'eebbf31', // 2026-01-11
    '861fdbe', // 2026-01-11
    '487cdf3', // 2026-01-11
    'aa3a50d', // 2026-01-11
    'b83317b', // 2026-01-10
    'ef03029', // 2026-01-10, CONTROL_PLANE_COMMITS.first
  ],
} as const;

/** A commit that added or changed a line's migrations, and every migration its images apply from then on. */
export interface MigrationChange {
  /** The 7-character tag, one of the line's known commits. */
  readonly commit: string;
  /** sqlx migration files (without `.sql`), in version order: the whole set at this commit. */
  readonly migrations: readonly string[];
  /** Where the set was read, `commit:path` in github.com/everruns/everruns. */
  readonly readAt: string;
}

/**
 * Each line's database and the commits of its window where its migrations
 * changed, newest first: `git log --format='%h %ad' --date=short --
 * crates/everruns-storage/migrations crates/control-plane/migrations` and
 * `git ls-tree <commit>` on those directories. The API task migrates before it
 * serves, and `sqlx migrate run` refuses a database with a version the image
 * does not know ("migration 4 was previously applied but is missing"), so an
 * image_tag with fewer migrations than the deployed one never starts; the
 * production stack records what was deployed (stacks/production/migrations.ts).
 */
export const RELEASE_LINE_MIGRATIONS = {
  temporal: {
    database: 'everruns',
    changes: [
      {
        commit: 'c42b199',
        migrations: ['001_initial_schema', '002_remove_tool_call_from_index', '003_update_event_indexes', '004_add_event_metadata_tags'],
        readAt: 'c42b199:crates/everruns-storage/migrations/004_add_event_metadata_tags.sql (003 added in the same commit)',
      },
      {
        commit: '7884c9f',
        migrations: ['001_initial_schema', '002_remove_tool_call_from_index'],
        readAt: '7884c9f:crates/everruns-storage/migrations/002_remove_tool_call_from_index.sql',
      },
      // The squash: one migration instead of 001-014, so a database migrated before it fits no image of the line.
      { commit: '6e6e523', migrations: ['001_initial_schema'], readAt: '6e6e523:crates/everruns-storage/migrations/001_initial_schema.sql' },
    ],
  },
  'control-plane': {
    database: 'everruns_control_plane',
    changes: [
      // Unchanged through the window: squashed at 5b1404d and 003 added at 1f0bb72, both before ef03029.
      {
        commit: 'ef03029',
        migrations: ['001_base_schema', '002_durable_execution', '003_default_providers'],
        readAt: 'ef03029:crates/control-plane/migrations/003_default_providers.sql (the same three blobs at aca8d31)',
      },
    ],
  },
} as const satisfies Record<keyof typeof RELEASE_LINE_COMMITS, { database: string; changes: readonly MigrationChange[] }>;
