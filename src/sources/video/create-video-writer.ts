import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { GroundstreamError, type ErrorCode } from '../../core/errors';
import { hasExited, isMissingBinaryError, runCaptured, stopChild, waitForExit } from './child-processes';
import { ffmpegMissingError, findFfmpeg } from './find-ffmpeg';
import { isFfmpegChatter, LineSplitter, LineTail } from './stderr-lines';

/** Output kinds, chosen by the path's extension (case-insensitive). */
export type VideoWriterFormat = 'mp4' | 'webm' | 'gif' | 'png';

/** Options of {@link createVideoWriter}. */
export interface VideoWriterOptions {
  /** Size of the frames handed to `write`, in pixels. */
  width: number;
  height: number;
  /** Frame rate of the output (frames are spaced 1/fps apart; ignored for .png). */
  fps: number;
  /** ffmpeg to run (default: found as for decoding; see `findFfmpeg`). */
  ffmpegPath?: string;
  /** How long ffmpeg gets to exit after SIGTERM on `abort()` before SIGKILL (default 1000 ms). */
  killGraceMs?: number;
}

/**
 * Encodes rgb24 frames into a video or image file through ffmpeg. Nothing runs until the first
 * `write`. Always end it with `close()` (keeps the file) or `abort()` (deletes it); either one
 * leaves no ffmpeg process behind.
 */
export interface VideoWriter {
  readonly path: string;
  readonly format: VideoWriterFormat;
  /** The ffmpeg encoder in use (e.g. `libx264`), once the first write has started ffmpeg. */
  readonly encoder: string | undefined;
  /** Frames ffmpeg has taken so far. */
  readonly framesWritten: number;
  /**
   * Hands one frame (width x height x 3 bytes, rgb24, row-major) to ffmpeg. Resolves once ffmpeg's
   * stdin has taken it, waiting for 'drain' when the pipe is full: a slow encoder slows the caller,
   * and the buffer may be reused once the promise settles. Rejects with the encoder's error when
   * ffmpeg has failed (a `GroundstreamError` naming the output path and ffmpeg's last stderr lines).
   */
  write(rgb24: Uint8Array): Promise<void>;
  /**
   * Ends the input, waits for ffmpeg to finish the file and exit, and throws its error if it failed.
   * Idempotent. Without a frame written, starts nothing and writes no file.
   */
  close(): Promise<void>;
  /** Stops ffmpeg (SIGTERM, then SIGKILL), waits for it to exit, and deletes the partial output. Idempotent. */
  abort(): Promise<void>;
}

const FORMAT_BY_EXTENSION: Record<string, VideoWriterFormat> = { '.mp4': 'mp4', '.m4v': 'mp4', '.webm': 'webm', '.gif': 'gif', '.png': 'png' };
const MUXER: Record<VideoWriterFormat, string> = { mp4: 'mp4', webm: 'webm', gif: 'gif', png: 'image2' };

/**
 * Encoders wanted per format, best first; the first one this ffmpeg has is used. H.264 (libx264)
 * is what every player opens; builds without it (LGPL builds) still have the native MPEG-4 Part 2.
 */
const ENCODER_CHOICES: Record<VideoWriterFormat, readonly string[]> = {
  mp4: ['libx264', 'mpeg4'],
  webm: ['libvpx-vp9', 'libvpx'],
  gif: ['gif'],
  png: ['png'],
};

/** Encoder options: quality-targeted (constant quality), tuned for speed over size. */
const ENCODER_ARGS: Record<string, readonly string[]> = {
  libx264: ['-preset', 'veryfast', '-crf', '20'],
  mpeg4: ['-q:v', '3'],
  'libvpx-vp9': ['-crf', '32', '-b:v', '0', '-deadline', 'realtime', '-cpu-used', '8'],
  libvpx: ['-crf', '10', '-b:v', '2M', '-deadline', 'realtime', '-cpu-used', '8'],
  gif: [],
  png: [],
};

/**
 * The output format for a path, or undefined for an extension the writer does not handle.
 *
 * @example
 * videoWriterFormat('out/Clip.MP4'); // 'mp4'
 */
export function videoWriterFormat(outputPath: string): VideoWriterFormat | undefined {
  return FORMAT_BY_EXTENSION[path.extname(outputPath).toLowerCase()];
}

/**
 * The first of a format's encoders that `available` holds.
 *
 * @example
 * chooseEncoder('mp4', new Set(['mpeg4', 'png'])); // 'mpeg4' (no libx264 in this build)
 */
