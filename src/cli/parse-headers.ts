import { InvalidArgumentError } from 'commander';

/** `["Authorization: Bearer x"]` → `{ Authorization: 'Bearer x' }`; a line without a colon is refused. */
export function parseHeaders(lines: readonly string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of lines ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new InvalidArgumentError(`header "${h}" must look like "Name: value"`);
    headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  return headers;
}
