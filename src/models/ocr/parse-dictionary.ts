/**
 * A PaddleOCR character dictionary: one character a line, as PaddleOCR reads it (line ends `\n`
 * or `\r\n` stripped, a final line end does not start an empty entry).
 *
 * @example
 * parseDictionary('a\nb\r\n中\n'); // ['a', 'b', '中']
 */
export function parseDictionary(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
