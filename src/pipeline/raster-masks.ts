import type { Detections } from '../core/detections';
import type { Region } from '../core/events';
import type { PixelToLonLat } from '../geo/geojson';
import { polygonFeature } from '../geo/geojson';
import type { PixelWindow } from '../geo/tile-grid';
import type { ClassMap } from '../grounding/masks';
import { segmenterClassOf } from '../grounding/masks/detector-to-segmenter-labels';
import { iosAt } from '../grounding/merge';
import { iouAt } from '../grounding/nms';
import { ringSignedArea2, vectorizeTileMasks, type MaskPolygon, type Ring, type TileMask } from '../grounding/vectorize';
import { roundTo } from './to-frame-event';

/**
 * Pixel range [start, end) whose centres lie inside [lo, hi), clamped to [0, size): the rule
 * boxToMask uses, so a box's mask holds the same pixels in both.
 */
function centreRange(lo: number, hi: number, size: number): [number, number] {
  const start = Math.min(size, Math.max(0, Math.ceil(lo - 0.5)));
  return [start, Math.min(size, Math.max(start, Math.ceil(hi - 0.5)))];
}

/** The scene pixels whose centres lie inside a box (xyxy, scene pixels), as a window. */
export function boxPixelWindow(box: ArrayLike<number>, sceneWidthPx = Infinity, sceneHeightPx = Infinity): PixelWindow {
  const [x0, x1] = centreRange(box[0], box[2], sceneWidthPx);
  const [y0, y1] = centreRange(box[1], box[3], sceneHeightPx);
  return { x0, y0, x1, y1 };
}

/**
 * The segmenter's pixels of class `classIndex` inside one detection box of a tile, as a mask of
 * the box's own window in scene pixels (so it costs the box's area, never the tile's or the
 * scene's). `semantic` covers the tile (`window`-sized); `box` is in tile pixels. Undefined when
 * the box holds no pixel of the class.
 *
 * @example
 * boxTileMask(semantic, 15, [10.2, 4, 40.7, 90], { x0: 288, y0: 0, x1: 704, y1: 416 }) // → { window: { x0: 298, y0: 4, x1: 329, y1: 90 }, mask }
 */
export function boxTileMask(semantic: ClassMap, classIndex: number, box: ArrayLike<number>, window: PixelWindow): TileMask | undefined {
  const local = boxPixelWindow(box, semantic.width, semantic.height);
  const w = local.x1 - local.x0, h = local.y1 - local.y0;
  if (w <= 0 || h <= 0) return undefined;
  const mask = new Uint8Array(w * h);
  let any = 0;
  for (let y = 0; y < h; y++) {
    const row = (local.y0 + y) * semantic.width + local.x0;
    for (let x = 0; x < w; x++) {
      if (semantic.classes[row + x] === classIndex) {
        mask[y * w + x] = 1;
        any = 1;
      }
    }
  }
  if (!any) return undefined;
  return { window: { x0: window.x0 + local.x0, y0: window.y0 + local.y0, x1: window.x0 + local.x1, y1: window.y0 + local.y1 }, mask };
}

/**
 * Masks of a tile's detections (boxes in tile pixels): one per detection whose label the segmenter
 * knows (see {@link segmenterClassOf}) and whose box holds some of its pixels, else undefined.
 */
export function tileDetectionMasks(dets: Detections, semantic: ClassMap, segmenterLabels: readonly string[], window: PixelWindow): (TileMask | undefined)[] {
  return dets.label.map((label, i) => {
    const k = segmenterClassOf(label, segmenterLabels);
    return k > 0 ? boxTileMask(semantic, k, dets.xyxy.subarray(i * 4, i * 4 + 4), window) : undefined;
  });
}

/** Whether any of the labels has a segmenter class: when none does, the segmenter need not run. */
export function anySegmentable(labels: readonly string[], segmenterLabels: readonly string[]): boolean {
  return labels.some((l) => segmenterClassOf(l, segmenterLabels) > 0);
}

/** One tile detection's mask, with its box and class in scene pixels, for {@link groupMasksByRegion}. */
export interface SceneBoxMask {
  /** xyxy in scene pixels. */
  box: ArrayLike<number>;
  classId: number;
  tileId: string;
  mask: TileMask;
}

/**
 * Hands each tile detection's mask to the merged result it went into, by the merge's own rule: the
 * same class, and IoU above `iouThreshold` or (boxes of different tiles) intersection over the
 * smaller box above `iosThreshold`; among several, the best IoU. In `nms` the merged box is the
 * group's head, so its members are exactly the boxes that pass; in `nmm` the union box holds all of
 * them (IoS 1). Returns the masks per merged result; masks that match none are dropped.
 */
