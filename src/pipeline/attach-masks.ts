import type { GroundingEvent, Region } from '../core/events';
import { boxToMask, connectedComponents, type ClassMap } from '../grounding/masks';
import { segmenterClassOf } from '../grounding/masks/detector-to-segmenter-labels';

/** Options of {@link attachMasks}. */
export interface AttachMasksOptions {
  /** The segmenter's class names by index (index 0: background). */
  labels: readonly string[];
  /**
   * Segmenter classes no detector reports, to add as regions of their own (one per connected
   * component), e.g. `road` from a road segmenter.
   */
  componentClasses?: readonly string[];
  /** Components smaller than this share of the frame are left out (default 0.002). */
  minAreaShare?: number;
  modelId: string;
}

/**
 * Gives each region a COCO RLE mask (SegVG-style box → mask): the segmenter's pixels of the
 * region's class inside its box. Regions whose class the segmenter lacks keep no mask. Classes
 * listed in `componentClasses` become regions of their own, one per connected component, with
 * score 1 (a segmenter gives classes, not confidences). Returns a new event; the input is kept.
 *
 * @example
 * const withMasks = attachMasks(frameEvent, await segmenter.segment(frame), { labels: segmenter.labels, modelId: segmenter.id });
 */
export function attachMasks(event: GroundingEvent, semantic: ClassMap, options: AttachMasksOptions): GroundingEvent {
  const regions: Region[] = event.regions.map((r) => {
    const k = segmenterClassOf(r.label, options.labels);
    return k > 0 ? { ...r, mask: boxToMask(semantic, k, r.box) } : r;
  });
  const minAreaPx = Math.max(1, Math.round((options.minAreaShare ?? 0.002) * semantic.width * semantic.height));
  for (const name of options.componentClasses ?? []) {
    const k = options.labels.indexOf(name);
    if (k <= 0) continue;
    for (const [n, c] of connectedComponents(semantic, k, minAreaPx).entries()) {
      regions.push({
        regionId: `f${event.frameIndex}s${k}c${n}`,
        box: c.xyxy,
        label: name,
        classId: k,
        score: 1,
        phrase: name,
        trackId: 0,
        modelId: options.modelId,
        nativeBox: [],
        tileId: '',
        text: '',
        polygon: [],
        mask: c.rle,
      });
    }
  }
  return { ...event, regions };
}
