/**
 * The task sizes Fargate accepts (AWS, "Task CPU and memory" in the ECS
 * developer guide): for each CPU value, the memory values in MiB. Any other
 * pair fails at `apply` with "No Fargate configuration exists for given values".
 */
function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

/** Throws, naming the valid choices, unless `cpu`/`memory` is a Fargate task size. */
export function validateFargateSize(what: string, cpu: number, memory: number): void {
  const memories = FARGATE_MEMORY_BY_CPU[cpu];
  if (memories === undefined) {
    throw new Error(
      `${what}: cpu ${cpu} is not a Fargate task size; use one of ${Object.keys(FARGATE_MEMORY_BY_CPU).join(', ')}.`,
    );
  }
  if (!memories.includes(memory)) {
    const choices = memories.length > 4 ? `${memories[0]} to ${memories[memories.length - 1]} in steps of ${memories[1] - memories[0]}` : memories.join(', ');
    throw new Error(`${what}: memory ${memory} MiB does not fit cpu ${cpu} on Fargate; with cpu ${cpu} use ${choices}.`);
  }
}

/** Fargate's task architectures (`runtime_platform.cpu_architecture`); X86_64 is the default. */
export const CPU_ARCHITECTURES = ['X86_64', 'ARM64'] as const;

/** Fargate's capacity providers, which a cluster registers and a service's strategy names. */
export const CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;

/** A service's `capacityProvider` for none: `launch_type` FARGATE. */
export const NO_CAPACITY_PROVIDER = 'none';