export function groupMasksByRegion(merged: Pick<Detections, 'xyxy' | 'classId'> & { tileId: readonly string[] }, masks: readonly SceneBoxMask[], options: { iouThreshold?: number; iosThreshold?: number } = {}): TileMask[][] {
  const { iouThreshold = 0.5, iosThreshold = 0.8 } = options;
  const n = merged.classId.length;
  const out: TileMask[][] = Array.from({ length: n }, () => []);
  const pair = new Float32Array(8);
  for (const m of masks) {
    let best = -1, bestIou = -1;
    for (let r = 0; r < n; r++) {
      if (merged.classId[r] !== m.classId) continue;
      for (let k = 0; k < 4; k++) {
        pair[k] = merged.xyxy[r * 4 + k];
        pair[4 + k] = m.box[k];
      }
      const iou = iouAt(pair, 0, 1);
      const same = iou > iouThreshold || (merged.tileId[r] !== m.tileId && iosAt(pair, 0, 1) > iosThreshold);
      if (same && iou > bestIou) {
        best = r;
        bestIou = iou;
      }
    }
    if (best >= 0) out[best].push(m.mask);
  }
  return out;
}

/** Options of {@link regionMaskPolygons}. */
export interface RegionMaskOptions {
  /** Douglas–Peucker tolerance in pixels (default 1). */
  simplifyTolerancePx?: number;
  /** Parts and holes with fewer pixels are dropped (default 16). */
  minAreaPx?: number;
  /**
   * Parts smaller than this share of the largest part are dropped (default 0.1): specks of the
   * class that a neighbour's arm or a noisy segmenter leaves in the box are not the object.
   */
  minPartShare?: number;
}

/**
 * The polygons (scene pixels) of one merged region's mask: its tile masks assembled over the
 * region's own box (pixels outside the box are left out, overlapping tiles OR-ed, so an object cut
 * by a seam is one polygon) and vectorised, largest first, vertices clamped onto the box; specks
 * (under `minAreaPx`, or under `minPartShare` of the largest part) dropped.
 */
export function regionMaskPolygons(box: ArrayLike<number>, masks: readonly TileMask[], options: RegionMaskOptions = {}): MaskPolygon[] {
  if (masks.length === 0) return [];
  const region = boxPixelWindow(box);
  if (region.x1 <= region.x0 || region.y1 <= region.y0) return [];
  const minAreaPx = options.minAreaPx ?? 16;
  const polygons = vectorizeTileMasks(masks, { region, connectivity: 4, simplifyTolerancePx: options.simplifyTolerancePx ?? 1, minAreaPx });
  // Pixel corners of the box's edge pixels lie up to half a pixel outside a fractional box: pulled
  // onto it. Only the extreme corner values move, to between their neighbours, so no ring changes shape.
  const clamp = (ring: Ring): Ring => ring.map(([x, y]) => [Math.min(box[2], Math.max(box[0], x)), Math.min(box[3], Math.max(box[1], y))]);
  const largest = Math.max(0, ...polygons.map((p) => p.areaPx));
  const minPart = largest * (options.minPartShare ?? 0.1);
  return polygons
    .filter((p) => p.areaPx >= minPart)
    .map((p) => ({ ...p, exterior: clamp(p.exterior), holes: p.holes.filter((h) => Math.abs(ringSignedArea2(h)) / 2 >= minAreaPx).map(clamp), box: [Math.max(box[0], p.box[0]), Math.max(box[1], p.box[1]), Math.min(box[2], p.box[2]), Math.min(box[3], p.box[3])] as MaskPolygon['box'] }))
    .sort((a, b) => b.areaPx - a.areaPx);
}

/**
 * RFC 7946 geometry of mask polygons: a Polygon for one, a MultiPolygon for several (largest first),
 * counter-clockwise exteriors in WGS 84. Throws where the CRS cannot place a vertex.
 */
export function maskGeometry(polygons: readonly MaskPolygon[], toLonLat: PixelToLonLat): Record<string, unknown> {
  const parts = polygons.map((p) => polygonFeature([p.exterior, ...p.holes], toLonLat, {}).geometry.coordinates);
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

/** A ring as flat x, y pairs without the closing point, rounded to 0.01 px (Region.polygon). */
export function flatRing(ring: ReadonlyArray<readonly [number, number]>): number[] {
  const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
  return (closed ? ring.slice(0, -1) : ring).flatMap(([x, y]) => [roundTo(x, 2), roundTo(y, 2)]);
}

/**
 * A region with its mask outline: `polygon` the largest part's exterior (scene pixels, clockwise
 * as displayed), `geometry` the mask's polygons in WGS 84 when `toLonLat` is given and can place
 * them (else the region's geometry stays). A region without polygons comes back unchanged.
 */
export function withMaskOutline(region: Region, polygons: readonly MaskPolygon[], toLonLat?: PixelToLonLat): Region {
  if (polygons.length === 0) return region;
  const out: Region = { ...region, polygon: flatRing(polygons[0].exterior) };
  if (toLonLat) {
    try {
      out.geometry = maskGeometry(polygons, toLonLat);
    } catch {
      // a polygon the CRS cannot place keeps the box geometry
    }
  }
  return out;
}

/** Shifts the `polygon` of regions by (dx, dy) pixels: region-query results back to scene pixels. */
export function shiftRegionPolygon(region: Region, dx: number, dy: number): Region {
  if (!region.polygon.length || (dx === 0 && dy === 0)) return region;
  return { ...region, polygon: region.polygon.map((v, i) => (i % 2 ? v + dy : v + dx)) };
}
