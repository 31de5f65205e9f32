import assert from 'node:assert/strict';
import { isGroundstreamError, type ErrorCode } from '../../../../src/core/errors';
import type { Frame } from '../../../../src/core/frame';
import { createVideoSource, type VideoSourceOptions } from '../../../../src/sources/video';
import { dataFile } from '../../../support/paths';
import { assertNoFfmpegChildren } from '../../../support/processes';
import { clipFolder, copyHead, makeCfrClip, makeFailingFfmpeg, makeTextFile } from './clips';

interface Outcome {
  frames: Frame[];
  error: unknown;
}

/** Decodes until the end or an error, keeping both. */
async function drain(input: string, options: VideoSourceOptions = {}): Promise<Outcome> {
  const frames: Frame[] = [];
  try {
    for await (const f of createVideoSource(input, options).frames()) frames.push(f);
    return { frames, error: undefined };
  } catch (error) {
    return { frames, error };
  }
}

function assertError(error: unknown, code: ErrorCode, mentions: string): void {
  assert.ok(isGroundstreamError(error, code), `expected ${code}, got ${String(error)}`);
  assert.ok(error.message.includes(mentions), `message "${error.message}" should name ${mentions}`);
}

describe('createVideoSource on bad input', () => {
  const clips = clipFolder();
  afterEach(() => assertNoFfmpegChildren());
  after(() => clips.remove());

  it('input_not_found for a missing file', async () => {
    const missing = clips.file('missing.mp4');
    const { frames, error } = await drain(missing);
    assert.equal(frames.length, 0);
    assertError(error, 'input_not_found', missing);
  });

  it('input_not_found from info() too', async () => {
    const missing = clips.file('missing.avi');
    await assert.rejects(createVideoSource(missing).info(), (e: unknown) => isGroundstreamError(e, 'input_not_found'));
  });

  it('not_a_video for a text file renamed .mp4', async () => {
    const file = makeTextFile(clips.file('notes.mp4'));
    const { frames, error } = await drain(file);
    assert.equal(frames.length, 0);
    assertError(error, 'not_a_video', file);
  });

  it('truncated car-detection.mp4 (first 100 KB): the decodable frames first, then truncated', async () => {
    const file = copyHead(dataFile('video/car-detection.mp4'), clips.file('car-100k.mp4'), 102_400);
    const source = createVideoSource(file, { width: 64, height: 64 });
    assert.equal((await source.info()).frameCount, 377, 'the container still declares every frame');
    const frames: Frame[] = [];
    let error: unknown;
    try {
      for await (const f of source.frames()) frames.push(f);
    } catch (e) {
      error = e;
    }
    assert.ok(frames.length >= 5 && frames.length < 50, `${frames.length} frames before the error`);
    assert.deepEqual(frames.map((f) => f.index), frames.map((_, i) => i));
    assertError(error, 'truncated', file);
  });

  it('truncated with sampling: a cut-off file is still reported', async () => {
    const file = copyHead(dataFile('video/vtest.avi'), clips.file('vtest-1m.avi'), 1_000_000);
    const { frames, error } = await drain(file, { fps: 1, width: 32, height: 32 });
    assert.ok(frames.length >= 1 && frames.length < 79, `${frames.length} frames`);
    assertError(error, 'truncated', file);
  });

  it('a window that ends inside the decodable part of a cut-off file is no error', async () => {
    const file = copyHead(dataFile('video/vtest.avi'), clips.file('vtest-2m.avi'), 2_000_000);
    const { frames, error } = await drain(file, { endSec: 2, width: 32, height: 32 });
    assert.equal(error, undefined);
    assert.equal(frames.length, 20);
  });

  it('ffmpeg_missing naming the path, when ffmpeg cannot be run', async () => {
    const { frames, error } = await drain(dataFile('video/vtest.avi'), { ffmpegPath: '/nonexistent/ffmpeg' });
    assert.equal(frames.length, 0);
    assertError(error, 'ffmpeg_missing', '/nonexistent/ffmpeg');
    assert.match((error as Error).message, /GROUNDSTREAM_FFMPEG/);
  });

  it('decode_failed with ffmpeg\'s last words when ffmpeg exits with an error', async () => {
    const fake = makeFailingFfmpeg(clips.file('fake-ffmpeg'));
    const { frames, error } = await drain(makeCfrClip(clips.file('ok.mp4'), { seconds: 1 }), { ffmpegPath: fake });
    assert.equal(frames.length, 0);
    assertError(error, 'decode_failed', clips.file('ok.mp4'));
    assert.match((error as Error).message, /simulated encoder crash/);
    assert.match((error as Error).message, /exited with code 1/);
  });

  it('breaking out after 3 frames leaves no ffmpeg behind', async () => {
    let n = 0;
    for await (const _ of createVideoSource(dataFile('video/car-detection.mp4')).frames()) if (++n === 3) break;
    assert.equal(n, 3);
    assertNoFfmpegChildren('after break');
  });
});
