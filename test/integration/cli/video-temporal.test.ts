import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseMotCsv } from '../../../src/grounding/mot';
import { dataFile, REPO_ROOT } from '../../support/paths';
import { assertNoFfmpegChildren } from '../../support/processes';

const BIN = path.join(REPO_ROOT, 'bin', 'groundstream.cjs');

function groundstream(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Cue times and texts of a WebVTT or SRT file: [start, end, text] in seconds. */
function cues(text: string, decimal: '.' | ','): [number, number, string][] {
  const sec = (t: string) => { const [h, m, s] = t.split(':'); return Number(h) * 3600 + Number(m) * 60 + Number(s.replace(',', '.')); };
  const time = decimal === '.' ? String.raw`\d\d:\d\d:\d\d\.\d{3}` : String.raw`\d\d:\d\d:\d\d,\d{3}`;
  const re = new RegExp(`(${time}) --> (${time})\\n([^\\n]+)`, 'g');
  return [...text.matchAll(re)].map((m) => [sec(m[1]), sec(m[2]), m[3]]);
}

describe('groundstream video --segments --mot --vtt --srt (the bin, on one-by-one-person-detection.mp4)', () => {
  let tmp: string;
  before(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-temporal-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));
  afterEach(() => assertNoFfmpegChildren());

  it('lists the segments, writes MOT tracks, WebVTT (captions + metadata) and SRT that agree with the events', async () => {
    const f = (name: string) => path.join(tmp, name);
    const r = await groundstream(['video', dataFile('video/one-by-one-person-detection.mp4'), '--query', 'person', '--fps', '2', '--end', '50',
      '--segments', '--max-gap', '1.5', '--min-duration', '2', '--mot', f('tracks.txt'), '--vtt', f('walks.vtt'), '--srt', f('walks.srt'), '--out', f('events.jsonl')]);
    assert.equal(r.code, 0, r.stderr);
    process.stdout.write(`${r.stderr.split('\n').filter((l) => /segments:|^\s+person\s+\[/.test(l)).join('\n')}\n`);
    const listed = [...r.stderr.matchAll(/^\s+person\s+\[(\d\d):(\d\d\.\d), (\d\d):(\d\d\.\d)\]/gm)];
    assert.ok(listed.length >= 2, r.stderr);
    assert.match(r.stderr, /written: .*walks\.metadata\.vtt/);

    const events = readFileSync(f('events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const ends = events.filter((e) => e.kind === 'EVENT_KIND_SEGMENT' && e.lifecycle === 'LIFECYCLE_END');
    const trackEnds = ends.filter((e) => e.segment.trackId > 0);
    assert.equal(listed.length, ends.length - trackEnds.length, 'one listed line per phrase segment');

    // MOT: every tracked region of every frame event, frame = source index + 1.
    const mot = parseMotCsv(readFileSync(f('tracks.txt'), 'utf8'), 'tracks.txt');
    const tracked = events.filter((e) => e.kind === 'EVENT_KIND_FRAME').flatMap((e) => e.regions.filter((x: { trackId?: number }) => (x.trackId ?? 0) > 0).map((x: { trackId: number }) => `${e.frameIndex + 1}:${x.trackId}`));
    const rows = [...mot.frames.values()].flat().map((row) => `${row.frame}:${row.id}`);
    assert.deepEqual(rows.sort(), tracked.sort());
    assert.ok([...mot.frames.keys()].every((frame) => (frame - 1) % 5 === 0), 'source frame indices + 1 under --fps 2 on 10 fps media');
    assert.deepEqual(new Set([...mot.frames.values()].flat().map((row) => row.id)), new Set(trackEnds.map((e) => e.segment.trackId)));

    // Captions: one cue per track segment, same times and text in WebVTT and SRT.
    const vtt = readFileSync(f('walks.vtt'), 'utf8');
    assert.ok(vtt.startsWith('WEBVTT'));
    const vttCues = cues(vtt, '.');
    const srtCues = cues(readFileSync(f('walks.srt'), 'utf8'), ',');
    assert.equal(vttCues.length, trackEnds.length);
    assert.deepEqual(srtCues, vttCues);
    for (const [k, e] of trackEnds.entries()) {
      assert.equal(vttCues[k][2], e.captions[0].text);
      assert.ok(Math.abs(vttCues[k][0] - e.segment.startSec) < 1e-3);
    }
    // The metadata track: one cue per ended segment, its payload the segment event.
    const meta = readFileSync(f('walks.metadata.vtt'), 'utf8');
    const payloads = cues(meta, '.').map(([, , text]) => JSON.parse(text));
    assert.deepEqual(payloads.map((p) => p.segment.segmentId).sort(), ends.map((e) => e.segment.segmentId).sort());
  });

  it('eval mot scores the tracks: perfect against themselves, and with track 1 moved away, by the rows it lost', async () => {
    const gt = path.join(tmp, 'tracks.txt');
    const self = await groundstream(['eval', 'mot', '--gt', gt, '--pred', gt, '--json']);
    assert.equal(self.code, 0, self.stderr);
    assert.deepEqual([JSON.parse(self.stdout).metrics.mota, JSON.parse(self.stdout).metrics.idf1], [1, 1]);

    const lines = readFileSync(gt, 'utf8').trim().split('\n');
    const moved = lines.map((line) => {
      const cols = line.split(',');
      if (cols[1] === '1') cols[2] = String(Number(cols[2]) + 5000);
      return cols.join(',');
    });
    const n1 = lines.filter((line) => line.split(',')[1] === '1').length;
    const n = lines.length;
    assert.ok(n1 > 0 && n1 < n);
    const pred = path.join(tmp, 'moved.txt');
    writeFileSync(pred, `${moved.join('\n')}\n`);
    const r = await groundstream(['eval', 'mot', '--gt', gt, '--pred', pred, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { metrics } = JSON.parse(r.stdout);
    // Track 1's rows are all misses and all false positives; every other row matches.
    assert.equal(metrics.fn, n1);
    assert.equal(metrics.fp, n1);
    assert.ok(Math.abs(metrics.mota - (1 - (2 * n1) / n)) < 1e-9);
    assert.ok(Math.abs(metrics.idf1 - (n - n1) / n) < 1e-9);
  });
});
