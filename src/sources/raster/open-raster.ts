import { stat } from 'node:fs/promises';
import { fromCustomClient, fromFile, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { GroundstreamError, isGroundstreamError } from '../../core/errors';
import { chooseOverview } from './choose-overview';
import { HttpRangeClient } from './http-range-client';
import { withBlockCache } from './block-cache';
import { useNodeZlibForDeflate } from './node-zlib-decoder';
import type { BandArray, RasterInfo, RasterWindow, WindowPixels } from './raster-info';
import { canCopyBlocksAsGbrp, captureBlockDecoder, readBlocksGbrp, type BlockDecoder } from './read-blocks-gbrp';
import { toPlanarRgb8, type PlanarRgb8 } from './to-planar-rgb8';
import { classifyImages, readRasterInfo, type TiffImages } from './read-raster-info';

export interface OpenRasterOptions {
  /** Request headers for a remote raster, e.g. `{ Authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Per HTTP request (default 30 000). */
  timeoutMs?: number;
  /** Largest window, in pixels, one readWindow may decode (default 64 Mpx). */
  maxPixels?: number;
  /** Memory for decoded blocks reused by overlapping windows, per image (default 24 MB, 48 MB for strips). */
  blockCacheBytes?: number;
}

export interface ReadWindowOptions {
  /** 1-based band numbers (default: all). */
  bands?: number[];
  /** 0 = full resolution, k = overview level k of `info.overviews`. */
  overview?: number;
  signal?: AbortSignal;
}

/** Options of {@link RasterSource.readWindowGbrp}. */
export interface ReadGbrpOptions {
  /** 1-based bands shown as R, G, B; one band is shown as grey. */
  bands: number[];
  /** 1-based alpha band: 0 there makes a pixel empty. */
  alphaBand?: number;
  /** Pixels whose colour bands all equal this value are empty. */
  noData?: number;
  overview?: number;
  signal?: AbortSignal;
  /** A pixel buffer of an earlier window the caller is done with, filled when it has the right size. */
  reusePixels?: Uint8Array;
}

/** An 8-bit window as a `gbrp` frame buffer (planes G, B, R), empty pixels zeroed. */
export interface GbrpWindow extends PlanarRgb8 {
  width: number;
  height: number;
  /** The window actually read, in the pixels of the image read. */
  window: RasterWindow;
}

/** An open GeoTIFF or COG: its header as {@link RasterInfo}, and windowed reads. */
export interface RasterSource {
  readonly info: RasterInfo;
  /** Requests and bytes read so far, for a remote raster (range requests only). */
  readonly remoteStats?: { requests: number; bytes: number };
  /** Pixels of a window given in full-resolution scene pixels; only the blocks it touches are read. */
  readWindow(window: RasterWindow, options?: ReadWindowOptions): Promise<WindowPixels>;
  /**
   * An 8-bit raster's window straight into the layout the detectors take; byte blocks are copied
   * as they are, other layouts (YCbCr JPEG) go through {@link readWindow}. Values of wider data
   * types are clamped: stretch those with {@link readWindow} and `toPlanarRgb8`.
   */
  readWindowGbrp(window: RasterWindow, options: ReadGbrpOptions): Promise<GbrpWindow>;
  /** The coarsest overview level (0 = full resolution) whose GSD is still ≤ `targetGsdM`. */
  chooseOverview(targetGsdM: number): number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_PIXELS = 64 * 1024 * 1024;
/** TIFF PhotometricInterpretation for YCbCr samples. */
const PHOTOMETRIC_YCBCR = 6;
const DEFAULT_TIMEOUT_MS = 30_000;

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** geotiff.js gathers failed block fetches in an AggregateError; the first of ours says most. */
function unwrap(e: unknown): unknown {
  if (e instanceof AggregateError) return e.errors.find((x) => isGroundstreamError(x)) ?? e.errors[0] ?? e;
  return e;
}

function openFailure(input: string, raw: unknown): GroundstreamError {
  const e = unwrap(raw);
  if (isGroundstreamError(e)) return e;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return new GroundstreamError('input_not_found', input, `${input}: no such file`, { cause: e });
  if (err?.code === 'EISDIR') return new GroundstreamError('not_a_raster', input, `${input}: is a directory`, { cause: e });
  const message = err instanceof Error ? err.message : String(e);
  return new GroundstreamError('not_a_raster', input, `${input}: not a TIFF/GeoTIFF (${message})`, { cause: e });
}

/**
 * Opens a GeoTIFF or Cloud-Optimized GeoTIFF from a path or an http(s) URL. Only the header is
 * read; remote pixels come by HTTP range requests as windows ask for them.
 *
 * @example
 * const raster = await openRaster('scene.tif');
 * const { bands } = await raster.readWindow({ x0: 0, y0: 0, x1: 512, y1: 512 }, { bands: [1, 2, 3] });
 * await raster.close();
 */
export async function openRaster(input: string, options: OpenRasterOptions = {}): Promise<RasterSource> {
  useNodeZlibForDeflate();
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  let tiff: GeoTIFF;
  let client: HttpRangeClient | undefined;
  let localSizeBytes: number | undefined;
  try {
    if (isUrl(input)) {
      client = new HttpRangeClient(input, { headers: options.headers, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: options.signal });
      // blocks of 64 KiB: a COG header and its tiles take a few requests, never the whole file
      tiff = await fromCustomClient(client, { allowFullFile: false, blockSize: 65_536 } as Parameters<typeof fromCustomClient>[1], options.signal);
    } else {
      const s = await stat(input);
      if (s.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      localSizeBytes = s.size;
      tiff = await fromFile(input, options.signal);
    }
  } catch (e) {
    throw openFailure(input, client?.lastError ?? e);
  }
  let images: TiffImages;
  let info: RasterInfo;
  try {
    images = await classifyImages(tiff);
    // One byte budget per image read: overlapping tiles reuse decoded blocks.
    for (const image of [images.main, ...images.overviews]) withBlockCache(image, options.blockCacheBytes);
    info = await readRasterInfo(input, images);
  } catch (e) {
    await Promise.resolve(tiff.close()).catch(() => undefined);
    throw openFailure(input, client?.lastError ?? e);
  }
  const decoders = new Map<GeoTIFFImage, Promise<BlockDecoder>>();
  const fileSizeBytes = (): number | undefined => localSizeBytes ?? client?.fileSizeBytes;
  return {
    info,
    remoteStats: client?.stats,
    chooseOverview: (targetGsdM) => chooseOverview(info, targetGsdM),
    readWindow: (window, opts = {}) => withReadErrors(info.input, window, opts.signal, client, async () =>
      readSamples(await resolveRead(info, images, window, opts.bands, opts.overview, maxPixels, fileSizeBytes()), opts.signal)),
    readWindowGbrp: (window, opts) => withReadErrors(info.input, window, opts.signal, client, async () => {
      const colour = opts.bands.length >= 3 ? opts.bands.slice(0, 3) : [opts.bands[0], opts.bands[0], opts.bands[0]];
      const bands = opts.alphaBand !== undefined ? [...colour, opts.alphaBand] : colour;
      const read = await resolveRead(info, images, window, bands, opts.overview, maxPixels, fileSizeBytes());
      if (!canCopyBlocksAsGbrp(read.image)) {
        const px = await readSamples(read, opts.signal);
        const planar = toPlanarRgb8(px.bands.slice(0, 3), { noData: opts.noData, alpha: opts.alphaBand !== undefined ? px.bands[3] : undefined });
        return { ...planar, width: px.width, height: px.height, window: px.window };
      }
      let decoder = decoders.get(read.image);
      if (!decoder) {
        decoder = captureBlockDecoder(read.image, read.win.x0, read.win.y0, opts.signal);
        decoders.set(read.image, decoder);
        decoder.catch(() => decoders.delete(read.image));
      }
      const [r, g, b, alpha] = read.samples;
      const px = await readBlocksGbrp(read.image, read.win, { rgb: [r, g, b], alpha, noData: opts.noData }, await decoder, opts.signal, { pixels: opts.reusePixels });
      return { ...px, window: read.win };
    }),
    close: async () => {
      await Promise.resolve(tiff.close()).catch(() => undefined);
    },
  };
}

function invalid(input: string, message: string): GroundstreamError {
  return new GroundstreamError('invalid_argument', input, `${input}: ${message}`);
}

/** A read resolved against the file: the image (level) to read, its window and 0-based samples. */
interface ResolvedRead {
  image: GeoTIFFImage;
  win: RasterWindow;
  samples: number[];
}

async function resolveRead(
  info: RasterInfo, images: TiffImages, w: RasterWindow, bands: number[] | undefined, overview: number | undefined, maxPixels: number,
  fileSizeBytes: number | undefined,
): Promise<ResolvedRead> {
  const input = info.input;
  if (![w.x0, w.y0, w.x1, w.y1].every(Number.isFinite) || w.x0 < 0 || w.y0 < 0 || w.x1 > info.width || w.y1 > info.height || w.x1 <= w.x0 || w.y1 <= w.y0) {
    throw invalid(input, `window (${w.x0}, ${w.y0})–(${w.x1}, ${w.y1}) is empty or outside the ${info.width}×${info.height} scene`);
  }
  const level = overview ?? 0;
  if (!Number.isInteger(level) || level < 0 || level > images.overviews.length) {
    throw invalid(input, `overview ${level} does not exist (the raster has ${images.overviews.length})`);
  }
  const image = level === 0 ? images.main : images.overviews[level - 1];
  const sx = image.getWidth() / info.width;
  const sy = image.getHeight() / info.height;
  const win: RasterWindow = {
    x0: Math.floor(w.x0 * sx), y0: Math.floor(w.y0 * sy),
    x1: Math.min(image.getWidth(), Math.ceil(w.x1 * sx)), y1: Math.min(image.getHeight(), Math.ceil(w.y1 * sy)),
  };
  const pixels = (win.x1 - win.x0) * (win.y1 - win.y0);
  if (pixels > maxPixels) {
    throw new GroundstreamError('raster_too_large', input,
      `${input}: a ${win.x1 - win.x0}×${win.y1 - win.y0} window is ${pixels} pixels, more than the ${maxPixels} allowed; read smaller windows or an overview`);
  }
  const wanted = bands ?? Array.from({ length: info.bandCount }, (_, i) => i + 1);
  for (const b of wanted) {
    if (!Number.isInteger(b) || b < 1 || b > info.bandCount) throw invalid(input, `band ${b} does not exist (bands are 1..${info.bandCount})`);
  }
  const samples = wanted.map((b) => b - 1);
  if (fileSizeBytes !== undefined) await assertBlocksPresent(input, image, win, samples, fileSizeBytes);
  return { image, win, samples };
}

/** Runs a pixel read, turning geotiff.js's failures into errors that name the input and window. */
async function withReadErrors<T>(input: string, w: RasterWindow, signal: AbortSignal | undefined, client: HttpRangeClient | undefined, read: () => Promise<T>): Promise<T> {
  if (client) client.lastError = undefined;
  try {
    return await read();
  } catch (raw) {
    const e = client?.lastError ?? unwrap(raw);
    if (isGroundstreamError(e) || signal?.aborted) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const code = e instanceof RangeError || /offset|out of bounds|outside the bounds/i.test(message) ? 'truncated' : 'decode_failed';
    throw new GroundstreamError(code, input, `${input}: reading window (${w.x0}, ${w.y0})–(${w.x1}, ${w.y1}) failed: ${message}`, { cause: e });
  }
}

async function readSamples({ image, win, samples }: ResolvedRead, signal: AbortSignal | undefined): Promise<WindowPixels> {
  const window: [number, number, number, number] = [win.x0, win.y0, win.x1, win.y1];
  // JPEG-compressed COGs are usually stored as YCbCr: the first three samples must be converted,
  // or models would see luma/chroma as if it were red/green/blue.
  if (image.fileDirectory.getValue('PhotometricInterpretation') === PHOTOMETRIC_YCBCR && samples.some((s) => s < 3)) {
    const rgb = (await image.readRGB({ window, interleave: false, signal })) as unknown as Uint8Array[] & { width: number; height: number };
    const others = samples.filter((s) => s >= 3);
    const extra = others.length ? Array.from((await image.readRasters({ window, samples: others, interleave: false, signal })) as BandArray[]) : [];
    const bandsOut = samples.map((s) => (s < 3 ? rgb[s] : extra[others.indexOf(s)]));
    return { width: rgb.width, height: rgb.height, bands: bandsOut, window: win };
  }
  const result = await image.readRasters({ window, samples, interleave: false, signal });
  return { width: result.width, height: result.height, bands: Array.from(result as BandArray[]), window: win };
}

/**
 * Rejects with `truncated` when a block the window needs ends past the end of the file: a cut-short
 * file would otherwise decode to garbage or zeros without a word.
 */
async function assertBlocksPresent(input: string, image: GeoTIFFImage, win: RasterWindow, samples: number[], fileSizeBytes: number): Promise<void> {
  const fd = image.fileDirectory;
  const tiled = image.isTiled;
  const tileW = image.getTileWidth();
  const tileH = image.getTileHeight();
  const across = Math.ceil(image.getWidth() / tileW);
  const down = Math.ceil(image.getHeight() / tileH);
  const planes = image.planarConfiguration === 2 ? samples : [0];
  const offsetsTag = tiled ? 'TileOffsets' : 'StripOffsets';
  const countsTag = tiled ? 'TileByteCounts' : 'StripByteCounts';
  for (const plane of planes) {
    for (let row = Math.floor(win.y0 / tileH); row < Math.ceil(win.y1 / tileH); row += 1) {
      for (let col = Math.floor(win.x0 / tileW); col < Math.ceil(win.x1 / tileW); col += 1) {
        const index = plane * across * down + row * across + col;
        const offset = Number(await fd.loadValueIndexed(offsetsTag, index));
        const count = Number(await fd.loadValueIndexed(countsTag, index));
        if (offset + count > fileSizeBytes) {
          throw new GroundstreamError('truncated', input,
            `${input}: truncated: block ${index} needs bytes ${offset}..${offset + count} but the file ends at ${fileSizeBytes}`);
        }
      }
    }
  }
}
