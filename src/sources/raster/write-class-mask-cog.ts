import { writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { GroundstreamError } from '../../core/errors';
import type { GeoTransform } from '../../geo/geotransform';
import type { RasterWindow } from './raster-info';

/** Side of every tile, full resolution and overviews. */
export const CLASS_MASK_TILE_PX = 256;

/** Where the class mask lies: the scene's geotransform and CRS. */
export interface ClassMaskGeoreference {
  geotransform: GeoTransform;
  /** EPSG code of a projected or geographic CRS (written as ProjectedCSType / GeographicType). */
  epsg?: number;
  /** True for a lon/lat CRS (GTModelType 2), else projected (1). */
  geographic: boolean;
  /**
   * A CRS with no EPSG code: its PROJ string, written as GTCitationGeoKey in the
   * `EXTENSION["PROJ4","…"]` form, with no model type or projection keys: groundstream's reader
   * reads the PROJ string back; GDAL sees no CRS, only the geotransform (set one with
   * `gdal_edit.py -a_srs` if it must know).
   */
  proj4?: string;
}

export interface ClassMaskCogOptions {
  width: number;
  height: number;
  /** Class names: `classes[i]` is pixel value i + 1 (0 is "nothing"). At most 255. */
  classes: readonly string[];
  /**
   * Class indices of one full-resolution tile, row-major, `CLASS_MASK_TILE_PX`² bytes. The window
   * is the tile's in scene pixels (x1, y1 clipped to the scene); bytes past the scene's edge are ignored.
   */
  tile: (window: RasterWindow) => Uint8Array;
  georeference?: ClassMaskGeoreference;
  /** Write all-zero tiles as sparse (offset 0, byte count 0): GDAL reads them as 0; geotiff.js cannot (default false). */
  sparse?: boolean;
}

export interface ClassMaskCogResult {
  bytes: number;
  /** Sizes of the levels written, full resolution first. */
  levels: { width: number; height: number }[];
}

const MAX_CLASSIC_TIFF = 2 ** 32 - 1;

// TIFF field types
const SHORT = 3;
const LONG = 4;
const ASCII = 2;
const DOUBLE = 12;
const TYPE_SIZE: Record<number, number> = { [ASCII]: 1, [SHORT]: 2, [LONG]: 4, [DOUBLE]: 8 };

interface Entry {
  tag: number;
  type: number;
  values: number[] | string;
}

interface Level {
  width: number;
  height: number;
  across: number;
  down: number;
  /** Compressed tiles, row-major; an empty buffer is a sparse tile. */
  tiles: Buffer[];
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** GDAL_METADATA (tag 42112): `CLASS_<n>=<label>` items, and the band's description naming them all. */
export function classMaskGdalMetadata(classes: readonly string[]): string {
  const items = classes.map((c, i) => `<Item name="CLASS_${i + 1}">${xmlEscape(c)}</Item>`);
  const description = `class index: 0=none${classes.map((c, i) => `, ${i + 1}=${c}`).join('')}`;
  return `<GDALMetadata>${items.join('')}<Item name="DESCRIPTION" sample="0" role="description">${xmlEscape(description)}</Item></GDALMetadata>`;
}

/** Sizes of the full-resolution image and its 2×, 4×, … overviews until both sides are ≤ 256. */
export function classMaskLevels(width: number, height: number): { width: number; height: number }[] {
  const out = [{ width, height }];
  let w = width;
  let h = height;
  while (w > CLASS_MASK_TILE_PX || h > CLASS_MASK_TILE_PX) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    out.push({ width: w, height: h });
  }
  return out;
}

/**
 * 2× reduction of a class image: each output pixel takes the most frequent non-zero class of its
 * 2×2 block (ties: the smaller index), 0 only when the block is all 0, so thin objects stay visible.
 */
export function reduceClasses2x(src: Uint8Array, w: number, h: number): { data: Uint8Array; width: number; height: number } {
  const ow = Math.ceil(w / 2);
  const oh = Math.ceil(h / 2);
  const out = new Uint8Array(ow * oh);
  const v = [0, 0, 0, 0];
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let n = 0;
      for (let dy = 0; dy < 2; dy++) {
        const sy = 2 * y + dy;
        if (sy >= h) continue;
        for (let dx = 0; dx < 2; dx++) {
          const sx = 2 * x + dx;
          if (sx >= w) continue;
          const c = src[sy * w + sx];
          if (c) v[n++] = c;
        }
      }
      let best = 0;
      let bestCount = 0;
      for (let i = 0; i < n; i++) {
        let count = 0;
        for (let j = 0; j < n; j++) if (v[j] === v[i]) count++;
        if (count > bestCount || (count === bestCount && v[i] < best)) {
          best = v[i];
          bestCount = count;
        }
      }
      out[y * ow + x] = best;
    }
  }
  return { data: out, width: ow, height: oh };
}

