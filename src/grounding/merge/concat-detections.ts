import type { Detections } from '../../core/detections';

/**
 * Concatenates detections in order. `phrase` / `trackId` are kept when any part has them,
 * filled with '' / 0 (untracked) for parts that do not.
 *
 * @example
 * concatDetections([a, b]).score // → [...a.score, ...b.score]
 */
export function concatDetections(parts: readonly Detections[]): Detections {
  const n = parts.reduce((s, d) => s + d.score.length, 0);
  const out: Detections = { xyxy: new Float32Array(n * 4), score: new Float32Array(n), classId: new Int32Array(n), label: [] };
  const withPhrase = parts.some((d) => d.phrase);
  const withTrack = parts.some((d) => d.trackId);
  if (withPhrase) out.phrase = [];
  if (withTrack) out.trackId = new Int32Array(n);
  let k = 0;
  for (const d of parts) {
    const m = d.score.length;
    out.xyxy.set(d.xyxy.subarray(0, m * 4), k * 4);
    out.score.set(d.score, k);
    out.classId.set(d.classId, k);
    out.label.push(...d.label);
    if (out.phrase) out.phrase.push(...(d.phrase ?? new Array<string>(m).fill('')));
    if (out.trackId && d.trackId) out.trackId.set(d.trackId, k);
    k += m;
  }
  return out;
}
