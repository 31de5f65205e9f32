import assert from 'node:assert/strict';
import path from 'node:path';
import { GroundstreamCallError } from '../../../src/client/call-error';
import { createGroundstreamClient, type GroundstreamClient } from '../../../src/client/grounding-client';
import { BackpressurePolicy, EventKind, StreamState, type GroundingEvent } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { createGroundstreamServer, type GroundstreamServer } from '../../../src/server/grounding-server';
import type { LiveCallContext } from '../../../src/server/live-calls';
import { checkFileSource } from '../../../src/server/security';
import { dataFile, modelSearchPath } from '../../support/paths';
import { ffmpegChildren } from '../../support/processes';
import { collect, sleep, waitFor } from '../../support/wait';

type CallEnd = Parameters<NonNullable<LiveCallContext['onCallEnd']>>[0];
const frames = (events: GroundingEvent[]) => events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
const missedIn = (events: GroundingEvent[]) => events.reduce((n, e) => n + (e.kind === EventKind.EVENT_KIND_DROPPED ? e.drops?.missed ?? 0 : 0), 0);

describe('live streams over gRPC (real engine, ffmpeg and ORT; 127.0.0.1)', function () {
  this.timeout(180_000);
  let engine: Engine;
  let server: GroundstreamServer;
  let client: GroundstreamClient;
  const ends: CallEnd[] = [];
  const video = () => dataFile('video/vtest.avi');

  before(async () => {
    engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 1, sessionsPerModel: 2 });
    await engine.detector();
    server = createGroundstreamServer({
      groundVideo: (request, _signal, flow) => engine.groundVideo(request, { ready: flow.ready }),
      live: engine.live,
      checkSource: (source) => checkFileSource(source, [path.dirname(dataFile('video/vtest.avi'))]),
      liveHooks: { onCallEnd: (r) => ends.push(r) },
    });
    const { port } = await server.start();
    client = createGroundstreamClient(`127.0.0.1:${port}`);
  });

  after(async () => {
    client?.close();
    await server?.close();
    await engine?.close();
  });

  it('100 subscribers of one stream get identical event sequences; StopStream ends each with STREAM_END, and ffmpeg is gone', async () => {
    const info = await client.startStream({ streamId: 'campus', source: video(), query: 'people', fps: 5 });
    assert.equal(info.state, StreamState.STREAM_STATE_RUNNING);
    assert.deepEqual(info.query?.phrases.map((p) => p.phrase), ['people']);
    const subscriptions = Array.from({ length: 100 }, () => collect(client.subscribe({ streamId: 'campus', policy: BackpressurePolicy.BACKPRESSURE_POLICY_BUFFER, bufferSize: 1000 })));
    await waitFor('100 subscribers', async () => (await client.listStreams()).find((s) => s.streamId === 'campus')?.subscribers === 100, 15_000);
    const attachedAt = (await client.listStreams())[0].frames;
    await waitFor('10 frames after all attached', async () => (await client.listStreams())[0].frames >= attachedAt + 10, 30_000);
    const stopped = await client.stopStream('campus');
    assert.equal(stopped.state, StreamState.STREAM_STATE_ENDED);
    const results = await Promise.all(subscriptions);

    for (const r of results) {
      assert.equal(r.error, undefined);
      const last = r.events[r.events.length - 1];
      assert.equal(last.kind, EventKind.EVENT_KIND_STREAM_END);
      assert.deepEqual(last.notes, ['stopped by StopStream']);
      assert.equal(r.events.filter((e) => e.kind === EventKind.EVENT_KIND_DROPPED).length, 0);
      for (const e of frames(r.events)) assert.ok(e.regions.every((g) => g.label === 'person' && g.phrase === 'people'));
    }
    // From the first frame every subscriber saw, all sequences are the same.
    const firstShared = Math.max(...results.map((r) => frames(r.events)[0]?.frameIndex ?? Infinity));
    const ids = results.map((r) => r.events.filter((e) => e.kind !== EventKind.EVENT_KIND_FRAME || e.frameIndex >= firstShared).map((e) => `${e.eventId}/${e.regions.length}`));
    assert.ok(ids[0].length >= 10, `only ${ids[0].length} shared events`);
    for (const seq of ids) assert.deepEqual(seq, ids[0]);
    console.log(`      100 subscribers: ${ids[0].length} identical events each (frames ${firstShared}..)`);
    await waitFor('ffmpeg gone', () => ffmpegChildren().length === 0, 5000);
    assert.deepEqual(await client.listStreams(), []);
  });

  it('a subscriber that stops reading misses events under its policy (LATEST, DROP, BUFFER); the others and the stream are unaffected', async () => {
    await client.startStream({ streamId: 'slow', source: video(), fps: 10 });
    const fast = collect(client.subscribe({ streamId: 'slow', policy: BackpressurePolicy.BACKPRESSURE_POLICY_DROP, bufferSize: 1000 }));
    await waitFor('the fast subscriber', async () => (await client.listStreams())[0].subscribers === 1, 10_000);
    // Slow subscribers read one event, then nothing: gRPC flow control fills, then their queues.
    const stalled = (policy: BackpressurePolicy) => {
      const it = client.subscribe({ streamId: 'slow', policy, bufferSize: 8 })[Symbol.asyncIterator]();
      return { it, first: it.next() };
    };
    const slow = {
      latest: stalled(BackpressurePolicy.BACKPRESSURE_POLICY_LATEST),
      drop: stalled(BackpressurePolicy.BACKPRESSURE_POLICY_DROP),
      buffer: stalled(BackpressurePolicy.BACKPRESSURE_POLICY_BUFFER),
    };
    const firsts = await Promise.all(Object.values(slow).map((s) => s.first));
    await waitFor('the BUFFER subscriber to overflow', () => ends.some((e) => e.method === 'Subscribe' && e.code === 8), 60_000);
    await waitFor('the others to miss events', () => false, 3000).catch(() => undefined);
    await client.stopStream('slow');

    const drain = async (s: { it: AsyncIterator<GroundingEvent> }, first: IteratorResult<GroundingEvent>) => {
      const events: GroundingEvent[] = first.done ? [] : [first.value];
      try {
        for (let r = await s.it.next(); !r.done; r = await s.it.next()) events.push(r.value);
        return { events };
      } catch (error) {
        return { events, error };
      }
    };
    const [latest, drop, buffer] = await Promise.all([drain(slow.latest, firsts[0]), drain(slow.drop, firsts[1]), drain(slow.buffer, firsts[2])]);
    const all = await fast;

    // The fast subscriber saw every frame the stream grounded, in order, with nothing missed.
    assert.equal(all.error, undefined);
    assert.equal(missedIn(all.events), 0);
    const allFrames = frames(all.events).map((e) => e.frameIndex);
    for (let i = 1; i < allFrames.length; i++) assert.equal(allFrames[i] - allFrames[i - 1], 1, `frame ${allFrames[i - 1]} → ${allFrames[i]}`);

    // Nothing is buffered without bound: what a slow subscriber got plus what it was told it
    // missed is exactly what the stream published while it was attached.
    for (const [name, r] of [['LATEST', latest], ['DROP', drop]] as const) {
      assert.equal(r.error, undefined, `${name}: ${String(r.error)}`);
      const got = frames(r.events);
      const published = allFrames.filter((i) => i >= got[0].frameIndex).length;
      const missed = missedIn(r.events);
      assert.ok(missed > 0, `${name} missed nothing`);
      assert.equal(got.length + missed, published, `${name}: ${got.length} delivered + ${missed} missed vs ${published} published`);
      assert.equal(r.events[r.events.length - 1].kind, EventKind.EVENT_KIND_STREAM_END);
      const reasons = new Set(r.events.filter((e) => e.kind === EventKind.EVENT_KIND_DROPPED).map((e) => e.drops?.reason));
      assert.deepEqual([...reasons], [name === 'LATEST' ? 'latest' : 'drop']);
      console.log(`      ${name}: ${got.length} delivered, ${missed} missed of ${published}`);
    }
    assert.ok(buffer.error instanceof GroundstreamCallError && buffer.error.codeName === 'RESOURCE_EXHAUSTED', String(buffer.error));
    assert.match((buffer.error as Error).message, /buffer of 8 events/);
    await waitFor('ffmpeg gone', () => ffmpegChildren().length === 0, 5000);
  });

  it('a Session changes its query, filter and pause state without reconnecting; other subscribers keep theirs', async () => {
    await client.startStream({ streamId: 'steer', source: video(), query: 'people', fps: 5, loop: true });
    const plain = collect(client.subscribe({ streamId: 'steer' }));
    const session = client.session({ streamId: 'steer' });
    const attached = await session.attached;
    assert.equal(attached.ok, true);
    assert.deepEqual(attached.query?.phrases.map((p) => p.phrase), ['people']);
    const seen: GroundingEvent[] = [];
    const reading = (async () => { for await (const e of session.events) seen.push(e); })();
    await waitFor('session frames with people', () => frames(seen).filter((e) => e.regions.length > 0).length >= 3, 30_000);
    assert.ok(frames(seen).every((e) => e.regions.every((g) => g.label === 'person')));

    const bad = await session.setQuery('unicorns');
    assert.equal(bad.ok, false);
    assert.equal(bad.error?.code, 'nothing_groundable');
    const good = await session.setQuery('cars');
    assert.equal(good.ok, true);
    assert.deepEqual(good.query?.phrases.map((p) => p.phrase), ['cars']);
    const afterQuery = seen.length;
    await waitFor('frames after set_query', () => frames(seen.slice(afterQuery)).length >= 3, 30_000);
    // Events already on their way when the ack was written may still hold people; from the ack on, none.
    for (const e of frames(seen.slice(afterQuery))) assert.ok(e.regions.every((g) => g.label === 'car' && g.phrase === 'cars'), 'only cars after set_query');
    assert.ok(frames(seen.slice(0, afterQuery)).some((e) => e.regions.length > 0), 'people were seen before');

    const paused = await session.pause();
    assert.equal(paused.paused, true);
    await sleep(1500);
    const resumed = await session.resume();
    assert.equal(resumed.paused, false);
    await waitFor('a paused notice', () => seen.some((e) => e.kind === EventKind.EVENT_KIND_DROPPED && e.drops?.reason === 'paused'), 30_000);
    const notice = seen.find((e) => e.kind === EventKind.EVENT_KIND_DROPPED)!;
    assert.ok((notice.drops?.missed ?? 0) >= 3, `missed ${notice.drops?.missed} while paused 1.5 s at 5 fps`);

    // close() ends a session quietly; the stream and the other session go on
    const brief = client.session({ streamId: 'steer' });
    assert.equal((await brief.attached).ok, true);
    const briefEvents = collect(brief.events);
    brief.close();
    assert.equal((await briefEvents).error, undefined);
    await waitFor('the brief session detached', async () => (await client.listStreams())[0].subscribers === 2, 10_000);

    await client.stopStream('steer');
    await reading;
    const others = await plain;
    assert.equal(others.error, undefined);
    assert.ok(frames(others.events).every((e) => e.regions.every((g) => g.label === 'person')), 'the plain subscriber kept the stream query');
    assert.ok(frames(others.events).filter((e) => e.regions.length > 0).length >= 3, 'and saw people');
    assert.equal(missedIn(others.events), 0);
    assert.equal(seen[seen.length - 1].kind, EventKind.EVENT_KIND_STREAM_END);
  });

  it('bad requests: unknown stream, duplicate id, bad id, missing file, nothing groundable, a session on an unknown stream', async () => {
    const codeOf = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'OK';
      } catch (e) {
        return (e as GroundstreamCallError).codeName;
      }
    };
    assert.equal(await codeOf(client.stopStream('nope')), 'NOT_FOUND');
    assert.equal((await collect(client.subscribe({ streamId: 'nope' }))).error instanceof GroundstreamCallError, true);
    assert.equal(await codeOf(client.startStream({ streamId: 'bad id!', source: video() })), 'INVALID_ARGUMENT');
    assert.equal(await codeOf(client.startStream({ streamId: 'missing', source: path.join(path.dirname(video()), 'missing.mp4') })), 'NOT_FOUND');
    assert.equal(await codeOf(client.startStream({ streamId: 'unicorns', source: video(), query: 'unicorns' })), 'INVALID_ARGUMENT');
    await client.startStream({ streamId: 'twice', source: video(), fps: 1 });
    assert.equal(await codeOf(client.startStream({ streamId: 'twice', source: video() })), 'ALREADY_EXISTS');
    const session = client.session({ streamId: 'nope' });
    assert.equal(await codeOf(session.attached), 'NOT_FOUND');
    await client.stopStream('twice');
    assert.deepEqual(await client.listStreams(), []);
    await waitFor('ffmpeg gone', () => ffmpegChildren().length === 0, 5000);
  });

  it('starting, subscribing, cancelling and stopping 20 streams × 10 subscriptions leaves no ffmpeg and no growing handle count', async () => {
    const handles = () => process.getActiveResourcesInfo().length;
    let baseline = 0;
    for (let round = 0; round < 20; round++) {
      await client.startStream({ streamId: `loop-${round}`, source: dataFile('video/tree.avi'), fps: 2 });
      const aborts = Array.from({ length: 10 }, () => new AbortController());
      const subs = aborts.map((a) => collect(client.subscribe({ streamId: `loop-${round}` }, { signal: a.signal })));
      await waitFor('10 subscribers', async () => (await client.listStreams())[0]?.subscribers === 10, 10_000);
      for (const a of aborts) a.abort();
      const results = await Promise.all(subs);
      for (const r of results) assert.equal((r.error as Error)?.name, 'AbortError');
      await waitFor('subscriptions gone', async () => (await client.listStreams())[0]?.subscribers === 0, 10_000);
      await client.stopStream(`loop-${round}`);
      await waitFor('ffmpeg gone', () => ffmpegChildren().length === 0, 5000);
      if (round === 4) baseline = handles();
    }
    const cancelled = ends.filter((e) => e.method === 'Subscribe' && e.streamId.startsWith('loop-'));
    assert.equal(cancelled.length, 200);
    assert.ok(cancelled.every((e) => e.code === 1), 'every subscription ended CANCELLED');
    await sleep(200);
    assert.ok(handles() <= baseline + 3, `active handles grew from ${baseline} to ${handles()}`);
  });
});
