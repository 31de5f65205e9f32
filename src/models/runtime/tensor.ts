/**
 * A float tensor as plain data, so that adapters and tests never touch the runtime library.
 * `data.length` equals the product of `dims`.
 */
export interface FloatTensor {
  data: Float32Array;
  dims: readonly number[];
}
