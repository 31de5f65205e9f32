import type { Crs, GeoKeys } from '../../geo/crs';
import type { GeoTransform } from '../../geo/geotransform';

/** Sample type of a band, named like numpy/GDAL lower-case types. */
export type RasterDataType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64' | 'unknown';

/** A reduced-resolution copy stored in the file; level 1 is the largest. */
export interface OverviewInfo {
  level: number;
  width: number;
  height: number;
}

/** What a raster is, read from its header alone. */
export interface RasterInfo {
  input: string;
  width: number;
  height: number;
  bandCount: number;
  dataType: RasterDataType;
  bitsPerSample: number;
  /** GDAL_NODATA, kept even when out of the data type's range (as GDAL reports it). */
  noData?: number;
  /** An extra sample is alpha (ExtraSamples 1 or 2). */
  hasAlpha: boolean;
  /** The file carries a per-dataset mask image (GDAL internal mask). */
  hasMask: boolean;
  overviews: OverviewInfo[];
  tiled: boolean;
  /** Tile size, or the strip's width × rows per strip. */
  tileWidthPx: number;
  tileHeightPx: number;
  compression: string;
  bandDescriptions?: string[];
  geoKeys: GeoKeys;
  geotransform?: GeoTransform;
  crs?: Crs;
  /** Ground sample distance of a full-resolution pixel in metres (approximate for lon/lat CRSs). */
  gsdM?: number;
  /** True when both a geotransform and a CRS are known, so pixels have places. */
  georeferenced: boolean;
}

/** A window in full-resolution scene pixels, half-open: x0 ≤ x < x1, y0 ≤ y < y1. */
export interface RasterWindow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type BandArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Pixels of a window, one array per requested band, row-major. */
export interface WindowPixels {
  width: number;
  height: number;
  bands: BandArray[];
  /** The window actually read, in the pixels of the image read (the overview's when one was asked for). */
  window: RasterWindow;
}
