import assert from 'node:assert/strict';
import { writeFileSync, chmodSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isGroundstreamError } from '../../../../src/core/errors';
import type { Frame } from '../../../../src/core/frame';
import { backoffDelayMs, createLiveVideoSource, createVideoSource, DEFAULT_BACKOFF } from '../../../../src/sources/video';
import { dataFile } from '../../../support/paths';
import { assertNoFfmpegChildren, ffmpegChildren } from '../../../support/processes';
import { collect, sleep, waitFor } from '../../../support/wait';
import { clipFolder, makeCfrClip } from './clips';
import {
  closedPort,
  makeHlsSegments,
  rtspServerPackageMissing,
  startLiveHlsServer,
  startNpmRtspServer,
  startRelayRtspServer,
  startRtspPublisher,
  type HlsSegment,
  type LiveHlsServer,
  type RtspPublisher,
  type RtspTestServer,
} from './live-servers';

/** The p-th percentile (0..100) of some numbers, nearest rank. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function assertIncreasing(frames: Frame[]): void {
  for (let i = 1; i < frames.length; i++) {
    assert.ok(frames[i].ptsSec > frames[i - 1].ptsSec, `media time went from ${frames[i - 1].ptsSec} to ${frames[i].ptsSec} at frame ${i}`);
    assert.ok(frames[i].index > frames[i - 1].index, `index went from ${frames[i - 1].index} to ${frames[i].index} at frame ${i}`);
  }
}

describe('createLiveVideoSource', () => {
  const clips = clipFolder();
  afterEach(() => assertNoFfmpegChildren());
  after(() => clips.remove());

  describe('a file played at its own rate for a slow consumer', () => {
    it('drops the oldest frames, reports them, and keeps the lag bounded (25 fps, 200 ms a frame, 8 s)', async function () {
      this.timeout(60_000);
      const file = makeCfrClip(clips.file('cfr25.mp4'), { rate: 25, seconds: 12, size: '320x240' });
      const source = createLiveVideoSource(file, { width: 160, height: 120 });
      const lagsMs: number[] = [];
      const frames: Frame[] = [];
      const startMs = Date.now();
      for await (const f of source.frames()) {
        assert.ok(f.arrivalMs !== undefined && f.droppedBefore !== undefined, 'live frames carry arrivalMs and droppedBefore');
        lagsMs.push(Date.now() - f.arrivalMs);
        frames.push(f);
        await sleep(200);
        if (Date.now() - startMs >= 8500) break;
      }
      const droppedSum = frames.reduce((n, f) => n + (f.droppedBefore ?? 0), 0);
      const s = source.stats;
      console.log(
        `      ${frames.length} delivered in ${((Date.now() - startMs) / 1000).toFixed(1)} s, ${s.framesDropped} dropped ` +
          `(droppedBefore sum ${droppedSum}), ${s.framesDecoded} decoded; lag p50 ${percentile(lagsMs, 50)} ms, ` +
          `p95 ${percentile(lagsMs, 95)} ms, max ${Math.max(...lagsMs)} ms; maxBuffered ${s.maxBuffered}`,
      );
      assert.ok(frames.length >= 30, `${frames.length} frames in 8 s at 200 ms each`);
      assert.ok(s.framesDropped > 100, `${s.framesDropped} dropped of ${s.framesDecoded}`);
      // Each drop is told on the next delivered frame; the ones after the last delivered frame are not.
      assert.ok(droppedSum <= s.framesDropped && s.framesDropped - droppedSum <= 2 * 8, `${droppedSum} told of ${s.framesDropped}`);
      // ffmpeg reports a frame on stderr before its pixels are read: a few decoded ones were still in the pipe.
      const unaccounted = s.framesDecoded - s.framesDelivered - s.framesDropped;
      assert.ok(unaccounted >= 0 && unaccounted <= 8, `${unaccounted} decoded frames neither delivered nor dropped`);
      assert.ok(percentile(lagsMs, 95) < 1000, `lag p95 ${percentile(lagsMs, 95)} ms`);
      assert.ok(s.maxBuffered <= 2, `buffered ${s.maxBuffered}`);
      // Dropped frames leave holes in the indices; media time follows the file's own clock.
      assertIncreasing(frames);
      frames.forEach((f) => assert.ok(Math.abs(f.ptsSec - f.index / 25) < 1e-6, `frame ${f.index} at ${f.ptsSec}`));
      const mediaSpanSec = frames[frames.length - 1].ptsSec - frames[0].ptsSec;
      const wallSpanSec = (frames[frames.length - 1].arrivalMs! - frames[0].arrivalMs!) / 1000;
      assert.ok(Math.abs(mediaSpanSec - wallSpanSec) < 0.5, `played at its own rate: ${mediaSpanSec} s of media in ${wallSpanSec} s`);
      assert.deepEqual([s.reconnects, s.gaps], [0, 0]);
    });

    it('ends with the file, without reconnecting, and a fast consumer loses nothing', async function () {
      this.timeout(30_000);
      const file = makeCfrClip(clips.file('short25.mp4'), { rate: 25, seconds: 2, size: '160x120' });
      const source = createLiveVideoSource(file, { gapSec: 1 });
      const { events, error } = await collect(source.frames());
      assert.equal(error, undefined);
      assert.equal(events.length + source.stats.framesDropped, 50);
      assert.ok(source.stats.framesDropped <= 2, `${source.stats.framesDropped} dropped`);
      assert.deepEqual([source.stats.reconnects, source.stats.gaps], [0, 0]);
    });

    it('createVideoSource with realtime stamps arrivalMs but never drops (backpressure)', async () => {
      const source = createVideoSource(dataFile('video/vtest.avi'), { realtime: true, width: 32, height: 32 });
      const frames: Frame[] = [];
      for await (const f of source.frames()) {
        frames.push(f);
        if (frames.length === 5) break;
      }
      assert.deepEqual(frames.map((f) => f.index), [0, 1, 2, 3, 4]);
      frames.forEach((f) => {
        assert.equal(typeof f.arrivalMs, 'number');
        assert.equal(f.droppedBefore, undefined);
      });
      const [plain] = await collect(createVideoSource(dataFile('video/vtest.avi'), { endSec: 0.1 }).frames()).then((r) => r.events);
      assert.equal(plain.arrivalMs, undefined, 'a file read as fast as it decodes has no arrival time');
    });
  });

  describe('HLS over HTTP', () => {
    let segments: HlsSegment[];
    let server: LiveHlsServer | undefined;
    const hlsDir = clipFolder();
    before(function () {
      this.timeout(60_000);
      segments = makeHlsSegments(dataFile('video/car-detection.mp4'), hlsDir.dir, 24);
    });
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });
    after(() => hlsDir.remove());

    it('a 3 s outage of the server makes exactly one gap; frames resume, media time runs on, the stream ends at ENDLIST', async function () {
      this.timeout(120_000);
      server = await startLiveHlsServer(hlsDir.dir, segments);
      const live = server;
      const source = createLiveVideoSource(live.url, { width: 160, height: 90, reconnect: { initialDelayMs: 300, maxDelayMs: 1000 } });
      assert.equal((await source.info()).durationSec, undefined, 'a live playlist has no duration');
      const frames: Frame[] = [];
      let outageAtMs: number | undefined;
      let backAtMs: number | undefined;
      let outage: Promise<void> | undefined;
      let framesAfterGap = 0;
      const startMs = Date.now();
      for await (const f of source.frames()) {
        frames.push(f);
        if (frames.length === 1) {
          outage = (async () => {
            await sleep(1500);
            outageAtMs = Date.now();
            await live.stop();
            await sleep(3000);
            await live.start();
            backAtMs = Date.now();
          })();
        }
        if (frames.some((g) => g.gapBefore) && ++framesAfterGap === 30) live.finish();
        assert.ok(Date.now() - startMs < 60_000, 'the stream should have ended by now');
      }
      await outage;
      const gaps = frames.filter((f) => f.gapBefore);
      for (const f of gaps) console.log(`      gapBefore frame ${f.index} at ${f.ptsSec} s: ${JSON.stringify(f.gapBefore)}`);
      const s = source.stats;
      console.log(
        `      ${frames.length} frames, ${s.framesDropped} dropped, ${s.reconnects} reconnects; outage ${(backAtMs! - outageAtMs!) / 1000} s; ` +
          `requests ${live.requests.length}; last failure: ${s.lastFailure}`,
      );
      assert.equal(gaps.length, 1, 'exactly one gap');
      const gap = gaps[0].gapBefore!;
      assert.ok(gap.wallSec >= 3, `the gap lasted ${gap.wallSec} s of wall clock`);
      assert.ok(gap.reason === 'reconnect' || gap.reason === 'stall', gap.reason);
      assert.equal(s.gaps, 1);
      const k = frames.indexOf(gaps[0]);
      assert.ok(frames.length - k >= 30, `${frames.length - k} frames after the gap`);
      assert.ok(gaps[0].arrivalMs! > backAtMs!, 'frames resumed after the server came back');
      assert.equal(gap.startPtsSec, frames[k - 1].ptsSec);
      assert.equal(gap.endPtsSec, frames[k].ptsSec);
      assertIncreasing(frames);
      if (gap.reason === 'reconnect') {
        // Rebased: one wall-clock gap after the last frame before it.
        assert.ok(Math.abs(gap.endPtsSec - gap.startPtsSec - gap.wallSec) < 1e-3, JSON.stringify(gap));
      }
    });

    it('an encoder that hangs for 4 s: one stall gap on the same connection, media time without a jump', async function () {
      this.timeout(60_000);
      server = await startLiveHlsServer(hlsDir.dir, segments);
      const live = server;
      const source = createLiveVideoSource(live.url, { width: 64, height: 36, gapSec: 2.5, stallTimeoutSec: 15 });
      const frames: Frame[] = [];
      let frozenAtMs = 0;
      for await (const f of source.frames()) {
        frames.push(f);
        if (frames.length === 20) {
          frozenAtMs = Date.now();
          live.freeze(4000);
        }
        if (frozenAtMs > 0 && Date.now() - frozenAtMs > 8000) break;
      }
      const gaps = frames.filter((f) => f.gapBefore);
      for (const f of gaps) console.log(`      gapBefore frame ${f.index} at ${f.ptsSec} s: ${JSON.stringify(f.gapBefore)}`);
      assert.equal(gaps.length, 1);
      const gap = gaps[0].gapBefore!;
      assert.equal(gap.reason, 'stall');
      assert.equal(gap.reconnects, 0);
      assert.ok(gap.wallSec > 2.5, `${gap.wallSec} s`);
      assert.ok(gap.mediaJumpSec < 0.2, `media time ran on: ${gap.mediaJumpSec} s`);
      assert.equal(source.stats.reconnects, 0);
      assertIncreasing(frames);
    });

    it('an encoder that hangs longer than stallTimeoutSec: ffmpeg is stopped and the source reopened', async function () {
      this.timeout(60_000);
      server = await startLiveHlsServer(hlsDir.dir, segments);
      const live = server;
      const source = createLiveVideoSource(live.url, { width: 64, height: 36, gapSec: 2.5, stallTimeoutSec: 3, reconnect: { initialDelayMs: 100 } });
      const frames: Frame[] = [];
      let frozenAtMs = 0;
      let afterGap = 0;
      for await (const f of source.frames()) {
        frames.push(f);
        if (frames.length === 20) {
          frozenAtMs = Date.now();
          live.freeze(6000);
        }
        if (frames.some((g) => g.gapBefore) && ++afterGap === 20) break;
        assert.ok(frozenAtMs === 0 || Date.now() - frozenAtMs < 30_000, 'frames should have resumed by now');
      }
      const gaps = frames.filter((f) => f.gapBefore);
      for (const f of gaps) console.log(`      gapBefore frame ${f.index} at ${f.ptsSec} s: ${JSON.stringify(f.gapBefore)}; ${source.stats.lastFailure}`);
      assert.equal(gaps.length, 1);
      assert.equal(gaps[0].gapBefore?.reason, 'reconnect');
      assert.match(source.stats.lastFailure ?? '', /^no frame for 3\.\d s \(stalled\)$/);
      assertIncreasing(frames);
    });

    it('a server gone for good: frames, then source_unavailable naming the input after maxRetries', async function () {
      this.timeout(60_000);
      server = await startLiveHlsServer(hlsDir.dir, segments);
      const live = server;
      const source = createLiveVideoSource(live.url, { width: 64, height: 36, reconnect: { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 400 } });
      const frames: Frame[] = [];
      let error: unknown;
      try {
        for await (const f of source.frames()) {
          frames.push(f);
          if (frames.length === 10) await live.stop();
        }
      } catch (e) {
        error = e;
      }
      console.log(`      ${frames.length} frames, then: ${String(error)}`);
      assert.ok(frames.length >= 10);
      assert.ok(isGroundstreamError(error, 'source_unavailable'), String(error));
      assert.ok(error.message.includes(live.url), error.message);
      assert.match(error.message, /no frames after 3 tries over [\d.]+ s: .*(refused|ended)/i);
      assert.equal(source.stats.failedTries, 3);
    });
  });

  describe('RTSP', () => {
    const servers: Array<[string, () => string | undefined, () => Promise<RtspTestServer>]> = [
      ['the test relay', () => undefined, startRelayRtspServer],
      ['rtsp-streaming-server (npm)', rtspServerPackageMissing, startNpmRtspServer],
    ];
    for (const [name, missing, startServer] of servers) {
      it(`${name}: a camera that reboots makes one reconnect gap, then frames go on`, async function () {
        this.timeout(90_000);
        const why = missing();
        if (why !== undefined) {
          console.log(`      skipped: ${why}`);
          this.skip();
        }
        const server = await startServer();
        const publishers: RtspPublisher[] = [];
        try {
          publishers.push(startRtspPublisher(server.publishUrl('live'), server.transport));
          const url = server.readUrl('live');
          const source = createLiveVideoSource(url, {
            width: 160,
            height: 120,
            rtspTransport: server.transport,
            reconnect: { initialDelayMs: 200, maxDelayMs: 1000, maxRetries: 20 },
          });
          const frames: Frame[] = [];
          let rebootedAtMs = 0;
          let afterGap = 0;
          for await (const f of source.frames()) {
            frames.push(f);
            if (frames.length === 25) {
              // The camera goes away for 2 s.
              rebootedAtMs = Date.now();
              await publishers[0].stop(server.cameraStop);
              void sleep(2000).then(() => publishers.push(startRtspPublisher(server.publishUrl('live'), server.transport)));
            }
            if (frames.some((g) => g.gapBefore) && ++afterGap === 25) break;
            assert.ok(frames.length < 2000, 'frames should have resumed by now');
          }
          const gaps = frames.filter((f) => f.gapBefore);
          for (const f of gaps) console.log(`      gapBefore frame ${f.index} at ${f.ptsSec} s: ${JSON.stringify(f.gapBefore)}`);
          console.log(`      ${server.name} over ${server.transport.toUpperCase()}: ${frames.length} frames, ${source.stats.reconnects} reconnects, ${source.stats.framesDropped} dropped; last failure: ${source.stats.lastFailure}`);
          assert.equal(gaps.length, 1);
          assert.equal(gaps[0].gapBefore?.reason, 'reconnect');
          assert.ok((gaps[0].gapBefore?.wallSec ?? 0) >= 2, `${gaps[0].gapBefore?.wallSec} s`);
          assert.ok(gaps[0].arrivalMs! - rebootedAtMs >= 2000);
          assertIncreasing(frames);
          assert.equal(frames[0].width, 160);
        } finally {
          for (const p of publishers) await p.stop('crash');
          await server.close();
        }
      });
    }
  });

  describe('sources that are not there', () => {
    it('a closed port: source_unavailable after maxRetries, waiting the backoff schedule', async function () {
      this.timeout(30_000);
      const url = `http://127.0.0.1:${await closedPort()}/live.m3u8`;
      const waits: number[] = [];
      const policy = { maxRetries: 4, initialDelayMs: 50, maxDelayMs: 150, factor: 2, jitter: 0.5 };
      const source = createLiveVideoSource(url, {
        reconnect: policy,
        random: () => 0.25,
        sleep: (ms) => {
          waits.push(ms);
          return sleep(ms);
        },
      });
      const startMs = Date.now();
      const { events, error } = await collect(source.frames());
      const tookMs = Date.now() - startMs;
      console.log(`      ${tookMs} ms, waits ${waits.join(', ')} ms: ${String(error)}`);
      assert.equal(events.length, 0);
      assert.ok(isGroundstreamError(error, 'source_unavailable'), String(error));
      assert.equal(error.input, url);
      assert.match(error.message, new RegExp(`^live source ${url.replace(/[.?]/g, '\\$&')}: no frames after 4 tries over [\\d.]+ s: .*Connection refused`));
      assert.deepEqual(waits, [1, 2, 3].map((n) => backoffDelayMs(n, policy, () => 0.25)));
      assert.deepEqual(waits, [38, 75, 113]);
      assert.equal(source.stats.reconnects, 3);
      assert.ok(tookMs < 5000, `gave up after ${tookMs} ms`);
    });

    it('a server that accepts and never answers: each try times out (openTimeoutSec), then source_unavailable', async function () {
      this.timeout(30_000);
      const sockets = new Set<Socket>();
      const silent = http.createServer(() => undefined);
      silent.on('connection', (s: Socket) => {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/stream.ts`;
      try {
        const source = createLiveVideoSource(url, { openTimeoutSec: 1, reconnect: { maxRetries: 2, initialDelayMs: 10 } });
        const startMs = Date.now();
        const { error } = await collect(source.frames());
        const tookMs = Date.now() - startMs;
        console.log(`      ${tookMs} ms: ${String(error)}`);
        assert.ok(isGroundstreamError(error, 'source_unavailable'), String(error));
        assert.match(error.message, /no frames after 2 tries over [\d.]+ s: no answer within 1.0 s/);
        assert.ok(tookMs < 6000, `${tookMs} ms`);
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });

    it('the schedule of waits, with an injected sleep: 500, 1000, 2000, 4000 ms at random 0.5', async function () {
      this.timeout(30_000);
      // A stand-in ffprobe that fails at once, as one would against a camera that is off.
      const fake = clips.file('refusing-ffprobe');
      writeFileSync(fake, '#!/bin/sh\necho "rtsp://127.0.0.1:9/cam: Connection refused" >&2\nexit 1\n');
      chmodSync(fake, 0o755);
      const waits: number[] = [];
      const source = createLiveVideoSource('rtsp://127.0.0.1:9/cam', {
        ffprobePath: fake,
        random: () => 0.5,
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      const { error } = await collect(source.frames());
      assert.ok(isGroundstreamError(error, 'source_unavailable'), String(error));
      assert.match(error.message, /^live source rtsp:\/\/127\.0\.0\.1:9\/cam: no frames after 5 tries over [\d.]+ s: .*Connection refused$/);
      assert.deepEqual(waits, [500, 1000, 2000, 4000]);
      assert.deepEqual(waits, [1, 2, 3, 4].map((n) => backoffDelayMs(n, DEFAULT_BACKOFF, () => 0.5)));
    });

    it('close() during a backoff wait stops at once and leaves nothing running', async function () {
      this.timeout(30_000);
      const url = `http://127.0.0.1:${await closedPort()}/live.m3u8`;
      const source = createLiveVideoSource(url, { reconnect: { initialDelayMs: 60_000 } });
      const iterator = source.frames();
      const next = iterator.next();
      await waitFor('the first failed try', () => source.stats.failedTries === 1, 10_000);
      const startMs = Date.now();
      await source.close();
      const closeMs = Date.now() - startMs;
      assert.deepEqual(await next, { done: true, value: undefined });
      assert.ok(closeMs < 500, `close() took ${closeMs} ms`);
      assertNoFfmpegChildren('after close() during a wait');
    });

    it('close() while a live stream is being read kills ffmpeg at once', async function () {
      this.timeout(30_000);
      const source = createLiveVideoSource(dataFile('video/vtest.avi'), { width: 32, height: 32 });
      const iterator = source.frames();
      assert.equal((await iterator.next()).done, false);
      assert.equal(ffmpegChildren().length, 1);
      await source.close();
      assertNoFfmpegChildren('after close()');
      assert.equal((await iterator.next()).done, true);
    });

    it('a local file that is missing is input_not_found at once, not retried', async () => {
      const missing = clips.file('missing.mp4');
      const { error } = await collect(createLiveVideoSource(missing).frames());
      assert.ok(isGroundstreamError(error, 'input_not_found'), String(error));
      assert.ok(error.message.includes(missing));
    });
  });

  it('rejects bad options at once, naming the input and the option', () => {
    const input = 'rtsp://cam/live';
    const bad: Array<[object, RegExp]> = [
      [{ gapSec: 0 }, /gapSec/],
      [{ stallTimeoutSec: -1 }, /stallTimeoutSec/],
      [{ bufferFrames: 0 }, /bufferFrames/],
      [{ reconnect: { maxRetries: 0 } }, /maxRetries/],
      [{ reconnect: { factor: 0.5 } }, /factor/],
      [{ reconnect: { jitter: 2 } }, /jitter/],
      [{ format: '-i /etc/passwd' }, /format/],
      [{ rtspTransport: 'http' }, /rtspTransport/],
      [{ width: 320 }, /width and height/],
    ];
    for (const [options, mentions] of bad) {
      assert.throws(
        () => createLiveVideoSource(input, options),
        (e: unknown) => isGroundstreamError(e, 'invalid_argument') && e.message.startsWith(`live source ${input}: `) && mentions.test(e.message),
        JSON.stringify(options),
      );
    }
    assert.throws(() => createLiveVideoSource(''), (e: unknown) => isGroundstreamError(e, 'invalid_argument'));
  });
});
