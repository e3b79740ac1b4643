import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { POSTGRES_PORT } from '../modules/database';
import { FRONTEND_PORT as TEMPORAL_PORT, SERVICE_PORT_RANGES as TEMPORAL_SERVICE_PORTS } from '../modules/temporal/containers';
import {
  CONTROL_PLANE_COMMITS,
  ContainerContract,
  EverrunsContainer,
  SUPPORTED_COMMITS,
  PORTS,
  controlPlaneLineContract,
  temporalLineContract,
} from './contract';
import { MigrationChange, RELEASE_LINE_COMMITS, RELEASE_LINE_MIGRATIONS } from './release-commits';

/**
 * The application's release lines, which need different topologies. Each is
 * one entry of `RELEASE_LINES`, keyed by what `everruns_architecture` takes:
 * its containers (the contract), whether it runs the Temporal server, the
 * Cloud Map name its API registers, and the traffic its security groups
 * allow. The stack builds every line's parts and the variable picks one at
 * plan time; adding a line is a contract and an entry here.
 */
export interface ReleaseLine {
  /** What it runs, in the variable's description. */
  readonly summary: string;
  /** Its images and commits, in the variable's error message. */
  readonly images: string;
  /** Every container, given the stack's values. */
  readonly contract: (inputs: LineInputs) => Record<EverrunsContainer, ContainerContract>;
  /** Runs the self-hosted Temporal server (its task, service, Cloud Map name and group). */
  readonly temporalServer: boolean;
  /** The Cloud Map name the API's tasks register under, for workers that dial them. @default - not registered */
  readonly apiDiscoveryName?: string;
  /** Every flow its security groups allow; nothing else passes. */
  readonly flows: readonly Flow[];
  /** Its known image tags (the application's commits in its window, 7 characters), and the window in words. */
  readonly commits: { readonly tags: readonly string[]; readonly window: string };
  /** The database its API task migrates, and the commits (newest first) where its migrations changed. */
  readonly migrations: { readonly database: string; readonly changes: readonly MigrationChange[] };
  /**
   * The Fargate CPU architectures its Everruns images are published for (every image of the line),
   * as the application's CI workflows build them; `everruns_cpu_architecture` may pick only these.
   */
  readonly imageArchitectures: readonly ('X86_64' | 'ARM64')[];
}

/** The security groups, one per role. */
export const ROLES = ['alb', 'api', 'ui', 'worker', 'temporal', 'rds'] as const;
export type Role = (typeof ROLES)[number];

/** Traffic one role starts: to another role's group, or out through the NAT gateway. */
export interface Flow {
  readonly from: Role;
  readonly to: Role | 'internet';
  /** TCP port, or the first of a range. */
  readonly port: number;
  /** Last port of a range. @default port */
  readonly toPort?: number;
  /** What it carries: the start of the rules' descriptions, or the whole description of an internet rule. */
  readonly what: string;
}

/** The stack's values the contracts are filled with. */
export interface LineInputs {
  /** `var.auth_mode`: none, admin or full. */
  readonly authMode: string;
  /** `"true"` in admin mode, `"false"` otherwise (a Terraform conditional). */
  readonly disableSignup: string;
  /** `var.auth_admin_email` */
  readonly authAdminEmail: string;
  /** `https://{domain_name}/api`: the public address of the API, prefix included. */
  readonly baseUrl: string;
  /** `var.auth_jwt_access_token_lifetime`: seconds, as a string. */
  readonly accessTokenLifetime: string;
  /** `{prefix}/{env}/encryption-key`, the whole string */
  readonly encryptionKey: SecretsmanagerSecret;
  /** `{prefix}/{env}/encryption-key-previous`, the whole string */
  readonly encryptionKeyPrevious: SecretsmanagerSecret;
  /** `{prefix}/{env}/auth`, keys `jwt_secret` and `admin_password` */
  readonly auth: SecretsmanagerSecret;
  /** The databases' credentials, key `connection_string`: `everruns` and `everruns_control_plane`. */
  readonly databases: { readonly everruns: SecretsmanagerSecret; readonly controlPlane: SecretsmanagerSecret };
  /** The Temporal server's frontend (`temporal.everruns.local:7233`) and namespace. */
  readonly temporal: { readonly address: string; readonly namespace: string };
  /** The Cloud Map namespace's name (`everruns.local`). */
  readonly namespaceName: string;
}

/** The line deployments ran before there were lines: its parts that became optional keep their state (`moved`). */
export const FIRST_LINE = 'temporal';

/** Its Cloud Map name: the workers dial `control-plane.{namespace}:9001`. */
export const CONTROL_PLANE_DISCOVERY_NAME = 'control-plane';

const PULLS = 'HTTPS out: image pulls, Secrets Manager, CloudWatch Logs';

/** What every line's API, UI and worker need: the ALB in front, HTTPS out, the worker's web tools. */
const SHARED_FLOWS: readonly Flow[] = [
  { from: 'alb', to: 'api', port: PORTS.api, what: 'API' },
  { from: 'alb', to: 'ui', port: PORTS.ui, what: 'UI' },
  { from: 'api', to: 'rds', port: POSTGRES_PORT, what: 'PostgreSQL' },
  { from: 'api', to: 'internet', port: 443, what: `${PULLS}, LLM provider APIs` },
  { from: 'ui', to: 'internet', port: 443, what: PULLS },
  { from: 'worker', to: 'internet', port: 443, what: `${PULLS}, LLM provider APIs and agent tools` },
  { from: 'worker', to: 'internet', port: 80, what: 'HTTP out: agent tools that fetch web pages' },
];