function compressTile(tile: Uint8Array, sparse: boolean): Buffer {
  if (sparse && tile.every((v) => v === 0)) return Buffer.alloc(0);
  return deflateSync(tile);
}

/** Tiles of an in-memory class image (an overview level). */
function tilesOf(data: Uint8Array, width: number, height: number, sparse: boolean): Level {
  const T = CLASS_MASK_TILE_PX;
  const across = Math.ceil(width / T);
  const down = Math.ceil(height / T);
  const tiles: Buffer[] = [];
  const buf = new Uint8Array(T * T);
  for (let ty = 0; ty < down; ty++) {
    for (let tx = 0; tx < across; tx++) {
      buf.fill(0);
      const x0 = tx * T;
      const y0 = ty * T;
      const cw = Math.min(T, width - x0);
      for (let r = 0; r < T && y0 + r < height; r++) buf.set(data.subarray((y0 + r) * width + x0, (y0 + r) * width + x0 + cw), r * T);
      tiles.push(compressTile(buf, sparse));
    }
  }
  return { width, height, across, down, tiles };
}

function geoEntries(g: ClassMaskGeoreference): Entry[] {
  const gt = g.geotransform;
  const entries: Entry[] = [];
  if (gt[2] === 0 && gt[4] === 0) {
    entries.push({ tag: 33550, type: DOUBLE, values: [gt[1], -gt[5], 0] });
    entries.push({ tag: 33922, type: DOUBLE, values: [0, 0, 0, gt[0], gt[3], 0] });
  } else {
    entries.push({ tag: 34264, type: DOUBLE, values: [gt[1], gt[2], 0, gt[0], gt[4], gt[5], 0, gt[3], 0, 0, 0, 0, 0, 0, 0, 1] });
  }
  // GeoKeyDirectory: header (version 1.1.0) then (key, location, count, value) in key order
  const keys: [number, number, number, number][] = [];
  let ascii = '';
  // GTModelTypeGeoKey; left out for a PROJ-only CRS, which GDAL would otherwise take for an unknown lon/lat one
  if (g.epsg !== undefined || !g.proj4) keys.push([1024, 0, 1, g.geographic ? 2 : 1]);
  keys.push([1025, 0, 1, 1]); // GTRasterTypeGeoKey: PixelIsArea
  if (g.epsg === undefined && g.proj4) {
    const citation = `groundstream user-defined CRS|EXTENSION["PROJ4","${g.proj4.replace(/"/g, '')}"]|`;
    keys.push([1026, 34737, citation.length, ascii.length]); // GTCitationGeoKey
    ascii += citation;
  }
  if (g.epsg !== undefined) {
    if (g.geographic) keys.push([2048, 0, 1, g.epsg]); // GeographicTypeGeoKey
    else keys.push([3072, 0, 1, g.epsg]); // ProjectedCSTypeGeoKey
  }
  keys.sort((a, b) => a[0] - b[0]);
  entries.push({ tag: 34735, type: SHORT, values: [1, 1, 0, keys.length, ...keys.flat()] });
  if (ascii) entries.push({ tag: 34737, type: ASCII, values: ascii });
  return entries;
}

function entryBytes(e: Entry): number {
  const count = typeof e.values === 'string' ? e.values.length + 1 : e.values.length;
  return count * TYPE_SIZE[e.type];
}

function ifdSize(entries: Entry[]): number {
  const outOfLine = entries.reduce((s, e) => { const b = entryBytes(e); return s + (b > 4 ? b + (b % 2) : 0); }, 0);
  return 2 + entries.length * 12 + 4 + outOfLine;
}

