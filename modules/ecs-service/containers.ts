import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';

/** A Secrets Manager value injected into a container as an environment variable by ECS. */
export interface ContainerSecret {
  readonly secret: SecretsmanagerSecret;
  /**
   * Key inside the secret's JSON to inject.
   * @default - the whole secret string
   */
  readonly jsonKey?: string;
}

/** A Docker health check run by ECS inside the container. */
export interface ContainerHealthCheck {
  /** e.g. `['CMD-SHELL', 'nc -z 127.0.0.1 7233 || exit 1']`; the binary must exist in the image. */
  readonly command: string[];
  /** @default 30 */
  readonly interval?: number;
  /** @default 5 */
  readonly timeout?: number;
  /** @default 3 */
  readonly retries?: number;
  /** Seconds of failures ignored after the container starts; ECS allows up to 300. @default 60 */
  readonly startPeriod?: number;
}

export type ContainerCondition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';

/** Start a container only once another container of the task reached `condition`. */
export interface ContainerDependency {
  readonly containerName: string;
  readonly condition: ContainerCondition;
}

/** A further container of the task (an init job or a helper next to the service's own container). */
export interface SidecarContainer {
  readonly name: string;
  readonly image: string;
  /** When an essential container stops, the whole task stops. @default false */
  readonly essential?: boolean;
  /** @default - the image's entry point */
  readonly entryPoint?: string[];
  /** @default - the image's command */
  readonly command?: string[];
  /** @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly secrets?: Readonly<Record<string, ContainerSecret>>;
  /** @default - starts with the task */
  readonly dependsOn?: ContainerDependency[];
  /** @default - none */
  readonly healthCheck?: ContainerHealthCheck;
  /** Secret with `username` and `password` for a private registry such as ghcr.io. @default - public image */
  readonly repositoryCredentials?: SecretsmanagerSecret;
  /**
   * Its own log stream prefix, so a one-off job's output (a migration) is found
   * apart from the service's. @default - the service's prefix
   */
  readonly logStreamPrefix?: string;
  /**
   * Run ECS's init process as PID 1: it forwards SIGTERM and reaps children
   * for a binary that does neither itself. @default false
   */
  readonly initProcessEnabled?: boolean;
}

/** Where the awslogs driver sends a container's output. */
export interface LogTarget {
  readonly group: string;
  readonly region: string;
  readonly streamPrefix: string;
}

export interface ContainerDefinitionInput extends SidecarContainer {
  readonly essential: boolean;
  readonly ports?: number[];
  readonly log: LogTarget;
}

/** The `valueFrom` of an ECS secret: the secret ARN, then `:json-key:version-stage:version-id`. */
export function secretValueFrom(secret: ContainerSecret): string {
  return secret.jsonKey === undefined ? secret.secret.arn : `${secret.secret.arn}:${secret.jsonKey}::`;
}

/** One entry of an ECS task definition's `containerDefinitions` JSON (ECS's camelCase keys). */
export function containerDefinition(input: ContainerDefinitionInput): Record<string, unknown> {
  const definition: Record<string, unknown> = {
    name: input.name,
    image: input.image,
    essential: input.essential,
  };
  if (input.repositoryCredentials) definition.repositoryCredentials = { credentialsParameter: input.repositoryCredentials.arn };
  if (input.entryPoint) definition.entryPoint = input.entryPoint;
  if (input.command) definition.command = input.command;
  if (input.ports && input.ports.length > 0) {
    definition.portMappings = input.ports.map((port) => ({ containerPort: port, hostPort: port, protocol: 'tcp' }));
  }
  definition.environment = Object.entries(input.environment ?? {}).map(([name, value]) => ({ name, value }));
  definition.secrets = Object.entries(input.secrets ?? {}).map(([name, secret]) => ({ name, valueFrom: secretValueFrom(secret) }));
  if (input.dependsOn && input.dependsOn.length > 0) definition.dependsOn = input.dependsOn;
  if (input.initProcessEnabled) definition.linuxParameters = { initProcessEnabled: true };
  definition.logConfiguration = {
    logDriver: 'awslogs',
    options: {
      'awslogs-group': input.log.group,
      'awslogs-region': input.log.region,
      'awslogs-stream-prefix': input.log.streamPrefix,
    },
  };
  if (input.healthCheck) {
    definition.healthCheck = {
      command: input.healthCheck.command,
      interval: input.healthCheck.interval ?? 30,
      timeout: input.healthCheck.timeout ?? 5,
      retries: input.healthCheck.retries ?? 3,
      startPeriod: input.healthCheck.startPeriod ?? 60,
    };
  }
  return definition;
}

/** Throws unless the health check's timings are within ECS's limits (they would fail at `apply`). */
export function validateHealthCheck(what: string, check: ContainerHealthCheck): void {
  const limits: Array<[string, number | undefined, number, number]> = [
    ['interval', check.interval, 5, 300],
    ['timeout', check.timeout, 2, 120],
    ['retries', check.retries, 1, 10],
    ['startPeriod', check.startPeriod, 0, 300],
  ];
  for (const [name, value, min, max] of limits) {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new Error(`${what}: health check ${name} ${value} is outside ECS's limits; use a whole number from ${min} to ${max}.`);
    }
  }
  if (check.command.length < 2 || !['CMD', 'CMD-SHELL'].includes(check.command[0])) {
    throw new Error(`${what}: health check command ${JSON.stringify(check.command)} must start with "CMD" or "CMD-SHELL" followed by the command.`);
  }
}
