import assert from 'node:assert/strict';
import {
  decodeArgs,
  filterChain,
  formatNumber,
  seekPrerollSec,
  seekSec,
  selectExpression,
  type DecodePlan,
} from '../../../../src/sources/video/decode-args';
import { outputGeometry } from '../../../../src/sources/video/output-geometry';

const basePlan: DecodePlan = {
  inputArg: '/data/clip.mp4',
  streamIndex: 0,
  originSec: 0,
  startSec: 0,
  prerollSec: 0,
  geometry: outputGeometry(768, 576, 768, 576, 'stretch'),
  layout: 'rgb24',
  padValue: 114,
  hasFpsMode: false,
};

describe('formatNumber', () => {
  const cases: Array<[number, string]> = [
    [0, '0'],
    [10, '10'],
    [0.5, '0.5'],
    [1e-7, '0.0000001'],
    [11.399999, '11.399999'],
    [-0.08, '-0.08'],
    [-1e-12, '0'],
    [1 / 3, '0.333333333'],
  ];
  for (const [x, text] of cases) it(`${x} -> ${text}`, () => assert.equal(formatNumber(x), text));
});

describe('selectExpression', () => {
  const cases: Array<[string, Partial<DecodePlan>, string | undefined]> = [
    ['every frame: no select', {}, undefined],
    ['start only', { startSec: 10 }, 'gte(t,9.999999)'],
    ['end only', { endSec: 2 }, 'lt(t,1.999999)'],
    ['window, shifted by the container start', { startSec: 1, endSec: 2, originSec: 11.4 }, 'gte(t,12.399999)*lt(t,13.399999)'],
    [
      'sampling in buckets of media time',
      { sampleFps: 2 },
      'gt(isnan(prev_selected_t)+gt(floor((t-(0))*2+0.000001),floor((prev_selected_t-(0))*2+0.000001)),0)',
    ],
    [
      'sampling with a negative start time',
      { sampleFps: 5, originSec: -0.08 },
      'gt(isnan(prev_selected_t)+gt(floor((t-(-0.08))*5+0.000001),floor((prev_selected_t-(-0.08))*5+0.000001)),0)',
    ],
  ];
  for (const [name, plan, expected] of cases) {
    it(name, () => assert.equal(selectExpression({ ...basePlan, ...plan }), expected));
  }
});

describe('seekPrerollSec / seekSec', () => {
  const formats: Array<[string, number]> = [
    ['mov,mp4,m4a,3gp,3g2,mj2', 0],
    ['matroska,webm', 0],
    ['avi', 0],
    ['mpegts', 5],
    ['hls', 5],
    ['h264', 5],
  ];
  for (const [format, preroll] of formats) it(`${format}: ${preroll} s`, () => assert.equal(seekPrerollSec(format), preroll));

  const seeks: Array<[number, number, number]> = [
    [0, 0, 0],
    [10, 0, 10],
    [10, 5, 5],
    [3, 5, 0],
  ];
  for (const [startSec, prerollSec, seek] of seeks) {
    it(`start ${startSec} with pre-roll ${prerollSec} seeks to ${seek}`, () => assert.equal(seekSec({ startSec, prerollSec }), seek));
  }
});

describe('filterChain', () => {
  it('full size: showinfo, scale (keeps the size fixed), pixel format', () => {
    assert.equal(filterChain(basePlan), 'showinfo@gs_out,scale=768:576:flags=bilinear,format=rgb24');
  });

  it('letterbox: scale, convert, then pad with the pad value in every channel', () => {
    const plan = { ...basePlan, geometry: outputGeometry(768, 576, 416, 416, 'letterbox'), layout: 'gbrp' as const };
    assert.equal(filterChain(plan), 'showinfo@gs_out,scale=416:312:flags=bilinear,format=gbrp,pad=416:416:0:0:color=0x727272');
  });

  it('pad value 0 is written as two hex digits', () => {
    const plan = { ...basePlan, geometry: outputGeometry(500, 335, 416, 416, 'letterbox'), padValue: 0 };
    assert.match(filterChain(plan), /color=0x000000$/);
  });

  it('selection: a showinfo before select counts every decoded frame', () => {
    assert.equal(
      filterChain({ ...basePlan, endSec: 5 }),
      "showinfo@gs_all,select='lt(t,4.999999)',showinfo@gs_out,scale=768:576:flags=bilinear,format=rgb24",
    );
  });
});

describe('decodeArgs', () => {
  it('ffmpeg 4: copyts, passthrough via -vsync, raw frames on stdout', () => {
    assert.deepEqual(decodeArgs(basePlan), [
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-copyts',
      '-i', '/data/clip.mp4', '-map', '0:0',
      '-vf', 'showinfo@gs_out,scale=768:576:flags=bilinear,format=rgb24',
      '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
    ]);
  });

  it('ffmpeg >= 5.1: -fps_mode passthrough', () => {
    const args = decodeArgs({ ...basePlan, hasFpsMode: true });
    assert.deepEqual(args.slice(args.indexOf('-fps_mode'), args.indexOf('-fps_mode') + 2), ['-fps_mode', 'passthrough']);
    assert.ok(!args.includes('-vsync'));
  });

  it('a window seeks on the input and limits the read past endSec', () => {
    const args = decodeArgs({ ...basePlan, startSec: 10, endSec: 12, streamIndex: 2 });
    assert.deepEqual(args.slice(5, 13), ['-copyts', '-ss', '10', '-t', '2.5', '-i', '/data/clip.mp4', '-map']);
    assert.equal(args[args.indexOf('-map') + 1], '0:2');
  });

  it('with pre-roll, seeks earlier and reads the longer span', () => {
    const args = decodeArgs({ ...basePlan, startSec: 12, endSec: 13, prerollSec: 5 });
    assert.deepEqual(args.slice(6, 10), ['-ss', '7', '-t', '6.5']);
  });

  it('realtime reads the input at its own rate: -re just before -i', () => {
    const args = decodeArgs({ ...basePlan, realtime: true });
    assert.deepEqual(args.slice(args.indexOf('-i') - 1, args.indexOf('-i') + 2), ['-re', '-i', '/data/clip.mp4']);
    assert.ok(!decodeArgs(basePlan).includes('-re'));
  });

  it('input options (network timeouts, transport) go just before -i, after -re', () => {
    const args = decodeArgs({ ...basePlan, inputArg: 'rtsp://cam/live', realtime: true, inputOptions: ['-rtsp_transport', 'tcp', '-stimeout', '6000000'] });
    const i = args.indexOf('-i');
    assert.deepEqual(args.slice(i - 5, i + 2), ['-re', '-rtsp_transport', 'tcp', '-stimeout', '6000000', '-i', 'rtsp://cam/live']);
  });

  it('no seek when the pre-roll reaches the start', () => {
    const args = decodeArgs({ ...basePlan, startSec: 0.4, endSec: 0.6, prerollSec: 5 });
    assert.ok(!args.includes('-ss'));
    assert.equal(args[args.indexOf('-t') + 1], '1.1');
  });
});
