import type { GeoTIFFImage } from 'geotiff';
import type { RasterWindow } from './raster-info';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** TIFF PhotometricInterpretation for YCbCr samples. */
const PHOTOMETRIC_YCBCR = 6;

type BlockRead = { x: number; y: number; sample: number; data: ArrayBufferLike };
/** The decoder geotiff.js made for an image's compression and parameters. */
export type BlockDecoder = Parameters<GeoTIFFImage['getTileOrStrip']>[3];

/** What {@link readBlocksGbrp} copies: 0-based samples shown as R, G, B, and an optional alpha sample. */
export interface GbrpSamples {
  rgb: readonly [number, number, number];
  alpha?: number;
  /** A pixel whose three colour samples all equal this value is empty. */
  noData?: number;
}

/** Buffers {@link readBlocksGbrp} may fill instead of allocating (each used only at its exact size). */
export interface GbrpBuffers {
  /** 3 × width × height bytes: the G, B, R planes. */
  pixels?: Uint8Array;
  /** width × height bytes for the alpha sample. */
  alpha?: Uint8Array;
}

/** An 8-bit `gbrp` frame buffer read straight from the file's blocks. */
export interface GbrpPixels {
  width: number;
  height: number;
  pixels: Uint8Array;
  validPixels: number;
}

/**
 * True when every sample is an unsigned byte and the blocks hold the colours as stored (not YCbCr):
 * then decoded blocks can be copied into model planes as they are.
 */
export function canCopyBlocksAsGbrp(image: GeoTIFFImage): boolean {
  const bits = image.fileDirectory.getValue('BitsPerSample') as ArrayLike<number> | number | undefined;
  const all = typeof bits === 'number' ? [bits] : Array.from(bits ?? []);
  const format = image.getSampleFormat();
  return all.length > 0 && all.every((b) => b === 8)
    && (format === undefined || format === 1)
    && image.fileDirectory.getValue('PhotometricInterpretation') !== PHOTOMETRIC_YCBCR;
}

/**
 * Copies a window of an 8-bit image into one `gbrp` buffer (planes G, B, R) directly from the decoded
 * blocks. geotiff.js's general reader moves every sample through a DataView call into a per-band
 * array that then has to be re-planed; for byte imagery the copy is most of a tile's read time, so
 * this path does one pass per block row instead. Blocks come through `image.getTileOrStrip`, so the
 * block cache applies. `reuse` buffers of the right size are filled instead of new ones.
 *
 * @example
 * const frame = await readBlocksGbrp(image, { x0: 0, y0: 0, x1: 416, y1: 416 }, { rgb: [0, 1, 2] }, decoder);
 */
export async function readBlocksGbrp(
  image: GeoTIFFImage, win: RasterWindow, samples: GbrpSamples, decoder: BlockDecoder, signal?: AbortSignal, reuse: GbrpBuffers = {},
): Promise<GbrpPixels> {
  const width = win.x1 - win.x0;
  const height = win.y1 - win.y0;
  const n = width * height;
  // every pixel of the window is written below (the blocks cover it), so reused buffers need no clearing
  const pixels = reuse.pixels?.length === 3 * n ? reuse.pixels : new Uint8Array(3 * n);
  const alpha = samples.alpha === undefined ? undefined : reuse.alpha?.length === n ? reuse.alpha : new Uint8Array(n);
  const tileW = image.getTileWidth();
  const tileH = image.getTileHeight();
  const chunky = image.planarConfiguration !== 2;
  const spp = chunky ? image.getSamplesPerPixel() : 1;
  // R → plane 2, G → plane 0, B → plane 1; alpha into its own plane
  const targets: { sample: number; out: Uint8Array }[] = [
    { sample: samples.rgb[0], out: pixels.subarray(2 * n, 3 * n) },
    { sample: samples.rgb[1], out: pixels.subarray(0, n) },
    { sample: samples.rgb[2], out: pixels.subarray(n, 2 * n) },
  ];
  if (alpha) targets.push({ sample: samples.alpha as number, out: alpha });

  const reads: Promise<void>[] = [];
  for (let by = Math.floor(win.y0 / tileH); by < Math.ceil(win.y1 / tileH); by += 1) {
    for (let bx = Math.floor(win.x0 / tileW); bx < Math.ceil(win.x1 / tileW); bx += 1) {
      const blockSamples = chunky ? [0] : [...new Set(targets.map((t) => t.sample))];
      for (const blockSample of blockSamples) {
        reads.push(image.getTileOrStrip(bx, by, blockSample, decoder, signal).then((block: BlockRead) => {
          const data = new Uint8Array(block.data as ArrayBuffer);
          const bx0 = bx * tileW;
          const by0 = by * tileH;
          const xa = Math.max(win.x0, bx0);
          const xb = Math.min(win.x1, bx0 + tileW, image.getWidth());
          const ya = Math.max(win.y0, by0);
          const yb = Math.min(win.y1, by0 + tileH, image.getHeight());
          if (chunky) copyChunky(data, tileW * spp, spp, (ya - by0) * tileW * spp + (xa - bx0) * spp, targets, (ya - win.y0) * width + (xa - win.x0), width, xb - xa, yb - ya);
          else {
            for (const t of targets) {
              if (t.sample !== blockSample) continue;
              for (let y = ya; y < yb; y += 1) {
                const src = (y - by0) * tileW + (xa - bx0);
                t.out.set(data.subarray(src, src + (xb - xa)), (y - win.y0) * width + (xa - win.x0));
              }
            }
          }
        }));
      }
    }
  }
  await Promise.all(reads);
  return { width, height, pixels, validPixels: clearEmpty(pixels, n, alpha, samples.noData) };
}

