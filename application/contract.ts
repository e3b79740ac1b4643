import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { ContainerSecret } from '../modules/ecs-service';

/**
 * What each Everruns container is given, and why: the application's runtime
 * contract, checked against its source (github.com/everruns/everruns). Every
 * entry names where the image reads it as `commit:path:line` at the last
 * commit of the supported window; the test in
 * test/application/contract.test.ts compares the synthesized task
 * definitions with this file entry by entry, so nothing reaches a container
 * unless it is listed here.
 *
 * Supported window (the "Temporal line", API + Temporal worker + UI):
 * `6e6e523` (2025-12-22, migrations squashed) to `c42b199` (2026-01-02, the
 * last commit publishing `everruns-api`). Every fact below holds at both ends;
 * line numbers are at c42b199.
 */
export const SUPPORTED_COMMITS = { first: '6e6e523', last: 'c42b199' } as const;

/** The images the stack runs, by the key `image_digests` uses: `api` in the Temporal line, `control-plane` after it. */
export const EVERRUNS_IMAGES = ['api', 'control-plane', 'worker', 'ui', 'admin'] as const;
export type EverrunsImage = (typeof EVERRUNS_IMAGES)[number];

/** What the contract says about one setting. */
interface Reason {
  /** Why the container gets it. */
  readonly why: string;
  /** Where the image reads it: `commit:path:line`. */
  readonly readAt: string;
}

export interface EnvironmentEntry extends Reason {
  readonly value: string;
}

export interface SecretEntry extends Reason {
  readonly secret: SecretsmanagerSecret;
  /** Key of the secret's JSON; @default - the whole secret string */
  readonly jsonKey?: string;
}

export interface ContainerContract {
  /** The container's name and first part of its task definition family. @default - the ECS service's name */
  readonly name?: string;
  /** The image, `{image_registry}/everruns-{image}`. */
  readonly image: EverrunsImage;
  /** The port the image listens on, fixed in its source. @default - none */
  readonly port?: number;
  /** Further ports it listens on (not behind the ALB). @default - none */
  readonly additionalPorts?: number[];
  /** @default - the image's entry point */
  readonly entryPoint?: string[];
  /** Arguments to the entry point. @default - the image's command */
  readonly command?: string[];
  readonly environment: Readonly<Record<string, EnvironmentEntry>>;
  readonly secrets: Readonly<Record<string, SecretEntry>>;
}

/**
 * The control-plane line: `ef03029` (2026-01-09, the first commit
 * after the v0.3.0 squash whose images the stack was checked against) to
 * `aca8d31` (2026-01-11). Everything below holds at both ends: none of the
 * files cited changed between them. Line numbers are at aca8d31.
 */
export const CONTROL_PLANE_COMMITS = { first: 'ef03029', last: 'aca8d31' } as const;

/** The Terraform-side values the contract is filled with. */
export interface ContractInputs {
  /** `temporal.everruns.local:7233` */
  readonly temporalAddress: string;
  readonly temporalNamespace: string;
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
  /** `{prefix}/{env}/database`, key `connection_string` */
  readonly database: SecretsmanagerSecret;
  /** `{prefix}/{env}/encryption-key`, the whole string */
  readonly encryptionKey: SecretsmanagerSecret;
  /** `{prefix}/{env}/encryption-key-previous`, the whole string */
  readonly encryptionKeyPrevious: SecretsmanagerSecret;
  /** `{prefix}/{env}/auth`, keys `jwt_secret` and `admin_password` */
  readonly auth: SecretsmanagerSecret;
}

export interface ControlPlaneContractInputs extends Omit<ContractInputs, 'temporalAddress' | 'temporalNamespace' | 'database'> {
  /** `control-plane.everruns.local`: the Cloud Map name of the control plane's tasks. */
  readonly controlPlaneHost: string;
  /** `{prefix}/{env}/database-control-plane`, key `connection_string` */
  readonly database: SecretsmanagerSecret;
}

