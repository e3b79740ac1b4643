import { RELEASE_LINES, ReleaseLine } from '../../application/lines';

// A throwaway third release line, added here without touching any other file: it gets
// its own containers, services and security-group flows from the code the two real lines use.
export const THIRD_LINE: ReleaseLine = {
  ...RELEASE_LINES['control-plane'],
  summary: 'a throwaway line of the tests, the control plane again',
  images: 'test images',
  // Its own commits: a tag is one line's, and the guard refuses another line's tag.
  commits: { tags: ['0a1b2c3'], window: 'a throwaway window' },
  // Like the Temporal line's worker, it reaches the database itself (a flow no other line has with this port).
  flows: [...RELEASE_LINES['control-plane'].flows, { from: 'worker', to: 'rds', port: 5432, what: 'PostgreSQL' }],
};
export const THREE_LINES = { ...RELEASE_LINES, canary: THIRD_LINE };
