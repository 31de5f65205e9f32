import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { EventKind, type GroundingEvent } from '../../../../src/core/events';
import { isGroundstreamError } from '../../../../src/core/errors';
import { createEngine, type Engine } from '../../../../src/engine/create-engine';
import { iouAt } from '../../../../src/grounding/nms';
import type { SpecDetector } from '../../../../src/models/spec/create-spec-detector';
import { dataFile, modelSearchPath, REPO_ROOT } from '../../../support/paths';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/model-specs');
const YOLOX_SPEC = path.join(FIXTURES, 'my-yolox-nano.model.json');
const PERSON_SPEC = path.join(FIXTURES, 'my-light-person.model.json');
const PHOTO = () => dataFile('images/fastestdet_3.jpg');

/** The four people of fastestdet_3.jpg (OpenCV reference decode of YOLOX-nano, test/integration/models/yolox-parity.test.ts). */
const PEOPLE: [number, number, number, number][] = [[41.2, 61.6, 189.8, 302.8], [289.5, 141.5, 484.2, 301.7], [233.0, 133.9, 312.0, 281.4], [166.0, 137.3, 249.8, 253.0]];

type Region = { label: string; score: number; box: number[] };

async function frameRegions(engine: Engine, model: string): Promise<Region[]> {
  const events: GroundingEvent[] = await lastValueFrom(engine.groundVideo({ source: PHOTO(), model }).pipe(toArray()));
  const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
  assert.equal(frames.length, 1);
  return frames[0].regions.map((r) => ({ label: r.label, score: r.score, box: [...r.box] }));
}

const bestIou = (box: number[], regions: Region[], label: string): number =>
  Math.max(0, ...regions.filter((r) => r.label === label).map((r) => iouAt([...box, ...r.box], 0, 1)));

describe('model specs: a user\'s own detector through the engine, no code change', () => {
  let engine: Engine;
  before(() => {
    engine = createEngine({ modelSearchPath: modelSearchPath(), modelSpecPaths: [YOLOX_SPEC, PERSON_SPEC], download: false, intraOpNumThreads: 2 });
  });
  after(() => engine.close());

  it('the spec\'d YOLOX-nano finds the same 4 person and 4 frisbee as the built-in adapter (IoU ≥ 0.9)', async () => {
    const builtIn = await frameRegions(engine, 'yolox-nano-416'); // the registry entry keeps working beside specs
    const spec = await frameRegions(engine, 'my-yolox-nano');
    assert.equal(spec.filter((r) => r.label === 'person').length, 4, JSON.stringify(spec));
    assert.equal(spec.filter((r) => r.label === 'frisbee').length, 4);
    assert.equal(spec.length, builtIn.length);
    for (const r of builtIn) {
      assert.ok(bestIou(r.box, spec, r.label) >= 0.9, `${r.label} at [${r.box}] not found by the spec'd model`);
    }
  });

  it('the light person detector (192x192, one class, yolox layout) finds the 4 people', async () => {
    const regions = await frameRegions(engine, 'my-light-person');
    assert.ok(regions.every((r) => r.label === 'person'));
    assert.equal(regions.length, 4, JSON.stringify(regions));
    for (const p of PEOPLE) assert.ok(bestIou(p, regions, 'person') >= 0.7, `person at [${p}]: best IoU ${bestIou(p, regions, 'person').toFixed(3)}`);
  });

  it('a spec\'d detector carries its version, domain and the input format sources scale for', async () => {
    const d = (await engine.detector('my-light-person')) as SpecDetector;
    assert.match(d.version, /^[0-9a-f]{64}$/, 'sha256 of the file even when the spec gives none');
    assert.equal(d.domain, 'ground-level');
    assert.deepEqual(d.inputFormat, { width: 192, height: 192, layout: 'gbrp', fit: 'letterbox', padValue: 114 });
    assert.deepEqual(d.labels, ['person']);
    assert.equal((await engine.detector('my-yolox-nano')).version, '695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14');
    assert.deepEqual((await engine.planQuery('pedestrians', 'my-light-person')).phrases[0].labels.map((l) => l.label), ['person']);
  });

  it('an unknown model names the spec ids beside the registry', async () => {
    await assert.rejects(engine.detector('yolo-v99'), (e: unknown) => isGroundstreamError(e, 'model_not_found') && /model specs: my-yolox-nano, my-light-person/.test(e.message));
  });
});

