import type { InputInfo } from './session-types';
import type { FloatTensor } from './tensor';

function shapeText(dims: readonly number[]): string {
  return `[${dims.join(',')}]`;
}

/** Checks feeds against the declared inputs; returns a message, or undefined when they fit. */
export function checkFeeds(modelId: string, inputs: readonly InputInfo[], feeds: Record<string, FloatTensor>): string | undefined {
  for (const input of inputs) {
    const feed = feeds[input.name];
    if (!feed) return `model "${modelId}" needs input "${input.name}" ${shapeText(input.dims)}; got inputs: ${Object.keys(feeds).join(', ') || 'none'}`;
    const fits = feed.dims.length === input.dims.length && input.dims.every((d, i) => !(d > 0) || d === feed.dims[i]);
    if (!fits) return `model "${modelId}" input "${input.name}" must have shape ${shapeText(input.dims)}, got ${shapeText(feed.dims)}`;
    const size = feed.dims.reduce((a, b) => a * b, 1);
    if (feed.data.length !== size) return `model "${modelId}" input "${input.name}" has ${feed.data.length} values for shape ${shapeText(feed.dims)} (${size})`;
  }
  const extra = Object.keys(feeds).filter((k) => !inputs.some((i) => i.name === k));
  if (extra.length) return `model "${modelId}" has no input named ${extra.join(', ')}; inputs: ${inputs.map((i) => i.name).join(', ')}`;
  return undefined;
}
