import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { lastValueFrom, concatMap, from } from 'rxjs';
import { EventKind, type GroundingEvent } from '../../core/events';
import { createEngine } from '../../engine/create-engine';
import { formatQueryPlan } from '../../grounding/query';
import { parseSpectralThresholds } from '../../grounding/spectral';
import { toEngineOptions, withEngineOptions } from '../engine-options';
import { createJsonlSink } from '../jsonl-sink';
import { nonNegative, positiveInt } from '../parse-number';
import { parseHeaders } from '../parse-headers';
import { createProgressBar } from '../progress-bar';
import { sceneToFeatureCollection } from '../scene-to-geojson';
import { sceneToStacItem } from '../scene-to-stac';
import { writeSceneClassMask } from '../scene-to-class-mask';
import { rasterInfoCommand } from './raster-info-command';

function bboxList(value: string): [number, number, number, number] {
  const v = value.split(',').map((x) => Number(x.trim()));
  if (v.length !== 4 || !v.every(Number.isFinite)) throw new InvalidArgumentError(`--bbox needs four numbers west,south,east,north (or xmin,ymin,xmax,ymax with --bbox-crs native), got '${value}'`);
  return v as [number, number, number, number];
}

function bandList(value: string): number[] {
  return value.split(',').map((b) => positiveInt('--bands')(b.trim()));
}

