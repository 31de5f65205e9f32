/**
 * Splits a WordNet `index.<pos>` file into lemma → the rest of its line, leaving the fields
 * unparsed: splitting all ~118k noun lines up front costs about three times as much, and a query
 * looks at a handful. License header lines start with a space.
 */
export function parseWordNetIndex(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const space = text.indexOf(' ', start);
    if (text.charCodeAt(start) !== 32 && space > start && space < end) {
      out.set(text.slice(start, space), text.slice(space + 1, end));
    }
    start = end + 1;
  }
  return out;
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
