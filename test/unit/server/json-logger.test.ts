import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { GroundstreamError } from '../../../src/core/errors';
import { createJsonLogger, type JsonLoggerOptions } from '../../../src/server/json-logger';

const FIXED = new Date('2026-01-02T03:04:05.678Z');

/** A logger writing into memory, with a fixed clock; `lines()` parses what it wrote, one JSON object per line. */
function capture(options: Omit<JsonLoggerOptions, 'stream'> = {}) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const log = createJsonLogger({ now: () => FIXED, ...options, stream });
  const text = () => chunks.join('');
  const lines = (): Record<string, unknown>[] => {
    const t = text();
    if (t === '') return [];
    assert.ok(t.endsWith('\n'), 'output does not end with a newline');
    return t.slice(0, -1).split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  return { log, lines, text };
}

describe('createJsonLogger', () => {
  it('writes one JSON object per line: time, level, msg first, then base, then fields', () => {
    const { log, lines, text } = capture({ base: { service: 'groundstream', pid: 42 } });
    log.info('listening', { port: 50051, host: '127.0.0.1' });
    log.warn('multi\nline message', { note: 'a\nb' });
    const [first, second] = lines();
    assert.deepEqual(first, { time: FIXED.toISOString(), level: 'info', msg: 'listening', service: 'groundstream', pid: 42, port: 50051, host: '127.0.0.1' });
    assert.deepEqual(Object.keys(first), ['time', 'level', 'msg', 'service', 'pid', 'port', 'host']);
    assert.equal(second.msg, 'multi\nline message');
    assert.equal(text().split('\n').length, 3, 'embedded newlines must be escaped, not split the line');
  });

  it('filters by level: info by default, debug shows everything, error only errors', () => {
    const levels = (options: Omit<JsonLoggerOptions, 'stream'>) => {
      const { log, lines } = capture(options);
      log.debug('d');
      log.info('i');
      log.warn('w');
      log.error('e');
      return lines().map((l) => l.level);
    };
    assert.deepEqual(levels({}), ['info', 'warn', 'error']);
    assert.deepEqual(levels({ level: 'debug' }), ['debug', 'info', 'warn', 'error']);
    assert.deepEqual(levels({ level: 'warn' }), ['warn', 'error']);
    assert.deepEqual(levels({ level: 'error' }), ['error']);
    const { log } = capture({ level: 'warn' });
    assert.equal(log.isEnabled('info'), false);
    assert.equal(log.isEnabled('error'), true);
  });

  it('child merges its fields over the parent’s, and keeps level, stream and clock', () => {
    const { log, lines } = capture({ base: { service: 'gs', stream: 'none' }, level: 'warn' });
    const child = log.child({ stream: 'cam-1', call: 7 });
    const grandchild = child.child({ call: 8 });
    child.info('filtered out');
    child.warn('lagging', { dropped: 3 });
    grandchild.error('failed');
    log.warn('parent unchanged');
    assert.deepEqual(lines(), [
      { time: FIXED.toISOString(), level: 'warn', msg: 'lagging', service: 'gs', stream: 'cam-1', call: 7, dropped: 3 },
      { time: FIXED.toISOString(), level: 'error', msg: 'failed', service: 'gs', stream: 'cam-1', call: 8 },
      { time: FIXED.toISOString(), level: 'warn', msg: 'parent unchanged', service: 'gs', stream: 'none' },
    ]);
  });

  it('does not let a field overwrite time, level or msg', () => {
    const { log, lines } = capture();
    log.error('real', { level: 'debug', msg: 'fake', time: 'then' });
    const [line] = lines();
    assert.equal(line.level, 'error');
    assert.equal(line.msg, 'real');
    assert.equal(line.time, FIXED.toISOString());
    assert.equal(line['fields.level'], 'debug');
    assert.equal(line['fields.msg'], 'fake');
  });

  it('serialises errors as {name, message, code?} without a stack, also when nested', () => {
    const { log, lines } = capture();
    const plain = new TypeError('bad thing');
    const coded = new GroundstreamError('truncated', 'clip.mp4', 'ended early');
    const sys = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    log.error('failed', { err: plain, coded, nested: { list: [sys] } });
    const [line] = lines();
    assert.deepEqual(line.err, { name: 'TypeError', message: 'bad thing' });
    assert.deepEqual(line.coded, { name: 'GroundstreamError', message: 'ended early', code: 'truncated' });
    assert.deepEqual(line.nested, { list: [{ name: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' }] });
  });

  it('adds the stack to errors at level debug', () => {
    const { log, lines } = capture({ level: 'debug' });
    log.error('failed', { err: new RangeError('out') });
    const err = lines()[0].err as Record<string, unknown>;
    assert.equal(err.name, 'RangeError');
    assert.equal(err.message, 'out');
    assert.match(String(err.stack), /RangeError: out\n\s+at /);
  });

  it('does not throw on cycles, BigInt, throwing getters or toJSON; writes fallback strings instead', () => {
    const { log, lines } = capture();
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    const shared = { x: 1 };
    const hostile = {
      get boom(): never {
        throw new Error('getter exploded');
      },
      ok: 1,
    };
    const badJson = { toJSON: () => { throw new Error('no json'); } };
    assert.doesNotThrow(() =>
      log.info('weird', { cyclic, big: 12345678901234567890n, pair: [shared, shared], hostile, badJson, nan: Number.NaN, sym: Symbol('s'), fn: function named() {} }),
    );
    const [line] = lines();
    assert.deepEqual(line.cyclic, { name: 'a', self: '[Circular]' });
    assert.equal(line.big, '12345678901234567890');
    assert.deepEqual(line.pair, [{ x: 1 }, { x: 1 }], 'a repeated, non-cyclic reference is not a cycle');
    assert.deepEqual(line.hostile, { boom: '[Unserializable: getter exploded]', ok: 1 });
    assert.equal(line.badJson, '[Unserializable: no json]');
    assert.equal(line.nan, 'NaN');
    assert.equal(line.sym, 'Symbol(s)');
    assert.equal(line.fn, '[Function named]');
  });

  it('writes Dates, Maps and Sets readably and caps depth', () => {
    const { log, lines } = capture();
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { deep };
    log.info('shapes', { when: new Date('2026-05-06T00:00:00Z'), map: new Map([['a', 1]]), set: new Set([1, 2]), deep });
    const [line] = lines();
    assert.equal(line.when, '2026-05-06T00:00:00.000Z');
    assert.deepEqual(line.map, { a: 1 });
    assert.deepEqual(line.set, [1, 2]);
    assert.match(JSON.stringify(line.deep), /"\[Object\]"/);
  });

  it('never throws from a log call: hostile fields object, broken clock, throwing or ended stream', () => {
    const fields = new Proxy({}, { ownKeys: () => { throw new Error('proxy trap'); } });
    const { log, lines } = capture();
    assert.doesNotThrow(() => log.warn('still logged', fields));
    assert.deepEqual(lines()[0], { time: lines()[0].time, level: 'warn', msg: 'still logged', logError: 'proxy trap' });

    const clock = capture({ now: () => { throw new Error('no clock'); } });
    clock.log.info('x');
    assert.match(String(clock.lines()[0].time), /^\d{4}-\d\d-\d\dT/);

    const throwing = { write: () => { throw new Error('EPIPE'); } } as unknown as NodeJS.WritableStream;
    assert.doesNotThrow(() => createJsonLogger({ stream: throwing }).error('x'));

    const ended = new PassThrough();
    let emitted: unknown;
    ended.on('error', (e) => { emitted = e; });
    ended.end();
    createJsonLogger({ stream: ended }).error('after end');
    return new Promise<void>((resolve) => setImmediate(() => {
      assert.equal(emitted, undefined, 'writing to an ended stream would emit an error nobody may handle');
      resolve();
    }));
  });

  it('defaults to process.stderr', () => {
    const original = process.stderr.write;
    const written: string[] = [];
    process.stderr.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stderr.write;
    try {
      createJsonLogger().info('to stderr', { n: 1 });
    } finally {
      process.stderr.write = original;
    }
    assert.equal(written.length, 1);
    const line = JSON.parse(written[0]) as Record<string, unknown>;
    assert.equal(line.msg, 'to stderr');
    assert.equal(line.n, 1);
  });
});
