import assert from 'node:assert/strict';
import { parseFfmpegFeatures } from '../../../../src/sources/video/ffmpeg-features';

describe('parseFfmpegFeatures', () => {
  const cases: Array<[string, string, boolean]> = [
    ['git build of 2018 (4.1)', 'ffmpeg version N-47683-g0e8eb07980-static\nlibavutil      56. 24.101 / 56. 24.101\nlibavformat    58. 24.100 / 58. 24.100', false],
    ['5.0', 'ffmpeg version 5.0\nlibavformat    59. 16.100 / 59. 16.100', false],
    ['5.1', 'ffmpeg version 5.1.2\nlibavformat    59. 27.100 / 59. 27.100', true],
    ['6.0', 'ffmpeg version 6.0\nlibavformat    60.  3.100 / 60.  3.100', true],
    ['7.1', 'ffmpeg version 7.1\nlibavformat    61.  7.100 / 61.  7.100', true],
    ['unreadable', 'something else', false],
  ];
  for (const [name, text, fpsMode] of cases) it(name, () => assert.equal(parseFfmpegFeatures(text).hasFpsMode, fpsMode));
});