function writeValues(buf: Buffer, at: number, e: Entry): void {
  if (typeof e.values === 'string') {
    buf.write(e.values, at, 'latin1');
    buf[at + e.values.length] = 0;
    return;
  }
  const size = TYPE_SIZE[e.type];
  e.values.forEach((v, i) => {
    if (e.type === SHORT) buf.writeUInt16LE(v, at + i * size);
    else if (e.type === LONG) buf.writeUInt32LE(v, at + i * size);
    else buf.writeDoubleLE(v, at + i * size);
  });
}

/** Serialises one IFD at `offset`, its out-of-line values right after it. */
function serialiseIfd(entries: Entry[], offset: number, next: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const buf = Buffer.alloc(ifdSize(sorted));
  buf.writeUInt16LE(sorted.length, 0);
  let extra = 2 + sorted.length * 12 + 4;
  sorted.forEach((e, i) => {
    const p = 2 + i * 12;
    const count = typeof e.values === 'string' ? e.values.length + 1 : e.values.length;
    buf.writeUInt16LE(e.tag, p);
    buf.writeUInt16LE(e.type, p + 2);
    buf.writeUInt32LE(count, p + 4);
    const b = entryBytes(e);
    if (b <= 4) {
      writeValues(buf, p + 8, e);
    } else {
      buf.writeUInt32LE(offset + extra, p + 8);
      writeValues(buf, extra, e);
      extra += b + (b % 2);
    }
  });
  buf.writeUInt32LE(next, 2 + sorted.length * 12);
  return buf;
}

/**
 * Writes a one-band uint8 class mask as a Cloud-Optimized GeoTIFF (little-endian classic TIFF):
 * 256×256 tiles, DEFLATE (Predictor 1), internal overviews (2×, 4×, … until ≤ 256 px, mode of the
 * non-zero classes) and the COG layout: every IFD first (full resolution, then overviews), then the
 * tile data from the smallest overview to the full resolution. Full-resolution tiles are asked of
 * `options.tile` one at a time; memory holds the compressed tiles and the 2× overview as bytes
 * (a quarter of the scene). Refuses (`raster_too_large`) a file that would pass 4 GiB.
 *
 * @example
 * await writeClassMaskCog('mask.tif', { width: 791, height: 718, classes: ['water'], tile: (w) => rasterise(w), georeference: { geotransform, epsg: 31985, geographic: false } });
 */
