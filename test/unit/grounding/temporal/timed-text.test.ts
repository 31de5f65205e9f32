import assert from 'node:assert/strict';
import {
  formatSrtTime,
  formatWebVttTime,
  MIN_CUE_DURATION_SEC,
  toSrt,
  toWebVtt,
  toWebVttMetadata,
  type TimedCue,
} from '../../../../src/grounding/temporal';

interface ParsedCue {
  id?: string;
  startMs: number;
  endMs: number;
  lines: string[];
}

const timing = (mark: string) =>
  new RegExp(`^(\\d{2,}):([0-5]\\d):([0-5]\\d)\\${mark}(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d)\\${mark}(\\d{3})$`);
const VTT_TIMING = timing('.');
const SRT_TIMING = timing(',');
const toMs = (m: RegExpMatchArray, at: number) => ((Number(m[at]) * 60 + Number(m[at + 1])) * 60 + Number(m[at + 2])) * 1000 + Number(m[at + 3]);

/** Blocks of a file that uses LF only, ends with one LF and separates blocks by exactly one blank line. */
function blocksOf(file: string): string[][] {
  assert.ok(!file.includes('\r'), 'LF line endings only');
  assert.ok(file.endsWith('\n') && !file.endsWith('\n\n'), 'ends with exactly one line break');
  const blocks = file.slice(0, -1).split('\n\n').map((b) => b.split('\n'));
  for (const block of blocks) for (const line of block) assert.notEqual(line, '', 'no blank line inside a block');
  return blocks;
}

/** A strict reader of what toWebVtt and toWebVttMetadata write. */
function parseVtt(file: string, payload: RegExp): { header: string; cues: ParsedCue[] } {
  const [headerBlock, ...cueBlocks] = blocksOf(file);
  assert.equal(headerBlock.length, 1);
  const header = /^WEBVTT(?: ([^\n]*))?$/.exec(headerBlock[0]);
  assert.ok(header, `header line: ${headerBlock[0]}`);
  const cues = cueBlocks.map((block) => {
    let at = 0;
    let id: string | undefined;
    if (!VTT_TIMING.test(block[0])) {
      id = block[at++];
      assert.ok(!id.includes('-->'), `identifier without -->: ${id}`);
    }
    const m = VTT_TIMING.exec(block[at++]);
    assert.ok(m, `timing line: ${block[at - 1]}`);
    const lines = block.slice(at);
    assert.ok(lines.length > 0, 'a payload');
    for (const line of lines) {
      assert.ok(!line.includes('-->'), `payload without -->: ${line}`);
      assert.match(line, payload);
    }
    const cue: ParsedCue = { startMs: toMs(m, 1), endMs: toMs(m, 5), lines };
    if (id !== undefined) cue.id = id;
    return cue;
  });
  return { header: header[1] ?? '', cues };
}

