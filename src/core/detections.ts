/**
 * Detections of one image as a struct of arrays: box `i` is `xyxy[4i..4i+3]` in source pixels
 * (pixel-corner convention), with `score[i]`, `classId[i]` and `label[i]`.
 */
export interface Detections {
  xyxy: Float32Array;
  score: Float32Array;
  classId: Int32Array;
  label: string[];
  /** Query phrase each detection answers, filled by query matching. */
  phrase?: string[];
  /** Track identity per detection, filled by tracking (0 = untracked). */
  trackId?: Int32Array;
  /** Text read per detection (OCR); '' where none. */
  text?: string[];
  /** Outline per detection as x, y pairs in source pixels (a rotated text line); empty where the box is the outline. */
  polygon?: number[][];
}

/** Number of detections. */
export function countDetections(d: Detections): number {
  return d.score.length;
}

/** An empty set of detections. */
export function emptyDetections(): Detections {
  return { xyxy: new Float32Array(0), score: new Float32Array(0), classId: new Int32Array(0), label: [] };
}

/** Keeps the detections whose index is listed, in that order. */
export function selectDetections(d: Detections, indices: ArrayLike<number>): Detections {
  const n = indices.length;
  const out: Detections = {
    xyxy: new Float32Array(n * 4),
    score: new Float32Array(n),
    classId: new Int32Array(n),
    label: new Array<string>(n),
  };
  if (d.phrase) out.phrase = new Array<string>(n);
  if (d.trackId) out.trackId = new Int32Array(n);
  if (d.text) out.text = new Array<string>(n);
  if (d.polygon) out.polygon = new Array<number[]>(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    out.xyxy.set(d.xyxy.subarray(i * 4, i * 4 + 4), k * 4);
    out.score[k] = d.score[i];
    out.classId[k] = d.classId[i];
    out.label[k] = d.label[i];
    if (out.phrase && d.phrase) out.phrase[k] = d.phrase[i];
    if (out.trackId && d.trackId) out.trackId[k] = d.trackId[i];
    if (out.text && d.text) out.text[k] = d.text[i];
    if (out.polygon && d.polygon) out.polygon[k] = d.polygon[i];
  }
  return out;
}
