import os from 'node:os';
import { defer, finalize, from, mergeMap, type Observable } from 'rxjs';
import { DEFAULT_DETECTOR_ID, findModelEntry, MODEL_CATALOG, type ModelEntry } from '../../models/catalog';
import { GroundstreamError } from '../core/errors';
import type { GroundingEvent, GroundVideoRequest, QueryPlan } from '../core/events';
import { COCO80_KIND_OF, COCO80_LABEL_SENSES, createQueryGrounder, toLabelPhraseMap, type QueryGrounder } from '../grounding/query';
import type { Lexicon } from '../grounding/query';
import { createWordNetLexicon } from '../lexicon/wordnet';
import type { Detector } from '../models/detector';
import { resolveModel } from '../models/registry/resolve-model';
import { createInferenceSession, type ExecutionProvider, type InferenceSession } from '../models/runtime/create-inference-session';
import { createYoloxDetector } from '../models/yolox/adapter';
import { groundVideo } from '../pipeline/ground-video';
import { paced } from '../pipeline/paced';
import { createTileGrid, type TileGrid } from '../geo/tile-grid';
import { toSceneGeoreference } from '../geo/scene-georeference';
import { groundRaster } from '../pipeline/ground-raster';
import { createTileReader, openRaster, type RasterInfo } from '../sources/raster';
import { createVideoSource } from '../sources/video';
import { streamIdFor, toVideoRequest } from './validate-request';

/** How the engine finds and runs models. */
export interface EngineOptions {
  /** Model folders searched first (default: GROUNDSTREAM_MODEL_PATH). */
  modelSearchPath?: string[];
  cacheDir?: string;
  /** Download missing models from their pinned URLs (default true). */
  download?: boolean;
  /** Threads per inference session (default: all cores). */
  intraOpNumThreads?: number;
  /** Sessions per model, each taking one frame at a time (default 1). */
  sessionsPerModel?: number;
  provider?: ExecutionProvider;
  /** Frames decoded ahead of inference (default 8). */
  bufferFrames?: number;
}

/** Callbacks a caller may pass to see what the source declares before the first event. */
export interface GroundVideoHooks {
  onInfo?(info: { frameCount?: number; durationSec?: number; width: number; height: number }): void;
  /** Awaited before each frame is pulled: lets a slow consumer (a gRPC client) pace decoding. */
  ready?(): Promise<void>;
}

/** A request to ground a query in a raster scene (a GeoTIFF/COG path or URL). */
export interface RasterRequest {
  source: string;
  query?: string;
  /** Tile side and overlap in scene pixels (default 416 and 128). */
  tileSizePx?: number;
  overlapPx?: number;
  scoreThreshold?: number;
  model?: string;
  /** 1-based bands shown to the model as R, G, B. */
  bands?: number[];
  merge?: 'nms' | 'nmm';
  sceneId?: string;
  /** Request headers for a remote raster. */
  headers?: Record<string, string>;
}

/** Callbacks of a raster run. */
export interface GroundRasterHooks {
  /** Called once the scene is open and tiled. */
  onGrid?(grid: TileGrid, info: RasterInfo): void;
}

/** The engine: models loaded once, shared by every request. */
export interface Engine {
  /** Loads (once) and returns a detector by registry id. */
  detector(modelId?: string): Promise<Detector>;
  /** How a query maps to a model's labels. */
  planQuery(query: string, modelId?: string): Promise<QueryPlan>;
  /** Grounds a query in a video: frame events then a summary; errors are GroundstreamErrors. */
  groundVideo(request: Partial<GroundVideoRequest>, hooks?: GroundVideoHooks): Observable<GroundingEvent>;
  /** Grounds a query in a raster scene: tile events, the merged scene event, then a summary. */
  groundRaster(request: RasterRequest, hooks?: GroundRasterHooks): Observable<GroundingEvent>;
  close(): Promise<void>;
}

/** Detector adapters by registry family. */
const DETECTOR_FAMILIES: Readonly<Record<string, (entry: ModelEntry, sessions: InferenceSession[]) => Detector>> = {
  yolox: createYoloxDetector,
};

