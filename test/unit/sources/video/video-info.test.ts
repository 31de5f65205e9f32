import assert from 'node:assert/strict';
import {
  isStillImage,
  normalizeRotation,
  parseRational,
  streamRotation,
  videoInfoFromProbe,
  type FfprobeOutput,
  type FfprobeStream,
} from '../../../../src/sources/video/video-info';

describe('parseRational', () => {
  const cases: Array<[string | undefined, ReturnType<typeof parseRational>]> = [
    ['25/2', { num: 25, den: 2 }],
    ['1000000/66667', { num: 1000000, den: 66667 }],
    ['1/90000', { num: 1, den: 90000 }],
    ['12.5', { num: 12.5, den: 1 }],
    ['0/0', null],
    ['0/1', null],
    ['N/A', null],
    ['', null],
    [undefined, null],
  ];
  for (const [text, expected] of cases) it(`${String(text)}`, () => assert.deepEqual(parseRational(text), expected));
});

describe('normalizeRotation', () => {
  const cases: Array<[number, number]> = [
    [0, 0],
    [90, 90],
    [-90, 270],
    [270, 270],
    [-270, 90],
    [180, 180],
    [-180, 180],
    [360, 0],
    [89.99, 90],
    [NaN, 0],
  ];
  for (const [deg, expected] of cases) it(`${deg} -> ${expected}`, () => assert.equal(normalizeRotation(deg), expected));
});

describe('streamRotation (clockwise, as the rotate tag)', () => {
  const cases: Array<[string, FfprobeStream, number]> = [
    ['none', {}, 0],
    ['rotate tag 90', { tags: { rotate: '90' } }, 90],
    ['display matrix -90 (phone portrait) is a clockwise 90', { side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }, 90],
    ['display matrix 90', { side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] }, 270],
    ['display matrix wins over the tag', { tags: { rotate: '180' }, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }, 90],
    ['other side data is ignored', { side_data_list: [{ side_data_type: 'Stereo 3D' }] }, 0],
  ];
  for (const [name, stream, expected] of cases) it(name, () => assert.equal(streamRotation(stream), expected));
});

describe('isStillImage', () => {
  const cases: Array<[string, string, string, number | null, boolean]> = [
    ['photo.jpg', 'image2', 'mjpeg', null, true],
    ['frames/img%03d.png', 'image2', 'png', null, false],
    ['pipe:0', 'png_pipe', 'png', null, true],
    ['pipe:0', 'image2pipe', 'mjpeg', null, false],
    ['anim.gif', 'gif', 'gif', 20, false],
    ['clip.mp4', 'mov,mp4,m4a,3gp,3g2,mj2', 'h264', 377, false],
    ['one.mkv', 'matroska,webm', 'png', 1, true],
  ];
  for (const [input, format, codec, nb, expected] of cases) {
    it(`${input} (${format}, ${codec})`, () => assert.equal(isStillImage(input, format, codec, nb), expected));
  }
});

describe('videoInfoFromProbe', () => {
  const carDetection: FfprobeOutput = {
    streams: [
      {
        index: 0, codec_type: 'video', codec_name: 'h264', width: 768, height: 432, r_frame_rate: '25/2', avg_frame_rate: '25/2',
        time_base: '1/25000', start_time: '0.000000', duration: '30.160000', nb_frames: '377',
      },
      { index: 1, codec_type: 'audio', codec_name: 'aac', r_frame_rate: '0/0', avg_frame_rate: '0/0', duration: '30.160000', nb_frames: '1416' },
    ],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', start_time: '0.000000', duration: '30.160000' },
  };

  it('car-detection.mp4', () => {
    assert.deepEqual(videoInfoFromProbe('car.mp4', carDetection), {
      input: 'car.mp4',
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationSec: 30.16,
      startTimeSec: 0,
      streamIndex: 0,
      width: 768,
      height: 432,
      codedWidth: 768,
      codedHeight: 432,
      rotationDeg: 0,
      fps: 12.5,
      timeBase: { num: 1, den: 25000 },
      frameCount: 377,
      frameCountExact: true,
      codec: 'h264',
      isStill: false,
    });
  });

  it('picks the video stream after cover art and audio', () => {
    const probe: FfprobeOutput = {
      streams: [
        { index: 0, codec_type: 'audio', codec_name: 'mp3' },
        { index: 1, codec_type: 'video', codec_name: 'mjpeg', width: 300, height: 300, disposition: { attached_pic: 1 } },
        { index: 2, codec_type: 'video', codec_name: 'vp9', width: 640, height: 360, avg_frame_rate: '30/1' },
      ],
      format: { format_name: 'matroska,webm', duration: '10.0' },
    };
    const info = videoInfoFromProbe('x.mkv', probe);
    assert.equal(info?.streamIndex, 2);
    assert.equal(info?.frameCount, 300);
    assert.equal(info?.frameCountExact, false);
  });

  it('undefined without a video stream (audio, or cover art only)', () => {
    assert.equal(videoInfoFromProbe('a.m4a', { streams: [{ codec_type: 'audio' }], format: {} }), undefined);
    assert.equal(
      videoInfoFromProbe('a.mp3', { streams: [{ codec_type: 'video', width: 1, height: 1, disposition: { attached_pic: 1 } }], format: {} }),
      undefined,
    );
    assert.equal(videoInfoFromProbe('x', {}), undefined);
  });

  it('rotation swaps the display size, MPEG-TS start time, average rate missing', () => {
    const info = videoInfoFromProbe('x.ts', {
      streams: [{ index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '0/0', r_frame_rate: '30000/1001', tags: { rotate: '270' } }],
      format: { format_name: 'mpegts', start_time: '11.400000' },
    });
    assert.deepEqual([info?.width, info?.height, info?.rotationDeg], [1080, 1920, 270]);
    assert.equal(info?.startTimeSec, 11.4);
    assert.equal(info?.fps, 30000 / 1001);
    assert.equal(info?.durationSec, undefined);
    assert.equal(info?.frameCount, undefined);
  });

  it('a JPEG is a one-frame still', () => {
    const info = videoInfoFromProbe('p.jpg', {
      streams: [{ index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 500, height: 335, r_frame_rate: '25/1', avg_frame_rate: '0/0', duration: '0.040000' }],
      format: { format_name: 'image2', duration: '0.040000' },
    });
    assert.deepEqual([info?.isStill, info?.frameCount, info?.frameCountExact, info?.durationSec], [true, 1, true, 0]);
  });
});
