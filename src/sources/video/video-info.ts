/** A rational as ffmpeg writes it, e.g. a time base of 1/25000. */
export interface Rational {
  num: number;
  den: number;
}

/** What `probeVideo` learns about a video (or still image) before decoding it. */
export interface VideoInfo {
  /** The path or URL as given. */
  input: string;
  /** ffmpeg's demuxer name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `avi`, `image2`. */
  formatName: string;
  /** Duration of the video stream (else of the container); absent when unknown, e.g. a live stream. */
  durationSec?: number;
  /** Container start time; frame times are measured from it, so the first frame is usually at 0. */
  startTimeSec: number;
  /** Index of the decoded video stream in the container. */
  streamIndex: number;
  /** Display size in pixels, after rotation metadata (what decoded frames measure). */
  width: number;
  height: number;
  /** Stored size in pixels, before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** Clockwise rotation applied for display. */
  rotationDeg: 0 | 90 | 180 | 270;
  /** Average frame rate (else the base rate); 0 when unknown. */
  fps: number;
  /** Time base of the stream's timestamps; absent when unknown. */
  timeBase?: Rational;
  /** Declared number of frames, else an estimate from duration and fps; absent when neither is known. */
  frameCount?: number;
  /** False when `frameCount` is an estimate. */
  frameCountExact: boolean;
  /** Codec name, e.g. `h264`, `msmpeg4v3`, `mjpeg`. */
  codec: string;
  /** A single image (JPEG, PNG, ...) that decodes to one frame at time 0. */
  isStill: boolean;
}

/** The parts of `ffprobe -show_format -show_streams -of json` that are read. */
export interface FfprobeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  time_base?: string;
  nb_frames?: string;
  duration?: string;
  start_time?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string | undefined>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number | string }>;
}

export interface FfprobeFormat {
  format_name?: string;
  duration?: string;
  start_time?: string;
}

export interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: FfprobeFormat;
}

/** Parses `num/den` (or a plain number); null for `0/0`, empty or non-finite values. */
export function parseRational(text: string | undefined): Rational | null {
  if (!text) return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:[/:]\s*(\d+(?:\.\d+)?))?\s*$/.exec(text);
  if (!m) return null;
  const num = Number(m[1]);
  const den = m[2] === undefined ? 1 : Number(m[2]);
  if (!Number.isFinite(num) || !Number.isFinite(den) || den === 0 || num === 0) return null;
  return { num, den };
}

function positiveNumber(text: string | number | undefined): number | null {
  const v = typeof text === 'number' ? text : text === undefined || text === 'N/A' ? NaN : Number(text);
  return Number.isFinite(v) && v > 0 ? v : null;
}

function finiteNumber(text: string | undefined): number | null {
  const v = text === undefined || text === 'N/A' ? NaN : Number(text);
  return Number.isFinite(v) ? v : null;
}

/** Snaps an angle in degrees to 0, 90, 180 or 270. */
export function normalizeRotation(deg: number): 0 | 90 | 180 | 270 {
  if (!Number.isFinite(deg)) return 0;
  const q = ((Math.round(deg / 90) % 4) + 4) % 4;
  return (q * 90) as 0 | 90 | 180 | 270;
}

/**
 * Clockwise display rotation of a stream. The display matrix angle (newer ffprobe) is
 * counterclockwise, so a `rotate=90` tag and a matrix rotation of -90 mean the same thing.
 */
export function streamRotation(stream: FfprobeStream): 0 | 90 | 180 | 270 {
  const matrix = stream.side_data_list?.find((s) => s.rotation !== undefined && /display ?matrix/i.test(s.side_data_type ?? 'Display Matrix'));
  if (matrix) return normalizeRotation(-Number(matrix.rotation));
  const tag = stream.tags?.rotate;
  if (tag !== undefined) return normalizeRotation(Number(tag));
  return 0;
}

/** The first real video stream: cover art (attached pictures) does not count. */
export function pickVideoStream(streams: readonly FfprobeStream[]): FfprobeStream | undefined {
  return streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && (s.width ?? 0) > 0 && (s.height ?? 0) > 0);
}

const SINGLE_IMAGE_CODECS = new Set(['mjpeg', 'png', 'bmp', 'webp', 'tiff', 'jpeg2000', 'jpegls', 'ppm', 'pgm', 'pam', 'qoi']);

/** True for a demuxer/codec pair that holds one image rather than a video. */
export function isStillImage(input: string, formatName: string, codec: string, nbFrames: number | null): boolean {
  const formats = formatName.split(',');
  // image2 with a pattern such as img%03d.png is an image sequence, i.e. a video.
  if (formats.includes('image2')) return !/%\d*d/.test(input);
  if (formats.some((f) => f.endsWith('_pipe') && f !== 'image2pipe')) return true;
  return nbFrames === 1 && SINGLE_IMAGE_CODECS.has(codec);
}

/**
 * Builds the VideoInfo of a probe result; undefined when it has no video stream.
 * Pure, so that probing is tested on captured ffprobe output.
 */
export function videoInfoFromProbe(input: string, probe: FfprobeOutput): VideoInfo | undefined {
  const stream = pickVideoStream(probe.streams ?? []);
  if (!stream) return undefined;
  const format = probe.format ?? {};
  const formatName = format.format_name ?? '';
  const codec = stream.codec_name ?? '';
  const codedWidth = stream.width ?? 0;
  const codedHeight = stream.height ?? 0;
  const rotationDeg = streamRotation(stream);
  const swap = rotationDeg === 90 || rotationDeg === 270;
  const rate = parseRational(stream.avg_frame_rate) ?? parseRational(stream.r_frame_rate);
  const fps = rate && rate.num > 0 ? rate.num / rate.den : 0;
  const nbFrames = positiveNumber(stream.nb_frames);
  const isStill = isStillImage(input, formatName, codec, nbFrames);
  const durationSec = isStill ? 0 : (positiveNumber(stream.duration) ?? positiveNumber(format.duration) ?? undefined);
  let frameCount: number | undefined;
  let frameCountExact = false;
  if (isStill) {
    frameCount = 1;
    frameCountExact = true;
  } else if (nbFrames !== null) {
    frameCount = Math.round(nbFrames);
    frameCountExact = true;
  } else if (durationSec !== undefined && fps > 0) {
    frameCount = Math.round(durationSec * fps);
  }
  return {
    input,
    formatName,
    durationSec,
    startTimeSec: finiteNumber(format.start_time) ?? finiteNumber(stream.start_time) ?? 0,
    streamIndex: stream.index ?? 0,
    width: swap ? codedHeight : codedWidth,
    height: swap ? codedWidth : codedHeight,
    codedWidth,
    codedHeight,
    rotationDeg,
    fps,
    timeBase: parseRational(stream.time_base) ?? undefined,
    frameCount,
    frameCountExact,
    codec,
    isStill,
  };
}
