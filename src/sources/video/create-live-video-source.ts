import { GroundstreamError, isGroundstreamError } from '../../core/errors';
import type { Frame, PixelLayout } from '../../core/frame';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { VideoSource } from './create-video-source';
import { seekPrerollSec } from './decode-args';
import { detectFfmpegFeatures, type FfmpegFeatures } from './ffmpeg-features';
import { findFfmpeg, type FfmpegLocateOptions } from './find-ffmpeg';
import { createFrameReader, emptyDecodeStats, type DecodeStats, type FrameReader } from './frame-reader';
import { isNetworkInput, networkInputOptions } from './live-input';
import { LiveTimeline } from './live-timeline';
import { outputGeometry, type FitMode } from './output-geometry';
import { probeVideo } from './probe-video';
import type { VideoInfo } from './video-info';
import { ffmpegInputArg } from './video-input';
import { definedOptions, invalidOption, isPositiveIntOrUnset, validateOutputOptions } from './video-source-options';

/** When a live source gives up, and how long it waits between tries. */
export interface ReconnectPolicy extends BackoffPolicy {
  /**
   * Tries in a row that bring no frame before the source gives up with `source_unavailable`. Every
   * opening is a try, the first one included; a try that brings a frame resets the count.
   */
  maxRetries: number;
}

