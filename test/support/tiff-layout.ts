import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/**
 * The IFD offsets of a little-endian classic TIFF in file order, and each IFD's tile offsets
 * (TileOffsets, tag 324), read straight from the bytes: what a COG layout check needs.
 */
export function tiffLayout(file: string): { ifds: number[]; tiles: number[][] } {
  const b = readFileSync(file);
  assert.equal(b.toString('latin1', 0, 2), 'II');
  assert.equal(b.readUInt16LE(2), 42);
  const ifds: number[] = [];
  const tiles: number[][] = [];
  for (let at = b.readUInt32LE(4); at; ) {
    ifds.push(at);
    const n = b.readUInt16LE(at);
    for (let i = 0; i < n; i++) {
      const p = at + 2 + i * 12;
      if (b.readUInt16LE(p) !== 324) continue;
      const count = b.readUInt32LE(p + 4);
      tiles.push(count === 1 ? [b.readUInt32LE(p + 8)] : Array.from({ length: count }, (_, k) => b.readUInt32LE(b.readUInt32LE(p + 8) + 4 * k)));
    }
    at = b.readUInt32LE(at + 2 + n * 12);
  }
  return { ifds, tiles };
}