/** Text cue payload: only the three entities, no raw markup characters. */
const VTT_TEXT = /^(?:[^&<>]|&(?:amp|lt|gt);)*$/;
const unescapeVtt = (line: string) => line.replace(/&(amp|lt|gt);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>' })[e] as string);

function parseSrt(file: string): ParsedCue[] {
  if (file === '') return [];
  return blocksOf(file).map((block, k) => {
    assert.equal(block[0], String(k + 1), 'numbered from 1');
    const m = SRT_TIMING.exec(block[1]);
    assert.ok(m, `timing line: ${block[1]}`);
    const lines = block.slice(2);
    assert.ok(lines.length > 0);
    for (const line of lines) assert.ok(!line.includes('-->'));
    return { startMs: toMs(m, 1), endMs: toMs(m, 5), lines };
  });
}

describe('timed text', () => {
  describe('round trip', () => {
    const cues: TimedCue[] = [
      { startSec: 7.9, endSec: 9, text: 'car 2 leaves', id: 'track:2#1' },
      { startSec: 3.2, endSec: 7.9, text: 'person 4 enters at 00:03.2 from the left' },
      { startSec: 3.2, endSec: 5, text: 'two\nlines' },
      { startSec: 3725.0004, endSec: 3725.9996, text: 'past an hour' },
      { startSec: 59.9996, endSec: 119.9995, text: 'rounds to a minute' },
    ];
    // sorted by start, then end; milliseconds rounded half up, never 60 s
    const expected: ParsedCue[] = [
      { startMs: 3200, endMs: 5000, lines: ['two', 'lines'] },
      { startMs: 3200, endMs: 7900, lines: ['person 4 enters at 00:03.2 from the left'] },
      { startMs: 7900, endMs: 9000, lines: ['car 2 leaves'], id: 'track:2#1' },
      { startMs: 60000, endMs: 120000, lines: ['rounds to a minute'] },
      { startMs: 3725000, endMs: 3726000, lines: ['past an hour'] },
    ];

    it('WebVTT', () => {
      const file = toWebVtt(cues);
      assert.ok(file.startsWith('WEBVTT\n\n'));
      assert.ok(file.includes('\n00:01:00.000 --> 00:02:00.000\n'));
      const parsed = parseVtt(file, VTT_TEXT);
      assert.equal(parsed.header, '');
      assert.deepEqual(parsed.cues, expected);
    });

    it('SRT', () => {
      const file = toSrt(cues);
      assert.ok(file.startsWith('1\n00:00:03,200 --> 00:00:05,000\ntwo\nlines\n\n2\n'));
      assert.deepEqual(parseSrt(file), expected.map(({ id: _id, ...rest }) => rest));
    });

    it('WebVTT metadata', () => {
      const payloads = [{ lifecycle: 'new', segment: { segmentId: 'track:4#1', xyxy: [1.5, 2, 3, 4] } }, { n: 2, text: 'a --> b\nc\u2028"d"\\-->' }, { nested: { s: '<b>&</b>' }, arr: [null, true] }];
      const file = toWebVttMetadata(payloads.map((payload, k) => ({ startSec: k, endSec: k + 1, payload, id: `m${k}` })), { header: 'groundstream segments' });
      const parsed = parseVtt(file, /^\{[^\r\n\u2028\u2029]*\}$/);
      assert.equal(parsed.header, 'groundstream segments');
      assert.deepEqual(parsed.cues.map((c) => c.lines.length), [1, 1, 1]);
      assert.deepEqual(parsed.cues.map((c) => JSON.parse(c.lines[0])), payloads);
      assert.deepEqual(parsed.cues.map((c) => [c.id, c.startMs, c.endMs]), [['m0', 0, 1000], ['m1', 1000, 2000], ['m2', 2000, 3000]]);
      assert.ok(file.includes(String.raw`"a --\u003e b\nc\u2028\"d\"\\--\u003e"`));
    });
  });

  describe('text escaping', () => {
    const cases: { name: string; text: string; vtt: string[]; srt: string[] }[] = [
      { name: 'markup characters', text: 'a <b>bold</b> & co', vtt: ['a &lt;b&gt;bold&lt;/b&gt; &amp; co'], srt: ['a <b>bold</b> & co'] },
      { name: 'an arrow', text: 'x --> y', vtt: ['x --&gt; y'], srt: ['x -> y'] },
      { name: 'arrows that would re-form', text: 'x ---> y -->>', vtt: ['x ---&gt; y --&gt;&gt;'], srt: ['x -> y ->>'] },
      { name: 'an entity already written', text: '&amp;', vtt: ['&amp;amp;'], srt: ['&amp;'] },
      { name: 'blank lines inside', text: 'one\n\ntwo\n \t\nthree\n', vtt: ['one', 'two', 'three'], srt: ['one', 'two', 'three'] },
      { name: 'CRLF and CR', text: 'one\r\ntwo\rthree', vtt: ['one', 'two', 'three'], srt: ['one', 'two', 'three'] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const cue = { startSec: 1, endSec: 2, text: c.text };
        const vtt = parseVtt(toWebVtt([cue]), VTT_TEXT).cues;
        assert.deepEqual(vtt.map((x) => x.lines), [c.vtt]);
        assert.deepEqual(parseSrt(toSrt([cue])).map((x) => x.lines), [c.srt]);
        if (!c.text.includes('-->')) assert.deepEqual(vtt[0].lines.map(unescapeVtt).join('\n'), c.text.split(/\r\n|\r|\n/).filter((l) => l.trim()).join('\n'));
      });
    }

    it('cues with no text are left out; SRT numbering stays consecutive', () => {
      const cues: TimedCue[] = [
        { startSec: 0, endSec: 1, text: 'a' },
        { startSec: 1, endSec: 2, text: ' \n\n' },
        { startSec: 2, endSec: 3, text: 'c' },
      ];
      assert.deepEqual(parseVtt(toWebVtt(cues), VTT_TEXT).cues.map((c) => c.lines), [['a'], ['c']]);
      assert.equal(toSrt(cues), '1\n00:00:00,000 --> 00:00:01,000\na\n\n2\n00:00:02,000 --> 00:00:03,000\nc\n');
    });

    const ids: [string, string][] = [
      ['track:4#1', 'track:4#1'],
      ['a-->b', 'a->b'],
      ['a--->b', 'a->b'],
      ['two\nlines\r\nid', 'two lines id'],
    ];
    for (const [id, written] of ids) {
      it(`identifier ${JSON.stringify(id)} → ${JSON.stringify(written)}`, () => {
        assert.equal(parseVtt(toWebVtt([{ startSec: 0, endSec: 1, text: 't', id }]), VTT_TEXT).cues[0].id, written);
      });
    }
    it('an empty identifier writes no identifier line', () => {
      assert.equal(toWebVtt([{ startSec: 0, endSec: 1, text: 't', id: '' }]), 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nt\n');
    });
  });

  describe('times', () => {
    const durations: { name: string; startSec: number; endSec: number; startMs: number; endMs: number }[] = [
      { name: 'end equal to start', startSec: 2, endSec: 2, startMs: 2000, endMs: 2100 },
      { name: 'end before start', startSec: 2, endSec: 1, startMs: 2000, endMs: 2100 },
      { name: 'less than a millisecond apart', startSec: 2, endSec: 2.0004, startMs: 2000, endMs: 2100 },
      { name: 'a millisecond is enough', startSec: 2, endSec: 2.001, startMs: 2000, endMs: 2001 },
      { name: 'before zero is clamped', startSec: -0.5, endSec: 1, startMs: 0, endMs: 1000 },
    ];
    for (const d of durations) {
      it(`${d.name}: ${d.startMs}–${d.endMs} ms`, () => {
        const cue = { startSec: d.startSec, endSec: d.endSec, text: 't' };
        assert.deepEqual(parseVtt(toWebVtt([cue]), VTT_TEXT).cues.map((c) => [c.startMs, c.endMs]), [[d.startMs, d.endMs]]);
        assert.deepEqual(parseSrt(toSrt([cue])).map((c) => [c.startMs, c.endMs]), [[d.startMs, d.endMs]]);
      });
    }
    it('minimal duration is 0.1 s', () => assert.equal(MIN_CUE_DURATION_SEC, 0.1));

    it('equal times keep their input order', () => {
      const cues = ['b', 'a', 'c'].map((text) => ({ startSec: 1, endSec: 2, text }));
      assert.deepEqual(parseSrt(toSrt(cues)).map((c) => c.lines[0]), ['b', 'a', 'c']);
    });

    const stamps: [number, string, string][] = [
      [0, '00:00:00.000', '00:00:00,000'],
      [3.2, '00:00:03.200', '00:00:03,200'],
      [0.0005, '00:00:00.001', '00:00:00,001'],
      [59.9995, '00:01:00.000', '00:01:00,000'],
      [3599.9999, '01:00:00.000', '01:00:00,000'],
      [360000, '100:00:00.000', '100:00:00,000'],
    ];
    for (const [sec, vtt, srt] of stamps) {
      it(`${sec} s → ${vtt} / ${srt}`, () => {
        assert.equal(formatWebVttTime(sec), vtt);
        assert.equal(formatSrtTime(sec), srt);
      });
    }

    it('rejects non-finite times and bad headers', () => {
      assert.throws(() => toWebVtt([{ startSec: Number.NaN, endSec: 1, text: 't' }]), RangeError);
      assert.throws(() => toSrt([{ startSec: 0, endSec: Number.POSITIVE_INFINITY, text: 't' }]), RangeError);
      assert.throws(() => toWebVtt([], { header: 'two\nlines' }), RangeError);
      assert.throws(() => toWebVtt([], { header: 'a --> b' }), RangeError);
      assert.throws(() => toWebVttMetadata([{ startSec: 0, endSec: 1, payload: { toJSON: () => undefined } }]), RangeError);
    });

    it('no cues', () => {
      assert.equal(toWebVtt([]), 'WEBVTT\n');
      assert.equal(toWebVtt([], { header: 'title' }), 'WEBVTT title\n');
      assert.equal(toWebVttMetadata([]), 'WEBVTT\n');
      assert.equal(toSrt([]), '');
    });
  });
});
