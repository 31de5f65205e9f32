import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { GroundstreamError, type ErrorCode } from '../../core/errors';
import { checkFeeds } from './check-feeds';
import { isShared } from './shared-tensors';
import type { InferenceSession, InputInfo, SessionOptions } from './session-types';
import type { FloatTensor } from './tensor';

type ErrorShape = { code: string; input: string; message: string };
type Reply =
  | { type: 'ready'; inputs: InputInfo[]; outputNames: string[]; intraOpNumThreads: number }
  | { type: 'failed'; error: ErrorShape }
  | { type: 'result'; id: number; outputs: Record<string, FloatTensor> }
  | { type: 'error'; id: number; error: ErrorShape }
  | { type: 'disposed' };

const toError = (e: ErrorShape) => new GroundstreamError(e.code as ErrorCode, e.input, e.message);

/**
 * A session that runs in a worker thread. onnxruntime-node runs inference on the calling thread, so
 * a session on the main thread stops decoding, reading tiles and serving while it runs; in a worker
 * those go on in parallel. Inputs are copied to the worker (moved, when the caller gives them up;
 * shared, when they live on a SharedArrayBuffer), outputs moved back (or copied into the caller's
 * shared spares). An idle worker never keeps the process alive; one with a run in flight does.
 */
export async function createWorkerSession(modelPath: string, options: SessionOptions): Promise<InferenceSession> {
  const modelId = options.modelId ?? modelPath;
  const worker = new Worker(path.join(__dirname, 'ort-worker-entry.cjs'), { workerData: { modelPath, options: { ...options, thread: 'main' } } });
  const pending = new Map<number, { resolve: (o: Record<string, FloatTensor>) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;
  let disposed: (() => void) | undefined;

  // Only our own listeners come off afterwards: Worker keeps internal ones that deliver messages.
  let onError: ((e: Error) => void) | undefined;
  let onExit: ((code: number) => void) | undefined;
  let onMessage: ((m: Reply) => void) | undefined;
  const ready = await new Promise<Extract<Reply, { type: 'ready' }>>((resolve, reject) => {
    onError = reject;
    onExit = (code) => reject(new GroundstreamError('internal', modelId, `the inference worker for model "${modelId}" exited (${code}) before it was ready`));
    onMessage = (m) => (m.type === 'ready' ? resolve(m) : m.type === 'failed' ? reject(toError(m.error)) : reject(new Error(`unexpected ${m.type}`)));
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.once('message', onMessage);
  }).catch(async (e) => {
    await worker.terminate();
    throw e;
  }).finally(() => {
    worker.off('error', onError!);
    worker.off('exit', onExit!);
    worker.off('message', onMessage!);
  });
  worker.unref();

  const failAll = (e: Error): void => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('message', (m: Reply) => {
    if (m.type === 'result' || m.type === 'error') {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (pending.size === 0) worker.unref();
      if (m.type === 'result') p?.resolve(m.outputs);
      else p?.reject(toError(m.error));
    } else if (m.type === 'disposed') {
      disposed?.();
    }
  });
  worker.on('error', (e) => failAll(e));
  worker.on('exit', (code) => {
    exited = true;
    failAll(new GroundstreamError('internal', modelId, `the inference worker for model "${modelId}" exited (${code})`));
    disposed?.();
  });

  return {
    modelId,
    provider: options.executionProvider ?? 'cpu',
    intraOpNumThreads: ready.intraOpNumThreads,
    inputs: ready.inputs,
    outputNames: ready.outputNames,
    run(feeds, runOptions) {
      const problem = checkFeeds(modelId, ready.inputs, feeds);
      if (problem) return Promise.reject(new GroundstreamError('model_input_mismatch', modelId, problem));
      if (exited) return Promise.reject(new GroundstreamError('internal', modelId, `the inference worker for model "${modelId}" is gone`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        const spare = runOptions?.spareOutputs && Object.values(runOptions.spareOutputs).every((t) => isShared(t.data)) ? runOptions.spareOutputs : undefined;
        worker.postMessage({ type: 'run', id, feeds, spare }, runOptions?.giveInputs ? wholeBuffers(feeds) : []);
      });
    },
    async dispose() {
      if (exited) return;
      const done = new Promise<void>((resolve) => { disposed = resolve; });
      worker.ref();
      worker.postMessage({ type: 'dispose' });
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await done;
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}

/** The buffers of tensors that own all of theirs: only those can move without taking a neighbour along. */
function wholeBuffers(feeds: Record<string, FloatTensor>): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const t of Object.values(feeds)) {
    const b = t.data.buffer;
    if (b instanceof ArrayBuffer && t.data.byteOffset === 0 && t.data.byteLength === b.byteLength && !out.includes(b)) out.push(b);
  }
  return out;
}
