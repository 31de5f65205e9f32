import assert from 'node:assert/strict';
import { inputScheme, isLiveInput, isNetworkInput, networkInputOptions, type LiveInputHints } from '../../../../src/sources/video/live-input';

describe('isLiveInput', () => {
  const cases: Array<[string, LiveInputHints, boolean]> = [
    ['rtsp://192.168.1.20:554/stream1', {}, true],
    ['RTSP://cam/live', {}, true],
    ['rtsps://cam/live', {}, true],
    ['rtmp://server/app/key', {}, true],
    ['udp://239.0.0.1:1234', {}, true],
    ['srt://relay:9000?mode=caller', {}, true],
    ['rtp://127.0.0.1:5004', {}, true],
    ['https://cdn.example/live/index.m3u8', {}, true],
    ['https://cdn.example/live/INDEX.M3U8?token=abc#t=3', {}, true],
    ['http://cam.local/stream', { format: 'mpegts' }, true],
    ['http://cam.local/stream', { format: 'HLS' }, true],
    ['http://cam.local/live.flv', { format: 'flv' }, true],
    ['https://cdn.example/clip.mp4', {}, false],
    ['https://cdn.example/clip.ts', {}, false],
    ['https://cdn.example/clip.mp4', { format: 'mp4' }, false],
    ['https://cdn.example/clip.mp4', { realtime: true }, true],
    ['https://cdn.example/m3u8/clip.mp4', {}, false],
    ['/data/video/vtest.avi', {}, false],
    ['/data/video/vtest.avi', { realtime: true }, true],
    ['file:///data/video/vtest.avi', {}, false],
    ['C:\\videos\\a.mp4', {}, false],
    ['ftp://host/a.m3u8', {}, false],
  ];
  for (const [input, hints, expected] of cases) {
    it(`${input} ${JSON.stringify(hints)} → ${expected}`, () => assert.equal(isLiveInput(input, hints), expected));
  }
});

describe('inputScheme and isNetworkInput', () => {
  const cases: Array<[string, string | undefined, boolean]> = [
    ['rtsp://cam/live', 'rtsp', true],
    ['HTTPS://a/b.m3u8', 'https', true],
    ['file:///a.mp4', 'file', false],
    ['/a/b.mp4', undefined, false],
    ['relative/clip.mp4', undefined, false],
    ['D:/videos/clip.mp4', undefined, false],
  ];
  for (const [input, scheme, network] of cases) {
    it(input, () => assert.deepEqual([inputScheme(input), isNetworkInput(input)], [scheme, network]));
  }
});

describe('networkInputOptions', () => {
  const base = { ioTimeoutSec: 6, rtspTransport: 'tcp' as const, rtspTimeoutOption: '-timeout' as const };
  const cases: Array<[string, string, Partial<typeof base> & { format?: string }, string[]]> = [
    ['RTSP, ffmpeg >= 5', 'rtsp://cam/live', {}, ['-rtsp_transport', 'tcp', '-timeout', '6000000']],
    ['RTSP, ffmpeg 4, over UDP', 'rtsp://cam/live', { rtspTimeoutOption: '-stimeout', rtspTransport: 'udp' } as never, ['-rtsp_transport', 'udp', '-stimeout', '6000000']],
    ['HLS over https', 'https://cdn/live.m3u8', { ioTimeoutSec: 2.5 }, ['-rw_timeout', '2500000']],
    ['MPEG-TS over http with a format', 'http://cam/stream', { format: 'mpegts' }, ['-f', 'mpegts', '-rw_timeout', '6000000']],
    ['rtmp', 'rtmp://server/app/key', {}, ['-rw_timeout', '6000000']],
    ['a local file', '/data/a.mp4', {}, []],
    ['a local file with a format', '/data/a.ts', { format: 'mpegts' }, ['-f', 'mpegts']],
    ['file: URL', 'file:///data/a.mp4', {}, []],
  ];
  for (const [name, input, change, expected] of cases) {
    it(name, () => assert.deepEqual(networkInputOptions(input, { ...base, ...change }), expected));
  }
});
