import assert from 'node:assert/strict';
import { isGroundstreamError, type ErrorCode } from '../../../../src/core/errors';
import { probeVideo } from '../../../../src/sources/video';
import { dataFile } from '../../../support/paths';
import { assertNoFfmpegChildren } from '../../../support/processes';
import { clipFolder, copyHead, makeAudioOnly, makeCfrClip, makeOffsetMp4, makeOffsetTs, makeRotatedClip, makeTextFile } from './clips';

async function rejectsWith(p: Promise<unknown>, code: ErrorCode, mentions: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isGroundstreamError(e, code), `expected ${code}, got ${String(e)}`);
    assert.ok(e.message.includes(mentions), `message "${e.message}" should name ${mentions}`);
    return true;
  });
  assertNoFfmpegChildren();
}

describe('probeVideo', () => {
  const clips = clipFolder();
  after(() => clips.remove());

  it('describes vtest.avi: 768x576, 10 fps, 795 frames', async () => {
    const info = await probeVideo(dataFile('video/vtest.avi'));
    assert.equal(info.width, 768);
    assert.equal(info.height, 576);
    assert.equal(info.codedWidth, 768);
    assert.equal(info.fps, 10);
    assert.equal(info.frameCount, 795);
    assert.equal(info.frameCountExact, true);
    assert.equal(info.durationSec, 79.5);
    assert.equal(info.codec, 'msmpeg4v3');
    assert.equal(info.formatName, 'avi');
    assert.equal(info.rotationDeg, 0);
    assert.equal(info.isStill, false);
    assert.equal(info.startTimeSec, 0);
  });

  it('describes car-detection.mp4: 377 frames at 12.5 fps, the video stream chosen over the audio', async () => {
    const info = await probeVideo(dataFile('video/car-detection.mp4'));
    assert.equal(info.frameCount, 377);
    assert.equal(info.fps, 12.5);
    assert.equal(info.codec, 'h264');
    assert.deepEqual([info.width, info.height], [768, 432]);
    assert.deepEqual(info.timeBase, { num: 1, den: 25000 });
  });

  it('describes tree.avi with its odd frame rate', async () => {
    const info = await probeVideo(dataFile('video/tree.avi'));
    assert.equal(info.frameCount, 444);
    assert.ok(Math.abs(info.fps - 1000000 / 66667) < 1e-9);
    assert.equal(info.codec, 'cinepak');
  });

  it('takes a JPEG as a one-frame still', async () => {
    const info = await probeVideo(dataFile('images/fastestdet_3.jpg'));
    assert.equal(info.isStill, true);
    assert.deepEqual([info.width, info.height], [500, 335]);
    assert.equal(info.frameCount, 1);
    assert.equal(info.durationSec, 0);
  });

  it('swaps width and height for a quarter-turn rotation', async () => {
    const info = await probeVideo(makeRotatedClip(clips.file('rot.mp4'), clips.file('plain.mp4')));
    assert.ok(info.rotationDeg === 90 || info.rotationDeg === 270, `rotation ${info.rotationDeg}`);
    assert.deepEqual([info.codedWidth, info.codedHeight], [320, 240]);
    assert.deepEqual([info.width, info.height], [240, 320]);
  });

  it('reads an MPEG-TS whose timestamps start at 11.4 s (via ffmpeg when the npm ffprobe crashes on it)', async () => {
    const info = await probeVideo(makeOffsetTs(clips.file('offset.ts'), false));
    assert.equal(info.formatName, 'mpegts');
    assert.ok(Math.abs(info.startTimeSec - 11.4) < 1e-6, `start ${info.startTimeSec}`);
    assert.deepEqual([info.width, info.height], [320, 240]);
    assert.equal(info.fps, 25);
    assert.ok(info.frameCount !== undefined && Math.abs(info.frameCount - 200) <= 1, `${info.frameCount} frames`);
    assertNoFfmpegChildren();
  });

  it('reports the start time of an MP4 edit list', async () => {
    const info = await probeVideo(makeOffsetMp4(clips.file('offset.mp4')));
    assert.equal(info.startTimeSec, 5);
  });

  it('estimates the frame count when the container declares none', async () => {
    const info = await probeVideo(makeCfrClip(clips.file('cfr.mkv'), { rate: 25, seconds: 2 }));
    assert.equal(info.frameCountExact, false);
    assert.equal(info.frameCount, 50);
  });

  describe('errors', () => {
    it('input_not_found for a missing file, without spawning ffprobe', async () => {
      await rejectsWith(probeVideo(clips.file('nope.mp4')), 'input_not_found', 'nope.mp4');
    });

    it('not_a_video for a text file named .mp4', async () => {
      await rejectsWith(probeVideo(makeTextFile(clips.file('text.mp4'))), 'not_a_video', 'text.mp4');
    });

    it('not_a_video for an audio-only file', async () => {
      await rejectsWith(probeVideo(makeAudioOnly(clips.file('sine.m4a'))), 'not_a_video', 'no video stream');
    });

    it('truncated for an MP4 cut before its index (moov at the end)', async () => {
      const whole = makeCfrClip(clips.file('moov-last.mp4'), { seconds: 2 });
      await rejectsWith(probeVideo(copyHead(whole, clips.file('moov-last-cut.mp4'), 20000)), 'truncated', 'moov-last-cut.mp4');
    });

    it('ffmpeg_missing naming the binary when ffprobe cannot be run', async () => {
      await rejectsWith(probeVideo(dataFile('video/vtest.avi'), { ffprobePath: '/nonexistent/ffprobe' }), 'ffmpeg_missing', '/nonexistent/ffprobe');
    });
  });
});
