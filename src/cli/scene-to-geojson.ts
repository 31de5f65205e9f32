import type { GroundingEvent } from '../core/events';

/** A GeoJSON Feature of one grounded region; `geometry` is null where the scene has no georeferencing. */
export interface RegionFeature {
  type: 'Feature';
  id: string;
  geometry: Record<string, unknown> | null;
  properties: Record<string, unknown>;
}

/**
 * The scene event's regions as an RFC 7946 FeatureCollection: WGS 84 geometries (counter-clockwise
 * exterior rings, no `crs` member), with pixel and native-CRS boxes in the properties.
 */
export function sceneToFeatureCollection(scene: GroundingEvent): { type: 'FeatureCollection'; features: RegionFeature[]; bbox?: number[] } {
  const features: RegionFeature[] = scene.regions.map((r) => ({
    type: 'Feature',
    id: r.regionId,
    geometry: r.geometry ?? null,
    properties: {
      label: r.label,
      score: r.score,
      phrase: r.phrase,
      pixelBox: r.box,
      nativeBox: r.nativeBox,
      nativeCrs: scene.geo?.crs ?? '',
      tileId: r.tileId,
      sceneId: scene.sceneId,
      modelId: r.modelId,
    },
  }));
  const bbox = scene.geo?.bboxWgs84?.length === 4 ? scene.geo.bboxWgs84 : undefined;
  return bbox ? { type: 'FeatureCollection', bbox, features } : { type: 'FeatureCollection', features };
}
