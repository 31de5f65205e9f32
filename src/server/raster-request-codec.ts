import { GroundstreamError } from '../core/errors';
import { BboxCrs, CaptionDetail, MergeMode, type BoundingBox, type QueryRegionRequest } from '../core/events';

/**
 * A raster request as the engine takes it (structurally the engine's `RasterRequest`, which the
 * server does not import: handlers are injected). Unset proto3 fields are left out, so the engine
 * applies its own defaults.
 */
export interface RasterCallRequest {
  source: string;
  query: string;
  tileSizePx?: number;
  overlapPx?: number;
  scoreThreshold?: number;
  model: string;
  bands?: number[];
  merge?: 'nms' | 'nmm';
  sceneId: string;
  headers?: Record<string, string>;
  /** Band roles for spectral experts, e.g. "blue,green,red,nir,swir1,swir2". */
  bandRoles?: string;
  /** Sensor preset for band roles, e.g. "landsat7". */
  sensor?: string;
  /** [west, south, east, north] in WGS84 degrees, or [xmin, ymin, xmax, ymax] when `bboxCrs` is 'native'. */
  bbox?: [number, number, number, number];
  bboxCrs?: 'wgs84' | 'native';
  /** Instance masks for detector regions (GroundRasterRequest.masks). */
  masks?: boolean;
  /** A grounded report on the scene event (GroundRasterRequest.captions). */
  captions?: 'short' | 'medium' | 'long';
}

/**
 * A GroundRasterRequest or QueryRegionRequest as @grpc/proto-loader deserializes it: unknown enum
 * numbers stay numbers, an unset message field is `null`. GroundRasterRequest is fields 1-12 of
 * QueryRegionRequest, so one shape covers both.
 */
export interface RasterRequestMessage extends Partial<Omit<QueryRegionRequest, 'merge' | 'bboxCrs' | 'bbox'>> {
  merge?: MergeMode | number;
  bboxCrs?: BboxCrs | number;
  bbox?: BoundingBox | null;
  /** GroundRasterRequest only (field 13; QueryRegionRequest's 13 is bbox). */
  masks?: boolean;
  /** GroundRasterRequest only (field 14). */
  captions?: CaptionDetail | number;
}

const MERGE_MODES: Readonly<Record<string, RasterCallRequest['merge']>> = {
  [MergeMode.MERGE_MODE_UNSPECIFIED]: undefined,
  [MergeMode.MERGE_MODE_NMS]: 'nms',
  [MergeMode.MERGE_MODE_NMM]: 'nmm',
};

const CAPTION_DETAILS: Readonly<Record<string, RasterCallRequest['captions']>> = {
  [CaptionDetail.CAPTION_DETAIL_UNSPECIFIED]: undefined,
  [CaptionDetail.CAPTION_DETAIL_SHORT]: 'short',
  [CaptionDetail.CAPTION_DETAIL_MEDIUM]: 'medium',
  [CaptionDetail.CAPTION_DETAIL_LONG]: 'long',
};

const BBOX_CRSS: Readonly<Record<string, NonNullable<RasterCallRequest['bboxCrs']>>> = {
  [BboxCrs.BBOX_CRS_UNSPECIFIED]: 'wgs84',
  [BboxCrs.BBOX_CRS_WGS84]: 'wgs84',
  [BboxCrs.BBOX_CRS_NATIVE]: 'native',
};

function invalid(input: string, message: string): GroundstreamError {
  return new GroundstreamError('invalid_argument', input, message);
}

function enumValue<T>(table: Readonly<Record<string, T>>, value: unknown, field: string): T {
  const key = value ?? Object.keys(table)[0];
  if (typeof key !== 'string' || !Object.hasOwn(table, key)) {
    throw invalid(field, `${field} ${String(value)} is not one of ${Object.keys(table).join(', ')}`);
  }
  return table[key];
}

/**
 * Checks a bounding box and returns it as [west, south, east, north]. Throws `invalid_argument`
 * when it is missing, not finite, empty or inverted (a box across the antimeridian is not
 * supported: split it), or, in WGS84, outside [-180, 180] x [-90, 90].
 */
export function decodeBoundingBox(bbox: BoundingBox | null | undefined, crs: 'wgs84' | 'native'): [number, number, number, number] {
  if (bbox == null) throw invalid('bbox', 'QueryRegion needs a bbox (west, south, east, north); use GroundRaster for the whole scene');
  const box: [number, number, number, number] = [bbox.west ?? 0, bbox.south ?? 0, bbox.east ?? 0, bbox.north ?? 0];
  const text = `[${box.join(', ')}]`;
  if (!box.every(Number.isFinite)) throw invalid('bbox', `bbox ${text} has a coordinate that is not a finite number`);
  if (!(box[0] < box[2]) || !(box[1] < box[3])) {
    throw invalid('bbox', `bbox ${text} is degenerate: it needs west < east and south < north`);
  }
  if (crs === 'wgs84' && (box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90)) {
    throw invalid('bbox', `bbox ${text} is not in WGS84 degrees (longitude -180..180, latitude -90..90); set bbox_crs to BBOX_CRS_NATIVE for scene CRS units`);
  }
  return box;
}

/**
 * GroundRasterRequest (as proto-loader deserialized it) → the engine's request. Zero, empty and
 * unspecified fields are left out so that the engine's defaults apply; an unset `overlap_px` is left
 * out, a set 0 is kept (no overlap). Throws `invalid_argument` for a missing source, band 0 or an
 * unknown merge mode.
 */
export function decodeGroundRasterRequest(message: RasterRequestMessage): RasterCallRequest {
  const source = message.source ?? '';
  if (!source) throw invalid('source', 'source is required: a GeoTIFF path on the server or an http(s) URL of a COG');
  const request: RasterCallRequest = { source, query: message.query ?? '', model: message.model ?? '', sceneId: message.sceneId ?? '' };
  if (message.tileSizePx) request.tileSizePx = message.tileSizePx;
  // proto3 `optional`: proto-loader leaves the field out when the client did not set it.
  if (message.overlapPx != null) request.overlapPx = message.overlapPx;
  if (message.scoreThreshold) request.scoreThreshold = message.scoreThreshold;
  const bands = message.bands ?? [];
  if (bands.some((b) => !Number.isInteger(b) || b < 1)) throw invalid('bands', `bands are 1-based band numbers, got [${bands.join(', ')}]`);
  if (bands.length > 0) request.bands = [...bands];
  const merge = enumValue(MERGE_MODES, message.merge, 'merge');
  if (merge) request.merge = merge;
  if (message.headers && Object.keys(message.headers).length > 0) request.headers = { ...message.headers };
  if (message.bandRoles) request.bandRoles = message.bandRoles;
  if (message.sensor) request.sensor = message.sensor;
  if (message.masks) request.masks = true;
  const captions = enumValue(CAPTION_DETAILS, message.captions, 'captions');
  if (captions) request.captions = captions;
  return request;
}

/** QueryRegionRequest → the engine's request, with its bbox checked by {@link decodeBoundingBox}. */
export function decodeQueryRegionRequest(message: RasterRequestMessage): RasterCallRequest {
  const request = decodeGroundRasterRequest(message);
  const bboxCrs = enumValue(BBOX_CRSS, message.bboxCrs, 'bbox_crs');
  return { ...request, bbox: decodeBoundingBox(message.bbox, bboxCrs), bboxCrs };
}
