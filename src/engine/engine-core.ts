import type { QueryPlan, StreamInfo } from '../core/events';
import type { TileGrid } from '../geo/tile-grid';
import type { Sensor, SpectralThresholds } from '../grounding/spectral';
import type { Detector } from '../models/detector';
import type { Segmenter } from '../models/segmenter';
import type { ExecutionProvider } from '../models/runtime/create-inference-session';
import type { RasterInfo } from '../sources/raster';

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
  /**
   * JSON model specs whose ids become selectable models, read when the engine is created (a broken
   * one throws then). `*.model.json` files in the model search path folders are picked up as well,
   * on first use.
   */
  modelSpecPaths?: string[];
  /** Frames decoded ahead of inference (default 8). */
  bufferFrames?: number;
  /** Called after each detector run with its duration in seconds, e.g. for a latency histogram. */
  onInference?(modelId: string, seconds: number): void;
  /** Called for each frame a live stream grounds. */
  onLiveFrame?(streamId: string): void;
  /** Called when a live stream ends (stopped, source ended, failed). */
  onLiveStreamEnd?(info: StreamInfo): void;
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
  /**
   * Region query: only the windows that intersect this box are read and grounded.
   * [west, south, east, north] in WGS 84 degrees, or [xmin, ymin, xmax, ymax] in the scene's CRS
   * when `bboxCrs` is 'native'.
   */
  bbox?: [number, number, number, number];
  /**
   * Target ground sample distance in metres for the detector: it reads the coarsest overview
   * whose GSD is still at most this, with tiles as large in scene pixels as that overview needs.
   */
  gsdM?: number;
  bboxCrs?: 'wgs84' | 'native';
  /**
   * Roles of the file's bands in order for the spectral kinds (water, vegetation, bare soil), e.g.
   * 'blue,green,red,nir,swir1,swir2'; `_` skips a band. Wins over `sensor` and band descriptions.
   */
  bandRoles?: string;
  /**
   * Sensor preset for the band roles (by band descriptions, else band count): one of
   * {@link Sensor} ('landsat7', 'landsat8', 'sentinel2', 'naip'); a string so callers (gRPC)
   * pass what they got, and an unknown name is refused with the list.
   */
  sensor?: Sensor | string;
  /** Overrides of the spectral index thresholds per kind, e.g. { water: 0.3 }. */
  spectralThresholds?: SpectralThresholds;
  /** Spectral polygons with fewer pixels are dropped (default 16). */
  spectralMinAreaPx?: number;
  /** Douglas–Peucker tolerance of spectral polygons in pixels (default 1). */
  spectralSimplifyPx?: number;
  /**
   * Instance masks: the segmenter (DeepLabV3) runs on each tile, and each detected region whose
   * class it knows gets its mask's outline as `geometry` (Polygon/MultiPolygon, instead of the box)
   * and `polygon` (scene pixels), assembled across tile seams. Default false.
   */
  masks?: boolean;
  /** A grounded report as the scene event's caption (with place and extent when long). */
  captions?: 'short' | 'medium' | 'long';
}

/** Callbacks of a raster run. */
export interface GroundRasterHooks {
  /** Called once the scene is open and tiled. */
  onGrid?(grid: TileGrid, info: RasterInfo): void;
  /** Awaited before each tile is read: lets a slow consumer (a gRPC client) pace the reads. */
  ready?(): Promise<void>;
}

/** What request handlers share: the options, the loaded detectors and query planning. */
export interface EngineCore {
  options: EngineOptions;
  detector(modelId?: string): Promise<Detector>;
  /** A semantic segmenter from the registry (default: DeepLabV3, PASCAL VOC), loaded once. */
  segmenter(modelId?: string): Promise<Segmenter>;
  /** The plan of a query for a detector; throws `nothing_groundable` when it names only what the model cannot see. */
  groundableQuery(d: Detector, query: string): QueryPlan;
  /** The plan of a query against a model's labels, from the registry alone (no weights loaded). */
  detectorPlan(query: string, modelId?: string): Promise<QueryPlan>;
  /** The plan of a query against the spectral kinds (water, vegetation, bare soil). */
  spectralPlan(query: string): QueryPlan;
}

