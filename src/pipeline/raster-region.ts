import { map, type OperatorFunction } from 'rxjs';
import type { GeoReference, GroundingEvent, Region } from '../core/events';
import type { PixelWindow } from '../geo/tile-grid';

/** The scene a region was cut from. */
export interface RegionScene {
  widthPx: number;
  heightPx: number;
  /** The scene's georeference (its own geotransform), put back on the events. */
  geo?: GeoReference;
}

const shiftWindow = (w: PixelWindow, dx: number, dy: number): PixelWindow => ({ x0: w.x0 + dx, y0: w.y0 + dy, x1: w.x1 + dx, y1: w.y1 + dy });

function shiftRegion(r: Region, dx: number, dy: number): Region {
  const b = r.box;
  return b.length === 4 ? { ...r, box: [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy] } : r;
}

/**
 * Events of a region grounded as a scene of its own (window pixels, the window's geotransform)
 * back in scene pixels: boxes and tile windows shifted by the region's origin, the scene's size and
 * geotransform restored, the scene event's window the region, its `geo.bboxWgs84` the region's.
 * Geometries and native boxes need no change: the window's georeference placed them already.
 *
 * @example
 * groundRaster(regionSource, detector, { grid: createTileGrid({ sceneWidthPx: w.x1 - w.x0, … }) })
 *   .pipe(regionEventsToScene(window, { widthPx: info.width, heightPx: info.height, geo }))
 */
export function regionEventsToScene(region: PixelWindow, scene: RegionScene): OperatorFunction<GroundingEvent, GroundingEvent> {
  const { x0: dx, y0: dy } = region;
  return map((event) => {
    const out: GroundingEvent = { ...event, regions: event.regions.map((r) => shiftRegion(r, dx, dy)) };
    if (event.width || event.height) {
      out.width = scene.widthPx;
      out.height = scene.heightPx;
    }
    if (event.window) out.window = shiftWindow(event.window, dx, dy);
    if (event.geo && scene.geo) out.geo = { ...scene.geo, bboxWgs84: event.geo.bboxWgs84 };
    return out;
  });
}

/**
 * A reader of region windows from a reader of scene windows.
 *
 * @example
 * const readTile = readRegionWindow(region, (w) => reader.readTile(w)); // readTile({x0:0,…}) reads scene window at the region origin
 */
export function readRegionWindow<T>(region: PixelWindow, read: (sceneWindow: PixelWindow) => Promise<T>): (window: PixelWindow) => Promise<T> {
  return (w) => read(shiftWindow(w, region.x0, region.y0));
}
