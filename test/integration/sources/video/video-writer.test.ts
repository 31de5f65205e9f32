import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import type { Frame } from '../../../../src/core/frame';
import { isGroundstreamError } from '../../../../src/core/errors';
import { drawBox, drawText } from '../../../../src/render';
import { createVideoSource, createVideoWriter, probeVideo } from '../../../../src/sources/video';
import { dataFile } from '../../../support/paths';
import { assertNoFfmpegChildren } from '../../../support/processes';
import { clipFolder } from './clips';

const RED = [255, 0, 0] as const;

/** Decodes up to `limit` frames of an input as rgb24 at its own size. */
async function decode(input: string, limit = Infinity): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const f of createVideoSource(input, { layout: 'rgb24' }).frames()) {
    frames.push(f);
    if (frames.length >= limit) break;
  }
  return frames;
}

/** Draws the test overlay: a thick red box and a white caption. */
function overlay(frame: Frame): void {
  drawBox(frame, [100, 80, 300, 400], RED, 6);
  drawText(frame, 20, 20, `frame ${frame.index}`, [255, 255, 255], { scale: 3, background: [0, 0, 0] });
}

/** Runs `fn`, expecting a GroundstreamError; returns it. */
async function rejection(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    assert.ok(isGroundstreamError(e), `expected a GroundstreamError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('createVideoWriter', () => {
  const dir = clipFolder();
  afterEach(() => assertNoFfmpegChildren('after the writer settled'));
  after(() => dir.remove());

  it('writes 30 annotated frames of vtest.avi to an .mp4 that probes back as 30 frames of 768x576', async () => {
    const frames = await decode(dataFile('video/vtest.avi'), 30);
    assert.equal(frames.length, 30);
    const out = dir.file('out.mp4');
    const writer = createVideoWriter(out, { width: 768, height: 576, fps: 10 });
    for (const f of frames) {
      overlay(f);
      await writer.write(f.pixels);
    }
    await writer.close();
    assert.equal(writer.framesWritten, 30);
    assert.ok(writer.encoder === 'libx264' || writer.encoder === 'mpeg4', `encoder ${writer.encoder}`);

    const info = await probeVideo(out);
    assert.deepEqual([info.width, info.height], [768, 576]);
    assert.equal(info.frameCount, 30);
    assert.equal(info.codec, writer.encoder === 'libx264' ? 'h264' : 'mpeg4');
    assert.ok(Math.abs(info.fps - 10) < 1e-6, `fps ${info.fps}`);

    const back = await decode(out);
    assert.equal(back.length, 30);
    // The box edge survives the lossy encode as clearly red; the inside keeps the picture.
    const [r, g, b] = back[5].pixels.subarray((200 * 768 + 102) * 3, (200 * 768 + 102) * 3 + 3);
    assert.ok(r > 180 && g < 90 && b < 90, `box edge pixel ${r},${g},${b}`);
  });

  it('writes one frame to a .png, losslessly', async () => {
    const [frame] = await decode(dataFile('video/vtest.avi'), 1);
    overlay(frame);
    const out = dir.file('frame.png');
    const writer = createVideoWriter(out, { width: 768, height: 576, fps: 1 });
    await writer.write(frame.pixels);
    await assert.rejects(writer.write(frame.pixels), /a \.png holds one frame/);
    await writer.close();
    assert.equal(writer.encoder, 'png');
    const info = await probeVideo(out);
    assert.deepEqual([info.width, info.height, info.isStill], [768, 576, true]);
    const [back] = await decode(out);
    assert.ok(Buffer.from(back.pixels).equals(Buffer.from(frame.pixels)), 'the PNG holds exactly the pixels written');
  });

  it('pads an odd-sized .mp4 to even dimensions', async () => {
    const out = dir.file('odd.mp4');
    const writer = createVideoWriter(out, { width: 33, height: 17, fps: 25 });
    const pixels = new Uint8Array(33 * 17 * 3).fill(128);
    for (let i = 0; i < 5; i++) await writer.write(pixels);
    await writer.close();
    const info = await probeVideo(out);
    assert.deepEqual([info.width, info.height, info.frameCount], [34, 18, 5]);
  });

  for (const [ext, codecs] of [['webm', ['vp9', 'vp8']], ['gif', ['gif']]] as const) {
    it(`writes a .${ext}`, async () => {
      const out = dir.file(`clip.${ext}`);
      const writer = createVideoWriter(out, { width: 64, height: 48, fps: 10 });
      const pixels = new Uint8Array(64 * 48 * 3);
      for (let i = 0; i < 6; i++) {
        pixels.fill(i * 40);
        await writer.write(pixels);
      }
      await writer.close();
      const info = await probeVideo(out);
      assert.deepEqual([info.width, info.height], [64, 48]);
      assert.ok((codecs as readonly string[]).includes(info.codec), `codec ${info.codec}`);
      assert.equal((await decode(out)).length, 6);
    });
  }

  it('fails a write to an unwritable path with an error naming the path, and leaves no ffmpeg', async () => {
    // Root may write anywhere the permissions say no; a path through a regular file stops everyone.
    const blocker = dir.file('not-a-folder');
    writeFileSync(blocker, 'x');
    const out = `${blocker}/out.mp4`;
    const writer = createVideoWriter(out, { width: 768, height: 576, fps: 10 });
    const pixels = new Uint8Array(768 * 576 * 3);
    const err = await rejection(async () => {
      // ffmpeg fails opening the output at start-up; the write that meets the closed pipe reports it.
      for (let i = 0; i < 10; i++) await writer.write(pixels);
      await writer.close();
    });
    assert.ok(err.message.includes(out), err.message);
    assert.match(err.message, /ffmpeg exited with code \d+: .*Not a directory/);
    assert.equal((err as { code?: string }).code, 'invalid_argument');
    await assert.rejects(writer.close(), (e: Error) => e === err);
    assertNoFfmpegChildren('after a failed write');
  });

  it('names the path and says permission denied for a read-only folder (when not root)', async function () {
    if (process.getuid?.() === 0) this.skip();
    const { chmodSync, mkdirSync } = await import('node:fs');
    const ro = dir.file('read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const out = `${ro}/out.mp4`;
    const writer = createVideoWriter(out, { width: 16, height: 16, fps: 10 });
    const err = await rejection(async () => {
      for (let i = 0; i < 10; i++) await writer.write(new Uint8Array(16 * 16 * 3));
      await writer.close();
    });
    assert.equal((err as { code?: string }).code, 'permission_denied');
    assert.ok(err.message.includes(out));
  });

  it('abort() stops ffmpeg and deletes the partial output', async () => {
    const out = dir.file('aborted.mp4');
    const writer = createVideoWriter(out, { width: 320, height: 240, fps: 25 });
    const pixels = new Uint8Array(320 * 240 * 3).fill(60);
    for (let i = 0; i < 10; i++) await writer.write(pixels);
    await writer.abort();
    assertNoFfmpegChildren('after abort()');
    assert.equal(existsSync(out), false);
    await writer.abort();
    await writer.close();
    await assert.rejects(writer.write(pixels), /aborted/);
  });

  it('close() without a frame starts nothing and writes no file', async () => {
    const out = dir.file('empty.mp4');
    const writer = createVideoWriter(out, { width: 16, height: 16, fps: 25 });
    await writer.close();
    assert.equal(existsSync(out), false);
    await assert.rejects(writer.write(new Uint8Array(16 * 16 * 3)), /closed/);
  });

  it('refuses bad options, unknown extensions and frames of the wrong size', async () => {
    assert.throws(() => createVideoWriter(dir.file('x.avi'), { width: 16, height: 16, fps: 25 }), /extension "\.avi"/);
    assert.throws(() => createVideoWriter(dir.file('x.mp4'), { width: 0, height: 16, fps: 25 }), /width must be a positive/);
    assert.throws(() => createVideoWriter(dir.file('x.mp4'), { width: 16, height: 16, fps: 0 }), /fps must be above 0/);
    const writer = createVideoWriter(dir.file('x.mp4'), { width: 16, height: 16, fps: 25 });
    await assert.rejects(writer.write(new Uint8Array(10)), /is 768 bytes, got 10/);
    await writer.close();
  });

  it('reports a missing ffmpeg as ffmpeg_missing', async () => {
    const writer = createVideoWriter(dir.file('y.mp4'), { width: 16, height: 16, fps: 25, ffmpegPath: dir.file('no-such-ffmpeg') });
    const err = await rejection(() => writer.write(new Uint8Array(16 * 16 * 3)));
    assert.equal((err as { code?: string }).code, 'ffmpeg_missing');
    await assert.rejects(writer.close(), (e: Error) => e === err);
  });
});
