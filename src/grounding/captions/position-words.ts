/** Which third of the frame's width a box's centre falls in. */
export type HorizontalThird = 'left' | 'centre' | 'right';

/** Which third of the frame's height a box's centre falls in. */
export type VerticalThird = 'top' | 'middle' | 'bottom';

/** How far from the camera a box looks, judged by its height alone. */
export type Distance = 'near' | 'far';

/**
 * A box at least this share of the frame's height tall is "near". Half the frame: an object that
 * tall (a person, a car) fills the view the way only something close to the camera does.
 */
export const NEAR_MIN_HEIGHT_SHARE = 0.5;

/**
 * A box at most this share of the frame's height tall is "far". A tenth of the frame: a person that
 * small in a street scene is tens of metres away. Between the two thresholds nothing is said.
 */
export const FAR_MAX_HEIGHT_SHARE = 0.1;

/**
 * The third of the frame's width holding the box centre: `left` below 1/3, `right` above 2/3,
 * `centre` in between, both bounds included (a centre exactly on a third line is `centre`).
 *
 * @example
 * horizontalThird([0, 0, 100, 50], 640) // 'left'
 */
export function horizontalThird(box: readonly number[], frameWidth: number): HorizontalThird {
  const share = (box[0]! + box[2]!) / 2 / positive(frameWidth, 'frameWidth');
  return share < 1 / 3 ? 'left' : share > 2 / 3 ? 'right' : 'centre';
}

/**
 * The third of the frame's height holding the box centre: `top` above 1/3 (image y grows down),
 * `bottom` below 2/3, `middle` in between, both bounds included.
 *
 * @example
 * verticalThird([0, 400, 10, 480], 480) // 'bottom'
 */
export function verticalThird(box: readonly number[], frameHeight: number): VerticalThird {
  const share = (box[1]! + box[3]!) / 2 / positive(frameHeight, 'frameHeight');
  return share < 1 / 3 ? 'top' : share > 2 / 3 ? 'bottom' : 'middle';
}

/**
 * `near` when the box is at least {@link NEAR_MIN_HEIGHT_SHARE} of the frame's height, `far` when at
 * most {@link FAR_MAX_HEIGHT_SHARE}, otherwise `undefined` (nothing worth saying). The same
 * thresholds for every label: crude for a bus beside a cup, but it never needs a size table, and a
 * caption says "near the camera", a claim about the image, not about the object's true size.
 *
 * @example
 * distanceWord([0, 0, 50, 300], 480) // 'near'
 * distanceWord([0, 0, 10, 40], 480)  // 'far'
 */
export function distanceWord(box: readonly number[], frameHeight: number): Distance | undefined {
  const share = (box[3]! - box[1]!) / positive(frameHeight, 'frameHeight');
  return share >= NEAR_MIN_HEIGHT_SHARE ? 'near' : share <= FAR_MAX_HEIGHT_SHARE ? 'far' : undefined;
}

/**
 * Where a box is, as a prepositional phrase from its centre's thirds:
 *
 * |            | left                | centre          | right                |
 * |------------|---------------------|-----------------|----------------------|
 * | **top**    | at the top left     | at the top      | at the top right     |
 * | **middle** | on the left         | in the centre   | on the right         |
 * | **bottom** | at the bottom left  | at the bottom   | at the bottom right  |
 *
 * @example
 * positionPhrase([0, 200, 100, 300], 640, 480) // 'on the left'
 */
export function positionPhrase(box: readonly number[], frameWidth: number, frameHeight: number): string {
  const h = horizontalThird(box, frameWidth);
  const v = verticalThird(box, frameHeight);
  if (v === 'middle') return h === 'centre' ? 'in the centre' : `on the ${h}`;
  return h === 'centre' ? `at the ${v}` : `at the ${v} ${h}`;
}

/**
 * The phrase for a {@link Distance}: "near the camera" or "far from the camera".
 *
 * @example
 * distancePhrase('far') // 'far from the camera'
 */
export function distancePhrase(distance: Distance): string {
  return distance === 'near' ? 'near the camera' : 'far from the camera';
}

function positive(size: number, name: string): number {
  if (!(size > 0 && Number.isFinite(size))) throw new RangeError(`${name} must be a positive number, got ${size}`);
  return size;
}
