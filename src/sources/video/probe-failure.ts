import type { ErrorCode } from '../../core/errors';

/** Why ffprobe/ffmpeg could not open an input, as an error code and a short reason. */
export interface ProbeFailure {
  code: Extract<ErrorCode, 'input_not_found' | 'not_a_video' | 'truncated'>;
  reason: string;
}

const NOT_FOUND = [
  /No such file or directory/i,
  /Server returned 404/i,
  /Server returned 403/i,
  /Connection refused/i,
  /Name or service not known|Failed to resolve hostname|Temporary failure in name resolution/i,
  /Connection timed out|Operation timed out/i,
];

/** The last non-empty stderr line, without ffmpeg's `[demuxer @ 0x...]` prefix. */
export function lastStderrReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '').trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? 'no error message';
}

/**
 * Classifies ffprobe's stderr for an input it could not open. `startsLikeMp4` tells a truncated MP4
 * (its index, the moov box, was never written or downloaded) from a file that is no MP4 at all: ffmpeg
 * says "moov atom not found" for both.
 */
export function classifyProbeFailure(stderr: string, startsLikeMp4: boolean): ProbeFailure {
  const reason = lastStderrReason(stderr);
  if (NOT_FOUND.some((re) => re.test(stderr))) return { code: 'input_not_found', reason };
  if (/moov atom not found/i.test(stderr)) {
    return startsLikeMp4
      ? { code: 'truncated', reason: 'the MP4 index (moov atom) is missing: the file was cut short' }
      : { code: 'not_a_video', reason: 'not a video ffmpeg can read (moov atom not found)' };
  }
  return { code: 'not_a_video', reason: `not a video ffmpeg can read (${reason})` };
}