/** Options of `createLiveVideoSource`. */
export interface LiveVideoSourceOptions extends FfmpegLocateOptions {
  /** Output buffer size; both or neither (default: the source's display size at the first probe). */
  width?: number;
  height?: number;
  /** How the source fits the buffer (default `stretch`); `letterbox` is top-left, YOLOX style. */
  fit?: FitMode;
  /** Pixel layout of the buffers (default `rgb24`). */
  layout?: PixelLayout;
  /** Letterbox padding value in every channel (default 114). */
  padValue?: number;
  /** Keep the first source frame of every 1/fps seconds of media time (default: every frame). */
  fps?: number;
  /**
   * Most frames waiting for the consumer (default 2); when a newer one arrives, the oldest is dropped.
   * 2 rather than 1 absorbs one frame of arrival jitter for a consumer about as fast as the source,
   * at the cost of at most one frame interval of extra lag.
   */
  bufferFrames?: number;
  /** `Frame.sourceId` (default: the input). */
  sourceId?: string;
  /** How long ffmpeg gets to exit after SIGTERM before SIGKILL (default 1000 ms). */
  killGraceMs?: number;
  /**
   * Read the input at its own frame rate (`-re`). Default: when the first probe finds a duration
   * (a file, a progressive download, a finished HLS playlist), which would otherwise be decoded as
   * fast as ffmpeg can and mostly dropped; not for a stream without one (RTSP, live HLS), which
   * comes at its own rate anyway.
   */
  realtime?: boolean;
  /** Forced ffmpeg input format (`-f`), e.g. `mpegts` for an endless transport stream over HTTP. */
  format?: string;
  /** RTSP media transport (default `tcp`: no packet loss, passes NAT). */
  rtspTransport?: 'tcp' | 'udp';
  /** Wall-clock seconds without a frame arriving that make a gap (default 2). */
  gapSec?: number;
  /**
   * No frame for this long, in seconds, and ffmpeg is stopped and the source reopened (default
   * max(5, 3·gapSec)). Also ffmpeg's own network I/O timeout (`-rw_timeout`, RTSP's socket timeout).
   */
  stallTimeoutSec?: number;
  /** Seconds a try gets for the probe and, separately, for its first frame (default max(10, stallTimeoutSec)). */
  openTimeoutSec?: number;
  /** Reopening policy; defaults: maxRetries 5, initialDelayMs 500, maxDelayMs 10000, factor 2, jitter 0.5 (±50 %). */
  reconnect?: Partial<ReconnectPolicy>;
  /**
   * Reopen a network source whose ffmpeg ended normally (default: true for a stream without a
   * known duration, such as RTSP or a live HLS playlist; false for files and VOD). Before reopening
   * after a normal end the source is probed again: a stream that now has a duration (an HLS playlist
   * that got #EXT-X-ENDLIST) has really ended, and the frames end there too.
   */
  reconnectOnEnd?: boolean;
  /** Random numbers in [0, 1) for the jitter (default Math.random); for tests. */
  random?: () => number;
  /** Wall clock in ms (default Date.now): arrival stamps, gaps, stalls, lag; for tests. */
  clock?: () => number;
  /** Waits between tries (default: a timer); must resolve early once `signal` aborts. For tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Counters of a live source, across all its connections. */
export interface LiveVideoSourceStats extends DecodeStats {
  /** Times the source was opened again after the first time (failed tries included). */
  reconnects: number;
  /** Frames delivered with `gapBefore`. */
  gaps: number;
  /** Tries in a row that have brought no frame so far (0 while frames come). */
  failedTries: number;
  /** Wall-clock ms between the arrival of the last delivered frame and its delivery. */
  lastLagMs: number;
  /** The largest such lag so far. */
  maxLagMs: number;
  /** Why the last try ended, when it ended. */
  lastFailure?: string;
}

/**
 * A camera, live stream or file played at its own rate, as a stream of frames that never falls
 * behind: the newest frames are kept, older ones dropped (counted), failures reopen the source.
 * Usable wherever a VideoSource is.
 */
export interface LiveVideoSource extends VideoSource {
  readonly stats: Readonly<LiveVideoSourceStats>;
}

const DEFAULTS = { fit: 'stretch' as FitMode, layout: 'rgb24' as PixelLayout, padValue: 114, bufferFrames: 2, killGraceMs: 1000, gapSec: 2 };
const FORMAT_NAME = /^[a-z0-9_]+$/i;

function invalid(input: string, message: string): GroundstreamError {
  return invalidOption('live source', input, message);
}

function validate(input: string, o: LiveVideoSourceOptions): void {
  if (typeof input !== 'string' || input.trim() === '') throw invalid(String(input), 'the input is empty');
  validateOutputOptions('live source', input, o);
  const positive = (v: number | undefined): boolean => v === undefined || (Number.isFinite(v) && v > 0);
  if (!positive(o.gapSec)) throw invalid(input, 'gapSec must be a positive number of seconds');
  if (!positive(o.stallTimeoutSec)) throw invalid(input, 'stallTimeoutSec must be a positive number of seconds');
  if (!positive(o.openTimeoutSec)) throw invalid(input, 'openTimeoutSec must be a positive number of seconds');
  if (o.format !== undefined && !FORMAT_NAME.test(o.format)) throw invalid(input, `format "${o.format}" is not an ffmpeg format name`);
  if (o.rtspTransport !== undefined && o.rtspTransport !== 'tcp' && o.rtspTransport !== 'udp') throw invalid(input, 'rtspTransport must be tcp or udp');
  const r = o.reconnect ?? {};
  if (r.maxRetries !== undefined && !isPositiveIntOrUnset(r.maxRetries)) throw invalid(input, 'reconnect.maxRetries must be a positive integer');
  const nonNegative = (v: number | undefined): boolean => v === undefined || (Number.isFinite(v) && v >= 0);
  if (!nonNegative(r.initialDelayMs) || !nonNegative(r.maxDelayMs)) throw invalid(input, 'reconnect delays must be numbers of ms >= 0');
  if (r.factor !== undefined && !(Number.isFinite(r.factor) && r.factor >= 1)) throw invalid(input, 'reconnect.factor must be >= 1');
  if (r.jitter !== undefined && !(Number.isFinite(r.jitter) && r.jitter >= 0 && r.jitter <= 1)) throw invalid(input, 'reconnect.jitter must be between 0 and 1');
}

/** A timer that can be cancelled, so that no stray timer outlives the wait it was for. */
function timer(ms: number): { done: Promise<undefined>; cancel(): void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<undefined>((resolve) => {
    handle = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  return { done, cancel: () => clearTimeout(handle) };
}

/** The default wait between tries: a timer that ends early when the signal aborts. */
function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Errors worth another try: those about the input, not a missing ffmpeg, bad options or a bug. */
function isRetryable(e: unknown): boolean {
  return isGroundstreamError(e) && e.code !== 'ffmpeg_missing' && e.code !== 'invalid_argument' && e.code !== 'internal';
}

/** An error's message without the "video input X: " / "decoding X: " prefix that names the input. */
function reasonOf(e: unknown, input: string): string {
  const message = e instanceof Error ? e.message : String(e);
  for (const prefix of [`video input ${input}: `, `decoding ${input}: `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}

/** The ffmpeg to run, and what its version and ffprobe's take as options. */
interface Binaries {
  ffmpegPath: string;
  ffmpeg: FfmpegFeatures;
  ffprobe: FfmpegFeatures;
}

type Step = { kind: 'frame'; frame: Frame } | { kind: 'end' } | { kind: 'stall'; silentSec: number; firstFrame: boolean };
type TryOutcome = { kind: 'end' } | { kind: 'failed'; reason: string; error?: unknown };

/**
 * Opens a live video input — an RTSP camera, an HLS playlist, an HTTP MPEG-TS/MP4 stream, or a file
 * played at its own rate — for decoding that never falls behind. ffmpeg's output is always read;
 * of the frames the consumer has not taken, the newest `bufferFrames` are kept and the oldest
 * dropped (`stats.framesDropped`, `Frame.droppedBefore`). Every frame carries `arrivalMs`. When the
 * stream stalls (`stallTimeoutSec` without a frame), ffmpeg fails, or a live stream ends, the source
 * is reopened after a backoff delay; the first frame after a stretch of more than `gapSec` without
 * frames, after a reopening, or after a jump in media time carries `gapBefore`. Media time never goes
 * back: after a reopening the first frame is placed one wall-clock gap after the last (see
 * LiveTimeline). After `reconnect.maxRetries` tries in a row without a frame, `frames()` throws
 * `source_unavailable`. Local files are never reopened: their errors are thrown as they are.
 *
 * Options are checked here (`invalid_argument`); nothing runs until `info()` or the first pull.
 * `close()`, leaving the loop or an error stops at once, also during a probe or a backoff wait,
 * and resolves when no ffmpeg/ffprobe of this source is left.
 *
 * @example
 * const camera = createLiveVideoSource('rtsp://192.168.1.20/stream1', { width: 640, height: 640, fit: 'letterbox' });
 * for await (const frame of camera.frames()) {
 *   if (frame.gapBefore) console.warn(`no video for ${frame.gapBefore.wallSec} s (${frame.gapBefore.reason})`);
 *   await detect(frame); // however slow: the next frame is the newest one
 * }
 */
export function createLiveVideoSource(input: string, options: LiveVideoSourceOptions = {}): LiveVideoSource {
  validate(input, options);
  const opts = { ...DEFAULTS, ...definedOptions(options) };
  const stallTimeoutSec = opts.stallTimeoutSec ?? Math.max(5, 3 * opts.gapSec);
  const openTimeoutSec = opts.openTimeoutSec ?? Math.max(10, stallTimeoutSec);
  const policy: ReconnectPolicy = { ...DEFAULT_BACKOFF, maxRetries: 5, ...definedOptions(options.reconnect ?? {}) };
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? sleepUnlessAborted;
  const random = options.random ?? Math.random;
  const sourceId = options.sourceId ?? input;
  const network = isNetworkInput(input);
  const stats: LiveVideoSourceStats = { ...emptyDecodeStats(), reconnects: 0, gaps: 0, failedTries: 0, lastLagMs: 0, maxLagMs: 0 };

  const abort = new AbortController();
  const aborted = new Promise<undefined>((resolve) => abort.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
  // Work that may have a child process running; close() waits for all of it.
  const inflight = new Set<Promise<unknown>>();
  let infoPromise: Promise<VideoInfo> | undefined;
  let reader: FrameReader | undefined;
  // The buffer size stays that of the first probe, so that a stream that changes size on a
  // reconnect still fills buffers of one size.
  let firstSize: { width: number; height: number } | undefined;
  let iterated = false;
  let closed = false;

  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    const forget = (): void => {
      inflight.delete(p);
    };
    p.then(forget, forget);
    return p;
  };

  let binaries: Promise<Binaries> | undefined;
  const locate = (): Promise<Binaries> => {
    binaries ??= (async () => {
      const { ffmpegPath, ffprobePath } = findFfmpeg(options);
      const ffmpeg = await detectFfmpegFeatures(ffmpegPath);
      // ffprobe may be another version than ffmpeg, with other option names (RTSP's timeout).
      const ffprobe = network ? await detectFfmpegFeatures(ffprobePath) : ffmpeg;
      return { ffmpegPath, ffmpeg, ffprobe };
    })();
    binaries.catch(() => {
      binaries = undefined;
    });
    return track(binaries);
  };

  const inputOptions = (features: FfmpegFeatures): string[] =>
    networkInputOptions(input, {
      ioTimeoutSec: stallTimeoutSec,
      rtspTransport: opts.rtspTransport ?? 'tcp',
      rtspTimeoutOption: features.rtspTimeoutOption,
      format: opts.format,
    });

  const probeNow = async (): Promise<VideoInfo> => {
    const b = await locate();
    const probed = await track(
      probeVideo(input, {
        ffmpegPath: options.ffmpegPath,
        ffprobePath: options.ffprobePath,
        inputOptions: { ffprobe: inputOptions(b.ffprobe), ffmpeg: inputOptions(b.ffmpeg) },
        timeoutMs: openTimeoutSec * 1000,
        signal: abort.signal,
      }),
    );
    infoPromise = Promise.resolve(probed);
    return probed;
  };

  const info = (): Promise<VideoInfo> => {
    if (!infoPromise) {
      const p = probeNow();
      infoPromise = p;
      p.catch(() => {
        if (infoPromise === p) infoPromise = undefined;
      });
    }
    return infoPromise;
  };

  /** The next frame, or why there is none: the end, or a stall (no frame for too long). */
  const nextStep = async (current: FrameReader, openedAtMs: number): Promise<Step> => {
    const pending: Promise<Step> = current.next().then((frame) => (frame ? { kind: 'frame', frame } : { kind: 'end' }));
    // Abandoned when the reader is closed under it; it then settles with the end, never an error that matters.
    pending.catch(() => undefined);
    for (;;) {
      const lastMs = current.lastArrivalMs;
      const sinceMs = lastMs ?? openedAtMs;
      const limitMs = (lastMs === undefined ? openTimeoutSec : stallTimeoutSec) * 1000;
      const leftMs = sinceMs + limitMs - clock();
      if (leftMs <= 0) return { kind: 'stall', silentSec: (clock() - sinceMs) / 1000, firstFrame: lastMs === undefined };
      const t = timer(leftMs);
      const step = await Promise.race([pending, t.done, aborted]);
      t.cancel();
      if (step) return step;
      if (closed) return { kind: 'end' };
    }
  };

  const openReader = (b: Binaries, videoInfo: VideoInfo, timeline: LiveTimeline, realtime: boolean, resumeAtSec: number | undefined): FrameReader => {
    const geometry = outputGeometry(
      videoInfo.width,
      videoInfo.height,
      opts.width ?? firstSize?.width ?? videoInfo.width,
      opts.height ?? firstSize?.height ?? videoInfo.height,
      opts.fit,
    );
    return createFrameReader({
      ffmpegPath: b.ffmpegPath,
      input,
      sourceId,
      info: videoInfo,
      plan: {
        inputArg: ffmpegInputArg(input),
        streamIndex: videoInfo.streamIndex,
        originSec: videoInfo.startTimeSec,
        startSec: resumeAtSec ?? 0,
        prerollSec: resumeAtSec !== undefined ? seekPrerollSec(videoInfo.formatName) : 0,
        sampleFps: opts.fps,
        geometry,
        layout: opts.layout,
        padValue: opts.padValue,
        hasFpsMode: b.ffmpeg.hasFpsMode,
        realtime,
        inputOptions: inputOptions(b.ffmpeg),
      },
      fit: opts.fit,
      bufferFrames: opts.bufferFrames,
      killGraceMs: opts.killGraceMs,
      stats,
      live: true,
      now: clock,
      onArrival: (frame) => {
        const placed = timeline.place(frame.ptsSec, frame.index, frame.arrivalMs ?? clock());
        frame.ptsSec = placed.ptsSec;
        frame.index = placed.index;
        if (placed.gapBefore) frame.gapBefore = placed.gapBefore;
      },
    });
  };

  async function* generate(): AsyncGenerator<Frame, void, undefined> {
    if (closed) return;
    const b = await locate();
    let videoInfo: VideoInfo | undefined;
    let timeline: LiveTimeline | undefined;
    let isLive = false;
    let reconnectOnEnd = false;
    let realtime = false;
    let needProbe = true;
    let resumeAtSec: number | undefined;
    let failedTries = 0;
    // Backoff waits since frames last came: the n-th waits initialDelayMs·factor^(n−1).
    let waitsInRow = 0;
    let failingSinceMs: number | undefined;
    let lastReason = '';
    let lastError: unknown;
    let tries = 0;

    for (;;) {
      if (closed) return;
      if (tries > 0) {
        stats.reconnects++;
        timeline?.reopened(resumeAtSec !== undefined);
      }
      tries++;
      const tryStartMs = clock();
      let outcome: TryOutcome = { kind: 'end' };
      let current: FrameReader | undefined;
      let arrived = 0;
      try {
        if (needProbe) {
          const probed = await probeNow();
          if (closed) return;
          // A live stream that now declares a duration has ended (an HLS playlist got #EXT-X-ENDLIST).
          if (videoInfo && isLive && probed.durationSec !== undefined) return;
          if (!videoInfo) {
            isLive = probed.durationSec === undefined;
            reconnectOnEnd = network && (opts.reconnectOnEnd ?? isLive);
            realtime = opts.realtime ?? !isLive;
            firstSize = { width: probed.width, height: probed.height };
            timeline = new LiveTimeline({ gapSec: opts.gapSec, fps: probed.fps });
          }
          videoInfo = probed;
          needProbe = false;
        }
        if (!videoInfo || !timeline) throw new GroundstreamError('internal', input, `live source ${input}: opened without a probe`);
        current = openReader(b, videoInfo, timeline, realtime, resumeAtSec);
        reader = current;
        for (;;) {
          const step = await nextStep(current, clock());
          if (closed) return;
          if (step.kind === 'end') break;
          if (step.kind === 'stall') {
            const what = step.firstFrame ? 'no first frame' : 'no frame';
            outcome = { kind: 'failed', reason: `${what} for ${step.silentSec.toFixed(1)} s (stalled)` };
            break;
          }
          const frame = step.frame;
          stats.framesDelivered++;
          if (frame.gapBefore) stats.gaps++;
          if (frame.arrivalMs !== undefined) {
            stats.lastLagMs = Math.max(0, clock() - frame.arrivalMs);
            stats.maxLagMs = Math.max(stats.maxLagMs, stats.lastLagMs);
          }
          failedTries = 0;
          failingSinceMs = undefined;
          stats.failedTries = 0;
          yield frame;
        }
      } catch (e) {
        if (closed) return;
        if (!network || !isRetryable(e)) throw e;
        outcome = { kind: 'failed', reason: reasonOf(e, input), error: e };
      } finally {
        arrived = current?.framesArrived ?? 0;
        if (current) {
          await current.close();
          if (reader === current) reader = undefined;
        }
      }
      if (closed) return;

      if (outcome.kind === 'end') {
        if (!reconnectOnEnd) return;
        // Probe again to tell a live stream that ended from one that was cut off.
        needProbe = true;
        outcome = { kind: 'failed', reason: arrived > 0 ? 'the stream ended' : 'the stream ended without a frame' };
      } else if (!network) {
        throw new GroundstreamError('decode_failed', input, `decoding ${input}: ${outcome.reason}`);
      }
      lastReason = outcome.reason;
      lastError = outcome.error ?? lastError;
      stats.lastFailure = lastReason;
      if (arrived > 0) {
        failedTries = 0;
        waitsInRow = 0;
        failingSinceMs = undefined;
      } else {
        failedTries++;
        failingSinceMs ??= tryStartMs;
      }
      stats.failedTries = failedTries;
      if (failedTries >= policy.maxRetries) {
        const overSec = ((clock() - (failingSinceMs ?? tryStartMs)) / 1000).toFixed(1);
        throw new GroundstreamError(
          'source_unavailable',
          input,
          `live source ${input}: no frames after ${failedTries} ${failedTries === 1 ? 'try' : 'tries'} over ${overSec} s: ${lastReason}`,
          { cause: lastError },
        );
      }
      // A seekable input (one with a duration) goes on where it stopped; a live one at its live edge.
      const lastRaw = timeline?.lastRawPtsSec;
      resumeAtSec = !isLive && lastRaw !== undefined && timeline ? lastRaw + timeline.frameIntervalSec / 2 : undefined;
      waitsInRow++;
      await Promise.race([sleep(backoffDelayMs(waitsInRow, policy, random), abort.signal), aborted]);
    }
  }

  return {
    input,
    sourceId,
    stats,
    info,
    frames(): AsyncIterableIterator<Frame> {
      if (iterated) throw invalid(input, 'frames() can be iterated once; create another source to decode again');
      iterated = true;
      return generate();
    },
    async close(): Promise<void> {
      closed = true;
      abort.abort();
      await reader?.close();
      await Promise.allSettled([...inflight]);
    },
  };
}
