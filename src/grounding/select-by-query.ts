import type { Detections } from '../core/detections';
import { selectDetections } from '../core/detections';

/**
 * Keeps the detections whose label grounds a query phrase and stamps each with that phrase.
 * `labelPhrase` maps label → phrase; `undefined` keeps every detection, phrase = label.
 *
 * @example
 * selectByQuery(dets, new Map([['person', 'pedestrians']]));
 */
export function selectByQuery(d: Detections, labelPhrase: ReadonlyMap<string, string> | undefined): Detections {
  const keep: number[] = [];
  for (let i = 0; i < d.label.length; i++) if (!labelPhrase || labelPhrase.has(d.label[i])) keep.push(i);
  const out = selectDetections(d, keep);
  out.phrase = out.label.map((l) => labelPhrase?.get(l) ?? l);
  return out;
}
