export { openRaster, DEFAULT_MAX_PIXELS, type OpenRasterOptions, type RasterSource, type ReadWindowOptions, type ReadGbrpOptions, type GbrpWindow } from './open-raster';
export { chooseOverview } from './choose-overview';
export type { BandArray, OverviewInfo, RasterDataType, RasterInfo, RasterWindow, WindowPixels } from './raster-info';
export { createTileReader, type TileReader, type TileReaderOptions } from './create-tile-reader';
export { percentileStretch, toPlanarRgb8, type BandStretch } from './to-planar-rgb8';
export { DEFAULT_BLOCK_CACHE_BYTES } from './block-cache';
