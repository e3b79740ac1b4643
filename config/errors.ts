/**
 * Bad synth-time input. `npm run synth` prints each problem on its own line
 * and exits non-zero, without a stack trace.
 */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}
