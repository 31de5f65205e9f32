import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { EventKind, type GroundingEvent } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { iouAt } from '../../../src/grounding/nms';
import { dataFile, modelSearchPath } from '../../support/paths';
import { assertNoFfmpegChildren } from '../../support/processes';
import { clipFolder, runTool } from '../sources/video/clips';

const frames = (events: GroundingEvent[]) => events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
const people = (e: GroundingEvent) => e.regions.filter((r) => r.label === 'person');

describe('tiled video: small, distant people in a large frame (video --tile 416 --overlap 128)', () => {
  const clips = clipFolder();
  let engine: Engine;
  let clip: string;
  before(() => {
    engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2 });
    // A 1920x1080 gray scene with the 4-people photo at 0.5 scale (250x168), across the seam at x 416.
    clip = clips.file('far-people.mp4');
    runTool('ffmpeg', ['-v', 'error', '-loop', '1', '-i', dataFile('images/fastestdet_3.jpg'), '-f', 'lavfi', '-i', 'color=c=gray:s=1920x1080:r=5',
      '-filter_complex', '[0]scale=250:168[p];[1][p]overlay=300:500:shortest=1', '-t', '1', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', clip]);
  });
  after(async () => {
    await engine.close();
    clips.remove();
  });
  afterEach(() => assertNoFfmpegChildren());

  it('finds the people tiles see at full resolution, each once, where the whole frame shrunk to 416 sees fewer', async () => {
    const whole = frames(await lastValueFrom(engine.groundVideo({ source: clip, query: 'people' }).pipe(toArray())));
    const tiled = frames(await lastValueFrom(engine.groundVideo({ source: clip, query: 'people', tileSizePx: 416, overlapPx: 128 }).pipe(toArray())));
    assert.equal(tiled.length, whole.length);
    assert.ok(tiled.length >= 4);
    const avg = (fs: GroundingEvent[]) => fs.reduce((n, e) => n + people(e).length, 0) / fs.length;
    assert.ok(avg(tiled) >= 3, `tiled: ${avg(tiled)} people per frame`);
    assert.ok(avg(tiled) > avg(whole), `tiled ${avg(tiled)} vs whole frame ${avg(whole)} people per frame`);
    for (const e of tiled) {
      assert.deepEqual([e.width, e.height], [1920, 1080]);
      const p = people(e);
      for (const r of p) assert.ok(r.box[0] >= 300 - 2 && r.box[2] <= 550 + 2 && r.box[1] >= 500 - 2 && r.box[3] <= 668 + 2, `box ${r.box} lies on the photo`);
      for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) assert.ok(iouAt([...p[i].box, ...p[j].box], 0, 1) < 0.5, 'a person reported twice');
    }
  });

  it('refuses an overlap as large as the tile before decoding anything', async () => {
    await assert.rejects(lastValueFrom(engine.groundVideo({ source: clip, tileSizePx: 416, overlapPx: 416 })), (e: unknown) => (e as { code?: string }).code === 'invalid_argument');
  });
});
