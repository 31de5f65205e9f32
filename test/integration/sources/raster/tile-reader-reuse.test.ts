import assert from 'node:assert/strict';
import { createTileReader, openRaster } from '../../../../src/sources/raster';
import { dataFile } from '../../../support/paths';

describe('createTileReader: released frames are refilled', () => {
  const windows = [
    { x0: 0, y0: 0, x1: 416, y1: 416 },
    { x0: 300, y0: 200, x1: 716, y1: 616 },
    { x0: 120, y0: 300, x1: 536, y1: 711 },
  ];

  it('a released frame\'s memory holds a later tile, whose pixels equal a fresh reader\'s', async () => {
    const file = dataFile('geotiff/rasterio_RGB.byte.tif');
    const raster = await openRaster(file);
    const fresh = await openRaster(file);
    try {
      const reader = await createTileReader(raster);
      const reference = await createTileReader(fresh);
      const first = (await reader.readTile(windows[0]))!;
      const firstPixels = first.pixels;
      reader.releaseTile(first);
      const second = (await reader.readTile(windows[1]))!;
      assert.equal(second.pixels, firstPixels, 'the released buffer is reused');
      const expected = (await reference.readTile(windows[1]))!;
      assert.ok(Buffer.from(second.pixels).equals(Buffer.from(expected.pixels)));
      // another size gets its own buffer; the released one waits for a tile of its size
      reader.releaseTile(second);
      const third = (await reader.readTile(windows[2]))!;
      assert.notEqual(third.pixels, firstPixels);
      assert.ok(Buffer.from(third.pixels).equals(Buffer.from((await reference.readTile(windows[2]))!.pixels)));
      const fourth = (await reader.readTile(windows[0]))!;
      assert.equal(fourth.pixels, firstPixels);
      assert.ok(Buffer.from(fourth.pixels).equals(Buffer.from((await reference.readTile(windows[0]))!.pixels)));
    } finally {
      await raster.close();
      await fresh.close();
    }
  });

  it('ignores a frame it did not make', async () => {
    const raster = await openRaster(dataFile('geotiff/rasterio_RGB.byte.tif'));
    try {
      const reader = await createTileReader(raster);
      const foreign = new Uint8Array(3 * 416 * 416);
      reader.releaseTile({ sourceId: 'x', index: 0, ptsSec: 0, width: 416, height: 416, layout: 'gbrp', pixels: foreign, sourceWidth: 416, sourceHeight: 416, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } });
      const frame = (await reader.readTile(windows[0]))!;
      assert.notEqual(frame.pixels, foreign);
    } finally {
      await raster.close();
    }
  });
});
