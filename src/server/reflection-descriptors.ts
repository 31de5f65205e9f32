import type { PackageDefinition } from '@grpc/proto-loader';
import { FileDescriptorProto } from 'protobufjs/ext/descriptor';

// The parts of descriptor.proto this module reads and rewrites (protobufjs toObject form).
interface FieldProto {
  name?: string;
  label?: number;
  type?: number;
  typeName?: string;
}
interface MessageProto {
  name?: string;
  field?: FieldProto[];
  nestedType?: MessageProto[];
  enumType?: { name?: string }[];
  options?: { mapEntry?: boolean };
}
interface FileProto {
  name?: string;
  package?: string;
  dependency?: string[];
  messageType?: MessageProto[];
  enumType?: { name?: string }[];
  service?: { method?: { inputType?: string; outputType?: string }[] }[];
}

/** The file descriptors a message or enum definition carries (services carry none). */
function descriptorsOf(entry: PackageDefinition[string]): Buffer[] | undefined {
  const descriptors = (entry as { fileDescriptorProtos?: unknown }).fileDescriptorProtos;
  return Array.isArray(descriptors) ? (descriptors as Buffer[]) : undefined;
}

/** protoc's name for the implicit entry message of a map field: `label_counts` → `LabelCountsEntry`. */
export function mapEntryName(fieldName: string): string {
  return `${fieldName.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}Entry`;
}

function join(scope: string, name: string): string {
  return scope ? `${scope}.${name}` : name;
}

function walkMessages(messages: MessageProto[] | undefined, scope: string, visit: (message: MessageProto, fqn: string) => void): void {
  for (const m of messages ?? []) {
    const fqn = join(scope, m.name ?? '');
    visit(m, fqn);
    walkMessages(m.nestedType, fqn, visit);
  }
}

/** Names each map entry as protoc does and points its field at it by full name. */
function renameMapEntries(file: FileProto): void {
  walkMessages(file.messageType, file.package ?? '', (message, fqn) => {
    for (const entry of message.nestedType ?? []) {
      if (!entry.options?.mapEntry) continue;
      const field = message.field?.find((f) => f.typeName === entry.name || f.typeName?.endsWith(`.${entry.name}`));
      if (!field?.name) continue;
      entry.name = mapEntryName(field.name);
      field.typeName = `.${fqn}.${entry.name}`;
    }
  });
}

/** Resolves `name` as protoc would from inside `scope`: innermost scope first, then outwards. */
function resolve(name: string, scope: string, symbols: ReadonlyMap<string, string>): string | undefined {
  if (name.startsWith('.')) return symbols.has(name.slice(1)) ? name.slice(1) : undefined;
  for (let s = scope; ; s = s.includes('.') ? s.slice(0, s.lastIndexOf('.')) : '') {
    const candidate = join(s, name);
    if (symbols.has(candidate)) return candidate;
    if (!s) return undefined;
  }
}

/**
 * Makes the file descriptors proto-loader builds acceptable to strict reflection clients (Go's
 * protodesc, used by buf curl and grpcurl). proto-loader, via protobufjs, leaves three gaps that
 * such clients reject: map entry messages not named `<Field>Entry`, type names not fully
 * qualified, and no `dependency` list, so a reference into another file (Timestamp) dangles.
 * Returns a copy of `definition` whose `fileDescriptorProtos` are fixed; serializers are shared.
 * Load the definition with `keepCase: true` so that field names are the .proto names.
 */
export function normalizeForReflection(definition: PackageDefinition): PackageDefinition {
  const encoded = new Set<Buffer>();
  for (const entry of Object.values(definition)) {
    for (const bytes of descriptorsOf(entry) ?? []) encoded.add(bytes);
  }
  // One decoded copy per distinct file; entries share the same file buffers.
  const files = new Map<string, FileProto>();
  for (const bytes of encoded) {
    const file = FileDescriptorProto.toObject(FileDescriptorProto.decode(bytes), { defaults: false, enums: Number }) as FileProto;
    if (file.name && !files.has(file.name)) files.set(file.name, file);
  }
  for (const file of files.values()) renameMapEntries(file);

  const symbols = new Map<string, string>(); // full name → file name
  for (const [name, file] of files) {
    const pkg = file.package ?? '';
    for (const e of file.enumType ?? []) symbols.set(join(pkg, e.name ?? ''), name);
    walkMessages(file.messageType, pkg, (m, fqn) => {
      symbols.set(fqn, name);
      for (const e of m.enumType ?? []) symbols.set(join(fqn, e.name ?? ''), name);
    });
  }

  const rewritten = new Map<string, Buffer>();
  for (const [name, file] of files) {
    const deps = new Set<string>(file.dependency ?? []);
    const qualify = (typeName: string | undefined, scope: string): string | undefined => {
      if (!typeName) return typeName;
      const full = resolve(typeName, scope, symbols);
      if (!full) return typeName;
      const home = symbols.get(full)!;
      if (home !== name) deps.add(home);
      return `.${full}`;
    };
    walkMessages(file.messageType, file.package ?? '', (m, fqn) => {
      for (const f of m.field ?? []) f.typeName = qualify(f.typeName, fqn);
    });
    for (const service of file.service ?? []) {
      for (const method of service.method ?? []) {
        method.inputType = qualify(method.inputType, file.package ?? '');
        method.outputType = qualify(method.outputType, file.package ?? '');
      }
    }
    file.dependency = [...deps];
    rewritten.set(name, Buffer.from(FileDescriptorProto.encode(FileDescriptorProto.fromObject(file)).finish()));
  }

  const byBuffer = new Map<Buffer, Buffer>();
  for (const bytes of encoded) {
    const file = FileDescriptorProto.decode(bytes) as unknown as FileProto;
    byBuffer.set(bytes, rewritten.get(file.name ?? '') ?? bytes);
  }
  const out: PackageDefinition = {};
  for (const [key, entry] of Object.entries(definition)) {
    const descriptors = descriptorsOf(entry);
    out[key] = descriptors ? ({ ...entry, fileDescriptorProtos: descriptors.map((b) => byBuffer.get(b) ?? b) } as typeof entry) : entry;
  }
  return out;
}
