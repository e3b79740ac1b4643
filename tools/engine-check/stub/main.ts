import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'fs';
import { ProviderSchema, SchemaBlock } from '../schema/types';
import { protocolRoot, service } from './protocol';
import { applyPlanned, DEFAULT_REGION } from './apply';
import { forceNewPaths, planErrors } from './force-new';
import { knownAtPlan } from './known-at-plan';
import { requiresReplace } from './replace';
import { serverIdentity } from './tls';
import { fromMsgpack, isUnknown, planUnknowns, Problem, readOnlyProblems, readPlaceholders, toMsgpack, Value } from './values';

/**
 * A stub Terraform provider: serves a real provider's schema over plugin
 * protocol 5 and answers validate/plan calls without any cloud API, so that
 * `tofu validate` and `tofu plan` can run offline. Started by OpenTofu
 * through go-plugin: `node stub.js --name aws --schema-json F --schema-pb F --protocol F` (protocol: JSON
 * descriptor of ../proto/*.proto written by the harness).
 *
 * It can also "apply" (see apply.ts), so that a stack can be deployed into a
 * local state offline and a change planned on top of it; replacements are
 * decided from the provider's ForceNew attributes (force-new.ts).
 */

// go-plugin's handshake values for Terraform/OpenTofu providers (internal/plugin/serve.go).
const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const CORE_PROTOCOL_VERSION = 1; // go-plugin's own protocol
const APP_PROTOCOL_VERSION = 5; // tfplugin5

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`missing --${name}`);
  return process.argv[i + 1];
}

const debug = process.env.ENGINE_STUB_DEBUG
  ? (msg: string) => process.stderr.write(`[stub ${arg('name')}] ${msg}\n`)
  : () => undefined;

let schemaCache: ProviderSchema | undefined;
function schema(): ProviderSchema {
  // Parsed lazily: GetSchema alone (the most common call) needs only the .pb bytes.
  return (schemaCache ??= JSON.parse(readFileSync(arg('schema-json'), 'utf8')) as ProviderSchema);
}

function resourceBlock(type: string): SchemaBlock | undefined {
  return schema().resources[type];
}

interface DynamicValue {
  msgpack?: Buffer;
  json?: Buffer;
}

/** Decode a DynamicValue (core always sends msgpack; json only appears in raw state). */
function value(dv: DynamicValue | undefined): Value {
  if (dv?.msgpack && dv.msgpack.length) return fromMsgpack(dv.msgpack);
  if (dv?.json && dv.json.length) return JSON.parse(dv.json.toString('utf8')) as Value;
  return null;
}

function dynamic(v: Value): DynamicValue {
  return { msgpack: Buffer.from(toMsgpack(v)) };
}

function errorDiag(summary: string, detail: string, path: Problem['path'] = []) {
  return { severity: 'ERROR', summary, detail, attribute: path.length ? { steps: path } : undefined };
}

/** The provider configuration's `region` (aws), known once Configure has run. */
let providerRegion: string | undefined;

type Obj = Record<string, Value>;
const isObject = (v: Value): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v);

/**
 * hashicorp/aws 6.x: every regional resource and data source has a `region`
 * argument; left unset, the provider plans it as the provider's region, so
 * changing the provider region changes (and, being ForceNew, replaces) them all.
 */
function withRegion(block: SchemaBlock, config: Value, planned: Value): Value {
  if (!providerRegion || !block.attributes.region || !isObject(planned) || !isObject(config)) return planned;
  if (config.region !== null && config.region !== undefined) return planned;
  return { ...planned, region: providerRegion };
}

const problemsToDiags = (ps: Problem[]) => ps.map((p) => errorDiag(p.summary, p.detail, p.path));

type Handler = (req: any) => object;
function unary(fn: Handler): grpc.handleUnaryCall<any, any> {
  return (call, callback) => {
    try {
      callback(null, fn(call.request));
    } catch (e) {
      debug(`handler failed: ${(e as Error).stack}`);
      callback({ code: grpc.status.INTERNAL, details: String((e as Error).message) });
    }
  };
}