export async function writeClassMaskCog(file: string, options: ClassMaskCogOptions): Promise<ClassMaskCogResult> {
  const { width, height, classes } = options;
  const T = CLASS_MASK_TILE_PX;
  const sparse = options.sparse ?? false;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new GroundstreamError('invalid_argument', file, `${file}: class mask size ${width}×${height} is not a positive whole number of pixels`);
  }
  if (classes.length > 255) throw new GroundstreamError('invalid_argument', file, `${file}: ${classes.length} classes do not fit a uint8 mask (at most 255)`);
  const sizes = classMaskLevels(width, height);
  const across = Math.ceil(width / T);
  const down = Math.ceil(height / T);
  // full resolution, tile by tile; the 2× overview is kept as bytes while the tiles go by
  const full: Level = { width, height, across, down, tiles: [] };
  const ov = sizes.length > 1 ? new Uint8Array(sizes[1].width * sizes[1].height) : undefined;
  const ovW = sizes[1]?.width ?? 0;
  let running = 0;
  for (let ty = 0; ty < down; ty++) {
    for (let tx = 0; tx < across; tx++) {
      const win = { x0: tx * T, y0: ty * T, x1: Math.min(width, (tx + 1) * T), y1: Math.min(height, (ty + 1) * T) };
      const tile = options.tile(win);
      if (tile.length !== T * T) throw new GroundstreamError('internal', file, `class mask tile (${win.x0}, ${win.y0}) has ${tile.length} bytes, not ${T * T}`);
      const cw = win.x1 - win.x0;
      const ch = win.y1 - win.y0;
      // bytes past the scene's edge are zeroed so edge tiles compress alike and read as 0
      if (cw < T || ch < T) for (let r = 0; r < T; r++) tile.fill(0, r < ch ? r * T + cw : r * T, (r + 1) * T);
      const compressed = compressTile(tile, sparse);
      running += compressed.length;
      if (running > MAX_CLASSIC_TIFF) {
        throw new GroundstreamError('raster_too_large', file, `${file}: the class mask would pass 4 GiB, which needs BigTIFF (not written); narrow the scene with --bbox`);
      }
      full.tiles.push(compressed);
      if (ov) {
        const sub = reduceClasses2x(cropTile(tile, cw, ch), cw, ch);
        const ox = win.x0 / 2;
        const oy = win.y0 / 2;
        for (let r = 0; r < sub.height; r++) ov.set(sub.data.subarray(r * sub.width, (r + 1) * sub.width), (oy + r) * ovW + ox);
      }
    }
  }
  const levels: Level[] = [full];
  let cur: { data: Uint8Array; width: number; height: number } | undefined = ov ? { data: ov, width: sizes[1].width, height: sizes[1].height } : undefined;
  while (cur) {
    levels.push(tilesOf(cur.data, cur.width, cur.height, sparse));
    cur = cur.width > T || cur.height > T ? reduceClasses2x(cur.data, cur.width, cur.height) : undefined;
  }

  // IFD entries with placeholder offsets, to size the header part
  const metadata = classMaskGdalMetadata(classes);
  const entriesOf = (lv: Level, i: number, offsets: number[], counts: number[]): Entry[] => [
    { tag: 254, type: LONG, values: [i === 0 ? 0 : 1] },
    { tag: 256, type: LONG, values: [lv.width] },
    { tag: 257, type: LONG, values: [lv.height] },
    { tag: 258, type: SHORT, values: [8] },
    { tag: 259, type: SHORT, values: [8] },
    { tag: 262, type: SHORT, values: [1] },
    { tag: 277, type: SHORT, values: [1] },
    { tag: 284, type: SHORT, values: [1] },
    { tag: 317, type: SHORT, values: [1] },
    { tag: 322, type: SHORT, values: [T] },
    { tag: 323, type: SHORT, values: [T] },
    { tag: 324, type: LONG, values: offsets },
    { tag: 325, type: LONG, values: counts },
    { tag: 339, type: SHORT, values: [1] },
    ...(i === 0 && options.georeference ? geoEntries(options.georeference) : []),
    ...(i === 0 ? [{ tag: 42112, type: ASCII, values: metadata }] : []),
  ];
  const zeros = (lv: Level): number[] => lv.tiles.map(() => 0);
  const ifdSizes = levels.map((lv, i) => ifdSize(entriesOf(lv, i, zeros(lv), zeros(lv))));
  const ifdOffsets: number[] = [];
  let at = 8;
  for (const s of ifdSizes) {
    ifdOffsets.push(at);
    at += s + (s % 2);
  }
  // tile data: smallest overview first, full resolution last
  const offsets: number[][] = levels.map(() => []);
  for (let i = levels.length - 1; i >= 0; i--) {
    for (const t of levels[i].tiles) {
      offsets[i].push(t.length ? at : 0);
      at += t.length;
    }
  }
  if (at > MAX_CLASSIC_TIFF) {
    throw new GroundstreamError('raster_too_large', file, `${file}: the class mask would be ${at} bytes, past the 4 GiB of a classic TIFF (BigTIFF is not written); narrow the scene with --bbox`);
  }
  const parts: Buffer[] = [];
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(ifdOffsets[0], 4);
  parts.push(header);
  levels.forEach((lv, i) => {
    const ifd = serialiseIfd(entriesOf(lv, i, offsets[i], lv.tiles.map((t) => t.length)), ifdOffsets[i], ifdOffsets[i + 1] ?? 0);
    parts.push(ifd);
    if (ifd.length % 2) parts.push(Buffer.alloc(1));
  });
  for (let i = levels.length - 1; i >= 0; i--) parts.push(...levels[i].tiles.filter((t) => t.length));
  await writeFile(file, parts);
  return { bytes: at, levels: sizes };
}

function cropTile(tile: Uint8Array, cw: number, ch: number): Uint8Array {
  if (cw === CLASS_MASK_TILE_PX) return tile.subarray(0, cw * ch);
  const out = new Uint8Array(cw * ch);
  for (let r = 0; r < ch; r++) out.set(tile.subarray(r * CLASS_MASK_TILE_PX, r * CLASS_MASK_TILE_PX + cw), r * cw);
  return out;
}
