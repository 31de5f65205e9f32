/**
 * Constant-velocity Kalman filter on boxes, as in SORT/ByteTrack: the state is
 * `[cx, cy, aspect, height, vcx, vcy, vaspect, vheight]` (aspect = width / height, one frame per
 * step), the measurement `[cx, cy, aspect, height]`. Noise scales with the box height, so a big
 * near object and a small far one are equally (un)certain relative to their size.
 *
 * State lives in plain objects ({@link KalmanBoxState}); the functions change it in place so a
 * tracker of many objects allocates nothing per frame but a few scratch arrays.
 */

/** Mean (8) and row-major covariance (8 × 8) of one box's state. */
export interface KalmanBoxState {
  readonly mean: Float64Array;
  readonly covariance: Float64Array;
}

/** Noise weights relative to the box height (ByteTrack's `_std_weight_position`, `_std_weight_velocity`). */
export interface KalmanNoiseWeights {
  position: number;
  velocity: number;
}

/** ByteTrack's weights: position 1/20, velocity 1/160 of the box height. */
export const DEFAULT_KALMAN_WEIGHTS: Readonly<KalmanNoiseWeights> = Object.freeze({ position: 1 / 20, velocity: 1 / 160 });

const DIM = 4;
const N = 8;
// A zero or negative height would make the noise vanish and the innovation matrix singular.
const MIN_NOISE_HEIGHT = 1;

function noiseHeight(state: KalmanBoxState): number {
  const h = state.mean[3];
  return h > MIN_NOISE_HEIGHT ? h : MIN_NOISE_HEIGHT;
}

/** `[cx, cy, aspect, height]` of box `i` of a flat xyxy array. */
export function xyxyToMeasurement(xyxy: ArrayLike<number>, i = 0, out: Float64Array = new Float64Array(DIM)): Float64Array {
  const x1 = xyxy[i * 4];
  const y1 = xyxy[i * 4 + 1];
  const x2 = xyxy[i * 4 + 2];
  const y2 = xyxy[i * 4 + 3];
  const h = y2 - y1;
  out[0] = (x1 + x2) / 2;
  out[1] = (y1 + y2) / 2;
  out[2] = (x2 - x1) / h;
  out[3] = h;
  return out;
}

/** The xyxy box of a state's mean. */
export function stateToXyxy(state: KalmanBoxState, out: Float64Array = new Float64Array(4)): Float64Array {
  const [cx, cy, a, h] = state.mean;
  const w = a * h;
  out[0] = cx - w / 2;
  out[1] = cy - h / 2;
  out[2] = cx + w / 2;
  out[3] = cy + h / 2;
  return out;
}

/**
 * A new state at a measured box, velocities zero and uncertain (ten times the per-frame noise),
 * as ByteTrack's `initiate`.
 *
 * @example
 * const s = initiateKalmanBox(xyxyToMeasurement([10, 10, 30, 50]));
 * predictKalmanBox(s);
 * updateKalmanBox(s, xyxyToMeasurement([12, 10, 32, 50]));
 * stateToXyxy(s); // ≈ [11.x, 10, 31.x, 50]
 */
export function initiateKalmanBox(measurement: ArrayLike<number>, weights: KalmanNoiseWeights = DEFAULT_KALMAN_WEIGHTS): KalmanBoxState {
  const mean = new Float64Array(N);
  for (let i = 0; i < DIM; i++) mean[i] = measurement[i];
  const state: KalmanBoxState = { mean, covariance: new Float64Array(N * N) };
  const h = noiseHeight(state);
  const p = 2 * weights.position * h;
  const v = 10 * weights.velocity * h;
  const std = [p, p, 1e-2, p, v, v, 1e-5, v];
  for (let i = 0; i < N; i++) state.covariance[i * N + i] = std[i] * std[i];
  return state;
}

