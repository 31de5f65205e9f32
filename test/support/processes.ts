import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

/** A process as /proc/<pid>/stat describes it. */
export interface ProcessEntry {
  pid: number;
  /** Executable name as the kernel keeps it (at most 15 characters). */
  comm: string;
  /** R, S, D, Z (zombie: exited, not yet reaped), ... */
  state: string;
  ppid: number;
}

function readStat(pid: string): ProcessEntry | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited while we looked
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so cut at the last ')'.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text.slice(close + 2).split(' ');
  return { pid: Number(pid), comm: text.slice(open + 1, close), state: rest[0], ppid: Number(rest[1]) };
}

/** The direct children of a process (default: this one), zombies included. */
export function childProcesses(ppid: number = process.pid): ProcessEntry[] {
  const out: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readStat(name);
    if (entry && entry.ppid === ppid) out.push(entry);
  }
  return out;
}

/** Children of this process whose name says ffmpeg or ffprobe. */
export function ffmpegChildren(): ProcessEntry[] {
  return childProcesses().filter((p) => /ffmpeg|ffprobe/i.test(p.comm));
}

/** True while /proc/<pid> exists (running or not yet reaped). */
export function processExists(pid: number): boolean {
  return readStat(String(pid)) !== undefined;
}

/**
 * Fails when an ffmpeg/ffprobe child of this process is left, running or as an unreaped zombie.
 * Checked at once, not polled: the API promises that ffmpeg has exited when its call settles.
 */
export function assertNoFfmpegChildren(context = ''): void {
  const left = ffmpegChildren();
  assert.deepEqual(
    left.map((p) => `${p.pid} ${p.comm} ${p.state}`),
    [],
    `ffmpeg processes left behind${context ? ` ${context}` : ''}`,
  );
}

/**
 * Live ffmpeg/ffprobe processes anywhere on the machine whose command line mentions `needle`
 * (e.g. a unique input path): finds orphans of a child process that has already exited.
 */
export function ffmpegProcessesMentioning(needle: string): ProcessEntry[] {
  const out: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readStat(name);
    if (!entry || entry.state === 'Z' || !/ffmpeg|ffprobe/i.test(entry.comm)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes(needle)) out.push(entry);
  }
  return out;
}
