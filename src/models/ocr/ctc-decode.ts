import type { FloatTensor } from '../runtime/tensor';

/** A text line read by the recogniser. */
export interface ReadText {
  text: string;
  /** Mean of the kept steps' probabilities; 0 when nothing was read. */
  score: number;
}

/**
 * The recogniser's classes for a PaddleOCR dictionary: class 0 is the CTC blank, then the
 * dictionary's characters, then a space (PP-OCR models are trained with `use_space_char`).
 *
 * @example
 * toCtcCharset(['a', 'b']); // ['', 'a', 'b', ' ']
 */
export function toCtcCharset(dictionary: readonly string[]): string[] {
  return ['', ...dictionary, ' '];
}

/**
 * Greedy CTC decoding of a `[batch, steps, classes]` probability tensor: the most likely class per
 * step, repeats merged, blanks (class 0) dropped; a line's score is the mean probability of the
 * steps it kept. Throws when the model's class count does not match the charset (the wrong
 * dictionary for the model).
 *
 * @example
 * decodeCtc(output, toCtcCharset(dictionary)); // [{ text: 'DO NOT BLEACH', score: 0.97 }]
 */
export function decodeCtc(probs: FloatTensor, charset: readonly string[]): ReadText[] {
  const [batch, steps, classes] = probs.dims;
  if (classes !== charset.length) {
    throw new Error(`the recogniser has ${classes} classes but the dictionary gives ${charset.length} (blank + characters + space): wrong dictionary for this model`);
  }
  const out: ReadText[] = [];
  for (let n = 0; n < batch; n++) {
    let text = '';
    let sum = 0;
    let kept = 0;
    let prev = -1;
    for (let t = 0; t < steps; t++) {
      const row = (n * steps + t) * classes;
      let best = 0;
      let bestP = probs.data[row];
      for (let c = 1; c < classes; c++) {
        const p = probs.data[row + c];
        if (p > bestP) { bestP = p; best = c; }
      }
      if (best !== 0 && best !== prev) {
        text += charset[best];
        sum += bestP;
        kept++;
      }
      prev = best;
    }
    out.push({ text, score: kept > 0 ? sum / kept : 0 });
  }
  return out;
}
