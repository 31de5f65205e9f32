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
  /**
   * Where inference runs: `worker` (default) keeps the calling thread free for decoding, reading
   * and serving while the model runs; `main` runs on the calling thread.
   */
  thread?: 'worker' | 'main';
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
  /**
   * Runs the model; rejects with a readable error when an input is missing or misshapen. Inputs on
   * shared memory are read without moving them: keep them unchanged until the run settles.
   */
  run(feeds: Record<string, FloatTensor>, options?: RunOptions): Promise<Record<string, FloatTensor>>;
  dispose(): Promise<void>;
}

/** Options of one {@link InferenceSession.run}. */
export interface RunOptions {
  /**
   * The caller gives up the input arrays: a worker session moves their memory to its thread instead
   * of copying it (arrays that are views into a larger buffer are still copied). They read as empty
   * afterwards.
   */
  giveInputs?: boolean;
  /**
   * Outputs of an earlier run that the caller has finished reading, on shared memory
   * (SharedArrayBuffer): a worker session copies this run's outputs of the same size into them and
   * returns those, instead of moving new memory to the calling thread each run. Others are ignored.
   */
  spareOutputs?: Record<string, FloatTensor>;
}
