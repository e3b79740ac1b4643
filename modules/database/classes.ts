/**
 * RDS PostgreSQL's default max_connections is LEAST({DBInstanceClassMemory/9531392}, 5000)
 * (RDS User Guide, "Maximum number of database connections"). Computed here from each class's
 * nominal memory; DBInstanceClassMemory is somewhat less (RDS keeps memory for the OS and its
 * agents), so the real value is a little lower: check `SHOW max_connections;`.
 */
export const DB_CLASS_MEMORY_GIB: Readonly<Record<string, number>> = {
  'db.t4g.micro': 1,
  'db.t4g.small': 2,
  'db.t4g.medium': 4,
  'db.t4g.large': 8,
  'db.t4g.xlarge': 16,
  'db.t4g.2xlarge': 32,
  'db.t3.micro': 1,
  'db.t3.small': 2,
  'db.t3.medium': 4,
  'db.t3.large': 8,
  'db.m7g.large': 8,
  'db.m7g.xlarge': 16,
  'db.m7g.2xlarge': 32,
  'db.r7g.large': 16,
  'db.r7g.xlarge': 32,
};
export function defaultMaxConnections(memoryGib: number): number {
  return Math.min(Math.floor((memoryGib * 1024 ** 3) / 9531392), 5000);
}
export const DB_MAX_CONNECTIONS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(DB_CLASS_MEMORY_GIB).map(([cls, gib]) => [cls, defaultMaxConnections(gib)]),
);