/** Moves the state one frame ahead: x ← F x, P ← F P Fᵀ + Q. */
export function predictKalmanBox(state: KalmanBoxState, weights: KalmanNoiseWeights = DEFAULT_KALMAN_WEIGHTS): void {
  const { mean, covariance: P } = state;
  const h = noiseHeight(state);
  for (let i = 0; i < DIM; i++) mean[i] += mean[i + DIM];
  // F = [[I, I], [0, I]] is sparse: F P adds row i+4 to row i, (F P) Fᵀ adds column j+4 to column j.
  for (let i = 0; i < DIM; i++) for (let j = 0; j < N; j++) P[i * N + j] += P[(i + DIM) * N + j];
  for (let j = 0; j < DIM; j++) for (let i = 0; i < N; i++) P[i * N + j] += P[i * N + j + DIM];
  const p = weights.position * h;
  const v = weights.velocity * h;
  const q = [p, p, 1e-2, p, v, v, 1e-5, v];
  for (let i = 0; i < N; i++) P[i * N + i] += q[i] * q[i];
}

/** Corrects the state with a measured `[cx, cy, aspect, height]`. */
export function updateKalmanBox(state: KalmanBoxState, measurement: ArrayLike<number>, weights: KalmanNoiseWeights = DEFAULT_KALMAN_WEIGHTS): void {
  const { mean, covariance: P } = state;
  const h = noiseHeight(state);
  const r = weights.position * h;
  const rDiag = [r, r, 1e-1, r];
  // H selects the first four state components, so H P Hᵀ is P's top-left block and P Hᵀ its left columns.
  const S = new Float64Array(DIM * DIM);
  for (let i = 0; i < DIM; i++) {
    for (let j = 0; j < DIM; j++) S[i * DIM + j] = P[i * N + j];
    S[i * DIM + i] += rDiag[i] * rDiag[i];
  }
  const L = cholesky4(S);
  const PHt = new Float64Array(N * DIM);
  for (let i = 0; i < N; i++) for (let j = 0; j < DIM; j++) PHt[i * DIM + j] = P[i * N + j];
  // K = P Hᵀ S⁻¹; S is symmetric, so each row of K solves S k = (row of P Hᵀ).
  const K = new Float64Array(N * DIM);
  for (let i = 0; i < N; i++) choleskySolve4(L, PHt, i * DIM, K, i * DIM);
  const y = new Float64Array(DIM);
  for (let j = 0; j < DIM; j++) y[j] = measurement[j] - mean[j];
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < DIM; j++) s += K[i * DIM + j] * y[j];
    mean[i] += s;
  }
  // P ← P − K S Kᵀ = P − K (P Hᵀ)ᵀ, symmetrised so rounding cannot make it drift apart.
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      let s = 0;
      for (let k = 0; k < DIM; k++) s += K[i * DIM + k] * PHt[j * DIM + k];
      const v = P[i * N + j] - s;
      const w = P[j * N + i] - s;
      P[i * N + j] = P[j * N + i] = (v + w) / 2;
    }
  }
}

/** Lower-triangular L with L Lᵀ = S for a symmetric positive-definite 4 × 4 S. */
function cholesky4(S: Float64Array): Float64Array {
  const L = new Float64Array(DIM * DIM);
  for (let i = 0; i < DIM; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S[i * DIM + j];
      for (let k = 0; k < j; k++) s -= L[i * DIM + k] * L[j * DIM + k];
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`Kalman innovation covariance is not positive definite (pivot ${s})`);
        L[i * DIM + i] = Math.sqrt(s);
      } else {
        L[i * DIM + j] = s / L[j * DIM + j];
      }
    }
  }
  return L;
}

/** Solves L Lᵀ x = b for the 4-vector b at `b[bOff..]`, writing x at `x[xOff..]`. */
function choleskySolve4(L: Float64Array, b: Float64Array, bOff: number, x: Float64Array, xOff: number): void {
  const z = new Float64Array(DIM);
  for (let i = 0; i < DIM; i++) {
    let s = b[bOff + i];
    for (let k = 0; k < i; k++) s -= L[i * DIM + k] * z[k];
    z[i] = s / L[i * DIM + i];
  }
  for (let i = DIM - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < DIM; k++) s -= L[k * DIM + i] * x[xOff + k];
    x[xOff + i] = s / L[i * DIM + i];
  }
}
