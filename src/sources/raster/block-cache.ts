import type { GeoTIFFImage } from 'geotiff';

/** Default memory for decoded blocks per open raster: constant, whatever the scene size. */
export const DEFAULT_BLOCK_CACHE_BYTES = 48 * 1024 * 1024;

type BlockRead = ReturnType<GeoTIFFImage['getTileOrStrip']>;

/**
 * Keeps the most recently used decoded blocks (tiles or strips) of an image, up to `capacityBytes`.
 * Overlapping scene tiles read the same blocks again and again; decoding each once is most of the
 * read time saved, and a fixed byte budget keeps memory independent of the scene's size (geotiff.js's
 * own cache keeps every block ever read). A failed or aborted read is not kept.
 *
 * @example
 * withBlockCache(image, 48 << 20); // then image.readRasters(...) as usual
 */
export function withBlockCache(image: GeoTIFFImage, capacityBytes = DEFAULT_BLOCK_CACHE_BYTES): GeoTIFFImage {
  const bytesPerBlock = image.getTileWidth() * image.getTileHeight() * Math.max(1, image.getBytesPerPixel());
  const capacity = Math.floor(capacityBytes / Math.max(1, bytesPerBlock));
  if (capacity < 2) return image;
  const original = image.getTileOrStrip.bind(image);
  const blocks = new Map<string, BlockRead>();
  image.getTileOrStrip = ((x: number, y: number, sample: number, decoder: unknown, signal?: AbortSignal) => {
    const key = `${x},${y},${sample}`;
    const hit = blocks.get(key);
    if (hit) {
      blocks.delete(key); // re-insert: Map order is the recency order
      blocks.set(key, hit);
      return hit;
    }
    const read = (original as (...a: unknown[]) => BlockRead)(x, y, sample, decoder, signal);
    blocks.set(key, read);
    read.catch(() => blocks.delete(key));
    while (blocks.size > capacity) blocks.delete(blocks.keys().next().value as string);
    return read;
  }) as GeoTIFFImage['getTileOrStrip'];
  return image;
}
