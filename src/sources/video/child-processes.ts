import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Every ffmpeg/ffprobe this module has spawned and not yet seen exit. A process 'exit' hook kills
 * what is left, so that an exiting Node process leaves no decoder behind.
 */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAllOnExit(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** True once the child has exited (and Node has reaped it). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Spawns a binary without a shell, stdin closed, stdout and stderr piped, and registers it for the
 * exit hook. Spawn failures (ENOENT) arrive as the child's 'error' event, as with `spawn`.
 */
export function spawnTracked(command: string, args: readonly string[]): ChildProcess {
  if (!exitHookInstalled) {
    process.on('exit', killAllOnExit);
    exitHookInstalled = true;
  }
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  live.add(child);
  const forget = (): void => {
    live.delete(child);
  };
  child.once('exit', forget);
  child.once('error', forget);
  // Errors of our end of the pipes (EPIPE, reset after a kill) are not decode errors.
  child.stdout?.on('error', () => undefined);
  child.stderr?.on('error', () => undefined);
  return child;
}

/** Resolves when the child has exited (immediately if it has, or never started). */
export function waitForExit(child: ChildProcess): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
}

/**
 * Stops a child and waits until it has exited: closes our end of its stdout (so a write blocked on
 * the pipe fails), sends SIGTERM, then SIGKILL when it has not exited after `graceMs`.
 */
export async function stopChild(child: ChildProcess, graceMs = 1000): Promise<void> {
  child.stdout?.destroy();
  if (hasExited(child) || child.pid === undefined) {
    child.stderr?.destroy();
    await waitForExit(child);
    return;
  }
  const exited = waitForExit(child);
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const first = await Promise.race([exited.then(() => 'exited' as const), graceOver]);
  if (timer) clearTimeout(timer);
  if (first === 'timeout' && !hasExited(child)) child.kill('SIGKILL');
  await exited;
  child.stderr?.destroy();
}

/** What a short-lived child printed, with how it ended. */
export interface CapturedRun {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The spawn error (e.g. ENOENT), when the binary could not be started. */
  spawnError?: NodeJS.ErrnoException;
  /** True when it was stopped for running past `timeoutMs`. */
  timedOut?: boolean;
  /** True when it was stopped because `signal` was aborted. */
  aborted?: boolean;
}

/** Bounds on a short-lived child: past `timeoutMs`, or once `signal` aborts, it is stopped. */
export interface RunLimits {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs a short-lived command to its end and captures its output, each stream capped at `maxBytes`
 * (the tail is kept for stderr, the head for stdout). With `limits`, a child that runs too long or
 * whose signal aborts is stopped (SIGTERM, then SIGKILL), and the result says which.
 */
export function runCaptured(
  command: string,
  args: readonly string[],
  maxBytes = 16 * 1024 * 1024,
  limits: RunLimits = {},
): Promise<CapturedRun> {
  return new Promise((resolve) => {
    if (limits.signal?.aborted) {
      resolve({ stdout: '', stderr: '', exitCode: null, signal: null, aborted: true });
      return;
    }
    const child = spawnTracked(command, args);
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let spawnError: NodeJS.ErrnoException | undefined;
    let timedOut = false;
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      void stopChild(child, 200);
    };
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      limits.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            void stopChild(child, 200);
          }, limits.timeoutMs)
        : undefined;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (outBytes < maxBytes) {
        out.push(chunk);
        outBytes += chunk.length;
      }
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      err += chunk;
      if (err.length > maxBytes) err = err.slice(err.length - maxBytes);
    });
    child.once('error', (e: NodeJS.ErrnoException) => {
      spawnError = e;
      // A failed spawn may never emit 'close'.
      if (child.pid === undefined) finish(null, null);
    });
    let done = false;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      const run: CapturedRun = { stdout: Buffer.concat(out).toString('utf8'), stderr: err, exitCode, signal, spawnError };
      if (timedOut) run.timedOut = true;
      if (aborted) run.aborted = true;
      resolve(run);
    };
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => finish(code, signal));
  });
}

/** True for a spawn error that means the binary is not there or not runnable. */
export function isMissingBinaryError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR';
}
