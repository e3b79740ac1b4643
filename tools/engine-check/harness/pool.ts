import { cpus } from 'os';

/** Run tasks with at most `limit` in flight; results keep input order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * tofu itself is mostly idle while it waits for the provider processes, so
 * one more job than cores keeps both busy. ENGINE_JOBS overrides.
 */
export function defaultJobs(): number {
  return Number(process.env.ENGINE_JOBS) || Math.max(2, cpus().length + 1);
}