/**
 * `api` is the control plane in the control-plane line (the ECS service keeps its name, everruns-api).
 * `workerReady` runs to completion in the worker's task before the worker starts: what the worker needs
 * from the rest of the platform, so that the worker service does not wait for the API's deployment and
 * the two roll out at the same time.
 */
export type EverrunsContainer = 'api' | 'migrate' | 'workerReady' | 'worker' | 'ui' | 'admin';

/** The API's ECS service, the same in every line. */
export const API_SERVICE_NAME = 'everruns-api';

/** One task queue for both sides: the API starts workflows on it, the worker polls it. */
export const TEMPORAL_TASK_QUEUE = 'everruns-agent-runs';
/**
 * The ports the images listen on: the API's REST port, the UI's (set through
 * PORT, since the image's own differs) and the control plane's gRPC
 * WorkerService. The one place they are written: containers, target groups,
 * health checks and security groups read them here.
 */
export const PORTS = { api: 9000, ui: 3000, grpc: 9001 };
/**
 * The migration, retried (bash, in the admin image): every API task and, where the worker reads the
 * database, every worker task runs it at start, so two may run at once. `sqlx migrate run` (sqlx-cli
 * 0.8.6, sqlx-cli/src/migrate.rs:274-340) takes no advisory lock: it lists the applied migrations and
 * applies the rest, and of two runs applying the same one, one fails; its retry finds it applied.
 */
const RETRIED_MIGRATE = 'for i in 1 2 3 4 5; do /app/entrypoint.sh migrate && exit 0; sleep $((i * 3)); done; exit 1';
/** The control-plane line's migration: create its database (also retried), then migrate. */
export const MIGRATE_WITH_RETRIES =
  'for i in 1 2 3 4 5 6; do sqlx database create && break; [ "$i" = 6 ] && exit 1; sleep $((i * 2)); done; ' + RETRIED_MIGRATE;

/** How long a worker's task waits for the control plane's gRPC port before it gives up (and ECS starts another). */
export const AWAIT_CONTROL_PLANE_SECONDS = 600;
/** A bash script run in the admin image (debian bookworm-slim with bash; the other images are distroless). */
function adminScript(script: string, secrets: Readonly<Record<string, SecretEntry>> = {}, name?: string): ContainerContract {
  return { ...(name ? { name } : {}), image: 'admin', entryPoint: ['/bin/bash', '-c'], command: [script], environment: {}, secrets };
}

/**
 * Waits until `host:port` accepts a TCP connection (bash's /dev/tcp, in the admin image: the worker's own
 * image is distroless, without a shell).
 */
function awaitPort(host: string, port: number): string {
  const tries = AWAIT_CONTROL_PLANE_SECONDS / 5;
  return (
    `for i in $(seq 1 ${tries}); do (exec 3<>/dev/tcp/${host}/${port}) 2>/dev/null && exit 0; sleep 5; done; ` +
    `echo "nothing answered on ${host}:${port} in ${AWAIT_CONTROL_PLANE_SECONDS} s" >&2; exit 1`
  );
}

/** The control plane's container and task definition family (its ECS service keeps the name everruns-api). */
export const CONTROL_PLANE_CONTAINER = 'everruns-control-plane';

/**
 * The sign-in settings, the same in both lines (the auth config file moved from the API crate to the
 * control plane's without a change of lines); `config` is `commit:path` of that file.
 */
