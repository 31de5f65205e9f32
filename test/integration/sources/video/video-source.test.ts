import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Frame } from '../../../../src/core/frame';
import { createVideoSource, type VideoSourceOptions } from '../../../../src/sources/video';
import { dataFile } from '../../../support/paths';
import { assertNoFfmpegChildren, ffmpegChildren } from '../../../support/processes';
import { clipFolder, makeCfrClip, makeOffsetMp4, makeOffsetTs, makeRotatedClip, makeVfrClip, probeFrameTimes } from './clips';

/** Decodes up to `limit` frames (all by default), then leaves the loop. */
async function decode(input: string, options: VideoSourceOptions = {}, limit = Infinity): Promise<Frame[]> {
  const frames: Frame[] = [];
  if (limit <= 0) return frames;
  for await (const f of createVideoSource(input, options).frames()) {
    frames.push(f);
    if (frames.length >= limit) break;
  }
  return frames;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('createVideoSource', () => {
  const clips = clipFolder();
  afterEach(() => assertNoFfmpegChildren());
  after(() => clips.remove());

  it('decodes vtest.avi to 416x416 letterboxed planar GBR with media times from the stream', async () => {
    const frames = await decode(dataFile('video/vtest.avi'), { width: 416, height: 416, fit: 'letterbox', layout: 'gbrp' }, 12);
    assert.equal(frames.length, 12);
    const r = 416 / 768;
    frames.forEach((f, i) => {
      assert.equal(f.index, i);
      assert.ok(Math.abs(f.ptsSec - i / 10) < 1e-9, `frame ${i} at ${f.ptsSec}`);
      assert.equal(f.pixels.length, 416 * 416 * 3);
      assert.deepEqual([f.width, f.height, f.layout], [416, 416, 'gbrp']);
      assert.deepEqual([f.sourceWidth, f.sourceHeight], [768, 576]);
      assert.deepEqual(f.toSource, { scaleX: r, scaleY: r, offsetX: 0, offsetY: 0 });
      assert.equal(f.sourceId, dataFile('video/vtest.avi'));
    });
    // 576 * r = 312 rows of picture, then 104 rows of padding (114) in each of the three planes.
    const f = frames[0];
    for (let plane = 0; plane < 3; plane++) {
      const base = plane * 416 * 416;
      for (const y of [312, 350, 415]) for (const x of [0, 200, 415]) assert.equal(f.pixels[base + y * 416 + x], 114);
      const picture = f.pixels.subarray(base, base + 312 * 416);
      assert.ok(picture.some((v) => v !== 114), 'the picture area holds the picture');
    }
  });

  it('decodes the four reference videos completely, without a truncation error', async function () {
    this.timeout(240_000);
    const expected: Array<[string, number, number]> = [
      ['video/vtest.avi', 795, 79.4],
      ['video/car-detection.mp4', 377, 30.08],
      ['video/one-by-one-person-detection.mp4', 1394, 139.3],
      // AVI "null" frames repeat the previous picture: ffmpeg decodes 68 of the 444 declared.
      ['video/tree.avi', 68, 29.5335],
    ];
    for (const [file, count, lastPtsSec] of expected) {
      const source = createVideoSource(dataFile(file), { width: 64, height: 64 });
      let n = 0;
      let last: Frame | undefined;
      for await (const f of source.frames()) {
        n++;
        last = f;
      }
      assert.equal(n, count, file);
      assert.ok(last && Math.abs(last.ptsSec - lastPtsSec) < 1e-3, `${file}: last frame at ${last?.ptsSec}`);
      assert.equal(source.stats.framesDelivered, count);
      assert.equal(source.stats.framesDecoded, count);
    }
  });

  it('gives the same picture in rgb24, bgr24 and gbrp', async () => {
    const input = dataFile('images/fastestdet_3.jpg');
    const [rgb] = await decode(input, { layout: 'rgb24' });
    const [bgr] = await decode(input, { layout: 'bgr24' });
    const [gbr] = await decode(input, { layout: 'gbrp' });
    const plane = 500 * 335;
    for (const p of [0, 1234, 50_000, plane - 1]) {
      const [r, g, b] = [rgb.pixels[3 * p], rgb.pixels[3 * p + 1], rgb.pixels[3 * p + 2]];
      assert.deepEqual([bgr.pixels[3 * p + 2], bgr.pixels[3 * p + 1], bgr.pixels[3 * p]], [r, g, b]);
      assert.deepEqual([gbr.pixels[2 * plane + p], gbr.pixels[p], gbr.pixels[plane + p]], [r, g, b]);
    }
  });

  it('stretches to the requested size with a per-axis scale', async () => {
    const [f] = await decode(dataFile('video/car-detection.mp4'), { width: 320, height: 320 }, 1);
    assert.deepEqual(f.toSource, { scaleX: 320 / 768, scaleY: 320 / 432, offsetX: 0, offsetY: 0 });
    assert.equal(f.pixels.length, 320 * 320 * 3);
  });

  it('takes a still image as one frame at time 0', async () => {
    const frames = await decode(dataFile('images/fastestdet_3.jpg'), { width: 416, height: 416, fit: 'letterbox' });
    assert.equal(frames.length, 1);
    assert.deepEqual([frames[0].index, frames[0].ptsSec], [0, 0]);
    assert.deepEqual([frames[0].sourceWidth, frames[0].sourceHeight], [500, 335]);
    assert.equal(frames[0].toSource.scaleX, 416 / 500);
  });

  describe('sampling and windows', () => {
    it('samples 2 fps of a 10 fps video by keeping source frames 0, 5, 10, ...', async () => {
      const frames = await decode(dataFile('video/vtest.avi'), { fps: 2, width: 64, height: 64 }, 8);
      assert.deepEqual(frames.map((f) => f.index), [0, 5, 10, 15, 20, 25, 30, 35]);
      assert.deepEqual(frames.map((f) => f.ptsSec), [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
    });

    it('samples 3 fps of a 10 fps video: the first frame of every third of a second', async () => {
      const frames = await decode(dataFile('video/vtest.avi'), { fps: 3, width: 64, height: 64, endSec: 2 });
      assert.deepEqual(frames.map((f) => f.index), [0, 4, 7, 10, 14, 17]);
    });

    it('keeps only frames with startSec <= ptsSec < endSec, with source indices after the seek', async () => {
      const source = createVideoSource(dataFile('video/vtest.avi'), { startSec: 10, endSec: 12, width: 64, height: 64 });
      const frames: Frame[] = [];
      for await (const f of source.frames()) frames.push(f);
      assert.equal(frames.length, 20);
      assert.equal(frames[0].ptsSec, 10);
      assert.equal(frames[19].ptsSec, 11.9);
      assert.deepEqual(frames.map((f) => f.index), Array.from({ length: 20 }, (_, i) => 100 + i));
      // Seeking skipped the first 10 s instead of decoding them.
      assert.ok(source.stats.framesDecoded < 40, `decoded ${source.stats.framesDecoded}`);
    });

    it('combines a window with sampling on a 12.5 fps H.264 file', async () => {
      const frames = await decode(dataFile('video/car-detection.mp4'), { startSec: 3.1, endSec: 6, fps: 1, width: 64, height: 64 });
      // 1 fps buckets of media time: the first frame at or after 3.1 s, then the first of each second.
      assert.deepEqual(frames.map((f) => f.ptsSec), [3.12, 4, 5.04]);
      assert.deepEqual(frames.map((f) => f.index), [39, 50, 63]);
    });

    it('an endSec before the end of the media is not taken for truncation', async () => {
      const frames = await decode(makeCfrClip(clips.file('short.mp4'), { seconds: 2 }), { endSec: 1 });
      assert.equal(frames.length, 25);
    });
  });

  describe('timestamps', () => {
    let offsetTs: string;
    before(() => {
      offsetTs = makeOffsetTs(clips.file('offset.ts'));
    });

    it('measures times from the start of the media when the first PTS is 11.4 s (MPEG-TS)', async () => {
      const frames = await decode(offsetTs, { width: 32, height: 32 });
      assert.equal(frames.length, 200);
      frames.forEach((f, i) => {
        assert.equal(f.index, i);
        assert.ok(Math.abs(f.ptsSec - i * 0.04) < 1e-6, `frame ${i} at ${f.ptsSec}`);
      });
    });

    it('seeks in media time on that MPEG-TS, losing no frame to its inexact seek', async () => {
      for (const startSec of [0.4, 6.4]) {
        const frames = await decode(offsetTs, { startSec, endSec: startSec + 0.2 });
        const first = Math.round(startSec * 25);
        assert.deepEqual(frames.map((f) => f.index), [first, first + 1, first + 2, first + 3, first + 4], `from ${startSec}`);
        frames.forEach((f, i) => assert.ok(Math.abs(f.ptsSec - (startSec + i * 0.04)) < 1e-6, `${f.ptsSec}`));
      }
    });

    it('measures times from the start of an MP4 that starts at 5 s (edit list)', async () => {
      const frames = await decode(makeOffsetMp4(clips.file('offset.mp4')), {}, 3);
      assert.deepEqual(frames.map((f) => f.ptsSec), [0, 0.04, 0.08]);
    });

    it('gives each frame of a variable-frame-rate clip its own time, as ffprobe reports it', async () => {
      const file = makeVfrClip(clips.file('vfr.mkv'));
      const expected = probeFrameTimes(file);
      assert.equal(expected.length, 30);
      const frames = await decode(file);
      assert.deepEqual(frames.map((f) => f.index), expected.map((_, i) => i));
      assert.deepEqual(frames.map((f) => f.ptsSec), expected);
      const gaps = expected.slice(1).map((t, i) => Math.round((t - expected[i]) * 1000));
      assert.ok(new Set(gaps).size > 10, `irregular gaps ${gaps.join(',')}`);
    });
  });

  it('honours rotation metadata: frames come in the display orientation', async () => {
    const file = makeRotatedClip(clips.file('rot.mp4'), clips.file('plain.mp4'));
    const source = createVideoSource(file, { width: 120, height: 120, fit: 'letterbox' });
    const info = await source.info();
    assert.deepEqual([info.width, info.height], [240, 320]);
    const frames: Frame[] = [];
    for await (const f of source.frames()) frames.push(f);
    assert.equal(frames.length, 25);
    assert.deepEqual([frames[0].sourceWidth, frames[0].sourceHeight], [240, 320]);
    const r = 120 / 320;
    assert.deepEqual(frames[0].toSource, { scaleX: r, scaleY: r, offsetX: 0, offsetY: 0 });
    // Portrait letterbox: 90 columns of picture, the rest padding.
    assert.equal(frames[0].pixels[(60 * 120 + 100) * 3], 114);
    const [plain] = await decode(clips.file('plain.mp4'), {}, 1);
    assert.deepEqual([plain.sourceWidth, plain.sourceHeight], [320, 240]);
  });

  describe('backpressure', () => {
    it('a slow consumer holds ffmpeg back: at most bufferFrames are buffered and ffmpeg keeps running', async () => {
      const bufferFrames = 4;
      const source = createVideoSource(dataFile('video/vtest.avi'), { width: 416, height: 416, fit: 'letterbox', layout: 'gbrp', bufferFrames });
      // Decoded but not delivered: the buffer, plus what fits in the pipe and inside ffmpeg. ffmpeg 4
      // holds about 2 frames; ffmpeg 7 runs decoder, filters and muxer in threads with queues between
      // them and plateaus about 22 frames ahead at this frame size.
      const ffmpegSlack = 32;
      const aheads: number[] = [];
      for await (const f of source.frames()) {
        await sleep(60);
        aheads.push(source.stats.framesDecoded - source.stats.framesDelivered);
        if (f.index === 15) {
          assert.equal(ffmpegChildren().length, 1, 'ffmpeg is still running, blocked on the pipe');
          assert.ok(source.stats.framesDecoded < 16 + bufferFrames + ffmpegSlack, `decoded ${source.stats.framesDecoded} of 795`);
          break;
        }
      }
      assert.ok(source.stats.maxBuffered <= bufferFrames, `buffered ${source.stats.maxBuffered}`);
      assert.ok(Math.max(...aheads) <= bufferFrames + ffmpegSlack, `ffmpeg ran ahead by ${aheads.join(',')}`);
      // Held back, not merely slowed: the lead stops growing.
      assert.ok(aheads[aheads.length - 1] <= aheads[3] + 2, `the lead kept growing: ${aheads.join(',')}`);
    });

    it('bounds the buffer even when many tiny frames arrive in one pipe read', async () => {
      const source = createVideoSource(dataFile('video/vtest.avi'), { width: 8, height: 8, bufferFrames: 2 });
      let n = 0;
      for await (const _ of source.frames()) {
        if (++n % 100 === 0) await sleep(5);
        if (n === 400) break;
      }
      assert.ok(source.stats.maxBuffered <= 2, `buffered ${source.stats.maxBuffered}`);
      assert.ok(source.stats.maxBuffered >= 1);
    });
  });

  describe('lifecycle', () => {
    it('leaving the loop after 3 frames kills ffmpeg and waits for it', async () => {
      const source = createVideoSource(dataFile('video/one-by-one-person-detection.mp4'));
      let n = 0;
      for await (const _ of source.frames()) if (++n === 3) break;
      assertNoFfmpegChildren('after break');
      assert.equal(source.stats.framesDelivered, 3);
    });

    it('close() while a consumer is iterating ends the iteration and leaves no process', async () => {
      const source = createVideoSource(dataFile('video/vtest.avi'), { width: 64, height: 64 });
      const it = source.frames();
      assert.equal((await it.next()).done, false);
      assert.equal(ffmpegChildren().length, 1);
      await source.close();
      assertNoFfmpegChildren('after close()');
      assert.equal((await it.next()).done, true);
    });

    it('close() before the first pull starts nothing', async () => {
      const source = createVideoSource(dataFile('video/vtest.avi'));
      await source.close();
      assert.equal((await source.frames().next()).done, true);
    });

    it('frames() can be iterated once', async () => {
      const source = createVideoSource(dataFile('images/fastestdet_3.jpg'));
      for await (const _ of source.frames()) break;
      assert.throws(() => source.frames(), /iterated once/);
    });

    it('an exception in the consumer loop stops ffmpeg too', async () => {
      const source = createVideoSource(dataFile('video/vtest.avi'));
      await assert.rejects(async () => {
        for await (const f of source.frames()) if (f.index === 1) throw new Error('consumer failed');
      }, /consumer failed/);
      assertNoFfmpegChildren('after a consumer error');
    });

    it('when the Node process exits without closing, its exit hook kills ffmpeg', () => {
      const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'exit-hook-child.ts'), dataFile('video/vtest.avi')], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(child.status, 0, child.stderr);
      const [pid, state] = child.stdout.trim().split(' ');
      assert.ok(Number(pid) > 0, child.stdout);
      assert.ok(state === 'Z' || state === 'gone', `ffmpeg ${pid} was still running (${state}) as Node exited`);
    });

    it('treats options given as undefined as their defaults', async () => {
      const frames = await decode(dataFile('video/vtest.avi'), { width: 416, height: 416, fit: 'letterbox', layout: 'gbrp', fps: undefined, startSec: undefined, bufferFrames: undefined }, 3);
      assert.equal(frames.length, 3);
    });

    it('rejects bad options at once', () => {
      const input = dataFile('video/vtest.avi');
      for (const bad of [{ width: 416 }, { width: 0, height: 1 }, { fps: 0 }, { startSec: 5, endSec: 5 }, { bufferFrames: 0 }, { padValue: 300 }]) {
        assert.throws(() => createVideoSource(input, bad as VideoSourceOptions), (e: unknown) => (e as { code?: string }).code === 'invalid_argument');
      }
    });
  });
});
