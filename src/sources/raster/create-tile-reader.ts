import { GroundstreamError } from '../../core/errors';
import type { Frame } from '../../core/frame';
import type { RasterSource } from './open-raster';
import type { RasterWindow } from './raster-info';
import { percentileStretch, toPlanarRgb8, type BandStretch } from './to-planar-rgb8';

/** Options of {@link createTileReader}. */
export interface TileReaderOptions {
  /** 1-based bands shown to the model as R, G, B (default 1,2,3, or 1 for a single band). */
  bands?: number[];
  /** Percentiles for data wider than 8 bits (default 2 and 98). */
  stretchPercentiles?: [number, number];
  sceneId?: string;
  /** Read this overview level (0 = full resolution); frames still map back to full-resolution pixels. */
  overview?: number;
}

/** Reads scene windows as 8-bit frames a detector takes; says how the pixels were made. */
export interface TileReader {
  /** How pixel values were mapped to 8 bits, for the result's notes. */
  readonly description: string;
  /** A window as a frame (buffer = window, `toSource` identity); undefined when it holds no data. */
  readTile(window: RasterWindow, signal?: AbortSignal): Promise<Frame | undefined>;
  /**
   * The caller is done with a frame this reader made: its pixel memory may hold a later tile. A
   * scene of thousands of tiles then cycles through a few buffers instead of allocating one each
   * (fresh memory per tile is what makes V8 run full collections on a large scene).
   */
  releaseTile(frame: Frame): void;
}

/** Frame buffers kept for the next tiles; more than the tiles in flight is never needed. */
const SPARE_TILE_BUFFERS = 6;

/**
 * Creates a tile reader over an open raster. 8-bit data passes through; wider data is stretched
 * per band between percentiles measured once on the smallest overview (or a centre window), so
 * every tile of a scene uses the same mapping. Nodata and alpha pixels make a tile empty.
 */
export async function createTileReader(source: RasterSource, options: TileReaderOptions = {}): Promise<TileReader> {
  const info = source.info;
  const alphaBand = info.hasAlpha ? info.bandCount : undefined;
  const colourBands = info.bandCount - (alphaBand ? 1 : 0);
  const bands = options.bands ?? (colourBands >= 3 ? [1, 2, 3] : [1]);
  for (const b of bands) {
    if (!Number.isInteger(b) || b < 1 || b > info.bandCount) {
      throw new GroundstreamError('invalid_argument', info.input, `band ${b} does not exist: ${info.input} has ${info.bandCount} bands`);
    }
  }
  let stretch: BandStretch[] | undefined;
  let description = `bands ${bands.join(',')} as RGB, 8-bit values as they are`;
  if (info.dataType !== 'uint8') {
    const [lowPct, highPct] = options.stretchPercentiles ?? [2, 98];
    const level = info.overviews.length;
    const sampleWindow = level > 0
      ? { x0: 0, y0: 0, x1: info.width, y1: info.height }
      : { x0: Math.max(0, (info.width >> 1) - 512), y0: Math.max(0, (info.height >> 1) - 512), x1: Math.min(info.width, (info.width >> 1) + 512), y1: Math.min(info.height, (info.height >> 1) + 512) };
    const sample = await source.readWindow(sampleWindow, { bands, overview: level });
    stretch = sample.bands.map((b) => percentileStretch(b, lowPct, highPct, info.noData));
    description = `bands ${bands.join(',')} as RGB, ${info.dataType} stretched per band from the ${lowPct}th–${highPct}th percentiles (${stretch.map((s) => `${s.lo}–${s.hi}`).join(', ')})`;
  }
  const spare: Uint8Array[] = [];
  const made = new WeakSet<Uint8Array>();
  return {
    description,
    releaseTile(frame) {
      if (made.has(frame.pixels) && spare.length < SPARE_TILE_BUFFERS && !spare.includes(frame.pixels)) spare.push(frame.pixels);
    },
    async readTile(window, signal) {
      let read: { width: number; height: number; pixels: Uint8Array; validPixels: number };
      if (!stretch) {
        const reusePixels = spare.pop();
        read = await source.readWindowGbrp(window, { bands, alphaBand, noData: info.noData, overview: options.overview, signal, reusePixels });
        if (reusePixels && read.pixels !== reusePixels) spare.push(reusePixels);
      } else {
        const px = await source.readWindow(window, { bands: alphaBand ? [...bands, alphaBand] : bands, overview: options.overview, signal });
        const colour = alphaBand ? px.bands.slice(0, bands.length) : px.bands;
        read = { ...px, ...toPlanarRgb8(colour, { stretch, noData: info.noData, alpha: alphaBand ? px.bands[bands.length] : undefined }) };
      }
      const { pixels, validPixels } = read;
      if (validPixels === 0) {
        if (!stretch && spare.length < SPARE_TILE_BUFFERS) spare.push(pixels);
        return undefined;
      }
      if (!stretch) made.add(pixels);
      return {
        sourceId: options.sceneId ?? info.input,
        index: 0,
        ptsSec: 0,
        width: read.width,
        height: read.height,
        layout: 'gbrp',
        pixels,
        // An overview's pixels stand for several full-resolution ones: map them back.
        sourceWidth: window.x1 - window.x0,
        sourceHeight: window.y1 - window.y0,
        toSource: { scaleX: read.width / (window.x1 - window.x0), scaleY: read.height / (window.y1 - window.y0), offsetX: 0, offsetY: 0 },
      };
    },
  };
}
