import { parentPort, workerData } from 'node:worker_threads';
import { GroundstreamError } from '../../core/errors';
import { createMainThreadSession } from './create-main-thread-session';
import { isShared } from './shared-tensors';
import type { InferenceSession, SessionOptions } from './session-types';
import type { FloatTensor } from './tensor';

/** Messages the host answers; see create-worker-session.ts for the other side. */
type Request =
  | { type: 'run'; id: number; feeds: Record<string, FloatTensor>; spare?: Record<string, FloatTensor> }
  | { type: 'dispose' };

const errorOf = (e: unknown) =>
  e instanceof GroundstreamError ? { code: e.code, input: e.input, message: e.message } : { code: 'internal', input: '', message: e instanceof Error ? e.message : String(e) };

async function host(): Promise<void> {
  const port = parentPort!;
  const { modelPath, options } = workerData as { modelPath: string; options: SessionOptions };
  let session: InferenceSession;
  try {
    session = await createMainThreadSession(modelPath, options);
  } catch (e) {
    port.postMessage({ type: 'failed', error: errorOf(e) });
    return;
  }
  port.postMessage({ type: 'ready', inputs: session.inputs, outputNames: session.outputNames, intraOpNumThreads: session.intraOpNumThreads });
  port.on('message', async (msg: Request) => {
    if (msg.type === 'dispose') {
      await session.dispose();
      port.postMessage({ type: 'disposed' });
      port.close();
      return;
    }
    try {
      const outputs = await session.run(msg.feeds);
      // Outputs copied into the caller's shared spares travel as references: no memory moves.
      for (const [name, t] of Object.entries(outputs)) {
        const spare = msg.spare?.[name]?.data;
        if (spare && isShared(spare) && spare.length === t.data.length) {
          spare.set(t.data);
          outputs[name] = { data: spare, dims: t.dims };
        }
      }
      const transfer = Object.values(outputs).filter((t) => !isShared(t.data)).map((t) => t.data.buffer as ArrayBuffer);
      port.postMessage({ type: 'result', id: msg.id, outputs }, transfer);
    } catch (e) {
      port.postMessage({ type: 'error', id: msg.id, error: errorOf(e) });
    }
  });
}

void host();
