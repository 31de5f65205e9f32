import type { Readable } from 'node:stream';
import { GroundstreamError } from '../../core/errors';
import type { BufferToSource, Frame } from '../../core/frame';
import { carryGap } from './frame-gap';
import { isMissingBinaryError, spawnTracked, stopChild } from './child-processes';
import { decodeArgs, seekSec, selectExpression, SHOWINFO_ALL, SHOWINFO_OUT, type DecodePlan } from './decode-args';
import { ffmpegMissingError } from './find-ffmpeg';
import { outputGeometry, type FitMode } from './output-geometry';
import { parseShowinfoLine, showinfoSeconds, type ShowinfoFrame } from './showinfo';
import { isFfmpegChatter, LineSplitter, LineTail } from './stderr-lines';
import { isTruncationMarker, truncationReason } from './truncation';
import type { Rational, VideoInfo } from './video-info';

/** Counters of one decode, updated as it runs. */
export interface DecodeStats {
  /** Frames ffmpeg decoded into the filter chain (after any seek), selected or not. */
  framesDecoded: number;
  /** Frames handed to the consumer. */
  framesDelivered: number;
  /** Frames a live decode read and dropped because newer ones came before the consumer took them. */
  framesDropped: number;
  /** Frames read from ffmpeg and not yet handed out. */
  buffered: number;
  /** Most frames ever buffered; never above `bufferFrames`. */
  maxBuffered: number;
}

/** Creates zeroed stats. */
export function emptyDecodeStats(): DecodeStats {
  return { framesDecoded: 0, framesDelivered: 0, framesDropped: 0, buffered: 0, maxBuffered: 0 };
}

export interface FrameReaderOptions {
  ffmpegPath: string;
  /** The input as the user gave it, for errors. */
  input: string;
  sourceId: string;
  info: VideoInfo;
  plan: DecodePlan;
  fit: FitMode;
  bufferFrames: number;
  killGraceMs: number;
  stats: DecodeStats;
  /**
   * Live decode: stdout is always read, so ffmpeg never waits on the consumer; of the frames not yet
   * taken, the newest `bufferFrames` are kept and older ones dropped (counted in `framesDropped`, and
   * in `droppedBefore` of the next frame handed out).
   */
  live?: boolean;
  /** Wall clock in ms for `arrivalMs` (default Date.now). */
  now?: () => number;
  /**
   * Called with each complete frame of a live decode as it arrives, before it is buffered (so before
   * it may be dropped); may set its `ptsSec`, `index` and `gapBefore`.
   */
  onArrival?: (frame: Frame) => void;
}

/** One running ffmpeg decode, read frame by frame. */
export interface FrameReader {
  /** The next frame; undefined at the end; throws the decode's error after its last good frame. */
  next(): Promise<Frame | undefined>;
  /** Stops ffmpeg (if running) and waits until it has exited. Idempotent. */
  close(): Promise<void>;
  /** Wall-clock ms at which the last frame's pixels were read from ffmpeg; undefined before the first. */
  readonly lastArrivalMs: number | undefined;
  /** Frames read from ffmpeg so far, delivered or not. */
  readonly framesArrived: number;
}

interface FrameMeta {
  index: number;
  ptsSec: number;
  sourceWidth: number;
  sourceHeight: number;
}

interface PixelEntry {
  pixels: Uint8Array;
  /** Wall-clock ms when read; stamped only when the decode is live or realtime. */
  arrivalMs?: number;
}

interface DecodedEntry {
  pts: number | null;
  ptsTime: number | null;
  index: number;
}

/** Decoded-but-unmatched frames kept for matching selected ones to their source index. */
const MAX_PENDING_DECODED = 256;

/**
 * Starts ffmpeg for a decode plan and pairs its outputs: raw frames from stdout (in order) with
 * showinfo lines from stderr (same order), a frame being ready once both are in. stdout is read
 * only while fewer than `bufferFrames` frames wait, so a slow consumer leaves ffmpeg blocked on a
 * full pipe; stderr is always read, its lines are bounded, and showinfo lines can run ahead of
 * the pixels only by what fits in the pipe. A live decode reads stdout always instead, pairs each
 * frame as soon as its pixels and its line are in, and keeps only the newest `bufferFrames` of them.
 */
