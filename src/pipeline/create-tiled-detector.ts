import type { Detections } from '../core/detections';
import type { Frame } from '../core/frame';
import { createTileGrid, type TileGrid } from '../geo/tile-grid';
import { mergeTileDetections, type MergeTileOptions, type TileDetections } from '../grounding/merge';
import type { DetectOptions, Detector } from '../models/detector';
import { cropFrame } from './crop-frame';

/** Options of {@link createTiledDetector}. */
export interface TiledDetectorOptions {
  tileSizePx: number;
  overlapPx: number;
  merge?: Omit<MergeTileOptions, 'grid'>;
}

/**
 * Runs a detector on overlapping tiles of each frame and merges the tiles' boxes across seams, so
 * small, distant objects in a large frame (4K surveillance) are seen at the model's own scale. The
 * frame must be at source resolution (`toSource` identity); the result is in source pixels.
 *
 * @example
 * const tiled = createTiledDetector(yolox, { tileSizePx: 416, overlapPx: 128 });
 * groundVideo(createVideoSource('4k.mp4', { layout: 'gbrp' }), tiled, { streamId: 'cam' });
 */
export function createTiledDetector(detector: Detector, options: TiledDetectorOptions): Detector {
  const grids = new Map<string, TileGrid>();
  const gridFor = (w: number, h: number): TileGrid => {
    const key = `${w}x${h}`;
    let g = grids.get(key);
    if (!g) {
      g = createTileGrid({ sceneWidthPx: w, sceneHeightPx: h, tileSizePx: options.tileSizePx, overlapPx: options.overlapPx });
      grids.set(key, g);
    }
    return g;
  };
  return {
    id: detector.id,
    version: detector.version,
    labels: detector.labels,
    // The source delivers full-size frames; tiles are cut here.
    inputFormat: { ...detector.inputFormat, width: 0, height: 0 },
    defaultScoreThreshold: detector.defaultScoreThreshold,
    async detect(frame: Frame, detectOptions?: DetectOptions): Promise<Detections> {
      const grid = gridFor(frame.width, frame.height);
      const perTile: TileDetections[] = [];
      for (const tile of grid.tiles) {
        perTile.push({ tile, dets: await detector.detect(cropFrame(frame, tile.window), detectOptions) });
      }
      const merged = mergeTileDetections(perTile, { ...options.merge, grid });
      const t = frame.toSource;
      if (t.scaleX !== 1 || t.scaleY !== 1 || t.offsetX !== 0 || t.offsetY !== 0) {
        for (let i = 0; i < merged.xyxy.length; i += 2) {
          merged.xyxy[i] = (merged.xyxy[i] - t.offsetX) / t.scaleX;
          merged.xyxy[i + 1] = (merged.xyxy[i + 1] - t.offsetY) / t.scaleY;
        }
      }
      return { xyxy: merged.xyxy, score: merged.score, classId: merged.classId, label: merged.label };
    },
    dispose: () => detector.dispose(),
  };
}