export const RELEASE_LINES: Readonly<Record<string, ReleaseLine>> = {
  temporal: {
    summary: `API + worker + UI + Temporal server, images to ${SUPPORTED_COMMITS.last}`,
    images: `images everruns-api, to ${SUPPORTED_COMMITS.last}`,
    contract: (inputs) =>
      temporalLineContract({
        ...inputs,
        database: inputs.databases.everruns,
        temporalAddress: inputs.temporal.address,
        temporalNamespace: inputs.temporal.namespace,
      }),
    temporalServer: true,
    // The application's CI (.github/workflows, to c42b199) builds linux/amd64 only.
    imageArchitectures: ['X86_64'],
    commits: { tags: RELEASE_LINE_COMMITS.temporal, window: `${SUPPORTED_COMMITS.first} to ${SUPPORTED_COMMITS.last}` },
    migrations: RELEASE_LINE_MIGRATIONS.temporal,
    flows: [
      ...SHARED_FLOWS,
      ...(['api', 'worker'] as const).map((from): Flow => ({ from, to: 'temporal', port: TEMPORAL_PORT, what: 'Temporal frontend' })),
      ...(['worker', 'temporal'] as const).map((from): Flow => ({ from, to: 'rds', port: POSTGRES_PORT, what: 'PostgreSQL' })),
      ...TEMPORAL_SERVICE_PORTS.map(([port, toPort]): Flow => ({ from: 'temporal', to: 'temporal', port, toPort, what: 'Temporal services among themselves' })),
      { from: 'temporal', to: 'internet', port: 443, what: PULLS },
    ],
  },
  'control-plane': {
    summary: `control plane + gRPC workers + UI, no Temporal, images from ${CONTROL_PLANE_COMMITS.first}`,
    images: `images everruns-control-plane, from ${CONTROL_PLANE_COMMITS.first}`,
    contract: (inputs) =>
      controlPlaneLineContract({
        ...inputs,
        database: inputs.databases.controlPlane,
        controlPlaneHost: `${CONTROL_PLANE_DISCOVERY_NAME}.${inputs.namespaceName}`,
      }),
    temporalServer: false,
    apiDiscoveryName: CONTROL_PLANE_DISCOVERY_NAME,
    // The application's CI (.github/workflows, ef03029..aca8d31) builds linux/amd64 and linux/arm64 of
    // everruns-control-plane, -worker, -admin and -ui.
    imageArchitectures: ['X86_64', 'ARM64'],
    commits: { tags: RELEASE_LINE_COMMITS['control-plane'], window: `${CONTROL_PLANE_COMMITS.first} to ${CONTROL_PLANE_COMMITS.last}` },
    migrations: RELEASE_LINE_MIGRATIONS['control-plane'],
    flows: [
      ...SHARED_FLOWS,
      // The control plane's gRPC WorkerService: plaintext, no client authentication, and it hands out LLM keys; workers only.
      { from: 'worker', to: 'api', port: PORTS.grpc, what: 'Control plane gRPC' },
    ],
  },
};

/** The line an image tag is a known commit of (a full SHA counts by its first 7 characters), or undefined. */
export function releaseLineOf(tag: string, lines: Readonly<Record<string, ReleaseLine>> = RELEASE_LINES): string | undefined {
  const hex = tag.toLowerCase();
  if (!/^[0-9a-f]{7,40}$/.test(hex)) return undefined;
  return Object.keys(lines).find((key) => lines[key].commits.tags.includes(hex.slice(0, 7)));
}

/**
 * The migrations a known commit of `line` applies: those of the newest change
 * at or before it (tags run newest first). Undefined for a tag the line does not know.
 */
export function migrationsAt(line: ReleaseLine, tag: string): readonly string[] | undefined {
  const at = line.commits.tags.indexOf(tag.toLowerCase().slice(0, 7));
  if (at < 0) return undefined;
  const change = line.migrations.changes.find((c) => line.commits.tags.indexOf(c.commit) >= at);
  return change?.migrations ?? [];
}

/** The lines that satisfy `test`, by key. */
export function linesWhere(lines: Readonly<Record<string, ReleaseLine>>, test: (line: ReleaseLine) => boolean): string[] {
  return Object.entries(lines)
    .filter(([, line]) => test(line))
    .map(([key]) => key);
}

/** The port every line's container serves behind the load balancer, whose target group they share. */
export function sharedPort(contracts: Readonly<Record<string, Record<EverrunsContainer, ContainerContract>>>, container: EverrunsContainer): number {
  const ports = new Set(Object.values(contracts).map((contract) => contract[container].port));
  const [port] = ports;
  if (ports.size !== 1 || port === undefined) {
    throw new Error(
      `The release lines serve ${container} on ports ${[...ports].join(', ')}: the load balancer's target group is shared by ` +
        'every line, so give them one port.',
    );
  }
  return port;
}
