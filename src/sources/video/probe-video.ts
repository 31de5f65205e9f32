import { GroundstreamError } from '../../core/errors';
import { isMissingBinaryError, runCaptured, type CapturedRun } from './child-processes';
import { parseFfmpegBanner } from './ffmpeg-banner';
import { ffmpegMissingError, findFfmpeg, type FfmpegLocateOptions } from './find-ffmpeg';
import { classifyProbeFailure } from './probe-failure';
import { videoInfoFromProbe, type FfprobeOutput, type VideoInfo } from './video-info';
import { checkLocalInput, ffmpegInputArg, looksLikeMp4 } from './video-input';

/** Options of `probeVideo`. */
export interface ProbeOptions extends FfmpegLocateOptions {
  /**
   * Input options placed before `-i` (network timeouts, a forced format...), per binary: ffprobe and
   * ffmpeg (the fallback) may be different versions with different option names.
   */
  inputOptions?: { ffprobe?: readonly string[]; ffmpeg?: readonly string[] };
  /** Give up (`input_not_found`) when the probe has not answered within this many ms. */
  timeoutMs?: number;
  /** Stops the probe at once; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

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
async function probeWithFfmpeg(ffmpegPath: string, input: string, options: ProbeOptions, deadlineMs: number): Promise<FfprobeOutput | undefined> {
  const args = ['-hide_banner', '-nostdin', ...(options.inputOptions?.ffmpeg ?? []), '-i', ffmpegInputArg(input)];
  const timeoutMs = Number.isFinite(deadlineMs) ? Math.max(0, deadlineMs - Date.now()) : undefined;
  const run = await runCaptured(ffmpegPath, args, 4 << 20, { timeoutMs, signal: options.signal });
  checkLimits(input, run, options);
  if (run.spawnError) return undefined;
  return parseFfmpegBanner(run.stderr);
}

/** Throws when a probe run was stopped: the abort reason, or `input_not_found` for a timeout. */
function checkLimits(input: string, run: CapturedRun, options: ProbeOptions): void {
  if (run.aborted) options.signal?.throwIfAborted();
  if (run.timedOut) {
    const sec = ((options.timeoutMs ?? 0) / 1000).toFixed(1);
    throw new GroundstreamError('input_not_found', input, `video input ${input}: no answer within ${sec} s`);
  }
}

/**
 * Describes a video file, URL or still image with ffprobe (`-show_format -show_streams`).
 * Throws GroundstreamError: `input_not_found` (missing file, unreachable URL), `not_a_video` (no video
 * stream, unreadable data), `truncated` (an MP4 cut before its index), `ffmpeg_missing`, and
 * `decode_failed` when ffprobe and ffmpeg both crash on it. With `timeoutMs`, a probe that hangs
 * (a server that accepts and never answers) is stopped and reported as `input_not_found`.
 */
export async function probeVideo(input: string, options: ProbeOptions = {}): Promise<VideoInfo> {
  await checkLocalInput(input);
  const { ffmpegPath, ffprobePath } = findFfmpeg(options);
  options.signal?.throwIfAborted();
  // One budget for ffprobe and its ffmpeg fallback together.
  const deadlineMs = options.timeoutMs !== undefined ? Date.now() + options.timeoutMs : Infinity;
  const limits = { timeoutMs: options.timeoutMs, signal: options.signal };
  const inputOptions = options.inputOptions?.ffprobe ?? [];
  const run = await runCaptured(
    ffprobePath,
    ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', ...inputOptions, '-i', ffmpegInputArg(input)],
    undefined,
    limits,
  );
  checkLimits(input, run, options);
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
    probe = await probeWithFfmpeg(ffmpegPath, input, options, deadlineMs);
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
