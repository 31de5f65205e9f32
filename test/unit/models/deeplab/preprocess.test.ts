import assert from 'node:assert/strict';
import { findModelEntry } from '../../../../models/catalog';
import type { Frame } from '../../../../src/core/frame';
import { segmenterInputSpec, toSegmenterInput } from '../../../../src/models/deeplab/preprocess';

function solidFrame(width: number, height: number, rgb: [number, number, number]): Frame {
  const pixels = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) pixels.set(rgb, i * 3);
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout: 'rgb24', pixels, sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

describe('segmentation preprocess', () => {
  it('reads the catalog inputs of DeepLab and road-segmentation', () => {
    assert.deepEqual(segmenterInputSpec(findModelEntry('deeplab-v3-mnv2-257')!.input), {
      name: 'sub_7', width: 257, height: 257, layout: 'NHWC', colorOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5], resize: 'stretch', padValue: 0,
    });
    const road = segmenterInputSpec(findModelEntry('road-segmentation-adas-0001')!.input);
    assert.deepEqual([road.name, road.width, road.height, road.layout, road.colorOrder, road.mean, road.std], ['data', 896, 512, 'NHWC', 'BGR', [0, 0, 0], [1, 1, 1]]);
  });

  const cases: { id: string; dims: number[]; first: number[] }[] = [
    // RGB (255, 127.5…, 0) → (1, ~0, −1) for DeepLab; BGR 0..255 for road-segmentation.
    { id: 'deeplab-v3-mnv2-257', dims: [1, 257, 257, 3], first: [1, (100 - 127.5) / 127.5, -1] },
    { id: 'road-segmentation-adas-0001', dims: [1, 512, 896, 3], first: [0, 100, 255] },
  ];
  for (const c of cases) {
    it(`${c.id}: stretches any frame to ${c.dims.join('×')} NHWC, normalised, with the way back to the source`, () => {
      const t = toSegmenterInput(solidFrame(64, 48, [255, 100, 0]), segmenterInputSpec(findModelEntry(c.id)!.input));
      assert.deepEqual(t.dims, c.dims);
      assert.equal(t.data.length, c.dims[1] * c.dims[2] * 3);
      for (const i of [0, t.data.length / 3 - 1]) {
        for (let k = 0; k < 3; k++) assert.ok(Math.abs(t.data[i * 3 + k] - c.first[k]) < 1e-5, `pixel ${i} channel ${k}: ${t.data[i * 3 + k]}`);
      }
      assert.ok(Math.abs(t.toSource.scaleX - c.dims[2] / 64) < 1e-12);
      assert.ok(Math.abs(t.toSource.scaleY - c.dims[1] / 48) < 1e-12);
    });
  }
});