function wrapInvalid<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** `groundstream raster <file|url> --query "cars" [--tile 416 --overlap 128] [--out result.geojson]`, and `raster info`. */
export function rasterCommand(): Command {
  const cmd = new Command('raster')
    .description('ground a query in a GeoTIFF / COG scene, tile by tile; writes GeoJSON (and optionally JSON Lines events)')
    .argument('[input]', 'GeoTIFF file or http(s) URL of a COG')
    .option('-q, --query <text>', 'what to find (default: every label)', '')
    .option('--tile <px>', 'tile side in scene pixels', positiveInt('--tile'), 416)
    .option('--overlap <px>', 'overlap between neighbouring tiles in pixels', (v) => Math.floor(nonNegative('--overlap')(v)), 128)
    .option('--bands <list>', 'bands shown to the model as R,G,B, e.g. 3,2,1', bandList)
    .option('--gsd <metres>', 'detector reads the coarsest overview whose ground sample distance is at most this', nonNegative('--gsd'))
    .option('--score <t>', 'minimum detection score', nonNegative('--score'))
    .addOption(new Option('--merge <mode>', 'how boxes cut by tile seams become one: keep the best (nms) or merge (nmm)').choices(['nms', 'nmm']).default('nms'))
    .option('-m, --model <id>', 'detector', '')
    .option('-o, --out <file>', 'GeoJSON FeatureCollection of the merged result', 'result.geojson')
    .option('--stac <file>', 'also write a STAC Item (proj and label extensions) describing the result')
    .option('--events <file>', 'also write every event (tiles, scene, summary) as JSON Lines')
    .option('--mask-out <file.tif>', 'also write a class mask as a Cloud-Optimized GeoTIFF (uint8, 0 = nothing, 1.. = the result\'s labels, named CLASS_<n> in its metadata)')
    .option('--bbox <west,south,east,north>', 'region query: ground only the tiles meeting this box (WGS 84 degrees unless --bbox-crs native)', bboxList)
    .addOption(new Option('--bbox-crs <crs>', 'units of --bbox: WGS 84 degrees or the scene\'s CRS').choices(['wgs84', 'native']).default('wgs84'))
    .option('--band-roles <list>', 'roles of the file\'s bands in order for water/vegetation/bare soil, e.g. blue,green,red,nir,swir1,swir2 (_ skips a band)')
    .addOption(new Option('--sensor <name>', 'band roles from a sensor preset (band descriptions, else band count)').choices(['landsat7', 'landsat8', 'sentinel2', 'naip']))
    .option('--threshold <kind=value,...>', 'spectral index thresholds, e.g. water=0.3,vegetation=0.4 (defaults: MNDWI 0.2, NDWI 0, NDVI 0.3, BSI 0.1)', (v) => wrapInvalid(() => parseSpectralThresholds(v)))
    .option('--min-area <px>', 'drop spectral polygons smaller than this many pixels', (v) => Math.floor(nonNegative('--min-area')(v)), 16)
    .addOption(new Option('--captions <detail>', 'a grounded report on the scene: counts, positions, text read; place and extent when long').choices(['short', 'medium', 'long']))
    .option('--masks', 'instance masks: outline each detected person, car, … by the segmenter (DeepLabV3) instead of its box; GeoJSON polygons follow the object')
    .option('-H, --header <header...>', 'request header for a remote raster, e.g. "Authorization: Bearer …"')
    .addCommand(rasterInfoCommand());
  return withEngineOptions(cmd).action(async (input: string | undefined, opts) => {
    if (!input) {
      cmd.help({ error: true });
      return;
    }
    const engine = createEngine(toEngineOptions(opts));
    const sink = opts.events ? createJsonlSink(opts.events) : undefined;
    const bar = createProgressBar(process.stderr);
    try {
      process.stderr.write(`${formatQueryPlan(await engine.planRasterQuery(opts.query, opts.model || undefined))}\n`);
      let total = 0;
      let done = 0;
      let scene: GroundingEvent | undefined;
      let summary: GroundingEvent | undefined;
      const started = Date.now();
      await lastValueFrom(engine.groundRaster({
        source: input, query: opts.query, tileSizePx: opts.tile, overlapPx: opts.overlap, bands: opts.bands,
        scoreThreshold: opts.score, merge: opts.merge, model: opts.model, headers: parseHeaders(opts.header),
        gsdM: opts.gsd || undefined, bbox: opts.bbox, bboxCrs: opts.bboxCrs, bandRoles: opts.bandRoles, sensor: opts.sensor, spectralThresholds: opts.threshold, spectralMinAreaPx: opts.minArea,
        masks: opts.masks || undefined,
        captions: opts.captions,
      }, { onGrid: (grid) => { total = grid.tiles.length; } }).pipe(
        concatMap((event) => from((async () => {
          await sink?.write(event);
          if (event.kind === EventKind.EVENT_KIND_TILE) bar.update({ done: ++done, total, framesPerSec: done / Math.max(1e-3, (Date.now() - started) / 1000) });
          if (event.kind === EventKind.EVENT_KIND_SCENE) scene = event;
          if (event.kind === EventKind.EVENT_KIND_SUMMARY) summary = event;
        })())),
      ), { defaultValue: undefined });
      bar.end();
      if (!scene) return;
      await writeFile(opts.out, `${JSON.stringify(sceneToFeatureCollection(scene))}\n`);
      const counts = Object.entries(summary?.summary?.labelCounts ?? {}).map(([l, n]) => `${l}: ${n}`).join(', ') || 'no regions';
      process.stderr.write(`${done} tiles in ${summary?.summary?.elapsedSec ?? 0} s; ${counts}\n`);
      for (const note of [...scene.notes, ...(summary?.notes ?? [])]) process.stderr.write(`note: ${note}\n`);
      process.stderr.write(`GeoJSON written to ${opts.out}\n`);
      if (opts.stac) {
        const labelsHref = path.relative(path.dirname(path.resolve(opts.stac)), path.resolve(opts.out)) || path.basename(opts.out);
        const item = sceneToStacItem(scene, { source: input, labelsHref, datetime: new Date().toISOString() });
        await writeFile(opts.stac, `${JSON.stringify(item, null, 2)}\n`);
        process.stderr.write(`STAC Item written to ${opts.stac}\n`);
      }
      if (opts.maskOut) {
        const mask = await writeSceneClassMask(opts.maskOut, scene);
        const table = mask.classes.map((c, i) => `${i + 1}=${c}`).join(', ') || 'no classes';
        process.stderr.write(`class mask written to ${opts.maskOut} (${table}; ${mask.levels.length - 1} overviews)\n`);
      }
    } finally {
      bar.end();
      await sink?.close();
      await engine.close();
    }
  });
}
