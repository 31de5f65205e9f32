import assert from 'node:assert/strict';
import { openRaster } from '../../../../src/sources/raster';
import { dataFile } from '../../../support/paths';

describe('JPEG-compressed YCbCr COG (rasterio_cogeo.tif)', () => {
  // GDAL (gdallocationinfo) reads these RGB values; YCbCr would give chroma near 128.
  const cases: { x: number; y: number; gdal: [number, number, number] }[] = [
    { x: 500, y: 500, gdal: [226, 225, 223] },
  ];
  for (const c of cases) {
    it(`pixel (${c.x}, ${c.y}) comes out as RGB, within JPEG upsampling noise of GDAL's ${c.gdal}`, async () => {
      const raster = await openRaster(dataFile('geotiff/rasterio_cogeo.tif'));
      try {
        const px = await raster.readWindow({ x0: c.x, y0: c.y, x1: c.x + 1, y1: c.y + 1 }, { bands: [1, 2, 3] });
        const rgb = px.bands.map((b) => b[0]);
        rgb.forEach((v, i) => assert.ok(Math.abs(v - c.gdal[i]) <= 6, `band ${i + 1}: ${v} vs GDAL ${c.gdal[i]} (all: ${rgb})`));
        const blue = await raster.readWindow({ x0: c.x, y0: c.y, x1: c.x + 1, y1: c.y + 1 }, { bands: [3] });
        assert.equal(blue.bands[0][0], rgb[2], 'a single band is the same RGB band');
      } finally {
        await raster.close();
      }
    });
  }
});
