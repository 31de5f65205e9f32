import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { crsFromGeoKeys, type GeoKeys } from '../../geo/crs';
import { geotransformFromTiff, pixelSize, pixelToCrs } from '../../geo/geotransform';
import type { OverviewInfo, RasterDataType, RasterInfo } from './raster-info';

const COMPRESSION: Readonly<Record<number, string>> = {
  1: 'none', 5: 'lzw', 6: 'ojpeg', 7: 'jpeg', 8: 'deflate', 32946: 'deflate', 32773: 'packbits',
  34887: 'lerc', 34925: 'lzma', 50000: 'zstd', 50001: 'webp', 50002: 'jxl',
};
const SUBFILE_REDUCED = 1;
const SUBFILE_MASK = 4;

function dataTypeOf(format: number, bits: number): RasterDataType {
  const prefix = format === 3 ? 'float' : format === 2 ? 'int' : format === 1 || format === 4 ? 'uint' : undefined;
  const name = `${prefix}${bits}`;
  const known: readonly string[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'];
  return known.includes(name) ? (name as RasterDataType) : 'unknown';
}

function numbers(v: unknown): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return [v];
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<number>, Number);
  return undefined;
}

/** Band descriptions GDAL keeps in its GDAL_METADATA XML (`<Item … role="description">`). */
function bandDescriptions(xml: unknown, bandCount: number): string[] | undefined {
  if (typeof xml !== 'string') return undefined;
  const out = new Array<string>(bandCount).fill('');
  let any = false;
  for (const m of xml.matchAll(/<Item name="DESCRIPTION" sample="(\d+)" role="description">([^<]*)<\/Item>/g)) {
    const i = Number(m[1]);
    if (i < bandCount) { out[i] = m[2]; any = true; }
  }
  return any ? out : undefined;
}

/** The images of the file by role: the full-resolution one, its overviews (largest first) and masks. */
export interface TiffImages {
  main: GeoTIFFImage;
  overviews: GeoTIFFImage[];
  hasMask: boolean;
}

export async function classifyImages(tiff: GeoTIFF): Promise<TiffImages> {
  const count = await tiff.getImageCount();
  const main = await tiff.getImage(0);
  const overviews: GeoTIFFImage[] = [];
  let hasMask = false;
  for (let i = 1; i < count; i += 1) {
    const img = await tiff.getImage(i);
    const subfile = Number(img.fileDirectory.getValue('NewSubfileType') ?? 0);
    if (subfile & SUBFILE_MASK) hasMask = true;
    else if (subfile & SUBFILE_REDUCED) overviews.push(img);
  }
  overviews.sort((a, b) => b.getWidth() - a.getWidth());
  return { main, overviews, hasMask };
}

/** Everything {@link RasterInfo} holds, from the header of the first image: no pixel is decoded. */
export async function readRasterInfo(input: string, images: TiffImages): Promise<RasterInfo> {
  const img = images.main;
  const fd = img.fileDirectory;
  const width = img.getWidth();
  const height = img.getHeight();
  const bandCount = img.getSamplesPerPixel();
  const geoKeys: GeoKeys = img.getGeoKeys() ?? {};
  const rasterType = Number(geoKeys.GTRasterTypeGeoKey) === 2 ? 'PixelIsPoint' : 'PixelIsArea';
  const geotransform = geotransformFromTiff({
    modelPixelScale: numbers(await fd.loadValue('ModelPixelScale')),
    modelTiepoint: numbers(await fd.loadValue('ModelTiepoint')),
    modelTransformation: numbers(await fd.loadValue('ModelTransformation')),
    rasterType,
  });
  const crs = crsFromGeoKeys(geoKeys, input);
  const extraSamples = numbers(fd.getValue('ExtraSamples')) ?? [];
  const overviews: OverviewInfo[] = images.overviews.map((o, i) => ({ level: i + 1, width: o.getWidth(), height: o.getHeight() }));
  const info: RasterInfo = {
    input, width, height, bandCount,
    dataType: dataTypeOf(img.getSampleFormat(0), img.getBitsPerSample(0)),
    bitsPerSample: img.getBitsPerSample(0),
    noData: img.getGDALNoData() ?? undefined,
    hasAlpha: extraSamples.some((s) => s === 1 || s === 2),
    hasMask: images.hasMask,
    overviews,
    tiled: img.isTiled,
    tileWidthPx: img.getTileWidth(),
    tileHeightPx: img.getTileHeight(),
    compression: COMPRESSION[Number(fd.getValue('Compression') ?? 1)] ?? `code ${fd.getValue('Compression')}`,
    bandDescriptions: bandDescriptions(await fd.loadValue('GDAL_METADATA'), bandCount),
    geoKeys,
    geotransform,
    crs,
    georeferenced: geotransform !== undefined && crs !== undefined,
  };
  if (info.noData === undefined) delete info.noData;
  if (info.bandDescriptions === undefined) delete info.bandDescriptions;
  if (geotransform && crs) {
    const size = pixelSize(geotransform);
    if (crs.geographic) {
      const lat = pixelToCrs(geotransform, width / 2, height / 2)[1];
      // metres per degree at the scene's centre: enough to pick an overview
      info.gsdM = Math.sqrt(size.x * 111_320 * Math.cos((lat * Math.PI) / 180) * size.y * 110_574);
    } else {
      const toM = /\+units=us-ft/.test(crs.proj4) ? 1200 / 3937 : /\+units=ft/.test(crs.proj4) ? 0.3048 : 1;
      info.gsdM = Math.sqrt(size.x * size.y) * toM;
    }
  }
  return info;
}
