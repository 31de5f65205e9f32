import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { finalize, interval, map, NEVER, Observable, throwError } from 'rxjs';
import { GroundstreamCallError } from '../../../src/client/call-error';
import { createGroundstreamClient, type GroundstreamClient } from '../../../src/client/grounding-client';
import { GroundstreamError } from '../../../src/core/errors';
import { BoxFormat, EventKind, Lifecycle, type GroundingEvent } from '../../../src/core/events';
import type { Detector } from '../../../src/models/detector';
import {
  createGroundstreamServer,
  type GroundstreamServerOptions,
  type CallReport,
  type GroundVideoHandler,
} from '../../../src/server/grounding-server';
import { HEALTH_SERVICE_NAME, loadGroundstreamProtos, serviceDefinition } from '../../../src/server/proto-definitions';
import { createTestDetector, pipelineHandler } from './synthetic-video';
import { collect, sleep, waitFor } from '../../support/wait';

function event(i: number, regions = 1): GroundingEvent {
  return {
    eventId: `fake:frame:${i}`, streamId: 'fake', sceneId: '', kind: EventKind.EVENT_KIND_FRAME, lifecycle: Lifecycle.LIFECYCLE_UNSPECIFIED,
    ptsSec: i / 10, wallTime: '2026-01-01T00:00:00.000Z', frameIndex: i, width: 640, height: 480, boxFormat: BoxFormat.BOX_FORMAT_XYXY,
    regions: Array.from({ length: regions }, (_, r) => ({
      regionId: `f${i}r${r}`, box: [r, r + 0.5, r + 10, r + 20.25], label: 'person', classId: 0, score: 0.5, phrase: 'people', trackId: r, modelId: 'fake', nativeBox: [], tileId: '', text: '', polygon: [],
    })),
    captions: [], models: [{ id: 'fake', version: 'v1' }], tileId: '', notes: [],
  };
}