export function chooseEncoder(format: VideoWriterFormat, available: ReadonlySet<string>): string | undefined {
  return ENCODER_CHOICES[format].find((name) => available.has(name));
}

/**
 * The ffmpeg command line that encodes raw rgb24 frames from stdin into `outputPath`. YUV 4:2:0
 * (what players expect of .mp4/.webm) halves the chroma resolution, so odd sizes are padded by one
 * black column/row on the right/bottom to even ones.
 *
 * @example
 * videoWriterArgs('out.png', 'png', 'png', { width: 768, height: 576, fps: 1 });
 * // [..., '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '768x576', ..., '-frames:v', '1', '-update', '1', '-f', 'image2', '-y', '/abs/out.png']
 */
export function videoWriterArgs(outputPath: string, format: VideoWriterFormat, encoder: string, o: { width: number; height: number; fps: number }): string[] {
  const input = ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${o.width}x${o.height}`];
  input.push('-framerate', String(o.fps), '-i', 'pipe:0');
  const output: string[] = ['-an', '-c:v', encoder, ...(ENCODER_ARGS[encoder] ?? [])];
  if (format === 'mp4' || format === 'webm') {
    if (o.width % 2 !== 0 || o.height % 2 !== 0) output.push('-vf', 'pad=ceil(iw/2)*2:ceil(ih/2)*2');
    output.push('-pix_fmt', 'yuv420p');
    // The index at the front, so a browser can start playing before the whole file has arrived.
    if (format === 'mp4') output.push('-movflags', '+faststart');
  } else if (format === 'gif') {
    // One palette made for the clip beats the fixed web palette by far; palettegen reads the whole
    // clip first, so memory grows with its length (fine for the short clips GIFs are for).
    output.push('-vf', 'split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse', '-loop', '0');
  } else {
    // One image, written to the path itself (no %d pattern expansion).
    output.push('-frames:v', '1', '-update', '1');
  }
  // Absolute, so a name starting with '-' or holding ':' is not read as an option or a protocol.
  return [...input, ...output, '-f', MUXER[format], '-y', path.resolve(outputPath)];
}

const encoderLists = new Map<string, Promise<Set<string>>>();

/**
 * Parses `ffmpeg -encoders`: lines like ` V..... libx264   libx264 H.264 ...` (video encoders only).
 *
 * @example
 * parseVideoEncoders(' V..... libx264  H.264\n A..... aac  AAC'); // Set { 'libx264' }
 */
export function parseVideoEncoders(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s*V[.A-Z]{5}\s+(\S+)/.exec(line);
    if (m && m[1] !== '=') out.add(m[1]);
  }
  return out;
}

/** The video encoders an ffmpeg binary has, asked once per binary. Throws `ffmpeg_missing`. */
function videoEncoders(ffmpegPath: string): Promise<Set<string>> {
  let p = encoderLists.get(ffmpegPath);
  if (!p) {
    p = runCaptured(ffmpegPath, ['-hide_banner', '-encoders'], 1 << 20).then((run) => {
      if (run.spawnError) {
        if (isMissingBinaryError(run.spawnError)) throw ffmpegMissingError(ffmpegPath, run.spawnError);
        throw new GroundstreamError('ffmpeg_missing', ffmpegPath, `cannot run ${ffmpegPath}: ${run.spawnError.message}`, { cause: run.spawnError });
      }
      return parseVideoEncoders(run.stdout);
    });
    p.catch(() => encoderLists.delete(ffmpegPath));
    encoderLists.set(ffmpegPath, p);
  }
  return p;
}

/**
 * Encoders this module started and has not seen exit. `spawnTracked` cannot give a child a stdin
 * pipe, so encoders are spawned here and killed by their own exit hook, the same way.
 */
const liveEncoders = new Set<ChildProcess>();
let exitHookInstalled = false;

function spawnEncoder(ffmpegPath: string, args: readonly string[]): ChildProcess {
  if (!exitHookInstalled) {
    process.on('exit', () => {
      for (const child of liveEncoders) {
        try {
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
    });
    exitHookInstalled = true;
  }
  const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
  liveEncoders.add(child);
  const forget = (): void => {
    liveEncoders.delete(child);
  };
  child.once('exit', forget);
  child.once('error', forget);
  // EPIPE on stdin means ffmpeg has exited; its exit status and stderr tell why, not the pipe.
  child.stdin?.on('error', () => undefined);
  child.stderr?.on('error', () => undefined);
  return child;
}

/** The error code for what ffmpeg said about the output. */
function failureCode(lines: readonly string[]): ErrorCode {
  const text = lines.join('\n');
  if (/Permission denied|Read-only file system|Operation not permitted/i.test(text)) return 'permission_denied';
  if (/No such file or directory|Not a directory|Is a directory/i.test(text)) return 'invalid_argument';
  return 'internal';
}

function invalid(outputPath: string, message: string): GroundstreamError {
  return new GroundstreamError('invalid_argument', outputPath, `video writer ${outputPath}: ${message}`);
}

function validate(outputPath: string, o: VideoWriterOptions): VideoWriterFormat {
  const format = videoWriterFormat(outputPath);
  if (!format) {
    throw invalid(outputPath, `cannot tell the format from the extension "${path.extname(outputPath)}"; use ${Object.keys(FORMAT_BY_EXTENSION).join(', ')}`);
  }
  for (const [name, v] of [['width', o.width], ['height', o.height]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw invalid(outputPath, `${name} must be a positive whole number of pixels, got ${v}`);
  }
  if (!(Number.isFinite(o.fps) && o.fps > 0)) throw invalid(outputPath, `fps must be above 0, got ${o.fps}`);
  return format;
}

/**
 * Opens a video (or image) file for writing rgb24 frames, encoded by ffmpeg. The format follows the
 * extension: `.mp4`/`.m4v` (H.264 by libx264 when this ffmpeg has it, else MPEG-4 Part 2; yuv420p,
 * odd sizes padded to even), `.webm` (VP9, else VP8), `.gif` (one palette for the clip), `.png`
 * (exactly one frame). Options are checked here (`invalid_argument`); ffmpeg starts on the first
 * `write`, and its failures (`ffmpeg_missing`, `permission_denied` or `invalid_argument` for an
 * output it cannot create, `internal` for an encoder error) surface from `write`/`close`.
 *
 * @example
 * const writer = createVideoWriter('out.mp4', { width: 768, height: 576, fps: 10 });
 * try {
 *   for await (const frame of createVideoSource('in.avi').frames()) {
 *     annotateFrame(frame, regions);
 *     await writer.write(frame.pixels);
 *   }
 *   await writer.close();
 * } catch (e) {
 *   await writer.abort();
 *   throw e;
 * }
 */
export function createVideoWriter(outputPath: string, options: VideoWriterOptions): VideoWriter {
  const format = validate(outputPath, options);
  const { width, height, fps } = options;
  const frameBytes = width * height * 3;
  const killGraceMs = options.killGraceMs ?? 1000;

  let child: ChildProcess | undefined;
  let encoder: string | undefined;
  let starting: Promise<ChildProcess> | undefined;
  let framesWritten = 0;
  let framesQueued = 0;
  let ending = false;
  let aborted = false;
  let failure: GroundstreamError | undefined;
  let closePromise: Promise<void> | undefined;
  let abortPromise: Promise<void> | undefined;
  let spawnError: NodeJS.ErrnoException | undefined;
  let exitCode: number | null = null;
  let exitSignal: NodeJS.Signals | null = null;
  const tail = new LineTail(8);
  let closed: Promise<void> = Promise.resolve();

  const describeFailure = (): GroundstreamError => {
    if (spawnError) {
      return isMissingBinaryError(spawnError)
        ? ffmpegMissingError(child?.spawnfile ?? 'ffmpeg', spawnError)
        : new GroundstreamError('ffmpeg_missing', outputPath, `writing ${outputPath}: cannot start ffmpeg: ${spawnError.message}`, { cause: spawnError });
    }
    const lines = tail.toArray();
    const how = exitSignal !== null ? `was killed by ${exitSignal}` : `exited with code ${exitCode}`;
    return new GroundstreamError(failureCode(lines), outputPath, `writing ${outputPath}: ffmpeg ${how}${lines.length ? `: ${lines.join(' | ')}` : ''}`);
  };

  const stoppedError = (): GroundstreamError =>
    new GroundstreamError('failed_precondition', outputPath, `video writer ${outputPath}: ${aborted ? 'aborted' : 'closed'}; no more frames can be written`);

  const start = async (): Promise<ChildProcess> => {
    const ffmpegPath = options.ffmpegPath ?? findFfmpeg().ffmpegPath;
    const chosen = chooseEncoder(format, await videoEncoders(ffmpegPath));
    if (!chosen) {
      throw new GroundstreamError(
        'ffmpeg_missing',
        ffmpegPath,
        `writing ${outputPath}: ${ffmpegPath} has none of the encoders ${ENCODER_CHOICES[format].join(', ')} for .${format}`,
      );
    }
    if (aborted) throw stoppedError();
    encoder = chosen;
    const c = spawnEncoder(ffmpegPath, videoWriterArgs(outputPath, format, chosen, { width, height, fps }));
    child = c;
    const splitter = new LineSplitter((line) => {
      if (!isFfmpegChatter(line)) tail.push(line);
    });
    c.stderr?.setEncoding('utf8');
    c.stderr?.on('data', (chunk: string) => splitter.push(chunk));
    // 'close' comes after the exit and after stderr has ended, so the tail is complete by then.
    closed = new Promise((resolve) => {
      c.once('error', (e: NodeJS.ErrnoException) => {
        spawnError = e;
        if (c.pid === undefined) resolve();
      });
      c.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        splitter.end();
        exitCode = code;
        exitSignal = signal;
        resolve();
      });
    });
    return c;
  };

  /** Waits for ffmpeg to be gone and turns how it went into the writer's failure. */
  const failFromExit = async (): Promise<GroundstreamError> => {
    await closed;
    if (aborted) return stoppedError();
    failure ??= describeFailure();
    return failure;
  };

  // One wait for 'drain' shared by all writes in flight (a listener each would pile up), ended by
  // the pipe closing too, so that no write waits for a drain that a dead ffmpeg never gives.
  let drainWait: Promise<void> | undefined;
  const drained = (stdin: NonNullable<ChildProcess['stdin']>): Promise<void> => {
    drainWait ??= new Promise<void>((resolve) => {
      const done = (): void => {
        stdin.off('drain', done);
        stdin.off('close', done);
        drainWait = undefined;
        resolve();
      };
      stdin.once('drain', done);
      stdin.once('close', done);
    });
    return drainWait;
  };

  /** Resolves when the frame is in the pipe (its write callback) and the pipe has drained. */
  const send = async (c: ChildProcess, rgb24: Uint8Array): Promise<void> => {
    const stdin = c.stdin;
    if (!stdin || stdin.destroyed || !stdin.writable) throw new Error('ffmpeg stdin is closed');
    let full = false;
    const flushed = new Promise<void>((resolve, reject) => {
      full = !stdin.write(rgb24, (err) => (err ? reject(err) : resolve()));
    });
    await Promise.all([flushed, full ? drained(stdin) : undefined]);
  };

  return {
    path: outputPath,
    format,
    get encoder(): string | undefined {
      return encoder;
    },
    get framesWritten(): number {
      return framesWritten;
    },

    async write(rgb24: Uint8Array): Promise<void> {
      if (failure) throw failure;
      if (aborted || ending) throw stoppedError();
      if (rgb24.byteLength !== frameBytes) {
        throw invalid(outputPath, `a frame of ${width}x${height} rgb24 is ${frameBytes} bytes, got ${rgb24.byteLength}`);
      }
      if (format === 'png' && framesQueued >= 1) throw invalid(outputPath, 'a .png holds one frame; write a video format for more');
      framesQueued++;
      starting ??= start();
      let c: ChildProcess;
      try {
        c = await starting;
      } catch (e) {
        if (e instanceof GroundstreamError) failure ??= e;
        throw e;
      }
      try {
        await send(c, rgb24);
      } catch {
        throw await failFromExit();
      }
      framesWritten++;
    },

    close(): Promise<void> {
      closePromise ??= (async () => {
        ending = true;
        if (aborted || !starting) return;
        let c: ChildProcess;
        try {
          c = await starting;
        } catch (e) {
          throw failure ?? e;
        }
        c.stdin?.end();
        await closed;
        if (aborted) return;
        if (spawnError || exitCode !== 0 || exitSignal !== null) {
          failure ??= describeFailure();
          throw failure;
        }
      })();
      return closePromise;
    },

    abort(): Promise<void> {
      abortPromise ??= (async () => {
        aborted = true;
        const c = starting ? await starting.catch(() => undefined) : undefined;
        if (!c) return;
        c.stdin?.destroy();
        if (!hasExited(c)) await stopChild(c, killGraceMs);
        await waitForExit(c);
        await closed;
        // What ffmpeg wrote of a file it was stopped in the middle of is no use to anyone.
        await rm(path.resolve(outputPath), { force: true }).catch(() => undefined);
      })();
      return abortPromise;
    },
  };
}
