import type { InferenceSession, RunOptions } from './session-types';
import type { FloatTensor } from './tensor';

/** Runs each call on a free session of the pool, queueing calls while all are busy. */
export interface SessionPool {
  run(feeds: Record<string, FloatTensor>, options?: RunOptions): Promise<Record<string, FloatTensor>>;
  dispose(): Promise<void>;
}

/**
 * Spreads runs over sessions of the same model: a caller that keeps `sessions.length` frames in
 * flight uses every session (each in its own worker thread), and one more waits for the first free.
 *
 * @example
 * const pool = createSessionPool([await createInferenceSession(p), await createInferenceSession(p)]);
 * const [a, b] = await Promise.all([pool.run(feedsA), pool.run(feedsB)]);
 */
export function createSessionPool(sessions: readonly InferenceSession[]): SessionPool {
  if (sessions.length === 0) throw new Error('a session pool needs at least one session');
  const idle = [...sessions];
  const waiting: ((s: InferenceSession) => void)[] = [];
  const release = (s: InferenceSession): void => {
    const next = waiting.shift();
    if (next) next(s);
    else idle.push(s);
  };
  return {
    async run(feeds, options) {
      const session = idle.pop() ?? (await new Promise<InferenceSession>((resolve) => waiting.push(resolve)));
      try {
        return await session.run(feeds, options);
      } finally {
        release(session);
      }
    },
    async dispose() {
      await Promise.all(sessions.map((s) => s.dispose()));
    },
  };
}
