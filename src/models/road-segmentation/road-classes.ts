/**
 * Class indices of road-segmentation-adas-0001's output channels, in channel order.
 *
 * @example
 * mask.classes[i] === ROAD_CLASSES.curb;
 */
export const ROAD_CLASSES = Object.freeze({ background: 0, road: 1, curb: 2, mark: 3 } as const);
