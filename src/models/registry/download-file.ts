import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

/** What to check while downloading. */
export interface DownloadCheck {
  sha256: string;
  /** Abort when the body grows past this many bytes. */
  maxBytes: number;
}

/** Result of a download that failed its check. */
export class ChecksumMismatch extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`sha256 ${actual} does not match the pinned ${expected}`);
  }
}

/**
 * Downloads `url` to `destination` through a temporary file beside it, hashing on the way; the
 * file appears under its final name only after the sha256 matches (atomic rename), so a crash or
 * a bad body never leaves a wrong file where the resolver would find it.
 */
export async function downloadVerified(url: string, destination: string, check: DownloadCheck, signal?: AbortSignal): Promise<void> {
  await mkdir(path.dirname(destination), { recursive: true });
  const tmp = `${destination}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  try {
    const response = await fetch(url, { signal, redirect: 'follow' });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > check.maxBytes) return done(new Error(`body larger than ${check.maxBytes} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), meter, createWriteStream(tmp));
    const actual = hash.digest('hex');
    if (actual !== check.sha256) throw new ChecksumMismatch(check.sha256, actual);
    await rename(tmp, destination);
  } finally {
    await rm(tmp, { force: true });
  }
}
