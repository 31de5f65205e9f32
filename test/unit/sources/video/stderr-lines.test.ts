import assert from 'node:assert/strict';
import { isFfmpegChatter, LineSplitter, LineTail } from '../../../../src/sources/video/stderr-lines';

function split(chunks: string[], maxLineLength?: number): string[] {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l), maxLineLength);
  for (const c of chunks) s.push(c);
  s.end();
  return lines;
}

describe('LineSplitter', () => {
  const cases: Array<[string, string[], number | undefined, string[]]> = [
    ['whole lines', ['a\nb\n'], undefined, ['a', 'b']],
    ['a line across chunks', ['ab', 'c\nd', 'e\n'], undefined, ['abc', 'de']],
    ['CRLF and CR', ['a\r\nb\rc\n'], undefined, ['a', 'b', 'c']],
    ['last line without newline', ['a\nb'], undefined, ['a', 'b']],
    ['empty lines dropped', ['\n\na\n\n'], undefined, ['a']],
    ['long line cut, rest dropped', ['abcdefgh', 'ij\nk\n'], 4, ['abcd', 'k']],
  ];
  for (const [name, chunks, max, expected] of cases) it(name, () => assert.deepEqual(split(chunks, max), expected));

  it('memory stays bounded without newlines', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), 100);
    for (let i = 0; i < 10_000; i++) s.push('x'.repeat(1000));
    s.end();
    assert.deepEqual(lines.map((l) => l.length), [100]);
  });
});

describe('LineTail', () => {
  it('keeps the last lines', () => {
    const t = new LineTail(3);
    for (const l of ['a', 'b', 'c', 'd', 'e']) t.push(l);
    assert.deepEqual(t.toArray(), ['c', 'd', 'e']);
  });
});

describe('isFfmpegChatter', () => {
  const cases: Array<[string, boolean]> = [
    ['Input #0, avi, from \'vtest.avi\':', true],
    ['    Stream #0:0: Video: msmpeg4v3', true],
    ['Stream mapping:', true],
    ['frame=  377 fps=0.0 q=-0.0 Lsize=    4524kB', true],
    ['video:4524kB audio:0kB subtitle:0kB', true],
    ['Conversion failed!', false],
    ['[h264 @ 0x1] error while decoding MB 3 4', false],
  ];
  for (const [line, expected] of cases) it(line, () => assert.equal(isFfmpegChatter(line), expected));
});
