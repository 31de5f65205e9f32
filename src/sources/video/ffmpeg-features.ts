import { GroundstreamError } from '../../core/errors';
import { ffmpegMissingError } from './find-ffmpeg';
import { isMissingBinaryError, runCaptured } from './child-processes';

/** What differs between the ffmpeg (or ffprobe) versions this module supports (4.x to 7.x). */
export interface FfmpegFeatures {
  /** `-fps_mode passthrough` (ffmpeg >= 5.1) rather than the older `-vsync passthrough`. */
  hasFpsMode: boolean;
  /**
   * The RTSP demuxer's socket I/O timeout option, in microseconds either way: `-timeout` from ffmpeg 5
   * (libavformat 59) on; before that `-stimeout`, as `-timeout` then meant "wait for a publisher".
   */
  rtspTimeoutOption: '-timeout' | '-stimeout';
}

/**
 * Reads the features from `ffmpeg -version` output. `-fps_mode` came with ffmpeg 5.1, which is
 * libavformat 59.27; git builds print no release number, so the library version is what counts.
 */
export function parseFfmpegFeatures(versionText: string): FfmpegFeatures {
  const m = /libavformat\s+(\d+)\.\s*(\d+)\./.exec(versionText);
  if (!m) return { hasFpsMode: false, rtspTimeoutOption: '-stimeout' };
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return { hasFpsMode: major > 59 || (major === 59 && minor >= 27), rtspTimeoutOption: major >= 59 ? '-timeout' : '-stimeout' };
}

const cache = new Map<string, Promise<FfmpegFeatures>>();

/**
 * Runs `ffmpeg -version` (or `ffprobe -version`: it prints the same library versions) once per binary. Throws `ffmpeg_missing` when it cannot be started; a
 * binary that starts but answers oddly is taken as the oldest supported version.
 */
export function detectFfmpegFeatures(ffmpegPath: string): Promise<FfmpegFeatures> {
  let p = cache.get(ffmpegPath);
  if (!p) {
    p = runCaptured(ffmpegPath, ['-hide_banner', '-version'], 1 << 20).then((run) => {
      if (run.spawnError) {
        if (isMissingBinaryError(run.spawnError)) throw ffmpegMissingError(ffmpegPath, run.spawnError);
        throw new GroundstreamError('ffmpeg_missing', ffmpegPath, `cannot run ${ffmpegPath}: ${run.spawnError.message}`, {
          cause: run.spawnError,
        });
      }
      return parseFfmpegFeatures(run.stdout + run.stderr);
    });
    p.catch(() => cache.delete(ffmpegPath));
    cache.set(ffmpegPath, p);
  }
  return p;
}
