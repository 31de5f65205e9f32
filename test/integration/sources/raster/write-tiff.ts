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
  const stripBytes = Array.from({ length: strips }, (_, i) => Math.min(opts.pixels.length, (i + 1) * rowsPerStrip * rowBytes) - Math.min(opts.pixels.length, i * rowsPerStrip * rowBytes));
  if (strips === 1) stripBytes[0] = opts.pixels.length;
  const base: TiffTag[] = [
    { tag: 256, type: 4, values: [opts.width] },
    { tag: 257, type: 4, values: [opts.height] },
    { tag: 258, type: 3, values: Array(spp).fill(8) },
    { tag: 259, type: 3, values: [1] },
    { tag: 262, type: 3, values: [spp === 3 ? 2 : 1] },
    { tag: 273, type: 4, values: Array(strips).fill(0) }, // strip offsets, patched below
    { tag: 277, type: 3, values: [spp] },
    { tag: 278, type: 4, values: [rowsPerStrip] },
    { tag: 279, type: 4, values: stripBytes },
    ...(spp === 3 ? [{ tag: 284, type: 3 as const, values: [1] }] : []),
  ];
  const tags = [...base, ...(opts.extraTags ?? [])].sort((a, b) => a.tag - b.tag);
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
  const pixelOffset = extra;
  const offsets = tags.find((t) => t.tag === 273)!.values;
  for (let i = 0; i < offsets.length; i++) offsets[i] = pixelOffset + i * rowsPerStrip * rowBytes;
  const buf = Buffer.alloc(pixelOffset + opts.pixels.length);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdOffset, 4);
  buf.writeUInt16LE(tags.length, ifdOffset);
  const put = (t: TiffTag, at: number): void => {
    t.values.forEach((v, i) => {
      const o = at + i * SIZE[t.type];
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
  buf.set(opts.pixels, pixelOffset);
  return buf;
}

/** GeoKeyDirectory (34735) values for the given (key id, value) pairs, all SHORT-valued. */
export function geoKeyDirectory(keys: [number, number][]): TiffTag {
  return { tag: 34735, type: 3, values: [1, 1, 0, keys.length, ...keys.flatMap(([k, v]) => [k, 0, 1, v])] };
}
