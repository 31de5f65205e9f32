import type { GroundingEvent } from '../core/events';

/** STAC extension schemas the item declares. */
export const STAC_EXTENSIONS = Object.freeze([
  'https://stac-extensions.github.io/projection/v1.1.0/schema.json',
  'https://stac-extensions.github.io/label/v1.0.1/schema.json',
]);

/** Where the item's files are, as the item should link them. */
export interface StacLinks {
  /** The scene (path or URL). */
  source: string;
  /** The GeoJSON FeatureCollection of the result. */
  labelsHref: string;
  /** When the result was made (ISO 8601); the scene's own acquisition time is not in a GeoTIFF header. */
  datetime: string;
}

/**
 * A STAC Item (1.0.0) describing a raster result: the scene footprint in WGS 84, the `proj`
 * extension (EPSG code or PROJ definition, affine transform, shape) and the `label` extension
 * (classes found, counts per class, vector labels made automatically), with the GeoJSON as its
 * `labels` asset and the scene as its `source` link.
 *
 * @example
 * sceneToStacItem(sceneEvent, { source: 'scene.tif', labelsHref: 'result.geojson', datetime: new Date().toISOString() })
 */
export function sceneToStacItem(scene: GroundingEvent, links: StacLinks): Record<string, unknown> {
  const geo = scene.geo;
  const bbox = geo?.bboxWgs84?.length === 4 ? geo.bboxWgs84 : undefined;
  const [w, s, e, n] = bbox ?? [0, 0, 0, 0];
  const geometry = bbox ? { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } : null;
  const gt = geo?.geotransform ?? [];
  const epsg = /^EPSG:(\d+)$/.exec(geo?.crs ?? '')?.[1];
  const counts = new Map<string, number>();
  for (const r of scene.regions) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  const classes = [...counts.keys()].sort();
  const properties: Record<string, unknown> = {
    datetime: links.datetime,
    // proj: STAC orders the affine as [a, b, c, d, e, f] with x = a·col + b·row + c (GDAL: c, a, b, f, d, e).
    'proj:epsg': epsg ? Number(epsg) : null,
    'proj:shape': [scene.height, scene.width],
    'label:properties': ['label'],
    'label:classes': [{ name: 'label', classes }],
    'label:description': `regions grounded by ${scene.models.map((m) => m.id).join(', ') || 'groundstream'}`,
    'label:type': 'vector',
    'label:tasks': ['detection'],
    'label:methods': ['automated'],
    'label:overviews': [{ property_key: 'label', counts: classes.map((name) => ({ name, count: counts.get(name) })) }],
  };
  if (!epsg && geo?.crs) properties['groundstream:proj4'] = geo.crs;
  if (gt.length === 6) properties['proj:transform'] = [gt[1], gt[2], gt[0], gt[4], gt[5], gt[3]];
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [...STAC_EXTENSIONS],
    id: `${scene.sceneId}-labels`,
    geometry,
    ...(bbox ? { bbox } : {}),
    properties,
    links: [{ rel: 'source', href: links.source, title: 'the scene the labels were made from' }],
    assets: { labels: { href: links.labelsHref, type: 'application/geo+json', roles: ['labels', 'labels-vector'], title: 'grounded regions' } },
  };
}
