/** Log levels, least severe first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const SEVERITY: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys every line starts with; fields of the same name cannot overwrite them (see {@link JsonLogger}). */
const RESERVED = new Set(['time', 'level', 'msg']);

/** Deeper than this, objects are written as "[Object]": a log line is not a heap dump. */
const MAX_DEPTH = 8;

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Where lines go. Default process.stderr, so stdout stays free for data. */
  stream?: NodeJS.WritableStream;
  /** The least severe level written. Default info. At debug, errors also carry their stack. */
  level?: LogLevel;
  /** Fields on every line. */
  base?: Record<string, unknown>;
  /** The clock, for tests. Default () => new Date(). */
  now?: () => Date;
}

/**
 * Writes one JSON object per line: `{"time","level","msg",...base,...fields}`. A field named
 * time, level or msg is kept as `fields.<name>` rather than overwriting the line's own.
 * No call ever throws.
 */
export interface JsonLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** True when a line of `level` would be written, to skip building costly fields. */
  isEnabled(level: LogLevel): boolean;
  /** A logger with the same stream, level and clock whose lines also carry `fields`. */
  child(fields: Record<string, unknown>): JsonLogger;
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

/**
 * Turns a value into something JSON.stringify cannot throw on. Errors become {name, message, code?}
 * (own properties are not enumerable, so they would otherwise log as {}); BigInt becomes its
 * decimal string; a cycle becomes "[Circular]". Only ancestors count as a cycle, so one object
 * referenced twice side by side is written twice, not flagged.
 */
function toJsonSafe(value: unknown, withStack: boolean, ancestors: object[], depth: number): unknown {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
    case 'number':
      // JSON has no NaN or Infinity; null would hide that something odd happened.
      return Number.isFinite(value) ? value : String(value);
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (ancestors.includes(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  ancestors.push(value);
  try {
    if (value instanceof Error) {
      const out: Record<string, unknown> = { name: value.name, message: value.message };
      const code: unknown = (value as { code?: unknown }).code;
      if (code !== undefined) out.code = toJsonSafe(code, withStack, ancestors, depth + 1);
      if (withStack && value.stack !== undefined) out.stack = value.stack;
      return out;
    }
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toJsonSafe(toJSON.call(value), withStack, ancestors, depth + 1);
    if (Array.isArray(value)) return value.map((item) => safeChild(() => item, withStack, ancestors, depth));
    if (value instanceof Map) return safeChild(() => Object.fromEntries(value), withStack, ancestors, depth);
    if (value instanceof Set) return safeChild(() => [...value], withStack, ancestors, depth);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = safeChild(() => (value as Record<string, unknown>)[key], withStack, ancestors, depth);
    return out;
  } finally {
    ancestors.pop();
  }
}

/**
 * One property or element; a getter or toJSON that throws costs that value, not the line.
 * Takes a getter for the value so that reading the property happens inside the try as well.
 */
function safeChild(read: () => unknown, withStack: boolean, ancestors: object[], depth: number): unknown {
  try {
    return toJsonSafe(read(), withStack, ancestors, depth + 1);
  } catch (error) {
    return `[Unserializable: ${describe(error)}]`;
  }
}

/** Skips a stream that can no longer take writes: writing would emit an 'error' nobody may listen for. */
function writable(stream: NodeJS.WritableStream): boolean {
  const s = stream as { destroyed?: boolean; writableEnded?: boolean };
  return s.destroyed !== true && s.writableEnded !== true;
}

/**
 * Creates a logger that writes one JSON object per line.
 *
 * @example
 * const log = createJsonLogger({ base: { service: 'groundstream' } });
 * log.info('server listening', { port: 50051 });
 * log.child({ streamId: 'cam-1' }).warn('subscriber lagging', { dropped: 12 });
 * // {"time":"2026-01-01T00:00:00.000Z","level":"warn","msg":"subscriber lagging","service":"groundstream","streamId":"cam-1","dropped":12}
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): JsonLogger {
  const stream = options.stream ?? process.stderr;
  const threshold = SEVERITY[options.level ?? 'info'] ?? SEVERITY.info;
  const withStack = threshold <= SEVERITY.debug;
  const now = options.now ?? (() => new Date());
  return makeLogger({ ...options.base });

  function makeLogger(base: Record<string, unknown>): JsonLogger {
    const line = (level: LogLevel, msg: string, fields: Record<string, unknown> | undefined): string => {
      let time: string;
      try {
        time = now().toISOString();
      } catch {
        // A broken injected clock (or an invalid Date) should not cost the line.
        time = new Date().toISOString();
      }
      const record: Record<string, unknown> = { time, level, msg: typeof msg === 'string' ? msg : String(msg) };
      const merged = { ...base, ...fields };
      for (const key of Object.keys(merged)) {
        record[RESERVED.has(key) ? `fields.${key}` : key] = safeChild(() => merged[key], withStack, [], -1);
      }
      return `${JSON.stringify(record)}\n`;
    };

    const log = (level: LogLevel, msg: string, fields: Record<string, unknown> | undefined): void => {
      if (SEVERITY[level] < threshold) return;
      try {
        let text: string;
        try {
          text = line(level, msg, fields);
        } catch (error) {
          // Spreading a hostile fields object (a throwing getter or proxy) is the only way here; keep the message.
          text = `${JSON.stringify({ time: new Date().toISOString(), level, msg: String(msg), logError: describe(error) })}\n`;
        }
        if (writable(stream)) stream.write(text);
      } catch {
        // The stream itself threw; a log call must never take down the caller.
      }
    };

    return {
      debug: (msg, fields) => log('debug', msg, fields),
      info: (msg, fields) => log('info', msg, fields),
      warn: (msg, fields) => log('warn', msg, fields),
      error: (msg, fields) => log('error', msg, fields),
      isEnabled: (level) => SEVERITY[level] >= threshold,
      child: (fields) => {
        try {
          return makeLogger({ ...base, ...fields });
        } catch {
          return makeLogger(base);
        }
      },
    };
  }
}