/**
 * Creates an engine. Models and the lexicon load on first use and stay loaded until `close()`.
 *
 * @example
 * const engine = createEngine({ intraOpNumThreads: 2 });
 * engine.groundVideo({ source: 'clip.mp4', query: 'people and cars', fps: 5 }).subscribe(console.log);
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const detectors = new Map<string, Promise<Detector>>();
  const grounders = new Map<string, QueryGrounder>();
  let lexicon: Lexicon | undefined;

  const detector = (modelId = DEFAULT_DETECTOR_ID): Promise<Detector> => {
    let d = detectors.get(modelId);
    if (!d) {
      d = (async () => {
        const entry = findModelEntry(modelId);
        const family = entry?.family ? DETECTOR_FAMILIES[entry.family] : undefined;
        if (entry && !family) {
          const available = MODEL_CATALOG.filter((m) => m.family && DETECTOR_FAMILIES[m.family]).map((m) => m.id).join(', ');
          throw new GroundstreamError('invalid_argument', modelId, `model "${modelId}" (${entry.task}) has no detector adapter yet; detectors available: ${available}`);
        }
        const resolved = await resolveModel(modelId, { searchPath: options.modelSearchPath, cacheDir: options.cacheDir, download: options.download });
        const count = Math.max(1, options.sessionsPerModel ?? 1);
        const sessions = [];
        for (let i = 0; i < count; i++) {
          sessions.push(await createInferenceSession(resolved.path, {
            modelId,
            executionProvider: options.provider,
            intraOpNumThreads: options.intraOpNumThreads ?? Math.max(1, Math.floor(os.availableParallelism() / count)),
          }));
        }
        return family!(resolved.entry, sessions);
      })();
      d.catch(() => detectors.delete(modelId));
      detectors.set(modelId, d);
    }
    return d;
  };

  // Planning needs only the labels, so it works before (or without) the weights.
  const grounderFor = (modelId: string, labels: readonly string[]): QueryGrounder => {
    let g = grounders.get(modelId);
    if (!g) {
      lexicon ??= createWordNetLexicon();
      g = createQueryGrounder(lexicon, labels, COCO80_LABEL_SENSES, { kindOf: COCO80_KIND_OF });
      grounders.set(modelId, g);
    }
    return g;
  };

  // A query that names something, none of which the model can ground, is refused up front.
  const groundableQuery = (d: Detector, query: string): QueryPlan => {
    const plan = grounderFor(d.id, d.labels).groundQuery(query);
    if (plan.phrases.length > 0 && plan.phrases.every((p) => p.labels.length === 0)) {
      throw new GroundstreamError('nothing_groundable', query, `not groundable with the loaded models (${d.id}): ${plan.ungroundable.join(', ')}`);
    }
    return plan;
  };

  const planQuery = async (query: string, modelId = DEFAULT_DETECTOR_ID): Promise<QueryPlan> => {
    const entry = findModelEntry(modelId || DEFAULT_DETECTOR_ID);
    if (!entry) return grounderFor(modelId, (await detector(modelId)).labels).groundQuery(query);
    return grounderFor(entry.id, entry.labels).groundQuery(query);
  };

  return {
    detector,
    planQuery,
    groundVideo(request, hooks) {
      return defer(() => {
        const r = toVideoRequest(request);
        return from((async () => {
          const d = await detector(r.model || undefined);
          const plan = groundableQuery(d, r.query);
          const source = createVideoSource(r.source, {
            width: d.inputFormat.width,
            height: d.inputFormat.height,
            fit: d.inputFormat.fit,
            layout: d.inputFormat.layout,
            padValue: d.inputFormat.padValue,
            fps: r.fps || undefined,
            startSec: r.startSec || undefined,
            endSec: r.endSec || undefined,
            bufferFrames: options.bufferFrames,
            sourceId: r.streamId || streamIdFor(r.source),
          });
          const info = await source.info().catch(async (e: unknown) => { await source.close(); throw e; });
          hooks?.onInfo?.(info);
          return { d, plan, source, info };
        })()).pipe(
          mergeMap(({ d, plan, source, info }) =>
            groundVideo(hooks?.ready ? { frames: () => paced(source.frames(), hooks.ready!) } : source, d, {
              streamId: r.streamId || streamIdFor(r.source),
              labelPhrase: plan.phrases.length ? toLabelPhraseMap(plan) : undefined,
              queryPlan: plan,
              scoreThreshold: r.scoreThreshold || undefined,
              concurrency: Math.max(1, options.sessionsPerModel ?? 1),
              framesDeclared: info.frameCount ?? 0,
              mediaDurationSec: info.durationSec ?? 0,
            }).pipe(finalize(() => void source.close()))),
        );
      });
    },
    groundRaster(request, hooks) {
      return defer(() => from((async () => {
        const d = await detector(request.model || undefined);
        const plan = groundableQuery(d, request.query ?? '');
        const raster = await openRaster(request.source, { headers: request.headers });
        try {
          const sceneId = request.sceneId || streamIdFor(request.source);
          const reader = await createTileReader(raster, { bands: request.bands, sceneId });
          const info = raster.info;
          const grid = createTileGrid({ sceneWidthPx: info.width, sceneHeightPx: info.height, tileSizePx: request.tileSizePx ?? 416, overlapPx: request.overlapPx ?? 128 });
          hooks?.onGrid?.(grid, info);
          const notes = [reader.description];
          if (!info.georeferenced) notes.push(`${request.source} has no georeferencing: results are in pixels only`);
          if (info.georeferenced && findModelEntry(d.id)?.domain === 'ground-level') {
            notes.push(`${d.id} was trained on ground-level photos, and this scene is overhead imagery: it finds little here, so an empty result does not mean nothing is there`);
          }
          return { d, plan, raster, reader, grid, sceneId, notes };
        } catch (e) {
          await raster.close();
          throw e;
        }
      })())).pipe(
        mergeMap(({ d, plan, raster, reader, grid, sceneId, notes }) =>
          groundRaster({ sceneId, widthPx: raster.info.width, heightPx: raster.info.height, readTile: (w) => reader.readTile(w) }, d, {
            grid,
            labelPhrase: plan.phrases.length ? toLabelPhraseMap(plan) : undefined,
            queryPlan: plan,
            scoreThreshold: request.scoreThreshold || undefined,
            concurrency: Math.max(1, options.sessionsPerModel ?? 1),
            merge: { mode: request.merge ?? 'nms' },
            georeference: toSceneGeoreference(raster.info),
            notes,
          }).pipe(finalize(() => void raster.close()))),
      );
    },
    async close() {
      const all = await Promise.allSettled([...detectors.values()]);
      detectors.clear();
      await Promise.all(all.map((d) => (d.status === 'fulfilled' ? d.value.dispose() : undefined)));
    },
  };
}