function authEnvironment(inputs: ContractInputs | ControlPlaneContractInputs, config: string): Record<string, EnvironmentEntry> {
  return {
    AUTH_MODE: { value: inputs.authMode, why: 'auth_mode; unset or unknown means no authentication at all', readAt: `${config}:122` },
    AUTH_ADMIN_EMAIL: {
      value: inputs.authAdminEmail,
      why: 'the admin login in admin mode (with AUTH_ADMIN_PASSWORD); "" leaves the admin unconfigured',
      readAt: `${config}:166`,
    },
    AUTH_DISABLE_SIGNUP: {
      value: inputs.disableSignup,
      why: 'admin mode still accepts POST /v1/auth/register unless this is true; full mode lets users register',
      readAt: `${config}:227`,
    },
    AUTH_BASE_URL: {
      value: inputs.baseUrl,
      why:
        'the base of the OAuth redirect URIs (full mode), which are base_url + API_PREFIX + /v1/auth/callback/{provider}: the ' +
        'load balancer strips /api and API_PREFIX stays empty, so the base carries /api (the default is http://localhost:9000)',
      readAt: `${config}:126`,
    },
    AUTH_JWT_ACCESS_TOKEN_LIFETIME: {
      value: inputs.accessTokenLifetime,
      why:
        'seconds a sign-in lasts: the UI never refreshes its token, so the default 900 signs users out after 15 minutes ' +
        '(a value that is not a whole number falls back to 900 silently)',
      readAt: `${config}:146`,
    },
  };
}

/** The sign-in secrets, the same in both lines; `config` as for authEnvironment. */
function authSecrets(inputs: ContractInputs | ControlPlaneContractInputs, config: string): Record<string, SecretEntry> {
  return {
    AUTH_JWT_SECRET: {
      secret: inputs.auth,
      jsonKey: 'jwt_secret',
      why: 'signs session tokens; unset in admin/full mode falls back to a publicly known secret',
      readAt: `${config}:134`,
    },
    AUTH_ADMIN_PASSWORD: {
      secret: inputs.auth,
      jsonKey: 'admin_password',
      why: "the admin's password in admin mode, generated at apply time",
      readAt: `${config}:167`,
    },
  };
}

const AT = SUPPORTED_COMMITS.last;

export function temporalLineContract(inputs: ContractInputs): Record<EverrunsContainer, ContainerContract> {
  const databaseUrl = (readAt: string): SecretEntry => ({
    secret: inputs.database,
    jsonKey: 'connection_string',
    why: 'PostgreSQL URL with sslmode=require (RDS refuses plaintext); the process exits without it',
    readAt,
  });
  const encryptionKey = (why: string, readAt: string): SecretEntry => ({ secret: inputs.encryptionKey, why, readAt });
  const previousKey: SecretEntry = {
    secret: inputs.encryptionKeyPrevious,
    why: 'the old key while a rotation re-encrypts; an unused valid key otherwise (an empty value disables encryption, and the worker exits)',
    readAt: `${AT}:crates/everruns-storage/src/encryption.rs:89`,
  };
  const temporal = (side: string): Record<string, EnvironmentEntry> => ({
    TEMPORAL_ADDRESS: {
      value: inputs.temporalAddress,
      why: `bare host:port of the Temporal frontend (plain gRPC); the ${side} connects at start and exits if it cannot`,
      readAt: `${AT}:crates/everruns-worker/src/runner.rs:42`,
    },
    TEMPORAL_NAMESPACE: {
      value: inputs.temporalNamespace,
      why: 'the namespace the Temporal service registers at start',
      readAt: `${AT}:crates/everruns-worker/src/runner.rs:43`,
    },
    TEMPORAL_TASK_QUEUE: {
      value: TEMPORAL_TASK_QUEUE,
      why: 'must be the same in API and worker (the default, written out so both visibly agree)',
      readAt: `${AT}:crates/everruns-worker/src/runner.rs:44`,
    },
  });

  // /app/entrypoint.sh, the image's entry point (Dockerfile.unified:150), runs `sqlx migrate run` (docker/admin-entrypoint.sh:17).
  const migrate = adminScript(RETRIED_MIGRATE, { DATABASE_URL: databaseUrl(`${AT}:docker/admin-entrypoint.sh:13`) });

  return {
    api: {
      image: 'api',
      port: PORTS.api,
      environment: {
        RUST_LOG: { value: 'info', why: 'log level (tracing EnvFilter); change it here to debug', readAt: `${AT}:crates/everruns-api/src/main.rs:200` },
        ...temporal('API'),
        ...authEnvironment(inputs, `${AT}:crates/everruns-api/src/auth/config.rs`),
      },
      secrets: {
        DATABASE_URL: databaseUrl(`${AT}:crates/everruns-api/src/main.rs:210`),
        SECRETS_ENCRYPTION_KEY: encryptionKey(
          'encrypts LLM provider keys stored in the database; without it the API refuses to store them (400)',
          `${AT}:crates/everruns-storage/src/encryption.rs:86`,
        ),
        SECRETS_ENCRYPTION_KEY_PREVIOUS: previousKey,
        ...authSecrets(inputs, `${AT}:crates/everruns-api/src/auth/config.rs`),
      },
    },
    migrate,
    // The worker's queries need the schema of its own version: it migrates too, as the API does.
    workerReady: migrate,
    worker: {
      image: 'worker',
      environment: {
        RUST_LOG: { value: 'info', why: 'log level (tracing EnvFilter)', readAt: `${AT}:crates/everruns-worker/src/main.rs:12` },
        ...temporal('worker'),
      },
      secrets: {
        DATABASE_URL: databaseUrl(`${AT}:crates/everruns-worker/src/main.rs:32`),
        SECRETS_ENCRYPTION_KEY: encryptionKey(
          'decrypts the stored LLM provider keys; the worker exits at start without it',
          `${AT}:crates/everruns-worker/src/main.rs:38`,
        ),
        SECRETS_ENCRYPTION_KEY_PREVIOUS: previousKey,
      },
    },
    ui: {
      image: 'ui',
      port: PORTS.ui,
      environment: {
        PORT: {
          value: String(PORTS.ui),
          why: "the image sets 9100, read at run time by Next.js' standalone server.js; the spec's target group expects 3000",
          readAt: `${AT}:apps/ui/Dockerfile:33`,
        },
        HOSTNAME: {
          value: '0.0.0.0',
          why: 'the address server.js binds; set explicitly because a runtime may set its own HOSTNAME (the container name)',
          readAt: `${AT}:apps/ui/Dockerfile:34`,
        },
      },
      secrets: {},
    },
    // A task definition without a service, for `aws ecs run-task`: migrate-info, migrate, reencrypt.
    admin: {
      image: 'admin',
      environment: {},
      secrets: {
        DATABASE_URL: databaseUrl(`${AT}:docker/admin-entrypoint.sh:32`),
        SECRETS_ENCRYPTION_KEY: encryptionKey('the key reencrypt re-encrypts every stored provider key with', `${AT}:docker/admin-entrypoint.sh:36`),
        SECRETS_ENCRYPTION_KEY_PREVIOUS: previousKey,
      },
    },
  };
}

