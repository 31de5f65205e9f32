import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dataFile, REPO_ROOT } from '../../support/paths';
import { ffmpegProcessesMentioning } from '../../support/processes';

const BIN = path.join(REPO_ROOT, 'bin', 'groundstream.cjs');
const BUF = path.join(REPO_ROOT, 'node_modules', '.bin', 'buf');

interface Run { code: number; stdout: string; stderr: string }

function groundstream(args: string[], timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`groundstream ${args.join(' ')} timed out`)); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}

const readLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

/** proto3 JSON omits default values; what buf's protojson round trip must give back. */
function withoutDefaults(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(withoutDefaults) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const y = withoutDefaults(x);
      if (y !== undefined) out[k] = y;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (v === '' || v === 0 || v === false || (typeof v === 'string' && v.endsWith('_UNSPECIFIED'))) return undefined;
  return v;
}

describe('groundstream CLI (the bin, as a user runs it)', () => {
  let tmp: string;
  before(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-cli-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('video writes JSON Lines: frame events then a summary, and a human summary on stderr', async () => {
    const out = path.join(tmp, 'events.jsonl');
    const r = await groundstream(['video', dataFile('video/vtest.avi'), '--query', 'people', '--fps', '5', '--end', '4', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const events = readLines(out);
    assert.equal(events.length, 21);
    assert.deepEqual(events.slice(0, 20).map((e) => e.frameIndex), Array.from({ length: 20 }, (_, i) => i * 2));
    assert.ok(events.slice(0, 20).every((e) => e.kind === 'EVENT_KIND_FRAME' && e.boxFormat === 'BOX_FORMAT_XYXY' && e.streamId === 'vtest'));
    assert.equal(events[20].kind, 'EVENT_KIND_SUMMARY');
    assert.match(r.stderr, /people → person \(same: person\.n\.01\)/);
    assert.match(r.stderr, /20 frames in .* fps\), 795 declared by the source/);
    assert.match(r.stderr, /person: \d+ \(\d+\.\d\d per frame\)/);
  });

  it('its JSON Lines are the proto3 JSON form of GroundingEvent (checked by buf against the proto)', async function () {
    const out = path.join(tmp, 'events.jsonl');
    const events = readLines(out);
    for (const event of [events[0], events[events.length - 1]]) {
      const file = path.join(tmp, 'one.json');
      writeFileSync(file, JSON.stringify(event));
      const { stdout } = await promisify(execFile)(BUF, ['convert', REPO_ROOT, '--type', 'groundstream.v1.GroundingEvent', '--from', `${file}#format=json`, '--to', '-#format=json'], { cwd: REPO_ROOT });
      // Every field survives the schema's round trip: none unknown, none of the wrong type. Times
      // are compared as instants: protojson writes a whole second without its ".000".
      const instant = (e: Record<string, unknown>) => ({ ...e, wallTime: new Date(e.wallTime as string).toISOString() });
      assert.deepEqual(instant(JSON.parse(stdout)), instant(withoutDefaults(event) as Record<string, unknown>));
    }
  });

  it('writes to standard output without --out', async () => {
    const r = await groundstream(['video', dataFile('images/fastestdet_3.jpg'), '-q', 'frisbees']);
    assert.equal(r.code, 0, r.stderr);
    const [frame, summary] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(frame.regions.map((x: { label: string }) => x.label), ['frisbee', 'frisbee', 'frisbee', 'frisbee']);
    assert.equal(summary.summary.frames, 1);
  });

  const bad: { name: string; make: () => string; args?: string[]; code: RegExp }[] = [
    { name: 'a missing file', make: () => path.join(tmp, 'missing.mp4'), code: /input_not_found/ },
    { name: 'a text file renamed .mp4', make: () => { const p = path.join(tmp, 'notes.mp4'); writeFileSync(p, 'these are notes, not a video\n'.repeat(50)); return p; }, code: /not_a_video/ },
    { name: 'a query nothing can ground', make: () => dataFile('video/vtest.avi'), args: ['-q', 'unicorns'], code: /nothing_groundable: not groundable with the loaded models .*unicorns/ },
    { name: 'a negative --fps', make: () => dataFile('video/vtest.avi'), args: ['--fps', '-2'], code: /--fps must be a number ≥ 0/ },
    { name: '--redact without --annotate', make: () => dataFile('video/vtest.avi'), args: ['--redact', 'faces'], code: /--redact applies to the --annotate output/ },
    { name: 'a --redact kind that does not exist', make: () => dataFile('video/vtest.avi'), args: ['--annotate', 'x.mp4', '--redact', 'eyes'], code: /--redact takes faces, persons or faces,persons, got "eyes"/ },
    { name: 'a --masks model that is not a segmenter', make: () => dataFile('video/vtest.avi'), args: ['--masks', 'yolox-nano-416', '--end', '1'], code: /model_not_found: "yolox-nano-416" is not a segmentation model; segmenters: deeplab-v3-mnv2-257, road-segmentation-adas-0001/ },
    { name: '--start on a live source', make: () => dataFile('video/vtest.avi'), args: ['--live', '--start', '3'], code: /startSec and endSec apply to files .*not to a live source/ },
  ];
  for (const c of bad) {
    it(`names the input and the reason for ${c.name}, exits 1, leaves no ffmpeg`, async () => {
      const input = c.make();
      const r = await groundstream(['video', input, ...(c.args ?? []), '--out', path.join(tmp, 'bad.jsonl')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, c.code);
      if (!c.args) assert.ok(r.stderr.includes(input), r.stderr);
      assert.deepEqual(ffmpegProcessesMentioning(input), []);
    });
  }

  it('delivers the frames of a truncated video, then an error event, and exits 1', async () => {
    const cut = path.join(tmp, 'cut.mp4');
    const buf = Buffer.alloc(102400);
    const fd = openSync(dataFile('video/car-detection.mp4'), 'r');
    readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    writeFileSync(cut, buf);
    const out = path.join(tmp, 'cut.jsonl');
    const r = await groundstream(['video', cut, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /truncated/);
    const events = readLines(out);
    const frames = events.filter((e) => e.kind === 'EVENT_KIND_FRAME');
    assert.ok(frames.length >= 5 && frames.length < 377, `${frames.length} frames`);
    const last = events[events.length - 1];
    assert.equal(last.kind, 'EVENT_KIND_ERROR');
    assert.equal(last.error.code, 'truncated');
    assert.equal(last.error.input, cut);
    assert.deepEqual(ffmpegProcessesMentioning(cut), []);
  });

  it('models list / verify show every registry model and its state', async () => {
    const list = await groundstream(['models', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout.trim().split('\n').length, 9);
    assert.match(list.stdout, /ppocr-v4 +text-recognition .*@gutenye\/ocr-models/);
    assert.match(list.stdout, /yolox-nano-416 +detection +1x3x416x416 +80 labels +adapter/);
    const verify = await groundstream(['models', 'verify']);
    assert.equal(verify.code, 0);
    assert.equal((verify.stdout.match(/^ok /gm) ?? []).length, 8);
  });

  it('models verify exits 1 and names a file that fails its sha256', async () => {
    const dir = mkdtempSync(path.join(tmp, 'models-'));
    writeFileSync(path.join(dir, 'yunet_120x160.onnx'), 'damaged');
    const r = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'models', 'verify'], { env: { ...process.env, GROUNDSTREAM_MODEL_PATH: dir } });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr: '' }));
    });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /mismatch +yunet-120x160[\s\S]*sha256/);
  });

  it('serve: buf curl runs every RPC through reflection, /metrics counts the work, logs are JSON lines, SIGTERM ends a live subscriber and stops the server', async () => {
    const video = dataFile('video/vtest.avi');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--metrics-port', '0', '--root', path.dirname(video), '--sessions', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      const [port, metricsPort] = await new Promise<[number, number]>((resolve, reject) => {
        child.stderr.on('data', (d) => {
          err += d;
          const m = /serving gRPC on 127\.0\.0\.1:(\d+).*metrics on 127\.0\.0\.1:(\d+)/.exec(err);
          if (m) resolve([Number(m[1]), Number(m[2])]);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
      });
      const curl = (method: string, body: unknown) => promisify(execFile)(BUF, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', '-d', JSON.stringify(body),
        `http://127.0.0.1:${port}/groundstream.v1.GroundingService/${method}`], { cwd: tmp, maxBuffer: 16 << 20 });
      const parse = (stdout: string) => stdout.trim().split(/\n(?=\{)/).map((t) => JSON.parse(t));

      const events = parse((await curl('GroundVideo', { source: video, query: 'person', endSec: 0.5 })).stdout);
      assert.equal(events.length, 6);
      assert.ok(events.slice(0, 5).every((e) => e.kind === 'EVENT_KIND_FRAME' && e.regions.some((r: { label: string }) => r.label === 'person')));
      assert.equal(events[5].summary.frames, 5);
      await assert.rejects(curl('GroundVideo', { source: '/etc/passwd' }), /permission_denied|PermissionDenied|permission denied/i);

      const started = parse((await curl('StartStream', { streamId: 'cam1', source: video, query: 'people', fps: 5 })).stdout)[0];
      assert.equal(started.state, 'STREAM_STATE_RUNNING');
      const listed = parse((await curl('ListStreams', {})).stdout)[0];
      assert.deepEqual(listed.streams.map((s: { streamId: string }) => s.streamId), ['cam1']);
      // A live subscriber (buf curl streaming), ended by the server's shutdown with the stream's end event.
      const subscriber = curl('Subscribe', { streamId: 'cam1', policy: 'BACKPRESSURE_POLICY_LATEST' });
      const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      let metrics = '';
      const start = Date.now();
      while (!/groundstream_subscribers 1\b/.test(metrics) || !/groundstream_frames_total\{stream="cam1"\} ([5-9]|\d\d)/.test(metrics)) {
        if (Date.now() - start > 30_000) throw new Error(`metrics never showed the subscriber and frames:\n${metrics}`);
        await new Promise((r) => setTimeout(r, 200));
        metrics = await (await fetch(metricsUrl)).text();
      }
      assert.match(metrics, /groundstream_events_total\{method="GroundVideo"\} 6/);
      assert.match(metrics, /groundstream_inference_seconds_count\{model="yolox-nano-416"\} \d+/);
      assert.match(metrics, /groundstream_active_streams 1/);

      // Tracking and segments over gRPC, as the README shows them.
      const temporal = parse((await curl('GroundVideo', { source: video, query: 'people', endSec: 3, temporal: { segments: true } })).stdout);
      const segments = temporal.filter((e) => e.kind === 'EVENT_KIND_SEGMENT');
      assert.ok(segments.some((e) => e.lifecycle === 'LIFECYCLE_NEW' && e.segment.segmentId));
      const ends = segments.filter((e) => e.lifecycle === 'LIFECYCLE_END');
      assert.ok(ends.length > 0 && ends.every((e) => e.captions[0].text && e.segment.endSec > (e.segment.startSec ?? 0)));
      assert.ok(temporal.some((e) => e.kind === 'EVENT_KIND_FRAME' && e.regions.some((r: { trackId?: number }) => (r.trackId ?? 0) > 0)));

      child.kill('SIGTERM');
      const live = parse((await subscriber).stdout);
      const last = live[live.length - 1];
      assert.equal(last.kind, 'EVENT_KIND_STREAM_END');
      assert.deepEqual(last.notes, ['the server is shutting down']);
      assert.ok(live.some((e: { kind: string }) => e.kind === 'EVENT_KIND_FRAME'));
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
    // Structured logs: every line but the one kept for scripts is a JSON object.
    const lines = err.trim().split('\n').filter((l) => !l.startsWith('groundstream serving'));
    const logs = lines.map((l) => JSON.parse(l));
    assert.ok(logs.some((l) => l.msg === 'call ended' && l.method === 'GroundVideo' && l.events === 6));
    assert.ok(logs.some((l) => l.msg === 'stream ended' && l.streamId === 'cam1'));
    assert.equal(logs[logs.length - 1].msg, 'stopped');
  });

  it('runs as `npx groundstream` from the package bin', async () => {
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'groundstream', '--version'], { cwd: REPO_ROOT });
    assert.equal(stdout.trim(), JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });
});
