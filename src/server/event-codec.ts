import {
  BoxFormat,
  EventKind,
  Lifecycle,
  type DropNotice,
  type EventError,
  type Gap,
  type LiveStatus,
  type Segment,
  type GeoReference,
  type RleMask,
  type GroundingEvent,
  type PixelWindow,
  type Region,
  type GroundVideoRequest,
  type QueryPlan,
  type RunSummary,
} from '../core/events';
import { withVideoRequestDefaults } from '../core/video-request';
import { fromStructMessage, toStructMessage, type StructMessage } from './struct-codec';

/** google.protobuf.Timestamp as @grpc/proto-loader reads and writes it (`longs: Number`). */
export interface TimestampMessage {
  seconds: number;
  nanos: number;
}

/**
 * A GroundingEvent as @grpc/proto-loader serializes it: the plain event with `wallTime` as a
 * Timestamp message. Unset message fields come back from the wire as `null`, enum numbers the
 * schema does not know as numbers.
 */
export interface GroundingEventMessage extends Omit<GroundingEvent, 'wallTime' | 'arrivalTime' | 'query' | 'summary' | 'error' | 'kind' | 'lifecycle' | 'boxFormat' | 'window' | 'geo' | 'regions' | 'drops' | 'segment' | 'gap' | 'live'> {
  regions: (Omit<Region, 'geometry' | 'mask'> & { geometry?: StructMessage | null; mask?: RleMask | null })[];
  window?: PixelWindow | null;
  geo?: GeoReference | null;
  kind: EventKind | number;
  lifecycle: Lifecycle | number;
  boxFormat: BoxFormat | number;
  wallTime?: TimestampMessage | null;
  arrivalTime?: TimestampMessage | null;
  drops?: DropNotice | null;
  segment?: Segment | null;
  gap?: Gap | null;
  live?: LiveStatus | null;
  query?: QueryPlan | null;
  summary?: RunSummary | null;
  error?: EventError | null;
}

// RFC 3339 with an upper-case or lower-case T/Z, 1 to 9 fractional digits, Z or a numeric offset.
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 time (the proto3 JSON form of a Timestamp) into seconds and nanos since the
 * epoch, keeping nanosecond digits that a Date would drop.
 */
export function encodeTimestamp(text: string): TimestampMessage {
  const m = RFC3339.exec(text);
  const wholeMs = m ? Date.parse(`${m[1]}T${m[2]}Z`) : NaN;
  // Date.parse rolls over impossible dates (Feb 30); reformatting catches that.
  if (!m || Number.isNaN(wholeMs) || new Date(wholeMs).toISOString().slice(0, 19) !== `${m[1]}T${m[2]}`) {
    throw new RangeError(`not an RFC 3339 time: ${JSON.stringify(text)}`);
  }
  let seconds = wholeMs / 1000;
  const offset = m[4];
  if (offset !== 'Z' && offset !== 'z') {
    const sign = offset[0] === '-' ? -1 : 1;
    seconds -= sign * (Number(offset.slice(1, 3)) * 3600 + Number(offset.slice(4, 6)) * 60);
  }
  const nanos = m[3] ? Number(m[3].padEnd(9, '0')) : 0;
  return { seconds, nanos };
}

/**
 * Formats a Timestamp as RFC 3339 in UTC with 3, 6 or 9 fractional digits (the fewest that hold
 * the nanos, never fewer than 3), so a time made by `Date.toISOString()` comes back unchanged.
 */
export function decodeTimestamp(ts: TimestampMessage): string {
  const seconds = Number(ts.seconds);
  const nanos = Number(ts.nanos);
  if (!Number.isSafeInteger(seconds) || !Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) {
    throw new RangeError(`not a valid Timestamp: seconds ${ts.seconds}, nanos ${ts.nanos}`);
  }
  const iso = new Date(seconds * 1000).toISOString(); // always ends in ".000Z"
  const digits = nanos % 1_000_000 === 0 ? 3 : nanos % 1000 === 0 ? 6 : 9;
  return `${iso.slice(0, -5)}.${String(nanos).padStart(9, '0').slice(0, digits)}Z`;
}

function enumName<E extends Record<string, string>>(values: E, value: unknown): E[keyof E] {
  // proto-loader hands over numbers the schema does not know; ts-proto names those UNRECOGNIZED.
  return (typeof value === 'string' && value in values ? value : 'UNRECOGNIZED') as E[keyof E];
}

/**
 * Plain event → the object proto-loader serializes. `wallTime` becomes a Timestamp and region
 * geometries (plain GeoJSON) become google.protobuf.Struct; everything else passes through.
 */
export function encodeEvent(event: GroundingEvent): GroundingEventMessage {
  const { wallTime, arrivalTime, ...rest } = event;
  const message = { ...rest } as GroundingEventMessage;
  if (event.regions.some((r) => r.geometry)) {
    message.regions = event.regions.map(({ geometry, ...r }) => (geometry ? { ...r, geometry: toStructMessage(geometry) } : r));
  }
  if (wallTime !== undefined) message.wallTime = encodeTimestamp(wallTime);
  if (arrivalTime !== undefined) message.arrivalTime = encodeTimestamp(arrivalTime);
  return message;
}

/**
 * Object proto-loader deserialized → plain event: `wallTime` back to RFC 3339, unset message
 * fields left out (as in proto3 JSON), unknown enum numbers as `UNRECOGNIZED`.
 */
export function decodeEvent(message: GroundingEventMessage): GroundingEvent {
  const { wallTime, arrivalTime, drops, segment, gap, live, query, summary, error, kind, lifecycle, boxFormat, window, geo, regions, ...rest } = message;
  const event: GroundingEvent = {
    ...rest,
    regions: (regions ?? []).map(({ geometry, mask, ...r }) => ({
      ...r,
      ...(geometry != null ? { geometry: fromStructMessage(geometry) } : {}),
      ...(mask != null ? { mask } : {}),
    })),
    kind: enumName(EventKind, kind),
    lifecycle: enumName(Lifecycle, lifecycle),
    boxFormat: enumName(BoxFormat, boxFormat),
  };
  if (wallTime != null) event.wallTime = decodeTimestamp(wallTime);
  if (arrivalTime != null) event.arrivalTime = decodeTimestamp(arrivalTime);
  if (drops != null) event.drops = drops;
  if (segment != null) event.segment = segment;
  if (gap != null) event.gap = gap;
  if (live != null) event.live = live;
  if (query != null) event.query = query;
  if (summary != null) event.summary = summary;
  if (error != null) event.error = error;
  if (window != null) event.window = window;
  if (geo != null) event.geo = geo;
  return event;
}

/** A request as proto-loader deserialized it → a plain request with every field set. */
export function decodeGroundVideoRequest(message: Partial<GroundVideoRequest>): GroundVideoRequest {
  return withVideoRequestDefaults(message);
}
