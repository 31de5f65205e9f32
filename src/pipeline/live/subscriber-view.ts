import { EventKind, type Caption, type CaptionSpan, type GroundingEvent, type Region } from '../../core/events';

/** What one subscriber sees of a shared live event: its own query's phrases and its filter. */
export interface SubscriberView {
  /** The subscriber's query as label → phrase (from a query plan): regions with other labels are removed and kept ones get this phrase. Undefined keeps every region and its phrase. */
  labelPhrase?: ReadonlyMap<string, string>;
  /** Keep only regions with these labels (empty/undefined: all). */
  labels?: ReadonlySet<string>;
  /** Keep only regions with these phrases (after labelPhrase re-stamps them) (empty/undefined: all). */
  phrases?: ReadonlySet<string>;
}

/**
 * The event as one subscriber sees it. Pure: the same event object is shared by every subscriber,
 * so it is never mutated; it is returned as is when the view changes nothing, otherwise as a
 * shallow copy with a new `regions` array (a region is copied only when its phrase changes).
 * Caption spans lose the ids of removed regions, and spans left with none are dropped (a caption
 * keeps its text even with no span left). Events without regions pass through. A segment event is
 * about its one region: undefined when the subscriber does not see that region, and its segment's
 * phrase follows the subscriber's query.
 *
 * @example
 * const view = { labelPhrase: new Map([['person', 'pedestrians']]) };
 * toSubscriberView(frameEvent, view); // only person regions, each with phrase "pedestrians"
 */
export function toSubscriberView(event: GroundingEvent, view: SubscriberView): GroundingEvent | undefined {
  const regions = event.regions;
  if (regions === undefined || regions.length === 0) return event;
  const { labelPhrase } = view;
  const labels = view.labels !== undefined && view.labels.size > 0 ? view.labels : undefined;
  const phrases = view.phrases !== undefined && view.phrases.size > 0 ? view.phrases : undefined;
  if (labelPhrase === undefined && labels === undefined && phrases === undefined) return event;

  const kept: Region[] = [];
  const removed = new Set<string>();
  let changed = false;
  for (const region of regions) {
    let phrase = region.phrase;
    if (labelPhrase !== undefined) {
      const stamped = labelPhrase.get(region.label);
      if (stamped === undefined) {
        removed.add(region.regionId);
        continue;
      }
      phrase = stamped;
    }
    if ((labels !== undefined && !labels.has(region.label)) || (phrases !== undefined && !phrases.has(phrase))) {
      removed.add(region.regionId);
      continue;
    }
    if (phrase === region.phrase) {
      kept.push(region);
    } else {
      kept.push({ ...region, phrase });
      changed = true;
    }
  }
  if (!changed && kept.length === regions.length) return event;
  if (event.kind === EventKind.EVENT_KIND_SEGMENT) {
    if (kept.length === 0) return undefined;
    return event.segment ? { ...event, regions: kept, segment: { ...event.segment, phrase: kept[0].phrase } } : { ...event, regions: kept };
  }

  const out: GroundingEvent = { ...event, regions: kept };
  if (kept.length < regions.length) {
    const captions = withoutRegions(event.captions, removed);
    if (captions !== event.captions) out.captions = captions;
  }
  return out;
}

/** Captions whose spans no longer point at removed regions; the same array when none did. */
function withoutRegions(captions: Caption[], removed: ReadonlySet<string>): Caption[] {
  if (captions === undefined || captions.length === 0) return captions;
  let changed = false;
  const out = captions.map((caption) => {
    const spans = caption.spans ?? [];
    if (!spans.some((span) => (span.regionIds ?? []).some((id) => removed.has(id)))) return caption;
    changed = true;
    const kept: CaptionSpan[] = [];
    for (const span of spans) {
      const ids = span.regionIds ?? [];
      if (!ids.some((id) => removed.has(id))) {
        kept.push(span);
        continue;
      }
      const left = ids.filter((id) => !removed.has(id));
      if (left.length > 0) kept.push({ ...span, regionIds: left });
    }
    return { ...caption, spans: kept };
  });
  return changed ? out : captions;
}
