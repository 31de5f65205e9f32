import assert from 'node:assert/strict';
import { parseFfmpegFeatures } from '../../../../src/sources/video/ffmpeg-features';

describe('parseFfmpegFeatures', () => {
  const cases: Array<[string, string, boolean, '-timeout' | '-stimeout']> = [
    ['git build of 2018 (4.1)', 'ffmpeg version N-47683-g0e8eb07980-static\nlibavutil      56. 24.101 / 56. 24.101\nlibavformat    58. 24.100 / 58. 24.100', false, '-stimeout'],
    ['4.4', 'ffmpeg version 4.4.2\nlibavformat    58. 76.100 / 58. 76.100', false, '-stimeout'],
    ['5.0', 'ffmpeg version 5.0\nlibavformat    59. 16.100 / 59. 16.100', false, '-timeout'],
    ['5.1', 'ffmpeg version 5.1.2\nlibavformat    59. 27.100 / 59. 27.100', true, '-timeout'],
    ['6.0', 'ffmpeg version 6.0\nlibavformat    60.  3.100 / 60.  3.100', true, '-timeout'],
    ['7.1', 'ffmpeg version 7.1\nlibavformat    61.  7.100 / 61.  7.100', true, '-timeout'],
    ['ffprobe git build of 2023', 'ffprobe version N-66595-gc2b38619c0-static\nlibavformat    60. 20.100 / 60. 20.100', true, '-timeout'],
    ['unreadable', 'something else', false, '-stimeout'],
  ];
  for (const [name, text, fpsMode, rtspTimeout] of cases) {
    it(name, () => assert.deepEqual(parseFfmpegFeatures(text), { hasFpsMode: fpsMode, rtspTimeoutOption: rtspTimeout }));
  }
});
