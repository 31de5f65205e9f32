import assert from 'node:assert/strict';
import { findModelEntry } from '../../../../models/catalog';
import { isGroundstreamError } from '../../../../src/core/errors';
import type { Frame } from '../../../../src/core/frame';
import { createRoadSegmenter } from '../../../../src/models/road-segmentation/adapter';
import { ROAD_CLASSES } from '../../../../src/models/road-segmentation/road-classes';
import type { InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import type { FloatTensor } from '../../../../src/models/runtime/tensor';

/** Softmax-like output: road on the bottom half, curb on the last row, mark in the last column. */
function fakeSession(feeds: Record<string, FloatTensor>[]): InferenceSession {
  return {
    modelId: 'road-segmentation-adas-0001', provider: 'cpu', intraOpNumThreads: 1, inputs: [], outputNames: ['tf.identity'],
    async run(f) {
      feeds.push(f);
      const data = new Float32Array(512 * 896 * 4);
      for (let y = 0; y < 512; y++) {
        for (let x = 0; x < 896; x++) {
          const k = x === 895 ? 3 : y === 511 ? 2 : y >= 256 ? 1 : 0;
          data[(y * 896 + x) * 4 + k] = 0.9;
        }
      }
      return { 'tf.identity': { data, dims: [1, 512, 896, 4] } };
    },
    async dispose() {},
  };
}

const frame = (width: number, height: number): Frame => ({
  sourceId: 't', index: 0, ptsSec: 0, width, height, layout: 'rgb24', pixels: new Uint8Array(width * height * 3), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 },
});

describe('createRoadSegmenter', () => {
  const entry = findModelEntry('road-segmentation-adas-0001')!;

  it('feeds data [1, 512, 896, 3] and maps the four classes back to the source', async () => {
    const feeds: Record<string, FloatTensor>[] = [];
    const s = createRoadSegmenter(entry, [fakeSession(feeds)]);
    assert.deepEqual(s.labels, ['background', 'road', 'curb', 'mark']);
    const mask = await s.segment(frame(768, 432));
    assert.deepEqual(feeds[0].data.dims, [1, 512, 896, 3]);
    assert.deepEqual([mask.width, mask.height], [768, 432]);
    assert.equal(mask.classes[0], ROAD_CLASSES.background);
    assert.equal(mask.classes[300 * 768 + 10], ROAD_CLASSES.road);
    assert.equal(mask.classes[431 * 768 + 10], ROAD_CLASSES.curb);
    assert.equal(mask.classes[10 * 768 + 767], ROAD_CLASSES.mark);
  });

  it('rejects an entry with other classes', () => {
    const other = { ...entry, labels: ['background', 'road'] };
    assert.throws(() => createRoadSegmenter(other, [fakeSession([])]), (e: unknown) => isGroundstreamError(e, 'model_input_mismatch'));
  });
});
