import { GroundstreamError } from '../../core/errors';
import { isMissingBinaryError, runCaptured } from './child-processes';
import { parseFfmpegBanner } from './ffmpeg-banner';
import { ffmpegMissingError, findFfmpeg, type FfmpegLocateOptions } from './find-ffmpeg';
import { classifyProbeFailure } from './probe-failure';
import { videoInfoFromProbe, type FfprobeOutput, type VideoInfo } from './video-info';
import { checkLocalInput, ffmpegInputArg, looksLikeMp4 } from './video-input';

/** Options of `probeVideo`. */
export type ProbeOptions = FfmpegLocateOptions;

function parseJson(text: string): FfprobeOutput | undefined {
  try {
    return JSON.parse(text) as FfprobeOutput;
  } catch {
    return undefined;
  }
}

function notAVideo(input: string, reason: string): GroundstreamError {
  return new GroundstreamError('not_a_video', input, `video input ${input}: ${reason}`);
}

/** Probes with `ffmpeg -i`, for when ffprobe crashed. Undefined when that yields nothing either. */
async function probeWithFfmpeg(ffmpegPath: string, input: string): Promise<FfprobeOutput | undefined> {
  const run = await runCaptured(ffmpegPath, ['-hide_banner', '-nostdin', '-i', ffmpegInputArg(input)], 4 << 20);
  if (run.spawnError) return undefined;
  return parseFfmpegBanner(run.stderr);
}

/**
 * Describes a video file, URL or still image with ffprobe (`-show_format -show_streams`).
 * Throws GroundstreamError: `input_not_found` (missing file, unreachable URL), `not_a_video` (no video
 * stream, unreadable data), `truncated` (an MP4 cut before its index), `ffmpeg_missing`, and
 * `decode_failed` when ffprobe and ffmpeg both crash on it.
 */
export async function probeVideo(input: string, options: ProbeOptions = {}): Promise<VideoInfo> {
  await checkLocalInput(input);
  const { ffmpegPath, ffprobePath } = findFfmpeg(options);
  const run = await runCaptured(ffprobePath, ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', '-i', ffmpegInputArg(input)]);
  if (run.spawnError) {
    if (isMissingBinaryError(run.spawnError)) throw ffmpegMissingError(ffprobePath, run.spawnError);
    throw new GroundstreamError('ffmpeg_missing', ffprobePath, `cannot run ${ffprobePath}: ${run.spawnError.message}`, {
      cause: run.spawnError,
    });
  }
  let probe = run.exitCode === 0 ? parseJson(run.stdout) : undefined;
  if (!probe && run.signal !== null) {
    // The npm ffprobe (a static 2023 build) segfaults on MPEG-TS whose service names need iconv;
    // ffmpeg reads them fine, so ask it instead of failing the input.
    probe = await probeWithFfmpeg(ffmpegPath, input);
  }
  if (!probe && run.signal !== null) {
    throw new GroundstreamError(
      'decode_failed',
      input,
      `video input ${input}: ffprobe crashed (${run.signal}) reading it, and ffmpeg could not describe it either`,
    );
  }
  if (!probe) {
    const failure = classifyProbeFailure(run.stderr, await looksLikeMp4(input));
    throw new GroundstreamError(failure.code, input, `video input ${input}: ${failure.reason}`);
  }
  const info = videoInfoFromProbe(input, probe);
  if (!info) {
    const kinds = (probe.streams ?? []).map((s) => s.codec_type ?? 'unknown');
    throw notAVideo(input, kinds.length ? `no video stream (streams: ${kinds.join(', ')})` : 'no video stream');
  }
  return info;
}
