/**
 * ffmpeg stderr lines that mean the input ended early. The demuxer's own read error ("INPUT: Invalid
 * data found when processing input" in ffmpeg 4, "Error during demuxing: ..." in ffmpeg 7) ends
 * decoding there, and ffmpeg still exits 0; a decoder error on one packet ("Error while decoding
 * stream", "[vist#0:0/h264] Decoding error") does not, and is not listed.
 */
const TRUNCATION_MARKERS: readonly RegExp[] = [
  /partial file/i,
  /moov atom not found/i,
  /^(?!Error while decoding)[^[].*: Invalid data found when processing input\s*$/,
  /Error during demuxing:/i,
  /Error retrieving a packet from demuxer/i,
];

/** True for an ffmpeg stderr line that reports a cut-off input. */
export function isTruncationMarker(line: string): boolean {
  return TRUNCATION_MARKERS.some((re) => re.test(line));
}

/** What a finished decode saw, against what the container declared. */
export interface DecodeOutcome {
  /** Frames that entered the filter chain (after any seek), selected or not. */
  framesDecoded: number;
  /** Media time of the last of them, from the start of the media; null when none. */
  lastPtsSec: number | null;
  /** Declared duration of the video stream; null when unknown (live streams). */
  durationSec: number | null;
  /** Frame count the container declares (not an estimate); null when it declares none. */
  declaredFrames: number | null;
  /** Frame rate, for the tolerance; 0 when unknown. */
  fps: number;
  startSec: number;
  endSec: number | undefined;
  /** The first stderr line that reported a cut-off input, if any. */
  markerLine: string | undefined;
}

/**
 * The media time the container says its frames reach: its duration, or declared frames / fps when
 * that is later. A cut-off AVI keeps its header's frame count while ffprobe works out the duration
 * from the data that is left (vtest.avi cut at 1 MB: 795 frames, "9.8 s").
 */
export function declaredEndSec(o: Pick<DecodeOutcome, 'durationSec' | 'declaredFrames' | 'fps'>): number | null {
  const fromFrames = o.declaredFrames !== null && o.fps > 0 ? o.declaredFrames / o.fps : null;
  if (o.durationSec === null) return fromFrames;
  return fromFrames === null ? o.durationSec : Math.max(o.durationSec, fromFrames);
}

/**
 * Why a decode that ended without an ffmpeg error still counts as truncated, or undefined when it
 * does not: a stderr marker, or decoding that stopped well before the declared end (or the requested
 * `endSec`, when earlier). Times are compared, not frame counts: AVI "null" frames are declared but
 * never decoded (tree.avi declares 444 frames over 29.6 s and decodes 68, the last at 29.53 s).
 */
export function truncationReason(o: DecodeOutcome): string | undefined {
  if (o.markerLine !== undefined) return `ffmpeg reported a cut-off input: ${o.markerLine.trim()}`;
  const declared = declaredEndSec(o);
  if (declared === null) return undefined;
  const expectedEndSec = Math.min(declared, o.endSec ?? Infinity);
  const frameSec = o.fps > 0 ? 1 / o.fps : 0.1;
  const toleranceSec = Math.max(1, 5 * frameSec);
  // Nothing was asked for beyond the end of the media: an empty result is right.
  if (expectedEndSec - o.startSec <= toleranceSec) return undefined;
  if (o.lastPtsSec === null) {
    return `no frame could be decoded, although the container declares ${declared.toFixed(2)} s`;
  }
  if (expectedEndSec - o.lastPtsSec > toleranceSec) {
    return (
      `decoding stopped at ${o.lastPtsSec.toFixed(2)} s after ${o.framesDecoded} frames, ` +
      `although the container declares ${declared.toFixed(2)} s`
    );
  }
  return undefined;
}
