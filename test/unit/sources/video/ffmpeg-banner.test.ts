import assert from 'node:assert/strict';
import { parseFfmpegBanner } from '../../../../src/sources/video/ffmpeg-banner';
import { videoInfoFromProbe } from '../../../../src/sources/video/video-info';

const MPEGTS_41 = `Input #0, mpegts, from 'off.ts':
  Duration: 00:00:01.00, start: 11.400000, bitrate: 777 kb/s
  Program 1 
    Metadata:
      service_name    : Service01
      service_provider: FFmpeg
    Stream #0:0[0x100]: Video: mpeg2video (Main) ([2][0][0][0] / 0x0002), yuv420p(tv, progressive), 320x240 [SAR 1:1 DAR 4:3], 25 fps, 25 tbr, 90k tbn, 50 tbc
At least one output file must be specified`;

const ROTATED_41 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'rot2.mp4':
  Metadata:
    major_brand     : isom
  Duration: 00:00:01.00, start: 0.000000, bitrate: 295 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 320x240 [SAR 1:1 DAR 4:3], 286 kb/s, 25 fps, 25 tbr, 12800 tbn, 50 tbc (default)
    Metadata:
      rotate          : 270
      handler_name    : VideoHandler
    Side data:
      displaymatrix: rotation of 90.00 degrees
At least one output file must be specified`;

const COVER_ART_7 = `Input #0, mp3, from 'song.mp3':
  Duration: 00:03:05.12, start: 0.025057, bitrate: 320 kb/s
  Stream #0:0: Audio: mp3 (mp3float), 44100 Hz, stereo, fltp, 320 kb/s
  Stream #0:1: Video: mjpeg (Baseline), yuvj420p(pc, bt470bg/unknown/unknown), 500x500 [SAR 1:1 DAR 1:1], 90k tbr, 90k tbn (attached pic)`;

const LIVE_7 = `Input #0, hls, from 'http://example.com/live.m3u8':
  Duration: N/A, start: 1234.500000, bitrate: N/A
  Program 0
  Stream #0:0: Video: h264 (Main) ([27][0][0][0] / 0x001B), yuv420p(tv, bt709, progressive), 1280x720 [SAR 1:1 DAR 16:9], 29.97 fps, 29.97 tbr, 90k tbn
    Side data:
      displaymatrix: rotation of -90.00 degrees`;

describe('parseFfmpegBanner', () => {
  it('MPEG-TS from ffmpeg 4.1 (codec tag 0x0002 is not a size)', () => {
    assert.deepEqual(parseFfmpegBanner(MPEGTS_41), {
      format: { format_name: 'mpegts', duration: '1', start_time: '11.400000' },
      streams: [{ index: 0, codec_type: 'video', codec_name: 'mpeg2video', width: 320, height: 240, avg_frame_rate: '25', r_frame_rate: '25', time_base: '1/90000' }],
    });
  });

  it('rotation from the tag and the display matrix, agreeing after conversion', () => {
    const info = videoInfoFromProbe('rot2.mp4', parseFfmpegBanner(ROTATED_41) ?? {});
    assert.deepEqual([info?.rotationDeg, info?.width, info?.height, info?.timeBase?.den], [270, 240, 320, 12800]);
  });

  it('cover art is not a video', () => {
    const probe = parseFfmpegBanner(COVER_ART_7);
    assert.equal(probe?.streams?.[1].disposition?.attached_pic, 1);
    assert.equal(videoInfoFromProbe('song.mp3', probe ?? {}), undefined);
  });

  it('a live stream without duration, ffmpeg 7 side data', () => {
    const info = videoInfoFromProbe('live', parseFfmpegBanner(LIVE_7) ?? {});
    assert.deepEqual([info?.durationSec, info?.startTimeSec, info?.fps, info?.rotationDeg, info?.width], [undefined, 1234.5, 29.97, 90, 720]);
  });

  it('undefined when ffmpeg printed no input', () => {
    assert.equal(parseFfmpegBanner('text.mp4: Invalid data found when processing input'), undefined);
  });
});
