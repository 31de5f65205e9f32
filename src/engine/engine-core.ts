import type { QueryPlan } from '../core/events';
import type { TileGrid } from '../geo/tile-grid';
import type { Detector } from '../models/detector';
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
  /**
   * Region query: only the windows that intersect this box are read and grounded.
   * [west, south, east, north] in WGS 84 degrees, or [xmin, ymin, xmax, ymax] in the scene's CRS
   * when `bboxCrs` is 'native'.
   */
  bbox?: [number, number, number, number];
  bboxCrs?: 'wgs84' | 'native';
}

/** Callbacks of a raster run. */
export interface GroundRasterHooks {
  /** Called once the scene is open and tiled. */
  onGrid?(grid: TileGrid, info: RasterInfo): void;
}

/** What request handlers share: the options, the loaded detectors and query planning. */
export interface EngineCore {
  options: EngineOptions;
  detector(modelId?: string): Promise<Detector>;
  /** The plan of a query for a detector; throws `nothing_groundable` when it names only what the model cannot see. */
  groundableQuery(d: Detector, query: string): QueryPlan;
}

