import type { GroundingEvent } from '../core/events';
import { groundDistanceM } from '../geo/ground-distance';
import { composeReport, type CaptionDetail } from '../grounding/captions';

/**
 * The scene event with a grounded report as its caption: one sentence per group (or object, when
 * long), each noun phrase spanning its regions, and — for a georeferenced scene — where it lies
 * and how large it is on the ground (from its WGS 84 bounds). Other events pass unchanged.
 *
 * @example
 * events.pipe(map((e) => withSceneReport(e, 'long', 0.3)))
 */
export function withSceneReport(event: GroundingEvent, detail: CaptionDetail, scoreThreshold: number): GroundingEvent {
  if (event.kind !== 'EVENT_KIND_SCENE') return event;
  const bbox = event.geo?.georeferenced ? event.geo.bboxWgs84 : [];
  let place;
  if (bbox.length === 4) {
    const [w, s, e, n] = bbox;
    const lat = (s + n) / 2;
    const lon = (w + e) / 2;
    place = { lat, lon, extentM: [groundDistanceM([w, lat], [e, lat]), groundDistanceM([lon, s], [lon, n])] as const };
  }
  const report = composeReport({ regions: event.regions, frameWidth: event.width, frameHeight: event.height, place }, { detail, scoreThreshold });
  return report.caption.text ? { ...event, captions: [report.caption] } : event;
}