/**
 * Copies a rectangle of pixel-interleaved samples into planes, one pass over the source: the inner
 * loop reads each pixel's samples once with everything it touches held in locals.
 */
function copyChunky(
  data: Uint8Array, srcStride: number, spp: number, src0: number,
  targets: readonly { sample: number; out: Uint8Array }[], dst0: number, dstStride: number, w: number, h: number,
): void {
  if (spp === 1) {
    for (const t of targets) for (let y = 0; y < h; y += 1) t.out.set(data.subarray(src0 + y * srcStride, src0 + y * srcStride + w), dst0 + y * dstStride);
    return;
  }
  const [p0, p1, p2] = targets;
  const o0 = p0.out, o1 = p1.out, o2 = p2.out;
  const s0 = p0.sample, s1 = p1.sample, s2 = p2.sample;
  // RGB in file order: four pixels at a time as three 32-bit words in, one word per plane out
  const words = spp === 3 && s0 === 0 && s1 === 1 && s2 === 2 && LITTLE_ENDIAN && data.byteOffset % 4 === 0
    && o0.byteOffset % 4 === 0 && o1.byteOffset % 4 === 0 && o2.byteOffset % 4 === 0;
  const in32 = words ? new Uint32Array(data.buffer, data.byteOffset, data.byteLength >> 2) : undefined;
  const r32 = words ? new Uint32Array(o0.buffer, o0.byteOffset, o0.byteLength >> 2) : undefined;
  const g32 = words ? new Uint32Array(o1.buffer, o1.byteOffset, o1.byteLength >> 2) : undefined;
  const b32 = words ? new Uint32Array(o2.buffer, o2.byteOffset, o2.byteLength >> 2) : undefined;
  for (let y = 0; y < h; y += 1) {
    let s = src0 + y * srcStride;
    let i = dst0 + y * dstStride;
    const end = i + w;
    if (in32 && r32 && g32 && b32 && s % 4 === 0 && i % 4 === 0) {
      for (let k = s >> 2, d = i >> 2, q = w >> 2; q > 0; q -= 1, k += 3, d += 1) {
        const w0 = in32[k], w1 = in32[k + 1], w2 = in32[k + 2];
        r32[d] = (w0 & 255) | ((w0 >>> 24) << 8) | (((w1 >>> 16) & 255) << 16) | (((w2 >>> 8) & 255) << 24);
        g32[d] = ((w0 >>> 8) & 255) | ((w1 & 255) << 8) | ((w1 >>> 24) << 16) | (((w2 >>> 16) & 255) << 24);
        b32[d] = ((w0 >>> 16) & 255) | (((w1 >>> 8) & 255) << 8) | ((w2 & 255) << 16) | ((w2 >>> 24) << 24);
      }
      const done = w & ~3;
      i += done;
      s += done * 3;
    }
    for (; i < end; i += 1, s += spp) {
      o0[i] = data[s + s0];
      o1[i] = data[s + s1];
      o2[i] = data[s + s2];
    }
  }
  // the optional fourth target (alpha)
  for (const t of targets.slice(3)) {
    for (let y = 0; y < h; y += 1) {
      let s = src0 + y * srcStride + t.sample;
      const out = t.out;
      for (let i = dst0 + y * dstStride, end = i + w; i < end; i += 1, s += spp) out[i] = data[s];
    }
  }
}

/** Zeroes transparent and nodata pixels in all planes; returns how many pixels hold data. */
function clearEmpty(pixels: Uint8Array, n: number, alpha: Uint8Array | undefined, noData: number | undefined): number {
  const nd = noData !== undefined && Number.isInteger(noData) && noData >= 0 && noData <= 255 ? noData : undefined;
  if (!alpha && nd === undefined) return n;
  let valid = 0;
  for (let i = 0; i < n; i += 1) {
    const empty = (alpha !== undefined && alpha[i] === 0)
      || (nd !== undefined && pixels[i] === nd && pixels[n + i] === nd && pixels[2 * n + i] === nd);
    if (empty) {
      pixels[i] = 0;
      pixels[n + i] = 0;
      pixels[2 * n + i] = 0;
    } else valid += 1;
  }
  return valid;
}

/**
 * The decoder geotiff.js builds for an image (its compression with the parameters each codec needs,
 * JPEG tables included), taken from a one-pixel read at `x`, `y`: that block is then cached for the
 * read that asked. geotiff.js does not export how it derives those parameters.
 */
export async function captureBlockDecoder(image: GeoTIFFImage, x: number, y: number, signal?: AbortSignal): Promise<BlockDecoder> {
  const own = Object.prototype.hasOwnProperty.call(image, 'getTileOrStrip');
  const original = image.getTileOrStrip;
  let captured: BlockDecoder | undefined;
  image.getTileOrStrip = function capture(this: GeoTIFFImage, ...args: Parameters<GeoTIFFImage['getTileOrStrip']>) {
    captured ??= args[3];
    return original.apply(this, args);
  } as GeoTIFFImage['getTileOrStrip'];
  try {
    await image.readRasters({ window: [x, y, x + 1, y + 1], samples: [0], signal });
  } finally {
    if (own) image.getTileOrStrip = original;
    else delete (image as Partial<GeoTIFFImage>).getTileOrStrip;
  }
  if (!captured) throw new Error('no block was read');
  return captured;
}