const providerHandlers: Record<string, Handler> = {
  GetSchema: () => readFileSync(arg('schema-pb')), // pre-encoded response, see schema/encode.ts
  PrepareProviderConfig: (req) => ({ prepared_config: req.config, diagnostics: [] }),
  // No credentials, no region lookup: the stub never talks to a cloud.
  Configure: (req) => {
    const config = value(req.config);
    if (isObject(config) && typeof config.region === 'string') providerRegion = config.region;
    return { diagnostics: [] };
  },
  ValidateResourceTypeConfig: (req) => {
    const block = resourceBlock(req.type_name);
    if (!block) return { diagnostics: [] }; // unknown types are rejected by core before this call
    return { diagnostics: problemsToDiags(readOnlyProblems(block, value(req.config), req.type_name)) };
  },
  ValidateDataSourceConfig: (req) => {
    const block = schema().dataSources[req.type_name];
    if (!block) return { diagnostics: [] };
    return { diagnostics: problemsToDiags(readOnlyProblems(block, value(req.config), `data.${req.type_name}`)) };
  },
  UpgradeResourceState: (req) => ({ upgraded_state: { json: req.raw_state?.json ?? Buffer.from('null') }, diagnostics: [] }),
  ReadResource: (req) => ({ new_state: req.current_state, diagnostics: [], private: req.private }),
  PlanResourceChange: (req) => {
    const proposed = value(req.proposed_new_state);
    const prior = value(req.prior_state);
    const block = resourceBlock(req.type_name);
    if (proposed === null || !block) return { planned_state: dynamic(proposed), requires_replace: [], diagnostics: [] };
    const config = value(req.config);
    // Creates get "known after apply" for everything computed; updates keep
    // the proposal (core proposes the prior value for unset computed attributes).
    const planned = withRegion(block, config, prior === null ? knownAtPlan(req.type_name, planUnknowns(block, proposed)) : proposed);
    const replace = requiresReplace(block, forceNewPaths(req.type_name, block), prior, planned);
    if (replace.length) debug(`${req.type_name}: replace for ${JSON.stringify(replace)}`);
    const refused = planErrors(req.type_name, prior, planned).map(([summary, detail]) => errorDiag(summary, detail));
    return { planned_state: dynamic(planned), requires_replace: replace.map((steps) => ({ steps })), planned_private: req.prior_private, diagnostics: refused };
  },
  ApplyResourceChange: (req) => {
    const planned = value(req.planned_state);
    const block = resourceBlock(req.type_name);
    const applied = block ? applyPlanned(block, planned, { typeName: req.type_name, region: providerRegion ?? DEFAULT_REGION }) : planned;
    return { new_state: dynamic(applied), private: req.planned_private, diagnostics: [] };
  },
  ImportResourceState: (req) => ({
    imported_resources: [],
    diagnostics: [errorDiag('Stub provider cannot import', `The offline engine check stub cannot import ${req.type_name}.`)],
  }),
  ReadDataSource: (req) => {
    const block = schema().dataSources[req.type_name];
    const config = value(req.config);
    if (!block) return { state: dynamic(config), diagnostics: [] };
    const read = readPlaceholders(block, withRegion(block, config, config), providerRegion ?? DEFAULT_REGION, req.type_name);
    return { state: dynamic(read), diagnostics: [] };
  },
  Stop: () => ({ Error: '' }),
};

function main(): void {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write('This binary is a plugin. These are not meant to be executed directly.\n');
    process.exit(1);
  }
  const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? String(APP_PROTOCOL_VERSION)).split(',');
  if (!offered.includes(String(APP_PROTOCOL_VERSION))) {
    process.stderr.write(`stub speaks plugin protocol ${APP_PROTOCOL_VERSION}; client offered ${offered.join(',')}\n`);
    process.exit(1);
  }

  const def = protocolRoot(JSON.parse(readFileSync(arg('protocol'), 'utf8')));
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 256 * 1024 * 1024 });

  const providerService = { ...service(def, 'tfplugin5.Provider') };
  // Serve the pre-encoded GetSchema bytes as they are.
  providerService.GetSchema = { ...providerService.GetSchema, responseSerialize: (b: Buffer) => b } as never;
  server.addService(
    providerService as grpc.ServiceDefinition,
    Object.fromEntries(Object.entries(providerHandlers).map(([k, h]) => [k, unary(h)])),
  );

  server.addService(service(def, 'grpc.health.v1.Health') as grpc.ServiceDefinition, {
    Check: unary(() => ({ status: 'SERVING' })),
    Watch: (call: grpc.ServerWritableStream<any, any>) => call.write({ status: 'SERVING' }),
  });
  server.addService(service(def, 'plugin.GRPCController') as grpc.ServiceDefinition, {
    Shutdown: (_call: unknown, cb: grpc.sendUnaryData<object>) => {
      cb(null, {});
      // Exit right after answering: the client waits up to 2 s for us to go away.
      setTimeout(() => process.exit(0), 10);
    },
  });
  server.addService(service(def, 'plugin.GRPCStdio') as grpc.ServiceDefinition, {
    // We never write to stdout/stderr after the handshake (except debug), so the stream stays open and empty.
    StreamStdio: () => undefined,
  });
  server.addService(service(def, 'plugin.GRPCBroker') as grpc.ServiceDefinition, {
    StartStream: (call: grpc.ServerDuplexStream<any, any>) => {
      call.on('data', () => undefined); // we never broker connections
      call.on('end', () => call.end());
    },
  });

  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const id = clientCert ? serverIdentity() : undefined;
  const creds = id
    ? grpc.ServerCredentials.createSsl(
        Buffer.from(clientCert!),
        [{ private_key: Buffer.from(id.keyPem), cert_chain: Buffer.from(id.certPem) }],
        true, // require and verify the client's certificate
      )
    : grpc.ServerCredentials.createInsecure();

  server.bindAsync('127.0.0.1:0', creds, (err, port) => {
    if (err) {
      process.stderr.write(`stub: cannot listen: ${err.message}\n`);
      process.exit(1);
    }
    // go-plugin handshake line: CORE|APP|NETWORK|ADDR|PROTOCOL|SERVER-CERT
    const line = [CORE_PROTOCOL_VERSION, APP_PROTOCOL_VERSION, 'tcp', `127.0.0.1:${port}`, 'grpc', id?.handshakeCert ?? ''];
    process.stdout.write(line.join('|') + '\n');
    debug(`listening on ${port}`);
  });

  // If OpenTofu dies without calling Shutdown, do not linger as an orphan.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000).unref();
}

main();
