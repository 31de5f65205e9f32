/** A tag of a hand-written TIFF: SHORT (3), LONG (4) or DOUBLE (12) values. */
export interface TiffTag {
  tag: number;
  type: 3 | 4 | 12;
  values: number[];
}

const SIZE = { 3: 2, 4: 4, 12: 8 } as const;

/**
 * Bytes of a minimal little-endian, single-strip, 8-bit grey TIFF with the extra tags given.
 * geotiff.js's writer always adds georeferencing; tests need TIFFs with none, and headers that
 * declare more pixels than they hold.
 */
export function writeTiff(opts: { width: number; height: number; pixels: Uint8Array; extraTags?: TiffTag[] }): Buffer {
  const base: TiffTag[] = [
    { tag: 256, type: 4, values: [opts.width] },
    { tag: 257, type: 4, values: [opts.height] },
    { tag: 258, type: 3, values: [8] },
    { tag: 259, type: 3, values: [1] },
    { tag: 262, type: 3, values: [1] },
    { tag: 273, type: 4, values: [0] }, // strip offset, patched below
    { tag: 277, type: 3, values: [1] },
    { tag: 278, type: 4, values: [opts.height] },
    { tag: 279, type: 4, values: [opts.pixels.length] },
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
  tags.find((t) => t.tag === 273)!.values[0] = pixelOffset;
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
