import assert from 'node:assert/strict';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { EventKind, type GroundingEvent } from '../../../src/core/events';
import { isGroundstreamError } from '../../../src/core/errors';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { dataFile, modelSearchPath } from '../../support/paths';
import { assertNoFfmpegChildren } from '../../support/processes';

describe('engine on real video (ffmpeg → YOLOX-nano on ORT → events)', () => {
  let engine: Engine;
  before(() => { engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2 }); });
  after(() => engine.close());
  afterEach(() => assertNoFfmpegChildren());

  it('finds on average at least 3 person per frame in the first 100 frames of vtest.avi', async () => {
    const events = await lastValueFrom(engine.groundVideo({ source: dataFile('video/vtest.avi'), query: 'pedestrians', endSec: 10 }).pipe(toArray()));
    const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
    assert.equal(frames.length, 100);
    assert.deepEqual(frames.map((e) => e.frameIndex), Array.from({ length: 100 }, (_, i) => i));
    frames.forEach((e, i) => assert.ok(Math.abs(e.ptsSec - i / 10) < 1e-6));
    const persons = frames.reduce((n, e) => n + e.regions.filter((r) => r.label === 'person').length, 0);
    assert.ok(persons / 100 >= 3, `${persons / 100} person per frame`);
    const region = frames[0].regions[0];
    assert.equal(region.phrase, 'pedestrians');
    assert.equal(region.box.length, 4);
    assert.ok(region.box[0] >= 0 && region.box[2] <= 768 && region.box[1] >= 0 && region.box[3] <= 576 && region.box[0] < region.box[2]);
    const summary = events[events.length - 1];
    assert.equal(summary.kind, EventKind.EVENT_KIND_SUMMARY);
    assert.equal(summary.summary!.frames, 100);
    assert.equal(summary.summary!.framesDeclared, 795);
    assert.deepEqual(summary.query!.phrases.map((p) => [p.phrase, p.labels.map((l) => `${l.label}:${l.relation}`)]), [['pedestrians', ['person:hypernym']]]);
  });

  it('keeps only the queried labels: "cars" on car-detection.mp4 yields car regions only', async () => {
    const events = await lastValueFrom(engine.groundVideo({ source: dataFile('video/car-detection.mp4'), query: 'cars', fps: 2 }).pipe(toArray()));
    const labels = new Set(events.flatMap((e) => e.regions.map((r) => r.label)));
    assert.deepEqual([...labels], ['car']);
    const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
    assert.ok(frames.length >= 58 && frames.length <= 62, `${frames.length} frames at 2 fps of 30.2 s`);
  });

  it('stops ffmpeg when the subscriber takes what it needs and leaves', async () => {
    const first: GroundingEvent = await firstValueFrom(engine.groundVideo({ source: dataFile('video/vtest.avi'), query: 'person' }).pipe(take(1)));
    assert.equal(first.frameIndex, 0);
    await new Promise((r) => setTimeout(r, 300));
  });

  const bad: { name: string; request: Record<string, unknown>; code: string; message: RegExp }[] = [
    { name: 'a missing file', request: { source: '/nonexistent/clip.mp4' }, code: 'input_not_found', message: /\/nonexistent\/clip\.mp4/ },
    { name: 'a query nothing can ground', request: { source: 'vtest', query: 'unicorns' }, code: 'nothing_groundable', message: /not groundable.*unicorns/ },
    { name: 'an unknown model', request: { source: 'vtest', model: 'yolo-v99' }, code: 'model_not_found', message: /yolo-v99/ },
    { name: 'a model that has no detector adapter', request: { source: 'vtest', model: 'deeplab-v3-mnv2-257' }, code: 'invalid_argument', message: /no detector adapter yet; detectors available: yolox-nano-416/ },
    { name: 'a negative fps', request: { source: 'vtest', fps: -1 }, code: 'invalid_argument', message: /fps must be a number ≥ 0/ },
    { name: 'an end before the start', request: { source: 'vtest', startSec: 5, endSec: 2 }, code: 'invalid_argument', message: /endSec must be after startSec/ },
  ];
  for (const c of bad) {
    it(`rejects ${c.name} with a clear ${c.code} error`, async () => {
      const source = c.request.source === 'vtest' ? dataFile('video/vtest.avi') : c.request.source;
      await assert.rejects(lastValueFrom(engine.groundVideo({ ...c.request, source } as never)), (e: unknown) => isGroundstreamError(e, c.code as never) && c.message.test(e.message));
    });
  }

  it('plans a query from the labels alone', async () => {
    const plan = await engine.planQuery('people and vehicles, unicorns');
    assert.deepEqual(plan.ungroundable, ['unicorns']);
    assert.deepEqual(plan.phrases[0].labels.map((l) => l.label), ['person']);
  });
});
