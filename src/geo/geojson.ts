/** A GeoJSON position: WGS84 `[lon, lat]` in degrees. */
export type Position = [number, number];

/** Maps a scene pixel corner (pixel-corner convention) to WGS84 `[lon, lat]`. */
export type PixelToLonLat = (xPx: number, yPx: number) => [number, number];

/** A ring in pixel coordinates: `[x, y]` points, closed or not. */
export type PixelRing = ReadonlyArray<readonly [number, number]>;

/** An RFC 7946 Polygon: exterior ring first, then holes. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}

/** An RFC 7946 Feature with a polygon geometry. */
export interface PolygonFeature<P = Record<string, unknown>> {
  type: 'Feature';
  geometry: PolygonGeometry;
  properties: P;
  bbox?: [number, number, number, number];
}

/** An RFC 7946 FeatureCollection (no `crs` member: WGS84 is implied). */
export interface FeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: PolygonFeature<P>[];
  bbox?: [number, number, number, number];
}

/** Options of {@link polygonFeature} and {@link boxFeature}. */
export interface GeoJsonOptions {
  /** Decimal places kept in degrees; 7 is about 1 cm. Default 7. */
  decimals?: number;
}

/**
 * Rounds a coordinate to `decimals` places; RFC 7946 §11.2 advises against spurious precision.
 *
 * @example
 * roundDegrees(12.345678949, 7) // → 12.3456789
 */
export function roundDegrees(value: number, decimals = 7): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r; // no -0 in the output
}

/** Twice the signed area of a ring by the shoelace formula; positive is counter-clockwise with y up. */
export function signedArea2(ring: ReadonlyArray<readonly [number, number]>): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % n];
    s += x0 * y1 - x1 * y0;
  }
  return s;
}

function openRing<T extends readonly [number, number]>(ring: ReadonlyArray<T>): T[] {
  const pts = ring.slice();
  while (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  return pts;
}

/**
 * One ring to lon/lat: transformed, rounded, consecutive duplicates (from rounding) dropped, turned
 * to the wanted orientation by its signed area in lon/lat, and closed. Undefined when fewer than three
 * distinct positions remain.
 */
function toGeoRing(ring: PixelRing, toLonLat: PixelToLonLat, ccw: boolean, decimals: number): Position[] | undefined {
  const pts: Position[] = [];
  for (const [x, y] of openRing(ring)) {
    const [lon, lat] = toLonLat(x, y);
    const p: Position = [roundDegrees(lon, decimals), roundDegrees(lat, decimals)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  const open = openRing(pts);
  if (open.length < 3) return undefined;
  // the pixel→lon/lat mapping may mirror (north-up rasters flip y), so orientation is decided here
  if (signedArea2(open) > 0 !== ccw) open.push(...open.splice(1).reverse()); // keeps the first vertex first
  open.push([open[0][0], open[0][1]]);
  return open;
}

/**
 * A polygon feature from pixel rings (exterior first, then holes). Each vertex goes through
 * `toLonLat`; the exterior comes out counter-clockwise and holes clockwise (RFC 7946 right-hand rule),
 * closed, rounded. Rings that collapse to fewer than three positions are dropped; throws when the
 * exterior does. Antimeridian crossing is not handled.
 *
 * @example
 * polygonFeature([[[0, 0], [10, 0], [10, 10], [0, 10]]], toLonLat, { label: 'field', score: 0.9 })
 */
export function polygonFeature<P>(rings: readonly PixelRing[], toLonLat: PixelToLonLat, properties: P, options: GeoJsonOptions = {}): PolygonFeature<P> {
  const decimals = options.decimals ?? 7;
  if (rings.length === 0) throw new RangeError('polygonFeature needs at least an exterior ring');
  const exterior = toGeoRing(rings[0], toLonLat, true, decimals);
  if (!exterior) throw new RangeError('polygonFeature: the exterior ring has fewer than three distinct positions');
  const coordinates = [exterior];
  for (const hole of rings.slice(1)) {
    const h = toGeoRing(hole, toLonLat, false, decimals);
    if (h) coordinates.push(h);
  }
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates }, properties };
}

/**
 * A box (xyxy, scene pixels) as a four-corner polygon. Every corner is transformed on its own, so a
 * rotated or sheared raster gives the true quadrilateral rather than an axis-aligned lon/lat box.
 *
 * @example
 * boxFeature([10, 20, 50, 60], toLonLat, { label: 'car', score: 0.8, pixelBox: [10, 20, 50, 60] })
 */
export function boxFeature<P>(xyxy: ArrayLike<number>, toLonLat: PixelToLonLat, properties: P, options: GeoJsonOptions = {}): PolygonFeature<P> {
  const [x0, y0, x1, y1] = [xyxy[0], xyxy[1], xyxy[2], xyxy[3]];
  return polygonFeature([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], toLonLat, properties, options);
}

/**
 * `[minLon, minLat, maxLon, maxLat]` over all positions, or undefined when there are none.
 *
 * @example
 * bboxOf(toFeatureCollection([f])) // → [minLon, minLat, maxLon, maxLat]
 */
export function bboxOf(fc: { features: ReadonlyArray<{ geometry: PolygonGeometry }> }): [number, number, number, number] | undefined {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (const f of fc.features) {
    for (const ring of f.geometry.coordinates) {
      for (const [lon, lat] of ring) {
        a = Math.min(a, lon);
        b = Math.min(b, lat);
        c = Math.max(c, lon);
        d = Math.max(d, lat);
      }
    }
  }
  return a === Infinity ? undefined : [a, b, c, d];
}

/**
 * Wraps features in a FeatureCollection, with its `bbox` when there is any feature.
 *
 * @example
 * JSON.stringify(toFeatureCollection(features))
 */
export function toFeatureCollection<P>(features: PolygonFeature<P>[]): FeatureCollection<P> {
  const fc: FeatureCollection<P> = { type: 'FeatureCollection', features };
  const bbox = bboxOf(fc);
  if (bbox) fc.bbox = bbox;
  return fc;
}