export function controlPlaneLineContract(inputs: ControlPlaneContractInputs): Record<EverrunsContainer, ContainerContract> {
  const at = CONTROL_PLANE_COMMITS.last;
  const databaseUrl = (readAt: string): SecretEntry => ({
    secret: inputs.database,
    jsonKey: 'connection_string',
    why: 'PostgreSQL URL of the everruns_control_plane database, sslmode=require; the control plane exits without it',
    readAt,
  });
  // Unlike the Temporal line, a bad or missing key does not stop the control plane: it logs a warning and runs
  // without encryption, and every agent run then fails when the worker asks for the provider's key.
  const encryptionKey = (why: string, readAt = `${at}:crates/control-plane/src/storage/encryption.rs:86`): SecretEntry => ({
    secret: inputs.encryptionKey,
    why,
    readAt,
  });
  const previousKey: SecretEntry = {
    secret: inputs.encryptionKeyPrevious,
    why: 'the old key while a rotation re-encrypts; an unused valid key otherwise (an empty value silently disables encryption)',
    readAt: `${at}:crates/control-plane/src/storage/encryption.rs:89`,
  };
  const logLevel = (who: string): EnvironmentEntry => ({
    value: 'info',
    why: `log level (tracing EnvFilter); unset, the ${who} logs at debug`,
    readAt: `${at}:crates/core/src/telemetry.rs:213`,
  });
  const temporalLine = temporalLineContract({ ...inputs, temporalAddress: '', temporalNamespace: '' });

  return {
    api: {
      name: CONTROL_PLANE_CONTAINER,
      image: 'control-plane',
      port: PORTS.api,
      additionalPorts: [PORTS.grpc],
      environment: {
        RUST_LOG: logLevel('control plane'),
        GRPC_ADDR: {
          value: `0.0.0.0:${PORTS.grpc}`,
          why: 'the WorkerService listener (IP:port; the default, written out so it visibly matches the workers and the security group)',
          readAt: `${at}:crates/control-plane/src/main.rs:228`,
        },
        ...authEnvironment(inputs, `${at}:crates/control-plane/src/auth/config.rs`),
      },
      secrets: {
        DATABASE_URL: databaseUrl(`${at}:crates/control-plane/src/main.rs:77`),
        SECRETS_ENCRYPTION_KEY: encryptionKey('encrypts stored LLM provider keys and decrypts them for the workers'),
        SECRETS_ENCRYPTION_KEY_PREVIOUS: previousKey,
        ...authSecrets(inputs, `${at}:crates/control-plane/src/auth/config.rs`),
      },
    },
    // The admin image is Debian with bash and sqlx-cli (docker/Dockerfile.unified:158): the database is created on the
    // first start, then the image's own migrate command runs. Two API tasks starting together race: sqlx-cli checks that
    // the database is absent, then creates it once, so the loser fails; a retry then finds it and passes. sqlx migrate
    // takes no lock, but each migration is one transaction, so a retry applies only what is still missing.
    migrate: adminScript(MIGRATE_WITH_RETRIES, { DATABASE_URL: databaseUrl(`${at}:docker/admin-entrypoint.sh:13`) }),
    // The worker connects to the control plane once at start and exits if it is refused
    // (crates/worker/src/durable_worker.rs:97-119): it starts once the control plane answers.
    workerReady: adminScript(awaitPort(inputs.controlPlaneHost, PORTS.grpc), {}, `await-${API_SERVICE_NAME}`),
    worker: {
      image: 'worker',
      environment: {
        RUST_LOG: logLevel('worker'),
        GRPC_ADDRESS: {
          value: `${inputs.controlPlaneHost}:${PORTS.grpc}`,
          why: 'host:port of the control plane (the worker adds http://); it exits at start if nothing answers there',
          readAt: `${at}:crates/worker/src/durable_worker.rs:66`,
        },
        MAX_CONCURRENT_TASKS: {
          value: '1',
          why: 'tasks claimed per poll, run one after another; the default 10 lets one worker hoard work the others could run',
          readAt: `${at}:crates/worker/src/durable_worker.rs:68`,
        },
      },
      secrets: {},
    },
    ui: {
      ...temporalLine.ui,
      environment: {
        PORT: { ...temporalLine.ui.environment.PORT, readAt: `${at}:apps/ui/Dockerfile:33` },
        HOSTNAME: { ...temporalLine.ui.environment.HOSTNAME, readAt: `${at}:apps/ui/Dockerfile:34` },
      },
    },
    // Run by hand with a shell command (README): the image's commands, and sqlx-cli for dropping old databases.
    admin: adminScript('exec /app/entrypoint.sh help', {
      DATABASE_URL: databaseUrl(`${at}:docker/admin-entrypoint.sh:32`),
      SECRETS_ENCRYPTION_KEY: encryptionKey('the key reencrypt re-encrypts every stored provider key with', `${at}:docker/admin-entrypoint.sh:36`),
      SECRETS_ENCRYPTION_KEY_PREVIOUS: previousKey,
    }),
  };
}

/** The `environment` of a container definition. */
export function environmentOf(contract: ContainerContract): Record<string, string> {
  return Object.fromEntries(Object.entries(contract.environment).map(([name, entry]) => [name, entry.value]));
}

/** The `secrets` of a container definition. */
export function secretsOf(contract: ContainerContract): Record<string, ContainerSecret> {
  return Object.fromEntries(
    Object.entries(contract.secrets).map(([name, entry]) => [name, { secret: entry.secret, jsonKey: entry.jsonKey }]),
  );
}
