/** buf curl prints each response message as an indented JSON document, one after another: those documents. */
export function parseJsonStream<T = Record<string, unknown>>(text: string): T[] {
  const docs: T[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) docs.push(JSON.parse(text.slice(start, i + 1)) as T);
  }
  return docs;
}
