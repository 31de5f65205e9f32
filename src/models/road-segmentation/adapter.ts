import type { ModelEntry } from '../../../models/catalog';
import { GroundstreamError } from '../../core/errors';
import { createNhwcSegmenter } from '../deeplab/adapter';
import type { InferenceSession } from '../runtime/create-inference-session';
import type { Segmenter } from '../segmenter';
import { ROAD_CLASSES } from './road-classes';

/**
 * OpenVINO road-segmentation-adas-0001 (`road-segmentation-adas-0001`): every frame is stretched to
 * 896×512 BGR 0..255, and the per-pixel softmax over background, road, curb and mark becomes a
 * class map at source size. Trained on dash-camera views: a top-down view finds little road.
 *
 * @example
 * const seg = createRoadSegmenter(findModelEntry('road-segmentation-adas-0001')!, [session]);
 * const mask = await seg.segment(frame);
 * const roads = connectedComponents(mask, ROAD_CLASSES.road, 500);
 */
export function createRoadSegmenter(entry: ModelEntry, sessions: readonly InferenceSession[]): Segmenter {
  // The class indices below are the model's; an entry naming other classes is another model.
  const expected = Object.keys(ROAD_CLASSES);
  if (entry.labels.length !== expected.length || entry.labels.some((l, i) => l !== expected[i])) {
    throw new GroundstreamError('model_input_mismatch', entry.id, `createRoadSegmenter expects labels ${expected.join(', ')}, "${entry.id}" has ${entry.labels.join(', ')}`);
  }
  return createNhwcSegmenter(entry, sessions, 'createRoadSegmenter');
}
