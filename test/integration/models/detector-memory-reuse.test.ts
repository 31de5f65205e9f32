import assert from 'node:assert/strict';
import { findModelEntry } from '../../../models/catalog';
import type { Detections } from '../../../src/core/detections';
import type { Frame } from '../../../src/core/frame';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import { createYoloxDetector } from '../../../src/models/yolox/adapter';
import { photoFrame } from '../../support/detection-parity';
import { modelSearchPath } from '../../support/paths';

const plain = (d: Detections) => ({ label: [...d.label], score: Array.from(d.score), xyxy: Array.from(d.xyxy) });

describe('a detector cycles its input and output memory without mixing frames up', () => {
  it('two photos, alternated and in flight together on two sessions, give each photo\'s own detections every time', async () => {
    const entry = findModelEntry('yolox-nano-416')!;
    const m = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
    const open = () => createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: entry.id });
    const reference = createYoloxDetector(entry, [await open()]);
    const cycling = createYoloxDetector(entry, [await open(), await open()]);
    try {
      const f = cycling.inputFormat;
      // one at the model size (planes copied), one full size (resampled): both ways into the tensor
      const photos: Frame[] = [
        await photoFrame('fastestdet_3.jpg', { width: f.width, height: f.height, fit: f.fit, layout: f.layout, padValue: f.padValue }),
        await photoFrame('fastestdet_1_bus.jpg', { layout: 'rgb24' }),
      ];
      const expected = [plain(await reference.detect(photos[0])), plain(await reference.detect(photos[1]))];
      assert.notDeepEqual(expected[0], expected[1]);
      assert.ok(expected[0].label.length > 0 && expected[1].label.length > 0);
      for (let round = 0; round < 4; round++) {
        // three in flight on two sessions: one waits, and the spares are shared among them all
        const order = [round % 2, (round + 1) % 2, round % 2];
        const got = await Promise.all(order.map((i) => cycling.detect(photos[i])));
        got.forEach((d, k) => assert.deepEqual(plain(d), expected[order[k]], `round ${round}, call ${k}`));
      }
    } finally {
      await reference.dispose();
      await cycling.dispose();
    }
  });
});
