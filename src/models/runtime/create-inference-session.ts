import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { GroundstreamError } from '../../core/errors';
import type { FloatTensor } from './tensor';

/** Execution providers groundstream can ask for. */
export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

/** Options of {@link createInferenceSession}. */
export interface SessionOptions {
  /** Threads inside one operator (default: all cores). */
  intraOpNumThreads?: number;
  executionProvider?: ExecutionProvider;
  /** Id used in error messages (a registry id). */
  modelId?: string;
  /** Run once on zeros so the first real frame does not pay for lazy allocation (default true). */
  warmup?: boolean;
}

/** Declared shape of an input; negative or missing entries are dynamic. */
export interface InputInfo {
  name: string;
  dims: readonly number[];
}

/** A loaded model that runs plain float tensors. */
export interface InferenceSession {
  readonly modelId: string;
  readonly provider: ExecutionProvider;
  readonly intraOpNumThreads: number;
  readonly inputs: readonly InputInfo[];
  readonly outputNames: readonly string[];
  /** Runs the model; rejects with a readable error when an input is missing or misshapen. */
  run(feeds: Record<string, FloatTensor>): Promise<Record<string, FloatTensor>>;
  dispose(): Promise<void>;
}

function shapeText(dims: readonly number[]): string {
  return `[${dims.join(',')}]`;
}

/** Checks feeds against the declared inputs; returns a message, or undefined when they fit. */
export function checkFeeds(modelId: string, inputs: readonly InputInfo[], feeds: Record<string, FloatTensor>): string | undefined {
  for (const input of inputs) {
    const feed = feeds[input.name];
    if (!feed) return `model "${modelId}" needs input "${input.name}" ${shapeText(input.dims)}; got inputs: ${Object.keys(feeds).join(', ') || 'none'}`;
    const fits = feed.dims.length === input.dims.length && input.dims.every((d, i) => !(d > 0) || d === feed.dims[i]);
    if (!fits) return `model "${modelId}" input "${input.name}" must have shape ${shapeText(input.dims)}, got ${shapeText(feed.dims)}`;
    const size = feed.dims.reduce((a, b) => a * b, 1);
    if (feed.data.length !== size) return `model "${modelId}" input "${input.name}" has ${feed.data.length} values for shape ${shapeText(feed.dims)} (${size})`;
  }
  const extra = Object.keys(feeds).filter((k) => !inputs.some((i) => i.name === k));
  if (extra.length) return `model "${modelId}" has no input named ${extra.join(', ')}; inputs: ${inputs.map((i) => i.name).join(', ')}`;
  return undefined;
}

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

/**
 * Loads an ONNX model with an explicit thread count and execution provider, and warms it up.
 *
 * @example
 * const session = await createInferenceSession('/models/yolox_nano_416.onnx', { intraOpNumThreads: 2 });
 * const out = await session.run({ images: { data, dims: [1, 3, 416, 416] } });
 */
export async function createInferenceSession(modelPath: string, options: SessionOptions = {}): Promise<InferenceSession> {
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

  const run = async (feeds: Record<string, FloatTensor>): Promise<Record<string, FloatTensor>> => {
    const problem = checkFeeds(modelId, inputs, feeds);
    if (problem) throw new GroundstreamError('model_input_mismatch', modelId, problem);
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor('float32', t.data, t.dims);
    const results = await session.run(ortFeeds);
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
