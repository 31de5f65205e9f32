import { Command } from 'commander';
import { parseHeaders } from '../parse-headers';
import { sceneCorners, type SceneCorners } from '../../geo/corners';
import { openRaster, type RasterInfo } from '../../sources/raster';

/** The JSON `groundstream raster info --json` prints: the header plus WGS 84 corners. */
export interface RasterInfoReport {
  input: string;
  width: number;
  height: number;
  bandCount: number;
  dataType: string;
  bitsPerSample: number;
  noData: number | null;
  hasAlpha: boolean;
  hasMask: boolean;
  compression: string;
  tiled: boolean;
  tileWidthPx: number;
  tileHeightPx: number;
  overviews: RasterInfo['overviews'];
  bandDescriptions: string[] | null;
  georeferenced: boolean;
  crs: { epsg: number | null; proj4: string } | null;
  geotransform: number[] | null;
  gsdM: number | null;
  corners: SceneCorners;
  geoKeys: RasterInfo['geoKeys'];
}

/** The report for one raster's info; pure, so the CLI's output is tested without a process. */
export function rasterInfoReport(info: RasterInfo): RasterInfoReport {
  return {
    input: info.input, width: info.width, height: info.height, bandCount: info.bandCount, dataType: info.dataType,
    bitsPerSample: info.bitsPerSample, noData: info.noData ?? null, hasAlpha: info.hasAlpha, hasMask: info.hasMask,
    compression: info.compression, tiled: info.tiled, tileWidthPx: info.tileWidthPx, tileHeightPx: info.tileHeightPx,
    overviews: info.overviews, bandDescriptions: info.bandDescriptions ?? null, georeferenced: info.georeferenced,
    crs: info.crs ? { epsg: info.crs.epsg ?? null, proj4: info.crs.proj4 } : null,
    geotransform: info.geotransform ? [...info.geotransform] : null,
    gsdM: info.gsdM ?? null,
    corners: sceneCorners(info),
    geoKeys: info.geoKeys,
  };
}

const fmtLonLat = (p: [number, number] | null, reason?: string): string =>
  p ? `${p[0].toFixed(7).padStart(13)}, ${p[1].toFixed(7).padStart(12)}` : `unavailable (${reason ?? 'unknown'})`;

/** Readable text for a report, one fact per line. */
export function formatRasterInfo(r: RasterInfoReport): string {
  const lines = [
    `${r.input}`,
    `  size        ${r.width} x ${r.height} px, ${r.bandCount} band${r.bandCount === 1 ? '' : 's'} of ${r.dataType}${r.hasAlpha ? ' (last is alpha)' : ''}${r.hasMask ? ', with a mask' : ''}`,
    `  layout      ${r.tiled ? `tiled ${r.tileWidthPx}x${r.tileHeightPx}` : `strips of ${r.tileHeightPx} rows`}, ${r.compression}`,
    `  overviews   ${r.overviews.length ? r.overviews.map((o) => `${o.width}x${o.height}`).join(', ') : 'none'}`,
    `  nodata      ${r.noData ?? 'none'}`,
  ];
  if (r.bandDescriptions) lines.push(`  bands       ${r.bandDescriptions.map((d, i) => `${i + 1}: ${d || '-'}`).join(', ')}`);
  if (!r.georeferenced) {
    lines.push('  georeferenced: no (pixel coordinates only)');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `  crs         ${r.crs?.epsg != null ? `EPSG:${r.crs.epsg}` : r.crs?.proj4}`,
    `  geotransform ${r.geotransform?.join(', ')}`,
    `  gsd         ${r.gsdM?.toPrecision(6)} m`,
    '  corners (WGS 84 lon, lat):',
  );
  for (const name of ['upperLeft', 'upperRight', 'lowerLeft', 'lowerRight', 'center'] as const) {
    lines.push(`    ${name.padEnd(11)} ${fmtLonLat(r.corners[name], r.corners.reasons[name])}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `groundstream raster info <file|url> [--json]` */
export function rasterInfoCommand(): Command {
  return new Command('info').description('size, bands, CRS, geotransform, overviews and WGS 84 corners of a raster')
    .argument('<input>', 'GeoTIFF file or http(s) URL of a COG')
    .option('--json', 'print JSON')
    .option('-H, --header <header...>', 'request header for a remote raster, e.g. "Authorization: Bearer …"')
    .action(async (input: string, opts: { json?: boolean; header?: string[] }) => {
      const source = await openRaster(input, { headers: parseHeaders(opts.header) });
      try {
        const report = rasterInfoReport(source.info);
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatRasterInfo(report));
      } finally {
        await source.close();
      }
    });
}
