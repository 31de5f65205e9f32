import type { Caption, CaptionSpan } from '../../core/events';

/** A piece of caption text; with `regionIds` it is a noun phrase naming those regions and becomes a span. */
export interface Piece {
  text: string;
  regionIds?: readonly string[];
}

/**
 * Length of a string in Unicode code points, the unit of caption span offsets. JavaScript's
 * `length` counts UTF-16 units, two for a character outside the BMP (most emoji), Go and Rust
 * strings count UTF-8 bytes; code points are the one count that does not depend on the reader's
 * encoding (and Python indexes strings by them), so spans use code points.
 *
 * @example
 * codePointLength('EXIT 🚪') // 6 (its `length` is 7)
 */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; a lone surrogate counts as one.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * The caption text of a run of pieces, with one span per piece that names regions (offsets in code
 * points). Pieces follow each other, so the spans cannot overlap. A piece with no text or no region
 * gives no span.
 *
 * @example
 * piecesToCaption([{ text: 'a red car', regionIds: ['r1'] }, { text: ' in the centre.' }])
 * // { text: 'a red car in the centre.', spans: [{ start: 0, end: 9, regionIds: ['r1'] }] }
 */
export function piecesToCaption(pieces: readonly Piece[]): Caption {
  let text = '';
  let offset = 0;
  const spans: CaptionSpan[] = [];
  for (const piece of pieces) {
    const length = codePointLength(piece.text);
    if (piece.regionIds && piece.regionIds.length > 0 && length > 0) {
      spans.push({ start: offset, end: offset + length, regionIds: [...piece.regionIds] });
    }
    text += piece.text;
    offset += length;
  }
  return { text, spans };
}

/**
 * Captions one after another with `separator` between them, their spans moved by the code points
 * that come before.
 *
 * @example
 * joinCaptions([{ text: 'A car.', spans: [] }, { text: 'A dog.', spans: [{ start: 0, end: 5, regionIds: ['d'] }] }])
 * // { text: 'A car. A dog.', spans: [{ start: 7, end: 12, regionIds: ['d'] }] }
 */
export function joinCaptions(captions: readonly Caption[], separator = ' '): Caption {
  const pieces: Piece[] = [];
  captions.forEach((caption, k) => {
    if (k > 0) pieces.push({ text: separator });
    pieces.push(...captionToPieces(caption));
  });
  return piecesToCaption(pieces);
}

function captionToPieces(caption: Caption): Piece[] {
  // Spans are in code points: walk the text by code point to cut it back into pieces.
  const chars = Array.from(caption.text);
  const pieces: Piece[] = [];
  let at = 0;
  for (const span of [...caption.spans].sort((p, q) => p.start - q.start)) {
    if (span.start > at) pieces.push({ text: chars.slice(at, span.start).join('') });
    pieces.push({ text: chars.slice(span.start, span.end).join(''), regionIds: span.regionIds });
    at = span.end;
  }
  if (at < chars.length) pieces.push({ text: chars.slice(at).join('') });
  return pieces;
}

/**
 * A sentence of pieces: the first letter upper-cased and a full stop at the end. Only an ASCII
 * lower-case first letter is changed, since other letters may change length when upper-cased
 * ("ß" → "SS") and so move every span.
 *
 * @example
 * sentence([{ text: 'three people', regionIds: ['a', 'b', 'c'] }]) // 'Three people.' with the span kept
 */
export function sentence(pieces: readonly Piece[]): Piece[] {
  const out = pieces.map((p) => ({ ...p }));
  const first = out.find((p) => p.text.length > 0);
  if (first && /^[a-z]/.test(first.text)) first.text = first.text[0]!.toUpperCase() + first.text.slice(1);
  out.push({ text: '.' });
  return out;
}

/**
 * Items joined as an English list: "A", "A and B", "A, B and C" (no serial comma).
 *
 * @example
 * joinList([[{ text: 'a car' }], [{ text: 'a dog' }], [{ text: 'a cat' }]]) // 'a car, a dog and a cat'
 */
export function joinList(items: readonly (readonly Piece[])[]): Piece[] {
  const out: Piece[] = [];
  items.forEach((item, k) => {
    if (k > 0) out.push({ text: k === items.length - 1 ? ' and ' : ', ' });
    out.push(...item);
  });
  return out;
}
