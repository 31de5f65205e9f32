import path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';

/** Fully-qualified name of the grounding service, as health checks and reflection know it. */
export const GROUNDING_SERVICE_NAME = 'groundstream.v1.GroundingService';
/** Fully-qualified name of the standard health service. */
export const HEALTH_SERVICE_NAME = 'grpc.health.v1.Health';

/** The repository's `proto/` folder: the public API, read at runtime so it is never out of date. */
const PROTO_DIR = path.resolve(__dirname, '..', '..', 'proto');

/**
 * How the loaded messages look in JavaScript: camelCase fields, enums as their names, 64-bit
 * integers as numbers, unset scalars/lists/maps filled in (so decoding never meets `undefined`),
 * unset message fields as `null`.
 */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  enums: String,
  longs: Number,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

function reflectionProtoDir(): string {
  // @grpc/reflection ships its protos but does not export their path.
  return path.join(path.dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
}

/**
 * Loads every service this server speaks, the groundstream API plus the standard health and
 * reflection services, into one package definition, so that reflection (which only describes what
 * it is given) lists them all. google/protobuf/timestamp.proto comes built into protobufjs.
 * `keepCase: true` keeps the .proto field names, which reflection needs; serving uses camelCase.
 * Call it inside a `create*` function: it reads files.
 */
export function loadGroundstreamProtos(options: { keepCase?: boolean } = {}): protoLoader.PackageDefinition {
  const healthDir = path.resolve(path.dirname(healthProtoPath), '..', '..');
  return protoLoader.loadSync(
    [
      'groundstream/v1/events.proto',
      'groundstream/v1/grounding_service.proto',
      path.relative(healthDir, healthProtoPath),
      'grpc/reflection/v1/reflection.proto',
      'grpc/reflection/v1alpha/reflection.proto',
    ],
    { ...PROTO_LOADER_OPTIONS, keepCase: options.keepCase ?? false, includeDirs: [PROTO_DIR, healthDir, reflectionProtoDir()] },
  );
}

/** The service definition of `name` in `definition`; throws when it is not a service. */
export function serviceDefinition(definition: protoLoader.PackageDefinition, name: string): protoLoader.ServiceDefinition {
  const service = definition[name];
  if (!service || 'format' in service || 'fileDescriptorProtos' in service) {
    throw new Error(`${name} is not a service in the loaded protos`);
  }
  return service as protoLoader.ServiceDefinition;
}