describe('groundstream gRPC server (real grpc-js client over 127.0.0.1)', function () {
  this.timeout(60_000);
  let detector: Detector;
  let server: ReturnType<typeof createGroundstreamServer> | undefined;
  let client: GroundstreamClient | undefined;
  const reports: CallReport[] = [];

  before(async () => {
    detector = await createTestDetector();
  });
  after(async () => {
    await detector?.dispose();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await server?.close();
    server = undefined;
    reports.length = 0;
  });

  async function serve(groundVideo: GroundVideoHandler, options: Partial<GroundstreamServerOptions> = {}, channelOptions?: grpc.ChannelOptions) {
    server = createGroundstreamServer({ groundVideo, version: '0.1.0-test', onCallEnd: (r) => reports.push(r), ...options });
    const { port } = await server.start();
    assert.ok(port > 0);
    client = createGroundstreamClient(`127.0.0.1:${port}`, { channelOptions });
    return { port, client };
  }

  it('streams the pipeline events in order, decoding to the same plain objects', async () => {
    const { handler, probe } = pipelineHandler(detector, { frames: 8 });
    const { client } = await serve(handler);
    const { events, error } = await collect(client.groundVideo({ source: 'synthetic.mp4', query: 'person', streamId: 'cam1' }));
    assert.equal(error, undefined);
    assert.equal(events.length, 9);
    assert.deepStrictEqual(events, probe.emitted);
    assert.deepEqual(events.map((e) => e.kind), [...Array(8).fill(EventKind.EVENT_KIND_FRAME), EventKind.EVENT_KIND_SUMMARY]);
    assert.deepEqual(events.slice(0, 8).map((e) => e.frameIndex), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(events.slice(0, 8).map((e) => e.ptsSec), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    for (const e of events.slice(0, 8)) {
      assert.equal(e.streamId, 'cam1');
      assert.equal(e.boxFormat, BoxFormat.BOX_FORMAT_XYXY);
      assert.ok(e.regions.length > 0, 'the figure is detected');
      for (const r of e.regions) assert.equal(r.box.length, 4);
      assert.match(e.wallTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    assert.equal(events[8].summary?.frames, 8);
    assert.equal(events[8].query?.text, 'person');
    assert.deepEqual(reports.map((r) => [r.outcome, r.code, r.written]), [['completed', grpc.status.OK, 9]]);
    assert.equal(reports[0].source, 'synthetic.mp4');
    assert.equal(reports[0].method, 'GroundVideo');
  });

  it('maps a GroundstreamError to its status, with the message as details and code and input in metadata', async () => {
    const cases: [string, GroundVideoHandler][] = [
      ['an Observable that errors', () => throwError(() => new GroundstreamError('input_not_found', '/no/such.mp4', 'input not found: /no/such.mp4'))],
      ['a handler that throws', () => { throw new GroundstreamError('input_not_found', '/no/such.mp4', 'input not found: /no/such.mp4'); }],
    ];
    for (const [name, handler] of cases) {
      const { client } = await serve(handler);
      const { events, error } = await collect(client.groundVideo({ source: '/no/such.mp4' }));
      assert.deepEqual(events, [], name);
      assert.ok(error instanceof GroundstreamCallError, name);
      assert.equal(error.code, grpc.status.NOT_FOUND, name);
      assert.equal(error.codeName, 'NOT_FOUND');
      assert.equal(error.message, 'input not found: /no/such.mp4');
      assert.equal(error.details, 'input not found: /no/such.mp4');
      assert.equal(error.errorCode, 'input_not_found');
      assert.equal(error.input, '/no/such.mp4');
      client.close();
      await server!.close();
    }
  });

  it('maps errors of other codes (nothing_groundable → INVALID_ARGUMENT, ffmpeg_missing → FAILED_PRECONDITION, plain → INTERNAL)', async () => {
    const cases: [Error, grpc.status][] = [
      [new GroundstreamError('nothing_groundable', 'unicorns', 'not groundable: unicorns'), grpc.status.INVALID_ARGUMENT],
      [new GroundstreamError('ffmpeg_missing', 'ffmpeg', 'ffmpeg is not installed'), grpc.status.FAILED_PRECONDITION],
      [new TypeError('oops'), grpc.status.INTERNAL],
    ];
    let i = 0;
    const { client } = await serve(() => throwError(() => cases[i++][0]));
    for (const [err, code] of cases) {
      const { error } = await collect(client.groundVideo({ source: 'x' }));
      assert.ok(error instanceof GroundstreamCallError);
      assert.equal(error.code, code, err.message);
      assert.equal(error.message, err.message);
    }
  });

  it('delivers the frames decoded before a truncation, then DATA_LOSS', async () => {
    const { handler, probe } = pipelineHandler(detector, { frames: 10, truncateAfter: 3 });
    const { client } = await serve(handler);
    const { events, error } = await collect(client.groundVideo({ source: 'cut.mp4', streamId: 'cut' }));
    assert.deepEqual(events.map((e) => e.frameIndex), [0, 1, 2]);
    assert.deepStrictEqual(events, probe.emitted);
    assert.ok(error instanceof GroundstreamCallError);
    assert.equal(error.code, grpc.status.DATA_LOSS);
    assert.equal(error.errorCode, 'truncated');
    assert.equal(error.input, 'cut.mp4');
    assert.match(error.message, /truncated/);
  });

  it('cancelling mid-stream (AbortSignal) unsubscribes the pipeline, closes its source and aborts the handler signal', async () => {
    const { handler, probe } = pipelineHandler(detector, { frames: 100_000 });
    const { client } = await serve(handler);
    const abort = new AbortController();
    const received: GroundingEvent[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of client.groundVideo({ source: 'long.mp4' }, { signal: abort.signal })) {
          received.push(e);
          if (received.length === 3) abort.abort();
        }
      })(),
      (e: unknown) => e instanceof DOMException && e.name === 'AbortError',
    );
    const cancelledAt = Date.now();
    await waitFor('the pipeline teardown', () => probe.tornDownAt !== undefined);
    assert.ok(probe.tornDownAt! - cancelledAt < 5000);
    await waitFor('the frame source to close', () => probe.videos[0].closed);
    assert.equal(probe.signals[0].aborted, true);
    assert.ok(probe.videos[0].pulled < 1000, `pulled ${probe.videos[0].pulled} frames`);
    await waitFor('the call report', () => reports.length === 1);
    assert.equal(reports[0].outcome, 'cancelled');
  });

  it('leaving the loop early cancels the call and unsubscribes the pipeline', async () => {
    const { handler, probe } = pipelineHandler(detector, { frames: 100_000 }, { pace: true });
    const { client } = await serve(handler);
    let n = 0;
    for await (const _ of client.groundVideo({ source: 'long.mp4' })) if (++n === 2) break;
    await waitFor('the pipeline teardown', () => probe.tornDownAt !== undefined);
    await waitFor('the frame source to close', () => probe.videos[0].closed);
  });

  it('honours the deadline: DEADLINE_EXCEEDED for the client, pipeline unsubscribed on the server', async () => {
    let tornDown = false;
    let signal: AbortSignal | undefined;
    const { client } = await serve((_r, s) => {
      signal = s;
      return NEVER.pipe(finalize(() => { tornDown = true; }));
    });
    const { error } = await collect(client.groundVideo({ source: 'x' }, { deadline: Date.now() + 300 }));
    assert.ok(error instanceof GroundstreamCallError);
    assert.equal(error.code, grpc.status.DEADLINE_EXCEEDED);
    await waitFor('the teardown', () => tornDown);
    assert.equal(signal?.aborted, true);
  });

  it('a client that stops reading stops a paced pipeline, which resumes when the client reads again', async () => {
    const { handler, probe } = pipelineHandler(detector, { frames: 100_000 }, { pace: true });
    // A small HTTP/2 window keeps the transport's own buffering (about 16 KiB on each side, plus
    // 16 messages in each grpc-js stream, plus the window) small, so the plateau comes quickly.
    const { client } = await serve(handler, { maxQueuedEvents: 8 }, { 'grpc-node.flow_control_window': 1024 });
    const pulled = () => probe.videos[0]?.pulled ?? 0;
    let read = 0;
    let plateau = 0;
    for await (const _ of client.groundVideo({ source: 'long.mp4' })) {
      read++;
      if (read === 1) {
        // Stop reading until the source waits for the client (backpressure reached it), then a bit longer.
        await waitFor('the source to wait for the client', () => probe.blocked > 0, 30_000);
        plateau = pulled();
        await sleep(300);
        assert.equal(pulled(), plateau, 'the source stays stopped while the client does not read');
        assert.equal(probe.blocked, 1);
      }
      if (read === plateau + 20) break;
    }
    // ~235-byte events: (16 KiB + 1 KiB) / 235 + 2 × 16 ≈ 105 in transit, 1 in inference.
    assert.ok(plateau - 1 <= 150, `the source ran ${plateau - 1} frames ahead of a client that stopped reading`);
    assert.ok(pulled() > plateau, 'reading again resumed the source');
    await waitFor('the call report', () => reports.length === 1);
    assert.ok(reports[0].maxQueued <= 1, `maxQueued ${reports[0].maxQueued}: paced, at most the frame in inference waits`);
    assert.equal(reports[0].outcome, 'cancelled');
  });

  it('a handler that ignores ready() and outruns a client that stopped reading fails with RESOURCE_EXHAUSTED, queue bounded', async () => {
    const maxQueuedEvents = 16;
    let tornDown = false;
    let produced = 0;
    const flood = interval(1).pipe(map((i) => { produced++; return event(i, 50); }), finalize(() => { tornDown = true; }));
    const { client } = await serve(() => flood, { maxQueuedEvents }, { 'grpc-node.flow_control_window': 1024 });
    const received: GroundingEvent[] = [];
    let error: unknown;
    try {
      for await (const e of client.groundVideo({ source: 'x' })) {
        received.push(e);
        if (received.length === 1) await sleep(1500); // stop reading for a while
      }
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof GroundstreamCallError);
    assert.equal(error.code, grpc.status.RESOURCE_EXHAUSTED);
    assert.ok(tornDown);
    assert.deepEqual(received.map((e) => e.frameIndex), received.map((_, i) => i), 'what arrived is in order, without gaps');
    await waitFor('the call report', () => reports.length === 1);
    assert.equal(reports[0].maxQueued, maxQueuedEvents, 'the queue filled to its limit and no further');
    assert.equal(reports[0].outcome, 'failed');
    assert.ok(produced < 1000, `produced ${produced}`);
  });

  it('starts once, closes idempotently, and closes before a start', async () => {
    await serve(() => NEVER);
    await assert.rejects(server!.start(), /cannot start/);
    await server!.close();
    await server!.close();
    await createGroundstreamServer({ groundVideo: () => NEVER }).close();
  });

  it('names the address when it cannot listen (port taken)', async () => {
    const { port } = await serve(() => NEVER);
    const second = createGroundstreamServer({ groundVideo: () => NEVER, port });
    await assert.rejects(second.start(), new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}`));
    await second.close();
  });

  it('reports health SERVING for the server and the service, NOT_FOUND for other services', async () => {
    const { client } = await serve(() => NEVER);
    assert.equal(await client.health(), 'SERVING');
    assert.equal(await client.health('groundstream.v1.GroundingService'), 'SERVING');
    await assert.rejects(client.health('no.such.Service'), (e: unknown) => e instanceof GroundstreamCallError && e.code === grpc.status.NOT_FOUND);
  });

  it('turns health to NOT_SERVING on shutdown, and cuts off calls that outlive the shutdown timeout', async () => {
    let tornDown = false;
    const { port } = await serve(() => new Observable<GroundingEvent>(() => () => { tornDown = true; }), { shutdownTimeoutMs: 500 });
    const Health = grpc.makeGenericClientConstructor(serviceDefinition(loadGroundstreamProtos(), HEALTH_SERVICE_NAME) as grpc.ServiceDefinition, 'Health');
    const raw = new Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
      Watch(req: { service: string }): grpc.ClientReadableStream<{ status: string }>;
    };
    const watch = raw.Watch({ service: 'groundstream.v1.GroundingService' });
    const statuses: string[] = [];
    watch.on('data', (m: { status: string }) => statuses.push(m.status));
    watch.on('error', () => undefined);
    await waitFor('SERVING', () => statuses.includes('SERVING'));
    const stream = collect(client!.groundVideo({ source: 'x' }));
    await sleep(100);
    const start = Date.now();
    await server!.close();
    assert.ok(Date.now() - start < 3000);
    await waitFor('NOT_SERVING', () => statuses.includes('NOT_SERVING'));
    assert.deepEqual(statuses, ['SERVING', 'NOT_SERVING']);
    const { error } = await stream;
    assert.ok(error instanceof GroundstreamCallError);
    await waitFor('the handler teardown', () => tornDown);
    raw.close();
  });
});
