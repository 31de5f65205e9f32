import { GroundstreamError } from '../../core/errors';
import type { Frame, PixelLayout } from '../../core/frame';
import { seekPrerollSec } from './decode-args';
import { detectFfmpegFeatures } from './ffmpeg-features';
import { findFfmpeg, type FfmpegLocateOptions } from './find-ffmpeg';
import { createFrameReader, emptyDecodeStats, type DecodeStats, type FrameReader } from './frame-reader';
import { outputGeometry, type FitMode } from './output-geometry';
import { probeVideo } from './probe-video';
import type { VideoInfo } from './video-info';
import { ffmpegInputArg } from './video-input';
import { invalidOption, validateOutputOptions } from './video-source-options';

/** Options of `createVideoSource`. */
export interface VideoSourceOptions extends FfmpegLocateOptions {
  /** Output buffer size; both or neither (default: the source's display size). */
  width?: number;
  height?: number;
  /** How the source fits the buffer (default `stretch`); `letterbox` is top-left, YOLOX style. */
  fit?: FitMode;
  /** Pixel layout of the buffers (default `rgb24`). */
  layout?: PixelLayout;
  /** Letterbox padding value in every channel (default 114). */
  padValue?: number;
  /**
   * Keep the first source frame of every 1/fps seconds of media time (default: every frame). The
   * frames keep their own times and source indices (25 fps at fps 5: indices 0, 5, 10, ...).
   */
  fps?: number;
  /**
   * Media time window: frames with startSec <= ptsSec < endSec. A start is reached by seeking, and
   * indices are then counted from round(ptsSec * fps) of the first decoded frame: exact for constant
   * frame rate media, an estimate for variable rate.
   */
  startSec?: number;
  endSec?: number;
  /** Most decoded frames held ahead of the consumer (default 8). */
  bufferFrames?: number;
  /** `Frame.sourceId` (default: the input). */
  sourceId?: string;
  /** How long ffmpeg gets to exit after SIGTERM before SIGKILL (default 1000 ms). */
  killGraceMs?: number;
  /**
   * Deliver frames at the media's own rate (ffmpeg `-re`), each stamped with `arrivalMs`. A slow
   * consumer still holds the decode back here; to keep up with the media instead (newest frames
   * kept, the others dropped), use `createLiveVideoSource`. Live URLs (rtsp, HLS) come at their own
   * rate anyway.
   */
  realtime?: boolean;
}

/** Counters of a video source; see DecodeStats. */
export type VideoSourceStats = DecodeStats;

/**
 * A video file, URL or still image as a stream of frames. `frames()` starts ffmpeg on first pull
 * and may be iterated once; leaving the loop early, `close()`, or an error stops ffmpeg and waits
 * for it to exit.
 */
export interface VideoSource {
  readonly input: string;
  readonly sourceId: string;
  /** Live counters of the decode. */
  readonly stats: Readonly<VideoSourceStats>;
  /** The probe result (probed once, on first call). */
  info(): Promise<VideoInfo>;
  /** Frames in media order. After the last good frame, throws `truncated` / `decode_failed` if decoding went wrong. */
  frames(): AsyncIterableIterator<Frame>;
  /** Stops decoding; resolves once ffmpeg has exited. Idempotent. */
  close(): Promise<void>;
}

const DEFAULTS = { fit: 'stretch' as FitMode, layout: 'rgb24' as PixelLayout, padValue: 114, bufferFrames: 8, killGraceMs: 1000 };

function invalid(input: string, message: string): GroundstreamError {
  return invalidOption('video source', input, message);
}

function validate(input: string, o: VideoSourceOptions): void {
  validateOutputOptions('video source', input, o);
  if (o.startSec !== undefined && !(Number.isFinite(o.startSec) && o.startSec >= 0)) throw invalid(input, 'startSec must be >= 0');
  if (o.endSec !== undefined && !(Number.isFinite(o.endSec) && o.endSec > (o.startSec ?? 0))) {
    throw invalid(input, 'endSec must be a number above startSec');
  }
}

/**
 * Opens a video file, URL (http(s), rtsp, ...) or still image for decoding with ffmpeg. Nothing
 * runs until `info()` or the first pull of `frames()`. Options are checked here (`invalid_argument`);
 * input errors (`input_not_found`, `not_a_video`, `ffmpeg_missing`) surface from `info()`/`frames()`.
 */
export function createVideoSource(input: string, options: VideoSourceOptions = {}): VideoSource {
  validate(input, options);
  // An option given as `undefined` means "the default", so it must not override DEFAULTS.
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as VideoSourceOptions;
  const opts = { ...DEFAULTS, ...defined };
  const sourceId = options.sourceId ?? input;
  const stats = emptyDecodeStats();
  let infoPromise: Promise<VideoInfo> | undefined;
  let iterated = false;
  let closed = false;
  let reader: FrameReader | undefined;

  const info = (): Promise<VideoInfo> => {
    infoPromise ??= probeVideo(input, options);
    return infoPromise;
  };

  async function* generate(): AsyncGenerator<Frame, void, undefined> {
    const videoInfo = await info();
    const { ffmpegPath } = findFfmpeg(options);
    const features = await detectFfmpegFeatures(ffmpegPath);
    if (closed) return;
    const geometry = outputGeometry(
      videoInfo.width,
      videoInfo.height,
      opts.width ?? videoInfo.width,
      opts.height ?? videoInfo.height,
      opts.fit,
    );
    const current = createFrameReader({
      ffmpegPath,
      input,
      sourceId,
      info: videoInfo,
      plan: {
        inputArg: ffmpegInputArg(input),
        streamIndex: videoInfo.streamIndex,
        originSec: videoInfo.startTimeSec,
        startSec: opts.startSec ?? 0,
        prerollSec: seekPrerollSec(videoInfo.formatName),
        endSec: opts.endSec,
        sampleFps: opts.fps,
        geometry,
        layout: opts.layout,
        padValue: opts.padValue,
        hasFpsMode: features.hasFpsMode,
        realtime: opts.realtime,
      },
      fit: opts.fit,
      bufferFrames: opts.bufferFrames,
      killGraceMs: opts.killGraceMs,
      stats,
    });
    reader = current;
    try {
      for (;;) {
        const frame = await current.next();
        if (!frame) return;
        stats.framesDelivered++;
        yield frame;
      }
    } finally {
      await current.close();
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
      await reader?.close();
    },
  };
}
