/** What a progress line shows. */
export interface Progress {
  done: number;
  /** Total expected; 0 when unknown. */
  total: number;
  framesPerSec: number;
}

/**
 * One progress line: `frames 120/795 [████░░░░] 15% 62.3 fps`, or without bar and percent when
 * the total is unknown.
 *
 * @example
 * formatProgress({ done: 1, total: 4, framesPerSec: 10 }, 8) // 'frames 1/4 [██░░░░░░] 25% 10.0 fps'
 */
export function formatProgress(p: Progress, barWidth = 24): string {
  const fps = `${p.framesPerSec.toFixed(1)} fps`;
  if (!(p.total > 0)) return `frames ${p.done} ${fps}`;
  const ratio = Math.min(1, p.done / p.total);
  const filled = Math.round(ratio * barWidth);
  return `frames ${p.done}/${p.total} [${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${Math.floor(ratio * 100)}% ${fps}`;
}

/** Draws progress on a terminal stream, at most every `intervalMs`; silent when it is not a TTY. */
export function createProgressBar(stream: NodeJS.WriteStream, intervalMs = 200) {
  let last = 0;
  let ended = false;
  const enabled = Boolean(stream.isTTY);
  return {
    update(p: Progress, force = false): void {
      if (!enabled) return;
      const now = Date.now();
      if (!force && now - last < intervalMs) return;
      last = now;
      stream.write(`\r${formatProgress(p)}\x1b[K`);
    },
    end(): void {
      if (enabled && !ended) stream.write('\n');
      ended = true;
    },
  };
}
