import type { Detections } from '../../core/detections';
import { selectDetections } from '../../core/detections';
import { GroundstreamError } from '../../core/errors';
import type { GridTile, TileGrid } from '../../geo/tile-grid';
import { iouAt } from '../nms';
import { concatDetections } from './concat-detections';
import { classifyTileBox, type BoxCut } from './cut-box';
import { iosAt } from './intersection-over-smaller';
import { shiftToScene } from './shift-to-scene';

/** Detections of one tile, boxes in that tile's pixels. */
export interface TileDetections {
  tile: GridTile;
  dets: Detections;
}

/** Options of {@link mergeTileDetections}. */
export interface MergeTileOptions {
  /** The grid the tiles belong to; tells inner edges from scene edges. */
  grid: TileGrid;
  /**
   * `nms` keeps the best box of each group; `nmm` (non-maximum merge, as in SAHI) replaces it by the
   * union of the group with the group's best score. Default `nms`.
   */
  mode?: 'nms' | 'nmm';
  /** Same-class boxes overlapping by more than this IoU are one object. Default 0.5. */
  iouThreshold?: number;
  /**
   * Same-class boxes from DIFFERENT tiles whose intersection covers more than this share of the
   * smaller box are one object (a cut box lies inside the complete one). Not applied within a tile,
   * where the detector already decided that a small box inside a big one is a second object.
   * Default 0.8.
   */
  iosThreshold?: number;
  /** A box within this many pixels of an inner tile edge counts as touching it. Default 2. */
  edgeMarginPx?: number;
  /** Upper bound on results, best first. */
  maxDetections?: number;
}

/** Scene-pixel detections after merging, with where each came from. */
export interface MergedDetections extends Detections {
  /** Tile of the box that represents each result. */
  tileId: string[];
  /** 1 where every box of the result touches an inner tile edge: it may still be truncated. */
  cut: Uint8Array;
}

const RANK: Record<BoxCut, number> = { complete: 0, cut: 0, 'cut-covered': 1 };

/**
 * Merges detections from overlapping tiles so that one object gives one result, in scene pixels.
 *
 * Rules, in order:
 * 1. Each box is shifted to scene pixels and classified ({@link classifyTileBox}); boxes cut by an
 *    inner edge where another tile sees past the cut (`cut-covered`) rank after all other boxes
 *    whatever their score, so the neighbour's complete box wins.
 * 2. Greedy class-wise suppression in that order: a box joins the group of a better-ranked box of the
 *    same class when IoU > `iouThreshold`, or (boxes from different tiles only) IoS > `iosThreshold`.
 *    Different classes never merge; adjacent objects whose boxes do not overlap never merge.
 * 3. `nms`: the group keeps its first box and score; `nmm`: the union box and the highest score.
 * Results are sorted by score, highest first.
 *
 * A cut-covered box with no matching box in the neighbour (the neighbour missed it) is kept.
 * Objects wider than the overlap are cut in every tile; choose `overlapPx` above the largest object.
 *
 * @example
 * mergeTileDetections([{ tile: a, dets: partial }, { tile: b, dets: full }], { grid }) // → one box: `full`, shifted to scene px
 */
export function mergeTileDetections(perTile: readonly TileDetections[], options: MergeTileOptions): MergedDetections {
  const { grid, mode = 'nms', iouThreshold = 0.5, iosThreshold = 0.8, edgeMarginPx = 2 } = options;
  if (mode !== 'nms' && mode !== 'nmm') throw new GroundstreamError('invalid_argument', 'mode', `mode must be 'nms' or 'nmm', got '${String(mode)}'`);
  const parts = perTile.map((p) => shiftToScene(p.dets, p.tile.window));
  const all = concatDetections(parts);
  const n = all.score.length;
  const tileOf = new Array<GridTile>(n);
  const cutOf = new Array<BoxCut>(n);
  let k = 0;
  for (let p = 0; p < perTile.length; p++) {
    for (let i = 0; i < parts[p].score.length; i++, k++) {
      tileOf[k] = perTile[p].tile;
      const b = all.xyxy;
      cutOf[k] = classifyTileBox(grid, perTile[p].tile, { x0: b[k * 4], y0: b[k * 4 + 1], x1: b[k * 4 + 2], y1: b[k * 4 + 3] }, edgeMarginPx);
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => RANK[cutOf[a]] - RANK[cutOf[b]] || all.score[b] - all.score[a]);
  const taken = new Uint8Array(n);
  const groups: number[][] = [];
  for (let a = 0; a < n; a++) {
    const i = order[a];
    if (taken[i]) continue;
    taken[i] = 1;
    const group = [i];
    for (let b = a + 1; b < n; b++) {
      const j = order[b];
      if (taken[j] || all.classId[j] !== all.classId[i]) continue;
      const same =
        iouAt(all.xyxy, i, j) > iouThreshold ||
        (tileOf[i].tileId !== tileOf[j].tileId && iosAt(all.xyxy, i, j) > iosThreshold);
      if (same) {
        taken[j] = 1;
        group.push(j);
      }
    }
    groups.push(group);
  }
  const heads = groups.map((g) => g[0]);
  const picked = selectDetections(all, heads);
  const out: MergedDetections = { ...picked, tileId: heads.map((i) => tileOf[i].tileId), cut: new Uint8Array(heads.length) };
  groups.forEach((g, gi) => {
    out.cut[gi] = g.every((i) => cutOf[i] !== 'complete') ? 1 : 0;
    if (mode !== 'nmm') return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, best = -Infinity;
    for (const i of g) {
      x0 = Math.min(x0, all.xyxy[i * 4]);
      y0 = Math.min(y0, all.xyxy[i * 4 + 1]);
      x1 = Math.max(x1, all.xyxy[i * 4 + 2]);
      y1 = Math.max(y1, all.xyxy[i * 4 + 3]);
      best = Math.max(best, all.score[i]);
    }
    out.xyxy.set([x0, y0, x1, y1], gi * 4);
    out.score[gi] = best;
  });
  const byScore = Array.from({ length: heads.length }, (_, i) => i).sort((a, b) => out.score[b] - out.score[a]);
  const limit = Math.min(byScore.length, options.maxDetections ?? Infinity);
  const idx = byScore.slice(0, limit);
  return { ...selectDetections(out, idx), tileId: idx.map((i) => out.tileId[i]), cut: Uint8Array.from(idx, (i) => out.cut[i]) };
}