describe('model specs found as *.model.json on the model path, and bad specs', () => {
  let dir: string;
  const engines: Engine[] = [];
  const engineWith = (options: Parameters<typeof createEngine>[0]): Engine => {
    const e = createEngine({ download: false, intraOpNumThreads: 1, ...options });
    engines.push(e);
    return e;
  };
  /** The light-person spec with `change` applied, written to the temp folder. */
  const variant = (name: string, change: (s: Record<string, any>) => void): string => {
    const spec = JSON.parse(readFileSync(PERSON_SPEC, 'utf8'));
    change(spec);
    const p = path.join(dir, name);
    writeFileSync(p, JSON.stringify(spec));
    return p;
  };
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'gs-spec-engine-')); });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('selects a spec found on the model path by its id', async () => {
    copyFileSync(YOLOX_SPEC, path.join(dir, 'my-yolox-nano.model.json'));
    copyFileSync(path.join(FIXTURES, 'coco80.txt'), path.join(dir, 'coco80.txt'));
    const engine = engineWith({ modelSearchPath: [dir, ...modelSearchPath()] });
    const regions = await frameRegions(engine, 'my-yolox-nano');
    assert.equal(regions.filter((r) => r.label === 'frisbee').length, 4);
  });

  const atStart: { name: string; make: () => string; code: string; message: RegExp }[] = [
    { name: 'a missing field', make: () => variant('a.json', (s) => delete s.input.height), code: 'invalid_argument', message: /a\.json: "input.height" must be an integer .*missing/ },
    { name: 'an unknown output layout', make: () => variant('b.json', (s) => { s.output.layout = 'detr'; }), code: 'invalid_argument', message: /b\.json: "output.layout" must be one of "yolox", "yolov5", "yolov8", got "detr"/ },
    { name: 'a missing model file', make: () => variant('c.json', (s) => { s.file = 'no_such_model.onnx'; }), code: 'model_not_found', message: /c\.json: "file" no_such_model\.onnx not found/ },
  ];
  for (const c of atStart) {
    it(`refuses ${c.name} when the engine is created`, () => {
      assert.throws(() => engineWith({ modelSearchPath: modelSearchPath(), modelSpecPaths: [c.make()] }), (e: unknown) => isGroundstreamError(e, c.code as never) && c.message.test(e.message));
    });
  }

  const atLoad: { name: string; change: (s: Record<string, any>) => void; code: string; message: RegExp }[] = [
    { name: 'labels that do not match the output (2 for a 1-class head)', change: (s) => { s.labels = ['person', 'car']; }, code: 'invalid_argument', message: /does not fit "output.layout" "yolox" with 2 labels: yolox output has 6 values per anchor; 5 \+ 2 labels = 7 expected/ },
    { name: 'a layout that does not match the output (yolov8 on a YOLOX head)', change: (s) => { s.output.layout = 'yolov8'; }, code: 'invalid_argument', message: /does not fit "output.layout" "yolov8" with 1 labels: yolov8 output is \[1, 756, 6\]/ },
    { name: 'an input size the model does not take', change: (s) => { s.input.width = 416; s.input.height = 416; }, code: 'invalid_argument', message: /"input" says NCHW 416x416, but .*light_person_detector\.onnx declares "images" as \[1, 3, 192, 192\]/ },
    { name: 'a wrong input name', change: (s) => { s.input.name = 'pixels'; }, code: 'invalid_argument', message: /"input.name" "pixels" is not an input of .*; inputs: images/ },
    { name: 'a wrong sha256', change: (s) => { s.sha256 = 'ab'.repeat(32); }, code: 'model_checksum_mismatch', message: /has sha256 4bf5f704.*, not the (ab){32} its spec .*d\.json gives/ },
  ];
  for (const c of atLoad) {
    it(`refuses ${c.name} when the model loads, before any frame`, async () => {
      const engine = engineWith({ modelSearchPath: modelSearchPath(), modelSpecPaths: [variant('d.json', c.change)] });
      await assert.rejects(lastValueFrom(engine.groundVideo({ source: PHOTO(), model: 'my-light-person' })), (e: unknown) =>
        isGroundstreamError(e, c.code as never) && c.message.test(e.message));
    });
  }

  it('a broken spec on the model path does not stop other models, and its id shows its error', async () => {
    writeFileSync(path.join(dir, 'broken.model.json'), JSON.stringify({ ...JSON.parse(readFileSync(PERSON_SPEC, 'utf8')), domain: 'space' }));
    const engine = engineWith({ modelSearchPath: [dir, ...modelSearchPath()] });
    assert.ok((await engine.detector('yolox-nano-416')).labels.length === 80);
    await assert.rejects(engine.detector('my-light-person'), (e: unknown) => isGroundstreamError(e, 'invalid_argument') && /broken\.model\.json: "domain" must be one of/.test(e.message));
  });

  it('groundstream video --model-spec <file> --model <id> runs the spec\'d model from the CLI', async () => {
    const out = path.join(dir, 'events.jsonl');
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'groundstream.cjs'), 'video', PHOTO(), '--model-spec', PERSON_SPEC, '--model', 'my-light-person', '--threads', '1', '--no-download', '-o', out],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GROUNDSTREAM_MODEL_PATH: modelSearchPath().join(path.delimiter) } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
    });
    assert.equal(run.code, 0, run.stderr);
    const frame = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.regions?.length);
    assert.equal(frame.regions.filter((r: Region) => r.label === 'person').length, 4);
  });
});
