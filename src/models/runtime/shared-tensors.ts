import type { FloatTensor } from './tensor';

/** A float array on a SharedArrayBuffer: both sides of a worker session see the same memory. */
export function createSharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

/** True when the array's memory is shared between threads (onnxruntime-node cannot read it in place). */
export function isShared(data: Float32Array): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer;
}

/** Float arrays kept by length for reuse: `take` hands out a free one of that length or allocates. */
export interface Float32Pool {
  take(length: number): Float32Array;
  /** Keeps an array for a later `take` (up to the pool's capacity; never the same one twice). */
  give(data: Float32Array): void;
}

/**
 * A pool of float arrays by length, allocated with `allocate` when none is free.
 *
 * @example
 * const pool = createFloat32Pool(4, (n) => new Float32Array(n));
 * const a = pool.take(1024); pool.give(a); pool.take(1024) === a; // true
 */
export function createFloat32Pool(capacity: number, allocate: (length: number) => Float32Array): Float32Pool {
  const free: Float32Array[] = [];
  return {
    take(length) {
      const i = free.findIndex((a) => a.length === length);
      return i >= 0 ? free.splice(i, 1)[0] : allocate(length);
    },
    give(data) {
      if (free.length < capacity && !free.includes(data)) free.push(data);
    },
  };
}

/** Arrays finished with, kept to be filled again for the next frames. */
export interface Spares<T> {
  /** A free item (the last given), or undefined: the caller then allocates. */
  take(): T | undefined;
  /** Hands an item back once nothing reads or writes it any more. */
  give(item: T): void;
}

/** Shared input arrays by length, and the private array a tensor is converted in first. */
export interface SpareInputs {
  /**
   * Copies a finished tensor into a free shared array of its length (allocating one the first
   * times). Converting bytes to floats straight into shared memory takes V8's slow path (6× a
   * private array, measured), so tensors are made in `staging` and copied over.
   */
  share(data: Float32Array): Float32Array;
  /** A private array to make the next tensor in (one per detector: it is copied out at once). */
  staging(): Float32Array | undefined;
  /** Hands a shared array back once its run has settled. */
  give(data: Float32Array): void;
}

/**
 * Input tensors on shared memory, kept between runs. A worker session reads a shared input without
 * any message carrying its memory: a moved or fresh 2 MB array per frame makes the calling thread
 * count 2 MB of new external memory, and V8 answers that churn with full garbage collections
 * (measured on tiled scenes: one every ~0.2 s, tens of ms each). A detector with N runs in flight
 * cycles through about N + 1 of these.
 *
 * @example
 * const spare = createSpareInputs(3);
 * const t = toInput(frame, spare.staging());
 * const data = spare.share(t.data);
 * await pool.run({ images: { data, dims: t.dims } }).finally(() => spare.give(data));
 */
export function createSpareInputs(capacity: number): SpareInputs {
  const pool = createFloat32Pool(capacity, createSharedFloat32);
  let staging: Float32Array | undefined;
  return {
    staging: () => staging,
    share(data) {
      if (!isShared(data)) staging = data;
      const shared = pool.take(data.length);
      shared.set(data);
      return shared;
    },
    give(data) {
      if (isShared(data)) pool.give(data);
    },
  };
}

/**
 * Output sets kept between runs, to lend to the next run as `spareOutputs`: a worker session copies
 * its results into these shared arrays instead of moving new memory to the calling thread each run
 * (YOLOX at 416 returns 1.2 MB a frame). Plain outputs given back are replaced by shared arrays of
 * the same sizes.
 *
 * @example
 * const spareOut = createSpareOutputs(3);
 * const outputs = await pool.run(feeds, { spareOutputs: spareOut.take() });
 * try { return decode(outputs); } finally { spareOut.give(outputs); }
 */
export function createSpareOutputs(capacity: number): Spares<Record<string, FloatTensor>> {
  const free: Record<string, FloatTensor>[] = [];
  return {
    take: () => free.pop(),
    give(outputs) {
      if (free.length >= capacity || free.includes(outputs)) return;
      if (Object.values(outputs).every((t) => isShared(t.data))) {
        free.push(outputs);
        return;
      }
      const shared: Record<string, FloatTensor> = {};
      for (const [name, t] of Object.entries(outputs)) shared[name] = isShared(t.data) ? t : { data: createSharedFloat32(t.data.length), dims: t.dims };
      free.push(shared);
    },
  };
}
