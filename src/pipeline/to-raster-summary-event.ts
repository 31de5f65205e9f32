import { EventKind, type GroundingEvent, type ModelRef, type QueryPlan } from '../core/events';
import { eventEnvelope } from './event-envelope';
import { roundTo } from './to-frame-event';

/** What a raster run reports at its end. */
export interface RasterRunTotals {
  sceneId: string;
  models: ModelRef[];
  queryPlan?: QueryPlan;
  tiles: number;
  emptyTiles: number;
  elapsedSec: number;
  labelCounts: Record<string, number>;
}

/** The summary event that closes a raster run: tiles done, throughput, regions per label, empty tiles. */
export function toRasterSummaryEvent(t: RasterRunTotals, now: () => Date): GroundingEvent {
  return {
    ...eventEnvelope(EventKind.EVENT_KIND_SUMMARY, '', `${t.sceneId}:summary:0`, now),
    sceneId: t.sceneId,
    models: t.models,
    query: t.queryPlan,
    notes: t.emptyTiles ? [`${t.emptyTiles} of ${t.tiles} tiles held no data and were skipped`] : [],
    summary: {
      frames: t.tiles,
      framesDeclared: t.tiles,
      elapsedSec: roundTo(t.elapsedSec, 3),
      framesPerSec: t.elapsedSec > 0 ? roundTo(t.tiles / t.elapsedSec, 2) : 0,
      labelCounts: t.labelCounts,
      mediaDurationSec: 0,
    },
  };
}
