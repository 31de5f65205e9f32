/** A tag of a hand-written TIFF: SHORT (3), LONG (4) or DOUBLE (12) values. */
export interface TiffTag {
  tag: number;
  type: 3 | 4 | 12;
  values: number[];
}

const SIZE = { 3: 2, 4: 4, 12: 8 } as const;

/**
 * Bytes of a minimal little-endian, uncompressed 8-bit TIFF (grey, or RGB interleaved with
 * `samplesPerPixel: 3`) in strips of `rowsPerStrip` rows (default: one strip), with the extra tags
 * given. geotiff.js's writer always adds georeferencing, writes one strip and is slow on large
 * images; tests need TIFFs with none, headers that declare more pixels than they hold, and 4K
 * scenes written fast.
 */
export function writeTiff(opts: { width: number; height: number; pixels: Uint8Array; extraTags?: TiffTag[]; samplesPerPixel?: 1 | 3; rowsPerStrip?: number }): Buffer {
  const spp = opts.samplesPerPixel ?? 1;
  const rowsPerStrip = Math.min(opts.rowsPerStrip ?? opts.height, opts.height);
  const strips = Math.max(1, Math.ceil(opts.height / rowsPerStrip));
  const rowBytes = opts.width * spp;
  // a header may declare more rows than the pixels hold: the strips then just end early
  const blocks = Array.from({ length: strips }, (_, i) => opts.pixels.subarray(Math.min(opts.pixels.length, i * rowsPerStrip * rowBytes), Math.min(opts.pixels.length, (i + 1) * rowsPerStrip * rowBytes)));
  if (strips === 1) blocks[0] = opts.pixels;
  const base: TiffTag[] = [
    { tag: 256, type: 4, values: [opts.width] },
    { tag: 257, type: 4, values: [opts.height] },
    { tag: 258, type: 3, values: Array(spp).fill(8) },
    { tag: 259, type: 3, values: [1] },
    { tag: 262, type: 3, values: [spp === 3 ? 2 : 1] },
    { tag: 277, type: 3, values: [spp] },
    { tag: 278, type: 4, values: [rowsPerStrip] },
    ...(spp === 3 ? [{ tag: 284, type: 3 as const, values: [1] }] : []),
  ];
  return assembleTiff([...base, ...(opts.extraTags ?? [])], blocks, 273, 279);
}

/**
 * Bytes of an uncompressed 8-bit tiled TIFF from interleaved `pixels` (`samplesPerPixel` per pixel):
 * pixel-interleaved blocks (`planar: 1`) or one set of blocks per sample (`planar: 2`); a fourth
 * sample is marked as alpha. Edge tiles are padded as TIFF requires.
 */
export function writeTiledTiff(opts: { width: number; height: number; pixels: Uint8Array; samplesPerPixel: 1 | 3 | 4; tileSizePx: number; planar?: 1 | 2; extraTags?: TiffTag[] }): Buffer {
  const { width, height, pixels, samplesPerPixel: spp, tileSizePx: t } = opts;
  const planar = opts.planar ?? 1;
  const across = Math.ceil(width / t);
  const down = Math.ceil(height / t);
  const blocks: Uint8Array[] = [];
  for (const sample of planar === 2 ? Array.from({ length: spp }, (_, i) => i) : [-1]) {
    for (let ty = 0; ty < down; ty++) {
      for (let tx = 0; tx < across; tx++) {
        const per = sample < 0 ? spp : 1;
        const block = new Uint8Array(t * t * per);
        for (let y = ty * t; y < Math.min(height, (ty + 1) * t); y++) {
          for (let x = tx * t; x < Math.min(width, (tx + 1) * t); x++) {
            for (let c = 0; c < per; c++) block[((y - ty * t) * t + (x - tx * t)) * per + c] = pixels[(y * width + x) * spp + (sample < 0 ? c : sample)];
          }
        }
        blocks.push(block);
      }
    }
  }
  const base: TiffTag[] = [
    { tag: 256, type: 4, values: [width] },
    { tag: 257, type: 4, values: [height] },
    { tag: 258, type: 3, values: Array(spp).fill(8) },
    { tag: 259, type: 3, values: [1] },
    { tag: 262, type: 3, values: [spp >= 3 ? 2 : 1] },
    { tag: 277, type: 3, values: [spp] },
    { tag: 284, type: 3, values: [planar] },
    { tag: 322, type: 4, values: [t] },
    { tag: 323, type: 4, values: [t] },
    ...(spp === 4 ? [{ tag: 338, type: 3 as const, values: [2] }] : []),
  ];
  return assembleTiff([...base, ...(opts.extraTags ?? [])], blocks, 324, 325);
}

/** A little-endian TIFF: one IFD holding `tags` plus the blocks' offsets and byte counts, then the blocks. */
function assembleTiff(tagsIn: TiffTag[], blocks: Uint8Array[], offsetsTag: number, countsTag: number): Buffer {
  const offsets: TiffTag = { tag: offsetsTag, type: 4, values: blocks.map(() => 0) };
  const tags = [...tagsIn, offsets, { tag: countsTag, type: 4 as const, values: blocks.map((b) => b.length) }].sort((a, b) => a.tag - b.tag);
  const ifdOffset = 8;
  const ifdSize = 2 + tags.length * 12 + 4;
  let extra = ifdOffset + ifdSize;
  const extraOffsets = tags.map((t) => {
    const bytes = SIZE[t.type] * t.values.length;
    if (bytes <= 4) return -1;
    const at = extra;
    extra += bytes;
    return at;
  });
  let at = extra;
  blocks.forEach((b, i) => {
    offsets.values[i] = at;
    at += b.length;
  });
  const buf = Buffer.alloc(at);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdOffset, 4);
  buf.writeUInt16LE(tags.length, ifdOffset);
  const put = (t: TiffTag, where: number): void => {
    t.values.forEach((v, i) => {
      const o = where + i * SIZE[t.type];
      if (t.type === 3) buf.writeUInt16LE(v, o);
      else if (t.type === 4) buf.writeUInt32LE(v, o);
      else buf.writeDoubleLE(v, o);
    });
  };
  tags.forEach((t, i) => {
    const entry = ifdOffset + 2 + i * 12;
    buf.writeUInt16LE(t.tag, entry);
    buf.writeUInt16LE(t.type, entry + 2);
    buf.writeUInt32LE(t.values.length, entry + 4);
    if (extraOffsets[i] < 0) put(t, entry + 8);
    else {
      buf.writeUInt32LE(extraOffsets[i], entry + 8);
      put(t, extraOffsets[i]);
    }
  });
  blocks.forEach((b, i) => buf.set(b, offsets.values[i]));
  return buf;
}

/** GeoKeyDirectory (34735) values for the given (key id, value) pairs, all SHORT-valued. */
export function geoKeyDirectory(keys: [number, number][]): TiffTag {
  return { tag: 34735, type: 3, values: [1, 1, 0, keys.length, ...keys.flatMap(([k, v]) => [k, 0, 1, v])] };
}
