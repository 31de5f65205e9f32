/** A WordNet `index.<pos>` file: lemma → the rest of its line, fields unparsed. */
export interface WordNetIndex {
  get(lemma: string): string | undefined;
  has(lemma: string): boolean;
  /** The lemmas in lookup (byte) order. */
  keys(): IterableIterator<string>;
  readonly size: number;
}

/**
 * Indexes a WordNet `index.<pos>` file in place: the text stays one string and each entry is one
 * number (where its line starts), sorted by lemma, looked up by binary search as WordNet's own
 * library does. A map of ~118k noun lemmas to line strings held ~240k small heap objects that every
 * full garbage collection had to mark, for the life of a serving process. License header lines
 * start with a space.
 *
 * @example
 * const index = parseWordNetIndex(fs.readFileSync('index.noun', 'latin1'));
 * indexEntryOffsets(index.get('car') ?? ''); // ['02961779', …]
 */
export function parseWordNetIndex(text: string): WordNetIndex {
  const starts: number[] = [];
  let sorted = true;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const space = text.indexOf(' ', start);
    if (text.charCodeAt(start) !== 32 && space > start && space < end) {
      if (sorted && starts.length > 0 && compareAt(text, starts[starts.length - 1], text, start, space - start) >= 0) sorted = false;
      starts.push(start);
    }
    start = end + 1;
  }
  const lemmaAt = (s: number): string => text.slice(s, text.indexOf(' ', s));
  if (!sorted) {
    // WordNet's files are sorted; another file may not be (a later duplicate replaces an earlier one)
    const byLemma = new Map(starts.map((s) => [lemmaAt(s), s]));
    starts.length = 0;
    for (const k of [...byLemma.keys()].sort(compareBytes)) starts.push(byLemma.get(k)!);
  }
  const at = Int32Array.from(starts);
  const find = (lemma: string): number => {
    let lo = 0;
    let hi = at.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareAt(text, at[mid], lemma, 0, lemma.length);
      if (c === 0) return at[mid];
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  return {
    size: at.length,
    get(lemma) {
      const s = find(lemma);
      if (s < 0) return undefined;
      const end = text.indexOf('\n', s);
      return text.slice(s + lemma.length + 1, end < 0 ? text.length : end);
    },
    has: (lemma) => find(lemma) >= 0,
    *keys() {
      for (const s of at) yield lemmaAt(s);
    },
  };
}

/** Compares the lemma at `text[start]` (up to its space) with `key[k0 .. k0 + len)`, by char code. */
function compareAt(text: string, start: number, key: string, k0: number, len: number): number {
  for (let i = 0; ; i += 1) {
    const a = text.charCodeAt(start + i);
    const aEnd = a === 32 || Number.isNaN(a);
    if (i === len) return aEnd ? 0 : 1;
    if (aEnd) return -1;
    const b = key.charCodeAt(k0 + i);
    if (a !== b) return a - b;
  }
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Synset offsets (sense order) of one index entry, the part of the line after the lemma:
 * `pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...`.
 */
export function indexEntryOffsets(entry: string): string[] {
  const fields = entry.trim().split(' ');
  const synsetCount = Number(fields[1]);
  const pointerCount = Number(fields[2]);
  if (!(synsetCount > 0) || fields.length !== 5 + pointerCount + synsetCount) return [];
  return fields.slice(fields.length - synsetCount);
}
