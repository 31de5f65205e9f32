import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { CaptionDetail, EventKind, type GroundingEvent, type Region } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { decodeRle, rleArea } from '../../../src/grounding/masks';
import { createVideoSource, probeVideo } from '../../../src/sources/video';
import { dataFile, modelSearchPath } from '../../support/paths';
import { assertNoFfmpegChildren } from '../../support/processes';

const frameOf = (events: GroundingEvent[]) => {
  const f = events.find((e) => e.kind === EventKind.EVENT_KIND_FRAME);
  assert.ok(f, 'a frame event');
  return f;
};
const spanText = (text: string, s: { start: number; end: number }) => [...text].slice(s.start, s.end).join('');

describe('experts through the engine: panels, text, masks, captions, annotated output (real models and photos)', () => {
  let engine: Engine;
  let tmp: string;
  before(() => {
    engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2, sessionsPerModel: 1 });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-experts-'));
  });
  after(async () => {
    await engine.close();
    rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(() => assertNoFfmpegChildren());

  const run = async (request: Parameters<Engine['groundVideo']>[0]) => lastValueFrom(engine.groundVideo(request).pipe(toArray()));

  it('a panel of YOLOX and UltraFace grounds "faces and people" on the group photo', async () => {
    const plan = await engine.planQuery('faces and people', 'yolox-nano-416,ultraface-rfb-320');
    assert.deepEqual(plan.phrases.map((p) => p.labels.map((l) => l.label)), [['face'], ['person']]);
    const frame = frameOf(await run({ source: dataFile('images/ultraface_1.jpg'), query: 'faces and people', model: 'yolox-nano-416,ultraface-rfb-320' }));
    const faces = frame.regions.filter((r) => r.label === 'face');
    const people = frame.regions.filter((r) => r.label === 'person');
    process.stdout.write(`      ${faces.length} faces, ${people.length} people\n`);
    assert.ok(faces.length >= 40 && people.length >= 10);
    assert.deepEqual(frame.models.map((m) => m.id), ['yolox-nano-416+ultraface-rfb-320']);
  });

  it('the text reader reads the care label; the long caption quotes it, its span pointing at that text region', async function () {
    this.timeout(180_000);
    const frame = frameOf(await run({ source: dataFile('images/gutenye_en-01.jpg'), query: 'text', model: 'ppocr-v4', captions: CaptionDetail.CAPTION_DETAIL_LONG }));
    const bleach = frame.regions.find((r) => r.text === 'DO NOT BLEACH');
    assert.ok(bleach, `read: ${frame.regions.map((r) => r.text).join(' | ')}`);
    assert.equal(bleach.polygon.length, 8);
    const caption = frame.captions[0];
    const span = caption.spans.find((s) => s.regionIds.length === 1 && s.regionIds[0] === bleach.regionId);
    assert.ok(span, caption.text);
    assert.match(spanText(caption.text, span), /DO NOT BLEACH/);
  });

  it('medium captions on a real photo: every span names the label and the number of the regions it points at', async () => {
    const frame = frameOf(await run({ source: dataFile('images/fastestdet_3.jpg'), captions: CaptionDetail.CAPTION_DETAIL_MEDIUM }));
    const caption = frame.captions[0];
    process.stdout.write(`      ${caption.text}\n`);
    const byId = new Map<string, Region>(frame.regions.map((r) => [r.regionId, r]));
    const words: Record<string, number> = { a: 1, an: 1, two: 2, three: 3, four: 4 };
    assert.ok(caption.spans.length >= 2);
    const covered = new Set<string>();
    for (const s of caption.spans) {
      const text = spanText(caption.text, s).toLowerCase();
      const labels = new Set(s.regionIds.map((id) => byId.get(id)!.label));
      assert.equal(labels.size, 1, text);
      const [label] = labels;
      assert.ok(text.includes(label === 'person' ? (s.regionIds.length > 1 ? 'people' : 'person') : label), `"${text}" names ${label}`);
      assert.equal(words[text.split(' ')[0]], s.regionIds.length, `"${text}" counts ${s.regionIds.length}`);
      for (const id of s.regionIds) covered.add(id);
    }
    assert.equal(covered.size, frame.regions.length, 'every region is named once');
  });

  it('masks: each person gets the DeepLab person pixels inside its box as COCO RLE', async () => {
    const frame = frameOf(await run({ source: dataFile('images/fastestdet_3.jpg'), query: 'people', masks: true }));
    assert.ok(frame.models.some((m) => m.id === 'deeplab-v3-mnv2-257'));
    assert.equal(frame.regions.length, 4);
    for (const r of frame.regions) {
      assert.ok(r.mask, `${r.regionId} has a mask`);
      assert.deepEqual(r.mask.size, [frame.height, frame.width]);
      const [x0, y0, x1, y1] = r.box;
      const boxArea = (x1 - x0) * (y1 - y0);
      const area = rleArea(r.mask);
      assert.ok(area > 0.2 * boxArea && area <= boxArea + 2 * (x1 - x0 + y1 - y0), `${r.regionId}: ${area} px in a ${boxArea.toFixed(0)} px box`);
      const { mask, width } = decodeRle(r.mask);
      for (let i = 0; i < mask.length; i++) {
        if (!mask[i]) continue;
        const x = i % width;
        const y = Math.floor(i / width);
        assert.ok(x + 0.5 >= x0 && x + 0.5 <= x1 && y + 0.5 >= y0 && y + 0.5 <= y1, 'mask pixels lie in the box');
      }
    }
  });

  it('segmenter classes no detector covers ground as regions of their own: "road" with the road segmenter', async () => {
    const both = frameOf(await run({ source: dataFile('images/fastestdet_1_bus.jpg'), query: 'road and bus', masks: true, maskModel: 'road-segmentation-adas-0001' }));
    const road = both.regions.filter((r) => r.label === 'road');
    assert.ok(road.length >= 1 && road.every((r) => r.mask && r.score === 1 && r.phrase === 'road'));
    assert.ok(rleArea(road[0].mask!) > 0.02 * both.width * both.height, 'the road is a sizeable area');
    assert.ok(both.regions.some((r) => r.label === 'bus' && !r.mask), 'the road model has no bus class: the bus keeps its box only');
    const only = frameOf(await run({ source: dataFile('images/fastestdet_1_bus.jpg'), query: 'road', masks: true, maskModel: 'road-segmentation-adas-0001' }));
    assert.deepEqual([...new Set(only.regions.map((r) => r.label))], ['road']);
    await assert.rejects(run({ source: dataFile('images/fastestdet_1_bus.jpg'), query: 'road' }), /nothing_groundable|not groundable/, 'without the segmenter nothing grounds "road"');
  });

  it('an annotated video of vtest.avi: every frame, at the source size, with tracks and captions drawn', async function () {
    this.timeout(180_000);
    const out = path.join(tmp, 'vtest-annotated.mp4');
    const events = await run({ source: dataFile('video/vtest.avi'), query: 'people', endSec: 2, temporal: { track: true }, captions: CaptionDetail.CAPTION_DETAIL_SHORT, annotate: { path: out } });
    const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
    assert.equal(frames.length, 20);
    const info = await probeVideo(out);
    assert.deepEqual([info.width, info.height], [768, 576]);
    let n = 0;
    for await (const _ of createVideoSource(out).frames()) n++;
    assert.equal(n, 20);
  });

  it('redaction: each face of the group photo is pixelated in the annotated picture', async function () {
    this.timeout(120_000);
    const out = path.join(tmp, 'faces.png');
    const frame = frameOf(await run({ source: dataFile('images/ultraface_1.jpg'), query: 'faces', model: 'ultraface-rfb-320', annotate: { path: out, redact: ['faces'] } }));
    let original: Uint8Array | undefined;
    for await (const f of createVideoSource(dataFile('images/ultraface_1.jpg'), { layout: 'rgb24' }).frames()) original = f.pixels;
    let annotated: Uint8Array | undefined;
    for await (const f of createVideoSource(out, { layout: 'rgb24' }).frames()) annotated = f.pixels;
    assert.ok(original && annotated && original.length === annotated.length);
    // Inside the biggest face the pixelated picture has far fewer distinct colours than the photo.
    const face = [...frame.regions].sort((a, b) => (b.box[2] - b.box[0]) * (b.box[3] - b.box[1]) - (a.box[2] - a.box[0]) * (a.box[3] - a.box[1]))[0];
    const colours = (px: Uint8Array) => {
      const set = new Set<number>();
      const [x0, y0, x1, y1] = face.box.map(Math.round);
      for (let y = y0 + 3; y < y1 - 3; y++) for (let x = x0 + 3; x < x1 - 3; x++) { const i = 3 * (y * frame.width + x); set.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]); }
      return set.size;
    };
    const before = colours(original);
    const after = colours(annotated);
    process.stdout.write(`      ${frame.regions.length} faces; distinct colours in the largest face: ${before} in the photo, ${after} redacted\n`);
    assert.ok(after * 5 < before, `${after} vs ${before}`);
  });

  describe('queries with constraints (parsed with compromise) filter the grounded regions', () => {
    const cases: { query: string; model?: string; image: string; check(regions: Region[]): void }[] = [
      { query: 'white frisbees', image: 'images/fastestdet_3.jpg', check: (r) => { assert.equal(r.length, 3); assert.ok(r.every((x) => x.label === 'frisbee')); } },
      { query: 'at least 3 people', image: 'images/fastestdet_3.jpg', check: (r) => assert.equal(r.length, 4) },
      { query: 'at least 5 people', image: 'images/fastestdet_3.jpg', check: (r) => assert.equal(r.length, 0) },
      { query: 'red cars', image: 'images/fastestdet_3.jpg', check: (r) => assert.equal(r.length, 0, 'red is a colour here, not a Native American person (WordNet red.n.02)') },
      {
        query: 'person left of frisbee', image: 'images/fastestdet_3.jpg',
        check: (r) => {
          const people = r.filter((x) => x.label === 'person');
          const frisbees = r.filter((x) => x.label === 'frisbee');
          assert.ok(people.length >= 1 && people.length < 4, `${people.length} people`);
          for (const p of people) assert.ok(frisbees.some((f) => (p.box[0] + p.box[2]) / 2 < f.box[0] + 0.25 * (f.box[2] - f.box[0])));
        },
      },
      { query: 'text "do not bleach"', model: 'ppocr-v4', image: 'images/gutenye_en-01.jpg', check: (r) => assert.deepEqual(r.map((x) => x.text), ['DO NOT BLEACH']) },
    ];
    for (const c of cases) {
      it(`"${c.query}"`, async function () {
        this.timeout(180_000);
        const frame = frameOf(await run({ source: dataFile(c.image), query: c.query, model: c.model }));
        c.check(frame.regions);
      });
    }
  });
});
