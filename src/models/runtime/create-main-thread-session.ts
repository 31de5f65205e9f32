import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { GroundstreamError } from '../../core/errors';
import { checkFeeds } from './check-feeds';
import { createFloat32Pool, isShared } from './shared-tensors';
import type { ExecutionProvider, InferenceSession, InputInfo, SessionOptions } from './session-types';
import type { FloatTensor } from './tensor';

function providerHint(provider: ExecutionProvider): string {
  if (provider === 'cuda') {
    return 'the CUDA provider is not bundled with onnxruntime-node: fetch it with `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node` ' +
      '(needs internet, CUDA 12 and cuDNN 9), or use --provider cpu';
  }
  return 'use --provider cpu';
}

function toInputInfo(session: ort.InferenceSession): InputInfo[] {
  return session.inputNames.map((name, i) => {
    const meta = session.inputMetadata[i] as { isTensor: boolean; shape?: readonly (number | string)[] };
    const dims = meta?.isTensor && meta.shape ? meta.shape.map((d) => (typeof d === 'number' ? d : -1)) : [];
    return { name, dims };
  });
}

/** A session on the calling thread (what a worker session runs inside its worker). */
export async function createMainThreadSession(modelPath: string, options: SessionOptions = {}): Promise<InferenceSession> {
  const modelId = options.modelId ?? modelPath;
  const provider = options.executionProvider ?? 'cpu';
  const intraOpNumThreads = options.intraOpNumThreads ?? Math.max(1, os.availableParallelism());
  if (!Number.isInteger(intraOpNumThreads) || intraOpNumThreads < 1) {
    throw new GroundstreamError('invalid_argument', modelId, `intraOpNumThreads must be a positive integer, got ${intraOpNumThreads}`);
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, {
      executionProviders: [provider],
      intraOpNumThreads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // Errors only: some exported models (UltraFace) warn once per initializer on every load.
      logSeverityLevel: 3,
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (provider !== 'cpu') {
      throw new GroundstreamError('provider_unavailable', modelId, `execution provider "${provider}" could not load model "${modelId}": ${reason}; ${providerHint(provider)}`, { cause: e });
    }
    throw new GroundstreamError('model_input_mismatch', modelId, `model "${modelId}" at ${modelPath} could not be loaded: ${reason}`, { cause: e });
  }
  const inputs = toInputInfo(session);
  const outputNames = [...session.outputNames];

  // private copies of shared inputs, reused run after run (each run in flight has its own)
  const staging = createFloat32Pool(4, (n) => new Float32Array(n));
  const run = async (feeds: Record<string, FloatTensor>): Promise<Record<string, FloatTensor>> => {
    const problem = checkFeeds(modelId, inputs, feeds);
    if (problem) throw new GroundstreamError('model_input_mismatch', modelId, problem);
    const ortFeeds: Record<string, ort.Tensor> = {};
    const staged: Float32Array[] = [];
    for (const [name, t] of Object.entries(feeds)) {
      // onnxruntime-node rejects shared memory ("Invalid argument"): copy into a private array
      let data = t.data;
      if (isShared(data)) {
        data = staging.take(data.length);
        data.set(t.data);
        staged.push(data);
      }
      ortFeeds[name] = new ort.Tensor('float32', data, t.dims);
    }
    const results = await session.run(ortFeeds).finally(() => staged.forEach((a) => staging.give(a)));
    const out: Record<string, FloatTensor> = {};
    for (const name of outputNames) {
      const t = results[name];
      out[name] = { data: t.data as Float32Array, dims: t.dims };
    }
    return out;
  };

  if (options.warmup !== false && inputs.every((i) => i.dims.every((d) => d > 0))) {
    const feeds: Record<string, FloatTensor> = {};
    for (const i of inputs) feeds[i.name] = { data: new Float32Array(i.dims.reduce((a, b) => a * b, 1)), dims: i.dims };
    await run(feeds);
  }

  return {
    modelId,
    provider,
    intraOpNumThreads,
    inputs,
    outputNames,
    run,
    dispose: () => session.release(),
  };
}

