import { createMainThreadSession } from './create-main-thread-session';
import { createWorkerSession } from './create-worker-session';
import type { InferenceSession, SessionOptions } from './session-types';

export { checkFeeds } from './check-feeds';
export type { ExecutionProvider, InferenceSession, InputInfo, SessionOptions } from './session-types';

/**
 * Loads an ONNX model with an explicit thread count and execution provider, and warms it up.
 *
 * @example
 * const session = await createInferenceSession('/models/yolox_nano_416.onnx', { intraOpNumThreads: 2 });
 * const out = await session.run({ images: { data, dims: [1, 3, 416, 416] } });
 */
export async function createInferenceSession(modelPath: string, options: SessionOptions = {}): Promise<InferenceSession> {
  if ((options.thread ?? 'worker') === 'worker') return createWorkerSession(modelPath, options);
  return createMainThreadSession(modelPath, options);
}

