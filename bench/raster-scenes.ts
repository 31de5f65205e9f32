/**
 * Scenes for `npm run bench:raster`: a real raster resampled to a large tiled GeoTIFF, made once into
 * a cache folder (never the repository). gdalwarp when GDAL is installed; otherwise written by code
 * (bilinear upsampling + a minimal tiled, DEFLATE, georeferenced TIFF writer) from the same raster.
 */
import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { fromFile } from 'geotiff';

/** A scene on disk and how it was made. */
export interface BenchScene {
  path: string;
  sizePx: number;
  blockPx: number;
  bytes: number;
  madeBy: 'gdalwarp' | 'code' | 'cache';
  seconds: number;
}

const run = promisify(execFile);

async function hasGdalwarp(): Promise<boolean> {
  try {
    await run('gdalwarp', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * The scene `<dir>/<name>`, `sizePx` a side, made from `source` unless already there. Written to a
 * temporary name then renamed, so an interrupted run never leaves a half file that looks cached.
 */
export async function ensureScene(source: string, dir: string, sizePx: number, blockPx: number, force: 'gdalwarp' | 'code' | undefined): Promise<BenchScene> {
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `bench-${sizePx}-b${blockPx}-${path.basename(source)}`);
  if (existsSync(target) && !force) return { path: target, sizePx, blockPx, bytes: statSync(target).size, madeBy: 'cache', seconds: 0 };
  const partial = `${target}.partial`;
  if (existsSync(partial)) unlinkSync(partial);
  const t0 = performance.now();
  const useGdal = force === 'code' ? false : await hasGdalwarp();
  if (useGdal) {
    await run('gdalwarp', [
      '-q', '-overwrite', '-of', 'GTiff', '-ts', String(sizePx), String(sizePx), '-r', 'bilinear', '-multi', '-wo', 'NUM_THREADS=ALL_CPUS',
      '-co', 'TILED=YES', '-co', `BLOCKXSIZE=${blockPx}`, '-co', `BLOCKYSIZE=${blockPx}`, '-co', 'COMPRESS=DEFLATE', '-co', 'NUM_THREADS=ALL_CPUS',
      source, partial,
    ], { timeout: 600_000 });
  } else {
    await writeResampledTiff(source, partial, sizePx, blockPx);
  }
  renameSync(partial, target);
  return { path: target, sizePx, blockPx, bytes: statSync(target).size, madeBy: useGdal ? 'gdalwarp' : 'code', seconds: (performance.now() - t0) / 1000 };
}

// TIFF field types
const SHORT = 3, LONG = 4, DOUBLE = 12, ASCII = 2;

interface Tag { tag: number; type: number; values: number[] | string }

/**
 * Bilinear (half-pixel centres, as gdalwarp -r bilinear) upsampling of the source's first three
 * bands into an RGB tiled TIFF, DEFLATE, with the source's georeferencing scaled to the new size.
 * Only the source (small) and one output block are held in memory.
 */
async function writeResampledTiff(source: string, out: string, sizePx: number, blockPx: number): Promise<void> {
  const tiff = await fromFile(source);
  try {
    const image = await tiff.getImage();
    const sw = image.getWidth(), sh = image.getHeight();
    // readRGB, not readRasters: a JPEG-YCbCr source (as rasterio_cogeo.tif) must come back as RGB
    const src = (await image.readRGB({ interleave: false })) as unknown as Uint8Array[];
    const fd = image.fileDirectory;
    const scale = (await fd.loadValue('ModelPixelScale')) as ArrayLike<number> | undefined;
    const tie = (await fd.loadValue('ModelTiepoint')) as ArrayLike<number> | undefined;
    const keys = (await fd.loadValue('GeoKeyDirectory')) as ArrayLike<number> | undefined;
    const doubles = (await fd.loadValue('GeoDoubleParams')) as ArrayLike<number> | undefined;
    const ascii = ((await fd.loadValue('GeoAsciiParams')) as string | undefined)?.replace(/\0+$/, '');

    const across = Math.ceil(sizePx / blockPx);
    const count = across * across;
    const offsets: number[] = [], counts: number[] = [];
    const file = openSync(out, 'w');
    try {
      let pos = 8;
      writeSync(file, Buffer.from([0x49, 0x49, 42, 0, 0, 0, 0, 0])); // IFD offset patched at the end
      const fx = sw / sizePx, fy = sh / sizePx;
      const block = new Uint8Array(blockPx * blockPx * 3);
      for (let by = 0; by < across; by++) {
        for (let bx = 0; bx < across; bx++) {
          block.fill(0);
          for (let y = 0; y < blockPx && by * blockPx + y < sizePx; y++) {
            const sy = Math.min(Math.max((by * blockPx + y + 0.5) * fy - 0.5, 0), sh - 1);
            const y0 = Math.floor(sy), y1 = Math.min(y0 + 1, sh - 1), wy = sy - y0;
            for (let x = 0; x < blockPx && bx * blockPx + x < sizePx; x++) {
              const sx = Math.min(Math.max((bx * blockPx + x + 0.5) * fx - 0.5, 0), sw - 1);
              const x0 = Math.floor(sx), x1 = Math.min(x0 + 1, sw - 1), wx = sx - x0;
              for (let c = 0; c < 3; c++) {
                const p = src[c];
                const top = p[y0 * sw + x0] * (1 - wx) + p[y0 * sw + x1] * wx;
                const bottom = p[y1 * sw + x0] * (1 - wx) + p[y1 * sw + x1] * wx;
                block[(y * blockPx + x) * 3 + c] = Math.round(top * (1 - wy) + bottom * wy);
              }
            }
          }
          const z = deflateSync(block);
          offsets.push(pos);
          counts.push(z.length);
          writeSync(file, z);
          pos += z.length;
        }
      }
      const tags: Tag[] = [
        { tag: 256, type: LONG, values: [sizePx] },
        { tag: 257, type: LONG, values: [sizePx] },
        { tag: 258, type: SHORT, values: [8, 8, 8] },
        { tag: 259, type: SHORT, values: [8] }, // Adobe DEFLATE
        { tag: 262, type: SHORT, values: [2] }, // RGB
        { tag: 277, type: SHORT, values: [3] },
        { tag: 284, type: SHORT, values: [1] }, // chunky
        { tag: 322, type: LONG, values: [blockPx] },
        { tag: 323, type: LONG, values: [blockPx] },
        { tag: 324, type: LONG, values: offsets },
        { tag: 325, type: LONG, values: counts },
      ];
      if (count !== offsets.length) throw new Error('tile count mismatch');
      if (scale) tags.push({ tag: 33550, type: DOUBLE, values: [scale[0] * (sw / sizePx), scale[1] * (sh / sizePx), scale[2] ?? 0] });
      // the tie point's raster position (I, J) scales with the pixels; its model position does not
      if (tie) tags.push({ tag: 33922, type: DOUBLE, values: Array.from(tie, (v, i) => (i % 6 === 0 ? v * (sizePx / sw) : i % 6 === 1 ? v * (sizePx / sh) : v)) });
      if (keys) tags.push({ tag: 34735, type: SHORT, values: Array.from(keys) });
      if (doubles) tags.push({ tag: 34736, type: DOUBLE, values: Array.from(doubles) });
      if (ascii) tags.push({ tag: 34737, type: ASCII, values: ascii });
      if (pos % 2) { writeSync(file, Buffer.alloc(1)); pos += 1; } // IFDs start on a word boundary
      writeSync(file, encodeIfd(tags, pos));
      const head = Buffer.alloc(4);
      head.writeUInt32LE(pos);
      writeSync(file, head, 0, 4, 4);
    } finally {
      closeSync(file);
    }
  } finally {
    await Promise.resolve(tiff.close());
  }
}

/** One classic-TIFF IFD at file offset `at`, its out-of-line values right after it. */
function encodeIfd(tags: Tag[], at: number): Buffer {
  const size = (t: Tag): number => (t.type === ASCII ? (t.values as string).length + 1 : (t.values as number[]).length * (t.type === SHORT ? 2 : t.type === LONG ? 4 : 8));
  const head = 2 + tags.length * 12 + 4;
  const extra = tags.reduce((n, t) => n + (size(t) > 4 ? size(t) + (size(t) % 2) : 0), 0);
  const buf = Buffer.alloc(head + extra);
  buf.writeUInt16LE(tags.length, 0);
  let ext = head;
  tags.sort((a, b) => a.tag - b.tag).forEach((t, i) => {
    const e = 2 + i * 12;
    const n = t.type === ASCII ? (t.values as string).length + 1 : (t.values as number[]).length;
    buf.writeUInt16LE(t.tag, e);
    buf.writeUInt16LE(t.type, e + 2);
    buf.writeUInt32LE(n, e + 4);
    let o = e + 8;
    if (size(t) > 4) {
      buf.writeUInt32LE(at + ext, e + 8);
      o = ext;
      ext += size(t) + (size(t) % 2);
    }
    if (t.type === ASCII) buf.write(`${t.values as string}\0`, o, 'latin1');
    else for (const v of t.values as number[]) {
      if (t.type === SHORT) { buf.writeUInt16LE(v, o); o += 2; }
      else if (t.type === LONG) { buf.writeUInt32LE(v, o); o += 4; }
      else { buf.writeDoubleLE(v, o); o += 8; }
    }
  });
  return buf;
}
