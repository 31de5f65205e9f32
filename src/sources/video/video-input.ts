import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { GroundstreamError } from '../../core/errors';

/** True for a URL input (`http://`, `rtsp://`, `file:`...) rather than a local path. */
export function isUrlInput(input: string): boolean {
  // Two or more letters, so that a Windows drive (C:\) stays a path.
  return /^[a-z][a-z0-9+.-]+:/i.test(input) && !/^[a-z]:[\\/]/i.test(input);
}

/**
 * What to hand ffmpeg for an input: URLs as given, local paths made absolute, so that a name
 * starting with `-` or holding a `:` is not taken for an option or a protocol.
 */
export function ffmpegInputArg(input: string): string {
  return isUrlInput(input) ? input : path.resolve(input);
}

/** Throws `input_not_found` / `not_a_video` for a local path that is missing or not a file. */
export async function checkLocalInput(input: string): Promise<void> {
  if (isUrlInput(input)) return;
  let isFile: boolean;
  try {
    isFile = (await stat(input)).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : `cannot read it (${code ?? String(e)})`;
    throw new GroundstreamError('input_not_found', input, `video input ${input}: ${reason}`, { cause: e });
  }
  if (!isFile) throw new GroundstreamError('not_a_video', input, `video input ${input}: not a file`);
}

/** True when a local file starts like an ISO-BMFF (MP4/MOV) file, i.e. with an `ftyp` box. */
export async function looksLikeMp4(input: string): Promise<boolean> {
  if (isUrlInput(input)) return false;
  try {
    const fh = await open(input, 'r');
    try {
      const head = Buffer.alloc(12);
      const { bytesRead } = await fh.read(head, 0, 12, 0);
      return bytesRead >= 8 && head.toString('latin1', 4, 8) === 'ftyp';
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}
