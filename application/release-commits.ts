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
