import assert from 'node:assert/strict';
import { fromFile, type GeoTIFFImage } from 'geotiff';
import { DEFAULT_BLOCK_CACHE_BYTES, DEFAULT_STRIP_CACHE_BYTES, defaultBlockCacheBytes, withBlockCache } from '../../../../src/sources/raster/block-cache';
import { dataFile } from '../../../support/paths';

/** Counts the blocks the image really fetches and decodes. */
function counting(image: GeoTIFFImage): { image: GeoTIFFImage; decoded: () => number } {
  let n = 0;
  const original = image.getTileOrStrip.bind(image);
  image.getTileOrStrip = ((...args: Parameters<GeoTIFFImage['getTileOrStrip']>) => { n++; return original(...args); }) as GeoTIFFImage['getTileOrStrip'];
  return { image, decoded: () => n };
}

describe('withBlockCache (stars_L7_ETMs.tif: DEFLATE strips of 3 rows)', () => {
  const window = [0, 0, 100, 30];

  it('decodes each block once for overlapping reads, with the same pixels', async () => {
    const tiff = await fromFile(dataFile('geotiff/stars_L7_ETMs.tif'));
    const { image, decoded } = counting(await tiff.getImage());
    withBlockCache(image, 8 << 20);
    const a = (await image.readRasters({ window, samples: [0] })) as unknown as Uint8Array[];
    const first = decoded();
    const b = (await image.readRasters({ window: [50, 15, 150, 45], samples: [0] })) as unknown as Uint8Array[];
    assert.equal(first, 10, '30 rows = 10 strips');
    assert.equal(decoded() - first, 5, 'rows 30-44 are 5 new strips; rows 15-29 come from the cache');
    assert.equal(b[0][0], a[0][15 * 100 + 50], 'same pixel from either read');
    await tiff.close();
  });

  it('keeps to its byte budget: the oldest blocks are decoded again', async () => {
    const tiff = await fromFile(dataFile('geotiff/stars_L7_ETMs.tif'));
    const { image, decoded } = counting(await tiff.getImage());
    const stripBytes = 349 * 3 * 6; // 3 rows, 6 bands interleaved
    withBlockCache(image, 4 * stripBytes);
    await image.readRasters({ window, samples: [0] });
    await image.readRasters({ window, samples: [0] });
    assert.equal(decoded(), 20, 'a 4-strip budget cannot hold 10 strips: the second read decodes again');
    await tiff.close();
  });

  const budgets: [string, number][] = [
    ['geotiff/stars_L7_ETMs.tif', DEFAULT_STRIP_CACHE_BYTES], // full-width strips: a tile row needs them all
    ['geotiff/rasterio_cogeo.tif', DEFAULT_BLOCK_CACHE_BYTES], // 512² tiles, read in swaths
  ];
  for (const [file, bytes] of budgets) {
    it(`budgets ${bytes >> 20} MB by default for ${file}`, async () => {
      const tiff = await fromFile(dataFile(file));
      assert.equal(defaultBlockCacheBytes(await tiff.getImage()), bytes);
      await tiff.close();
    });
  }
});
