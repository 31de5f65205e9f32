import assert from 'node:assert/strict';
import { parseShowinfoLine, showinfoSeconds } from '../../../../src/sources/video/showinfo';

describe('parseShowinfoLine', () => {
  const cases: Array<[string, string, ReturnType<typeof parseShowinfoLine>]> = [
    [
      'ffmpeg 4.1 frame line',
      '[showinfo@gs_out @ 0x278e7780] n:   3 pts:    103 pts_time:10.3    pos:  1109088 fmt:yuv420p sar:0/1 s:768x576 i:P iskey:0 type:P checksum:964C9512',
      { kind: 'frame', tag: 'showinfo@gs_out', pts: 103, ptsTime: 10.3, width: 768, height: 576 },
    ],
    [
      'ffmpeg 7 frame line (duration fields, no pos)',
      '[showinfo@gs_all @ 0x55d0c5b4e240] n:   0 pts:1026000 pts_time:11.4    duration:   3600 duration_time:0.04    fmt:yuv420p cl:left sar:1/1 s:320x240 i:P iskey:1 type:I',
      { kind: 'frame', tag: 'showinfo@gs_all', pts: 1026000, ptsTime: 11.4, width: 320, height: 240 },
    ],
    [
      'default instance name, negative pts',
      '[Parsed_showinfo_0 @ 0xa271940] n:   0 pts:  -1024 pts_time:-0.08   pos: 48 fmt:yuv420p s:16x16 i:P',
      { kind: 'frame', tag: 'Parsed_showinfo_0', pts: -1024, ptsTime: -0.08, width: 16, height: 16 },
    ],
    [
      'NOPTS',
      '[showinfo@gs_out @ 0x1] n:   7 pts:NOPTS pts_time:NOPTS pos: -1 fmt:rgb24 s:8x8',
      { kind: 'frame', tag: 'showinfo@gs_out', pts: null, ptsTime: null, width: 8, height: 8 },
    ],
    [
      'config line',
      '[showinfo@gs_out @ 0x278e7780] config in time_base: 1/25000, frame_rate: 25/2',
      { kind: 'timebase', tag: 'showinfo@gs_out', timeBase: { num: 1, den: 25000 } },
    ],
    ['config out line', '[showinfo@gs_out @ 0x278e7780] config out time_base: 0/0, frame_rate: 0/0', undefined],
    ['side data line', '[showinfo@gs_out @ 0x278e7780]   side data - unknown side data type 17 (1764 bytes)', undefined],
    ['other filter', '[h264 @ 0x1d295800] Invalid NAL unit size (5533 > 4921).', undefined],
    ['no prefix', 'frame=   12 fps=0.0 q=-0.0 Lsize=   11664kB', undefined],
  ];
  for (const [name, line, expected] of cases) {
    it(name, () => assert.deepEqual(parseShowinfoLine(line), expected));
  }
});

describe('showinfoSeconds', () => {
  const tb = (num: number, den: number) => ({ num, den });
  const cases: Array<[string, number | null, number | null, { num: number; den: number } | null, number | null]> = [
    ['exact from pts when it agrees with pts_time', 2000, 0.08, tb(1, 25000), 0.08],
    ['keeps precision pts_time lost (6 significant digits)', 1234567891, 13717.4, tb(1, 90000), 1234567891 / 90000],
    ['pts_time when the time base is not the filter\'s', 3, 0.12, tb(1, 1000), 0.12],
    ['pts_time without a time base', 5, 0.5, null, 0.5],
    ['pts when pts_time is missing', 50, null, tb(1, 10), 5],
    ['null for NOPTS', null, null, tb(1, 10), null],
    ['tree.avi time base 66667/1000000', 443, 29.5335, tb(66667, 1000000), (443 * 66667) / 1000000],
  ];
  for (const [name, pts, ptsTime, timeBase, expected] of cases) {
    it(name, () => assert.equal(showinfoSeconds({ pts, ptsTime }, timeBase), expected));
  }
});
