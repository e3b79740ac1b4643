import type { ServiceDefinition } from '@grpc/grpc-js';
import * as protobuf from 'protobufjs/light';

/**
 * gRPC service definitions built straight from protobufjs reflection.
 * The harness parses our .proto files once per run (protocolJson) and the
 * stub loads the resulting JSON with the light build of protobufjs: that
 * skips @grpc/proto-loader and .proto parsing, ~60 ms on every provider
 * start, and tofu starts several providers per command.
 *
 * Message objects use the .proto field names (snake_case), enums as strings
 * ('ERROR', 'LIST'), int64 as numbers, bytes as Buffers.
 */
const TO_OBJECT: protobuf.IConversionOptions = { enums: String, longs: Number, defaults: false, oneofs: true };

/** JSON descriptor of the given .proto files (harness side; needs the full protobufjs build). */
export function protocolJson(protoFiles: string[]): object {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const full = require('protobufjs') as typeof import('protobufjs');
  // keepCase: field names as written in the .proto (snake_case), like the wire-level JSON names.
  return new full.Root().loadSync(protoFiles, { keepCase: true }).toJSON();
}

export function protocolRoot(json: object): protobuf.Root {
  const root = protobuf.Root.fromJSON(json as protobuf.INamespace);
  root.resolveAll();
  return root;
}

export function serialize(type: protobuf.Type, value: object): Buffer {
  return Buffer.from(type.encode(type.fromObject(value)).finish());
}

export function service(root: protobuf.Root, name: string): ServiceDefinition {
  const svc = root.lookupService(name);
  const def: Record<string, unknown> = {};
  for (const method of svc.methodsArray) {
    const req = method.resolvedRequestType!;
    const res = method.resolvedResponseType!;
    def[method.name] = {
      path: `/${name}/${method.name}`,
      requestStream: !!method.requestStream,
      responseStream: !!method.responseStream,
      requestSerialize: (v: object) => serialize(req, v),
      requestDeserialize: (b: Buffer) => req.toObject(req.decode(b), TO_OBJECT),
      responseSerialize: (v: object) => serialize(res, v),
      responseDeserialize: (b: Buffer) => res.toObject(res.decode(b), TO_OBJECT),
    };
  }
  return def as unknown as ServiceDefinition;
}
