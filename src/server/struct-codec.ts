/** google.protobuf.Value as @grpc/proto-loader reads and writes it (oneof `kind`). */
export interface ValueMessage {
  nullValue?: 'NULL_VALUE' | number | null;
  numberValue?: number | null;
  stringValue?: string | null;
  boolValue?: boolean | null;
  structValue?: StructMessage | null;
  listValue?: { values?: ValueMessage[] | null } | null;
  kind?: string;
}

/** google.protobuf.Struct as @grpc/proto-loader reads and writes it. */
export interface StructMessage {
  fields?: Record<string, ValueMessage> | null;
}

/** Plain JSON value → google.protobuf.Value (what proto3 JSON maps a Value to). */
export function toValueMessage(value: unknown): ValueMessage {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(toValueMessage) } };
  if (typeof value === 'object') return { structValue: toStructMessage(value as Record<string, unknown>) };
  throw new TypeError(`cannot put a ${typeof value} in a google.protobuf.Value`);
}

/** Plain JSON object → google.protobuf.Struct. */
export function toStructMessage(object: Record<string, unknown>): StructMessage {
  const fields: Record<string, ValueMessage> = {};
  for (const [k, v] of Object.entries(object)) if (v !== undefined) fields[k] = toValueMessage(v);
  return { fields };
}

/** google.protobuf.Value → plain JSON value. */
export function fromValueMessage(value: ValueMessage): unknown {
  if (value.numberValue != null) return value.numberValue;
  if (value.stringValue != null) return value.stringValue;
  if (value.boolValue != null) return value.boolValue;
  if (value.structValue != null) return fromStructMessage(value.structValue);
  if (value.listValue != null) return (value.listValue.values ?? []).map(fromValueMessage);
  return null;
}

/** google.protobuf.Struct → plain JSON object. */
export function fromStructMessage(struct: StructMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(struct.fields ?? {})) out[k] = fromValueMessage(v);
  return out;
}
