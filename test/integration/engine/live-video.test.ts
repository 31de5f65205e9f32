import assert from 'node:assert/strict';
import { lastValueFrom, takeUntil, tap, timer, toArray } from 'rxjs';
import { EventKind, Lifecycle, type GroundingEvent } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { dataFile, modelSearchPath } from '../../support/paths';
import { assertNoFfmpegChildren, ffmpegChildren } from '../../support/processes';
import { sleep, waitFor } from '../../support/wait';
import { clipFolder, runTool } from '../sources/video/clips';
import { makeHlsSegments, startLiveHlsServer, type HlsSegment, type LiveHlsServer } from '../sources/video/live-servers';

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

describe('live video through the engine (real ffmpeg, ORT)', () => {
  let engine: Engine;
  const clips = clipFolder();
  before(() => {
    engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 1, sessionsPerModel: 1 });
  });
  after(async () => {
    await engine.close();
    clips.remove();
  });
  afterEach(() => assertNoFfmpegChildren());

  it('a source faster than inference (50 fps): newest frames kept, drops reported, lag bounded', async function () {
    this.timeout(120_000);
    const fast = clips.file('fast.mp4');
    runTool('ffmpeg', ['-v', 'error', '-y', '-i', dataFile('video/car-detection.mp4'), '-t', '40', '-an', '-vf', 'setpts=PTS/4', '-r', '50',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-pix_fmt', 'yuv420p', fast]);
    await engine.detector();
    const events = await lastValueFrom(engine.groundVideo({ source: fast, query: 'car', live: true }).pipe(takeUntil(timer(8000)), toArray()));
    // Unsubscribing stops ffmpeg; on a loaded machine its exit can take a moment.
    await waitFor('ffmpeg to exit after unsubscribing', () => ffmpegChildren().length === 0, 10_000);
    const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
    assert.ok(frames.length > 20, `${frames.length} frames`);
    assert.ok(frames.every((e) => e.live && e.arrivalTime), 'every live frame says when it arrived and how current it is');
    const lags = frames.slice(5).map((e) => e.live!.lagSec * 1000);
    const dropped = frames[frames.length - 1].live!.droppedTotal;
    const offered = frames.length + dropped;
    process.stdout.write(`      ${frames.length} grounded, ${dropped} dropped of ${offered} (${((100 * dropped) / offered).toFixed(0)} %); lag p50 ${percentile(lags, 50).toFixed(0)} ms, p95 ${percentile(lags, 95).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms\n`);
    assert.ok(dropped > 0, 'inference cannot follow 50 fps on one thread: frames are dropped');
    assert.equal(frames.reduce((n, e) => n + e.live!.droppedFrames, 0), dropped, 'per-event drops add up to the total');
    assert.ok(percentile(lags, 95) < 1000, 'lag stays bounded');
    // Lag does not grow over the run: the last second is no worse than the first.
    const late = lags.slice(-10);
    assert.ok(percentile(late, 50) < 1000);
    for (let k = 1; k < frames.length; k++) assert.ok(frames[k].ptsSec > frames[k - 1].ptsSec, 'media time increases');
  });

  describe('HLS served over HTTP with a 3 s outage', () => {
    let segments: HlsSegment[];
    let server: LiveHlsServer | undefined;
    const hls = clipFolder();
    before(function () {
      this.timeout(60_000);
      segments = makeHlsSegments(dataFile('video/vtest.avi'), hls.dir, 24);
    });
    after(async () => {
      await server?.close();
      hls.remove();
    });

    it('one gap event; segments and tracks open before it end with it; the stream resumes with new identities', async function () {
      this.timeout(120_000);
      server = await startLiveHlsServer(hls.dir, segments);
      const live = server;
      let gapSeen = false;
      let framesAfterGap = 0;
      let outage: Promise<void> | undefined;
      const events = await lastValueFrom(engine.groundVideo({ source: live.url, query: 'people', temporal: { segments: true, minDurationSec: 0.3 } }).pipe(
        tap((e: GroundingEvent) => {
          if (e.kind === EventKind.EVENT_KIND_FRAME && !outage) {
            outage = (async () => {
              await sleep(1500);
              await live.stop();
              await sleep(3000);
              await live.start();
            })();
          }
          if (e.kind === EventKind.EVENT_KIND_GAP) gapSeen = true;
          // The playlist ends (ENDLIST) 25 frames after the gap: the stream then ends by itself.
          if (e.kind === EventKind.EVENT_KIND_FRAME && gapSeen && ++framesAfterGap === 25) live.finish();
        }),
        toArray(),
      ));
      await outage;
      const gaps = events.filter((e) => e.kind === EventKind.EVENT_KIND_GAP);
      for (const g of gaps) process.stdout.write(`      gap: ${JSON.stringify(g.gap)}\n`);
      assert.equal(gaps.length, 1, 'exactly one gap event');
      assert.ok(gaps[0].gap!.wallSec >= 3);
      const k = events.indexOf(gaps[0]);
      const before = events.slice(0, k);
      const after = events.slice(k + 1);
      const openBefore = new Set<string>();
      for (const e of before.filter((x) => x.kind === EventKind.EVENT_KIND_SEGMENT)) {
        if (e.lifecycle === Lifecycle.LIFECYCLE_NEW) openBefore.add(e.segment!.segmentId);
        if (e.lifecycle === Lifecycle.LIFECYCLE_END) openBefore.delete(e.segment!.segmentId);
      }
      assert.ok(openBefore.size > 0, 'people were in view when the server went down');
      const endedAtGap = after.filter((e) => e.kind === EventKind.EVENT_KIND_SEGMENT && e.lifecycle === Lifecycle.LIFECYCLE_END).slice(0, openBefore.size).map((e) => e.segment!.segmentId);
      assert.deepEqual(new Set(endedAtGap), openBefore, 'the open segments end right after the gap event');
      const ids = (list: GroundingEvent[]) => new Set(list.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME).flatMap((e) => e.regions.map((r) => r.trackId)).filter((id) => id > 0));
      const idsAfter = ids(after);
      assert.ok(idsAfter.size > 0, 'tracking goes on after the gap');
      for (const id of ids(before)) assert.ok(!idsAfter.has(id), `track ${id} does not carry across the gap`);
      assert.ok(after.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME).length >= 20, 'frames resume');
      assert.equal(events[events.length - 1].kind, EventKind.EVENT_KIND_SUMMARY, 'the stream ends normally at ENDLIST');
    });
  });
});
