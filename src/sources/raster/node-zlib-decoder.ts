import { inflate } from 'node:zlib';
import { promisify } from 'node:util';
import { addDecoder, BaseDecoder } from 'geotiff';

const inflateAsync = promisify(inflate);

/**
 * DEFLATE blocks through Node's native zlib, asynchronously: several times faster than geotiff.js's
 * JavaScript inflate, and run on libuv's thread pool, so the thread that feeds the models is free
 * while blocks decompress. The output chunk holds a whole block: with zlib's default 16 KiB chunks a
 * 512² RGB block costs 48 callbacks and a concatenation, 6× the CPU of one chunk (measured).
 */
class NodeZlibDecoder extends BaseDecoder {
  private readonly blockBytes = expectedBlockBytes(this.parameters as unknown as DecoderParameters);

  override async decodeBlock(buffer: ArrayBuffer): Promise<ArrayBuffer> {
    const out = await inflateAsync(new Uint8Array(buffer), { chunkSize: this.blockBytes + 1024 });
    // A whole block at the start of zlib's output buffer is returned with the buffer's spare tail
    // (readers index by block geometry) rather than copied out: a copy is as much new memory again.
    if (out.byteOffset === 0 && (out.byteLength === out.buffer.byteLength || out.byteLength === this.blockBytes)) return out.buffer as ArrayBuffer;
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
  }
}

interface DecoderParameters {
  tileWidth?: number;
  tileHeight?: number;
  planarConfiguration?: number;
  bitsPerSample?: number | ArrayLike<number>;
}

/** Decoded bytes of one block (a separate-planes block holds one sample); 64 KiB when unknown. */
function expectedBlockBytes(p: DecoderParameters): number {
  const bits = typeof p.bitsPerSample === 'number' ? [p.bitsPerSample] : Array.from(p.bitsPerSample ?? []);
  const bitsPerPixel = p.planarConfiguration === 2 ? bits[0] ?? 8 : bits.reduce((a, b) => a + b, 0);
  const bytes = Math.ceil(((p.tileWidth ?? 0) * (p.tileHeight ?? 0) * bitsPerPixel) / 8);
  return bytes > 0 && Number.isFinite(bytes) ? bytes : 65_536;
}

/**
 * Makes geotiff.js decode DEFLATE (compression 8 and 32946) with Node's zlib. Registering again
 * replaces the same entry, so calling it per opened raster is harmless. The predictor still applies
 * (BaseDecoder.decode runs it after decodeBlock).
 */
export function useNodeZlibForDeflate(): void {
  addDecoder([8, 32946], async () => NodeZlibDecoder as unknown as typeof BaseDecoder, undefined, false);
}