export function createFrameReader(o: FrameReaderOptions): FrameReader {
  const { plan, info, stats } = o;
  const g = plan.geometry;
  const frameBytes = g.width * g.height * 3;
  const selecting = selectExpression(plan) !== undefined;
  const seeking = seekSec(plan) > 0;
  // The pipe (64 KiB), Node's buffer (about two frames) and a few frames inside ffmpeg: metadata
  // beyond this means stdout and stderr no longer describe the same frames.
  const maxPendingMeta = o.bufferFrames + 64 + Math.ceil((4 << 20) / frameBytes);

  const live = o.live === true;
  const now = o.now ?? Date.now;
  // Live and realtime frames carry the wall-clock time they came in.
  const stampArrival = live || plan.realtime === true;
  const pixels: PixelEntry[] = [];
  const metas: FrameMeta[] = [];
  // Live only: complete frames, oldest first, at most bufferFrames.
  const ready: Frame[] = [];
  let droppedSinceDelivery = 0;
  let lastArrivalMs: number | undefined;
  const pendingDecoded: DecodedEntry[] = [];
  const timeBases = new Map<string, Rational>();
  const tail = new LineTail(20);
  let framesRead = 0;
  let metasSeen = 0;
  // Counted here rather than in stats, which a live source shares across its connections.
  let decodedCount = 0;
  let outCount = 0;
  let indexBase: number | undefined;
  let lastPtsSec: number | null = null;
  let markerLine: string | undefined;
  let partialBytes = 0;
  let stdoutEnded = false;
  let processClosed = false;
  let exitCode: number | null = null;
  let exitSignal: NodeJS.Signals | null = null;
  let spawnError: NodeJS.ErrnoException | undefined;
  let failure: GroundstreamError | undefined;
  let done = false;
  let closing = false;
  let closePromise: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const inWindow = (ptsSec: number): boolean => ptsSec >= plan.startSec && (plan.endSec === undefined || ptsSec < plan.endSec);

  const toSource = (m: FrameMeta): BufferToSource =>
    m.sourceWidth === info.width && m.sourceHeight === info.height
      ? g.toSource
      : outputGeometry(m.sourceWidth, m.sourceHeight, g.width, g.height, o.fit).toSource;

  const toFrame = (px: PixelEntry, m: FrameMeta): Frame => {
    const frame: Frame = {
      sourceId: o.sourceId,
      index: m.index,
      ptsSec: m.ptsSec,
      width: g.width,
      height: g.height,
      layout: plan.layout,
      pixels: px.pixels,
      sourceWidth: m.sourceWidth,
      sourceHeight: m.sourceHeight,
      toSource: toSource(m),
    };
    if (px.arrivalMs !== undefined) frame.arrivalMs = px.arrivalMs;
    return frame;
  };

  const child = spawnTracked(o.ffmpegPath, decodeArgs(plan));
  const stdout = child.stdout as Readable;
  const stderr = child.stderr as Readable;

  const fail = (e: GroundstreamError): void => {
    if (failure || done) return;
    failure = e;
    done = true;
    void stopChild(child, o.killGraceMs);
    notify();
  };

  const mediaSeconds = (f: ShowinfoFrame, previous: number | null): number => {
    const sec = showinfoSeconds(f, timeBases.get(f.tag) ?? info.timeBase ?? null);
    if (sec === null) return previous === null ? 0 : previous + (info.fps > 0 ? 1 / info.fps : 0);
    // Microseconds: enough for any frame rate, and it hides float noise in window comparisons.
    return Math.round((sec - plan.originSec) * 1e6) / 1e6;
  };

  // Source index: counted from the first decoded frame; after a seek the count starts at the first
  // frame's estimated index, exact for constant frame rate media only.
  const nextIndex = (ptsSec: number, count: number): number => {
    if (!seeking) return count;
    indexBase ??= info.fps > 0 ? Math.round(ptsSec * info.fps) : 0;
    return indexBase + count;
  };

  const onDecoded = (f: ShowinfoFrame): void => {
    const ptsSec = mediaSeconds(f, lastPtsSec);
    pendingDecoded.push({ pts: f.pts, ptsTime: f.ptsTime, index: nextIndex(ptsSec, decodedCount) });
    if (pendingDecoded.length > MAX_PENDING_DECODED) pendingDecoded.shift();
    decodedCount++;
    stats.framesDecoded++;
    lastPtsSec = ptsSec;
  };

  const onOutput = (f: ShowinfoFrame): void => {
    const previous = metas.length > 0 ? metas[metas.length - 1].ptsSec : lastPtsSec;
    const ptsSec = mediaSeconds(f, selecting ? previous : lastPtsSec);
    let index: number;
    if (selecting) {
      // A selected frame went through the "all" showinfo just before: find it there by timestamp.
      const k = pendingDecoded.findIndex((d) => d.pts === f.pts && d.ptsTime === f.ptsTime);
      if (k >= 0) {
        index = pendingDecoded[k].index;
        pendingDecoded.splice(0, k + 1);
      } else {
        index = info.fps > 0 ? Math.round(ptsSec * info.fps) : outCount;
      }
    } else {
      index = nextIndex(ptsSec, outCount);
      decodedCount++;
      stats.framesDecoded++;
      lastPtsSec = ptsSec;
    }
    outCount++;
    metasSeen++;
    metas.push({ index, ptsSec, sourceWidth: f.width ?? info.width, sourceHeight: f.height ?? info.height });
    if (metas.length > maxPendingMeta) {
      fail(new GroundstreamError('decode_failed', o.input, `decoding ${o.input}: frame timestamps and pixels got out of step`));
    }
    if (live) pairLive();
    notify();
  };

  const onLine = (line: string): void => {
    const ev = parseShowinfoLine(line);
    if (ev) {
      if (ev.kind === 'timebase') timeBases.set(ev.tag, ev.timeBase);
      else if (ev.tag === SHOWINFO_OUT) onOutput(ev);
      else if (ev.tag === SHOWINFO_ALL) onDecoded(ev);
      return;
    }
    if (line.startsWith('[showinfo@gs_')) return; // side data and colour lines of a frame
    if (markerLine === undefined && isTruncationMarker(line)) markerLine = line;
    if (!isFfmpegChatter(line)) tail.push(line);
  };

  const splitter = new LineSplitter(onLine);
  stderr.setEncoding('utf8');
  stderr.on('data', (chunk: string) => splitter.push(chunk));
  stderr.on('end', () => splitter.end());

  const pump = (): void => {
    while ((live || pixels.length < o.bufferFrames) && !closing) {
      const chunk = stdout.read(frameBytes) as Buffer | null;
      if (chunk === null) break;
      if (chunk.length < frameBytes) {
        // Only at the end of the stream: the rest of a frame ffmpeg never finished writing.
        partialBytes += chunk.length;
        continue;
      }
      const entry: PixelEntry = { pixels: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length) };
      if (stampArrival) {
        lastArrivalMs = now();
        entry.arrivalMs = lastArrivalMs;
      }
      pixels.push(entry);
      framesRead++;
      if (live) pairLive();
    }
    const buffered = live ? ready.length : pixels.length;
    stats.buffered = buffered;
    stats.maxBuffered = Math.max(stats.maxBuffered, buffered);
    notify();
  };

  /**
   * Live: turns each pixels + line pair into a frame at once, and drops the oldest waiting frame
   * when more than bufferFrames wait. Dropping whole frames keeps pixels and times paired; a gap
   * reported on a dropped frame moves on to the next one, so the consumer still hears of it.
   */
  const pairLive = (): void => {
    while (pixels.length > 0 && metas.length > 0 && !closing) {
      const px = pixels.shift() as PixelEntry;
      const m = metas.shift() as FrameMeta;
      if (!inWindow(m.ptsSec)) continue;
      const frame = toFrame(px, m);
      o.onArrival?.(frame);
      ready.push(frame);
      if (ready.length > o.bufferFrames) {
        const dropped = ready.shift() as Frame;
        stats.framesDropped++;
        droppedSinceDelivery++;
        if (dropped.gapBefore) ready[0].gapBefore = carryGap(dropped.gapBefore, ready[0]);
      }
    }
    // Pixels whose line never comes would pile up here; the bound on lines covers the other side.
    if (pixels.length > maxPendingMeta) {
      fail(new GroundstreamError('decode_failed', o.input, `decoding ${o.input}: frame pixels and timestamps got out of step`));
    }
  };

  const describeFailure = (): GroundstreamError => {
    const lines = tail.toArray().slice(-6).join(' | ');
    const how = exitSignal !== null ? `was killed by ${exitSignal}` : `exited with code ${exitCode}`;
    if (markerLine !== undefined) {
      return new GroundstreamError('truncated', o.input, `decoding ${o.input}: the input is cut short (${markerLine.trim()}); ffmpeg ${how}`);
    }
    return new GroundstreamError('decode_failed', o.input, `decoding ${o.input}: ffmpeg ${how}${lines ? `: ${lines}` : ''}`);
  };

  const maybeFinish = (): void => {
    if (done || !processClosed || !stdoutEnded) return;
    done = true;
    if (closing) return notify();
    if (spawnError) {
      failure = isMissingBinaryError(spawnError)
        ? ffmpegMissingError(o.ffmpegPath, spawnError)
        : new GroundstreamError('decode_failed', o.input, `decoding ${o.input}: cannot start ${o.ffmpegPath}: ${spawnError.message}`);
    } else if (exitCode !== 0) {
      failure = describeFailure();
    } else if (framesRead > metasSeen) {
      failure = new GroundstreamError(
        'decode_failed',
        o.input,
        `decoding ${o.input}: ffmpeg wrote ${framesRead} frames but reported timestamps for ${metasSeen}`,
      );
    } else {
      const reason = truncationReason({
        framesDecoded: stats.framesDecoded,
        lastPtsSec,
        durationSec: info.durationSec ?? null,
        declaredFrames: info.frameCountExact && info.frameCount !== undefined ? info.frameCount : null,
        fps: info.fps,
        startSec: plan.startSec,
        endSec: plan.endSec,
        markerLine,
      });
      if (reason === undefined && partialBytes > 0) {
        failure = new GroundstreamError('truncated', o.input, `decoding ${o.input}: the last frame was cut off (${partialBytes} bytes)`);
      } else if (reason !== undefined) {
        failure = new GroundstreamError('truncated', o.input, `decoding ${o.input}: the input is truncated: ${reason}`);
      }
    }
    notify();
  };

  stdout.on('readable', pump);
  stdout.on('end', () => {
    stdoutEnded = true;
    pump();
    maybeFinish();
  });
  child.once('error', (e: NodeJS.ErrnoException) => {
    spawnError = e;
    if (child.pid === undefined) {
      processClosed = true;
      stdoutEnded = true;
      maybeFinish();
    }
  });
  child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
    exitCode = code;
    exitSignal = signal;
    processClosed = true;
    // A destroyed stdout (after close()) never ends.
    if (stdout.destroyed) stdoutEnded = true;
    maybeFinish();
  });

  return {
    get lastArrivalMs(): number | undefined {
      return lastArrivalMs;
    },

    get framesArrived(): number {
      return framesRead;
    },

    async next(): Promise<Frame | undefined> {
      for (;;) {
        if (closing) return undefined;
        if (live && ready.length > 0) {
          const frame = ready.shift() as Frame;
          frame.droppedBefore = droppedSinceDelivery;
          droppedSinceDelivery = 0;
          stats.buffered = ready.length;
          return frame;
        }
        if (!live && pixels.length > 0 && metas.length > 0) {
          const px = pixels.shift() as PixelEntry;
          const m = metas.shift() as FrameMeta;
          pump();
          if (!inWindow(m.ptsSec)) continue;
          return toFrame(px, m);
        }
        if (done && (failure || (live ? ready.length === 0 : pixels.length === 0 || metas.length === 0))) {
          const f = failure;
          failure = undefined;
          if (f) throw f;
          return undefined;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },

    close(): Promise<void> {
      if (!closePromise) {
        closing = true;
        pixels.length = 0;
        metas.length = 0;
        ready.length = 0;
        stats.buffered = 0;
        notify();
        closePromise = stopChild(child, o.killGraceMs);
      }
      return closePromise;
    },
  };
}
