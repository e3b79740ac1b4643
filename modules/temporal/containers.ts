/**
 * What runs in the Temporal task, checked against Temporal's own sources at
 * v1.31.2 (github.com/temporalio/temporal):
 * - docker/targets/server.Dockerfile: the `temporalio/server` image is Alpine
 *   with `temporal-server` and docker/scripts/sh/entrypoint.sh only: no
 *   dockerize, no `temporal` CLI, no curl, and no dynamic config file.
 * - common/config/config_template_embedded.yaml: with no config file the
 *   server renders this built-in template from the environment variables
 *   below (DB, POSTGRES_*, SQL_*, NUM_HISTORY_SHARDS, BIND_ON_IP, ...), and
 *   points `dynamicConfigClient` at DYNAMIC_CONFIG_FILE_PATH (default
 *   /etc/temporal/config/dynamicconfig/docker.yaml); temporal/fx.go fails the
 *   start when that file does not exist, so the server command writes one.
 * - tools/sql (temporal-sql-tool in `temporalio/admin-tools`): reads SQL_*
 *   environment variables; `create-database` ignores an existing database,
 *   `setup-schema -v 0.0` and `update-schema` only apply missing versions,
 *   and `--schema-name` uses the schemas compiled into the binary.
 */

/** The Temporal release the images are pinned to. */
export const TEMPORAL_VERSION = '1.31.2';
export const TEMPORAL_SERVER_IMAGE = `temporalio/server:${TEMPORAL_VERSION}`;
export const TEMPORAL_ADMIN_TOOLS_IMAGE = `temporalio/admin-tools:${TEMPORAL_VERSION}`;

/** The frontend's gRPC port, which clients use. */
export const FRONTEND_PORT = 7233;
/**
 * The other ports of the single-process server (template defaults): frontend
 * HTTP, history/matching/worker gRPC and the four membership ports.
 */
export const INTERNAL_PORTS = [7243, 7234, 7235, 7239, 6933, 6934, 6935, 6939];
/** The ranges the server's tasks use among themselves: frontend, history, matching, worker (7233-7243) and membership (6933-6939). */
export const SERVICE_PORT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [FRONTEND_PORT, 7243],
  [6933, 6939],
];

/** Where the server command writes the dynamic config file: /tmp is writable by the image's `temporal` user. */
export const DYNAMIC_CONFIG_FILE = '/tmp/temporal-dynamic-config.yaml';

/** The server's command: write the dynamic config file the image lacks, then run the image's entrypoint. */
export const SERVER_COMMAND = 'echo "$TEMPORAL_DYNAMIC_CONFIG" > "$DYNAMIC_CONFIG_FILE_PATH" && exec /etc/temporal/entrypoint.sh';

/**
 * The server container's health check: a TCP connect to the frontend with
 * BusyBox `nc`, the only network client in the Alpine-based image.
 */
export const SERVER_HEALTH_CHECK = ['CMD-SHELL', `nc -z 127.0.0.1 ${FRONTEND_PORT} || exit 1`];

/** Creates both databases and brings their schemas to the image's version; safe to run on every start. */
export function schemaCommand(databases: { main: string; visibility: string }): string {
  const steps = [
    [databases.main, 'postgresql/v12/temporal'],
    [databases.visibility, 'postgresql/v12/visibility'],
  ].flatMap(([database, schema]) => [
    `temporal-sql-tool --db ${database} create-database`,
    `temporal-sql-tool --db ${database} setup-schema -v 0.0`,
    `temporal-sql-tool --db ${database} update-schema --schema-name ${schema}`,
  ]);
  return ['set -eu', ...steps, `echo 'Temporal schemas are up to date.'`].join('; ');
}

/**
 * Registers the namespace once the server is healthy, retrying while the
 * server finishes starting; does nothing when it exists.
 */
export function namespaceCommand(namespace: string, retention: string, attempts = 30): string {
  const cli = `--namespace ${namespace} --address 127.0.0.1:${FRONTEND_PORT}`;
  return [
    `for attempt in $(seq 1 ${attempts}); do`,
    `if temporal operator namespace describe ${cli} > /dev/null 2>&1; then echo 'Namespace ${namespace} is registered.'; exit 0; fi;`,
    `temporal operator namespace create ${cli} --retention ${retention} && exit 0;`,
    `echo "Attempt $attempt failed; retrying in 10 s."; sleep 10;`,
    `done;`,
    `echo 'Could not register namespace ${namespace}.' >&2; exit 1`,
  ].join(' ');
}
