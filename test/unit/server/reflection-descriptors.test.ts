import assert from 'node:assert/strict';
import type { PackageDefinition } from '@grpc/proto-loader';
import { FileDescriptorProto } from 'protobufjs/ext/descriptor';
import { loadGroundstreamProtos } from '../../../src/server/proto-definitions';
import { mapEntryName, normalizeForReflection } from '../../../src/server/reflection-descriptors';

interface Field { name: string; typeName?: string }
interface Message { name: string; field?: Field[]; nestedType?: Message[]; options?: { mapEntry?: boolean } }
interface File { name: string; package: string; dependency?: string[]; messageType?: Message[]; service?: { method: { inputType: string; outputType: string }[] }[] }

function files(definition: PackageDefinition): Map<string, File> {
  const out = new Map<string, File>();
  for (const entry of Object.values(definition)) {
    for (const bytes of ((entry as { fileDescriptorProtos?: Buffer[] }).fileDescriptorProtos ?? [])) {
      const file = FileDescriptorProto.toObject(FileDescriptorProto.decode(bytes)) as File;
      out.set(file.name, file);
    }
  }
  return out;
}

function message(file: File, name: string): Message {
  const m = file.messageType?.find((x) => x.name === name);
  assert.ok(m, `${name} in ${file.name}`);
  return m;
}

describe('normalizeForReflection', () => {
  let before: Map<string, File>;
  let after: Map<string, File>;
  let definition: PackageDefinition;
  let normalized: PackageDefinition;

  beforeEach(() => {
    definition = loadGroundstreamProtos({ keepCase: true });
    normalized = normalizeForReflection(definition);
    before = files(definition);
    after = files(normalized);
  });

  const names: [string, string][] = [
    ['label_counts', 'LabelCountsEntry'],
    ['statuses', 'StatusesEntry'],
    ['a_b_c', 'ABCEntry'],
  ];
  for (const [field, entry] of names) it(`names the map entry of ${field} ${entry}`, () => assert.equal(mapEntryName(field), entry));

  it('renames map entries as protoc does and points the map field at them by full name', () => {
    const summary = message(after.get('groundstream_v1.proto')!, 'RunSummary');
    assert.deepEqual(summary.nestedType?.map((n) => [n.name, n.options?.mapEntry]), [['LabelCountsEntry', true]]);
    assert.equal(summary.field?.find((f) => f.name === 'label_counts')?.typeName, '.groundstream.v1.RunSummary.LabelCountsEntry');
    const health = message(after.get('grpc_health_v1.proto')!, 'HealthListResponse');
    assert.equal(health.nestedType?.[0].name, 'StatusesEntry');
  });

  it('fully qualifies every type name and declares the files they come from', () => {
    const gs = after.get('groundstream_v1.proto')!;
    assert.deepEqual(gs.dependency, ['google_protobuf.proto']);
    const event = message(gs, 'GroundingEvent');
    assert.equal(event.field?.find((f) => f.name === 'wall_time')?.typeName, '.google.protobuf.Timestamp');
    assert.equal(event.field?.find((f) => f.name === 'regions')?.typeName, '.groundstream.v1.Region');
    for (const file of after.values()) {
      const visit = (m: Message) => {
        for (const f of m.field ?? []) if (f.typeName) assert.match(f.typeName, /^\./, `${file.name} ${m.name}.${f.name}`);
        m.nestedType?.forEach(visit);
      };
      file.messageType?.forEach(visit);
      for (const s of file.service ?? []) for (const m of s.method) assert.match(m.inputType + m.outputType, /^\..*\.\w+\.\w+$/);
    }
  });

  it('keeps the .proto field names and leaves the original definition alone', () => {
    assert.ok(message(after.get('groundstream_v1.proto')!, 'GroundingEvent').field?.some((f) => f.name === 'event_id'));
    assert.equal(message(before.get('groundstream_v1.proto')!, 'RunSummary').nestedType?.[0].name, 'Label_counts', 'as protobufjs names it');
    assert.equal(normalized['groundstream.v1.GroundingService'], definition['groundstream.v1.GroundingService']);
  });
});
