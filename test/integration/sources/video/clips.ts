import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFfmpeg } from '../../../../src/sources/video';
import { parseFfmpegFeatures } from '../../../../src/sources/video/ffmpeg-features';

/** Runs ffmpeg (or ffprobe) to completion; throws with its stderr when it fails. */
export function runTool(tool: 'ffmpeg' | 'ffprobe', args: string[]): string {
  const paths = findFfmpeg();
  const bin = tool === 'ffmpeg' ? paths.ffmpegPath : paths.ffprobePath;
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout;
}

/** A temporary folder for generated clips; `remove()` deletes it. */
export function clipFolder(): { dir: string; file(name: string): string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-video-'));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const TESTSRC = (size: string, rate: number): string[] => ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}`];

let modern: boolean | undefined;
/** True for ffmpeg >= 5.1, whose options for rotation and frame timing differ from ffmpeg 4's. */
function isModernFfmpeg(): boolean {
  modern ??= parseFfmpegFeatures(runTool('ffmpeg', ['-hide_banner', '-version'])).hasFpsMode;
  return modern;
}

/** A constant-rate test pattern clip. */
export function makeCfrClip(out: string, opts: { size?: string; rate?: number; seconds?: number } = {}): string {
  runTool('ffmpeg', ['-v', 'error', '-y', ...TESTSRC(opts.size ?? '320x240', opts.rate ?? 25), '-t', String(opts.seconds ?? 2), '-c:v', 'mpeg4', '-q:v', '5', out]);
  return out;
}

/**
 * An MP4 whose track says "rotate by a quarter turn". ffmpeg 4 writes the rotate tag only when
 * stream copying (and reads its own result back as 270); ffmpeg >= 6 has -display_rotation instead.
 */
export function makeRotatedClip(out: string, plain: string): string {
  runTool('ffmpeg', ['-v', 'error', '-y', ...TESTSRC('320x240', 25), '-t', '1', '-c:v', 'mpeg4', '-q:v', '5', plain]);
  const rotate = isModernFfmpeg() ? ['-display_rotation', '90', '-i', plain] : ['-i', plain, '-metadata:s:v:0', 'rotate=90'];
  runTool('ffmpeg', ['-v', 'error', '-y', ...rotate, '-c', 'copy', out]);
  return out;
}

/**
 * An 8 s MPEG-TS whose first timestamp is 10 s (plus the muxer's own 1.4 s delay), not 0. The static
 * ffprobe (2023) and ffmpeg 7 builds crash on its service names unless they are marked UTF-8
 * (a leading 0x15 byte); `utf8Names: false` keeps the crash, to test the probe's fallback.
 */
export function makeOffsetTs(out: string, utf8Names = true): string {
  const names = utf8Names ? ['-metadata', 'service_provider=\x15gs', '-metadata', 'service_name=\x15gs'] : [];
  runTool('ffmpeg', [
    '-v', 'error', '-y', ...TESTSRC('320x240', 25), '-t', '8', '-c:v', 'mpeg2video', '-q:v', '5',
    '-f', 'mpegts', '-output_ts_offset', '10', ...names, out,
  ]);
  return out;
}

/** An MP4 with an edit list that starts it at 5 s. */
export function makeOffsetMp4(out: string): string {
  runTool('ffmpeg', ['-v', 'error', '-y', ...TESTSRC('160x120', 25), '-t', '1', '-c:v', 'mpeg4', '-q:v', '5', '-output_ts_offset', '5', out]);
  return out;
}

/**
 * A variable-frame-rate clip: 30 frames whose gaps grow from 40 ms to 270 ms, at millisecond
 * precision. Passthrough timing keeps the times; the encoder's time base is set to 1/1000 (in
 * ffmpeg 4 through `-r`, which ffmpeg 7 refuses next to passthrough).
 */
export function makeVfrClip(out: string): string {
  const timing = isModernFfmpeg() ? ['-fps_mode', 'passthrough', '-enc_time_base', '1/1000'] : ['-vsync', '0', '-r', '1000'];
  runTool('ffmpeg', [
    '-v', 'error', '-y', ...TESTSRC('160x120', 25), '-frames:v', '30',
    '-vf', "settb=1/1000,setpts='(N*N*0.004+N*0.037)/TB'",
    ...timing, '-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '0', out,
  ]);
  return out;
}

/** ffprobe's own per-frame times of the first video stream. */
export function probeFrameTimes(file: string): number[] {
  const csv = runTool('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0', file]);
  return csv
    .split('\n')
    .map((l) => l.split(',')[0].trim())
    .filter(Boolean)
    .map(Number);
}

/** An audio-only file. */
export function makeAudioOnly(out: string): string {
  runTool('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', out]);
  return out;
}

/** Copies the first `bytes` bytes of a file. */
export function copyHead(src: string, out: string, bytes: number): string {
  const buf = Buffer.alloc(bytes);
  const fd = openSync(src, 'r');
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  writeFileSync(out, buf.subarray(0, n));
  return out;
}

/** A text file under a video name. */
export function makeTextFile(out: string): string {
  writeFileSync(out, 'this is not a video\n'.repeat(20));
  return out;
}

/** An executable script that acts as a broken ffmpeg: prints an error and exits 1. */
export function makeFailingFfmpeg(out: string): string {
  writeFileSync(out, '#!/bin/sh\necho "Conversion failed: simulated encoder crash" >&2\nexit 1\n');
  chmodSync(out, 0o755);
  return out;
}
