import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EventKind, Lifecycle, type GroundingEvent } from '../core/events';
import { toMotCsvLine } from '../grounding/mot';
import { formatMediaTime, toSrt, toWebVtt, toWebVttMetadata, type TimedCue } from '../grounding/temporal';

/** Where the temporal outputs of a video run go; each is optional. */
export interface TemporalOutputPaths {
  /** MOTChallenge CSV of the tracked regions. */
  motPath?: string;
  /** WebVTT captions; a `kind=metadata` track with the JSON events goes next to it (`.metadata.vtt`). */
  vttPath?: string;
  srtPath?: string;
}

/** Collects what a video run's events say over time and writes it out. */
export interface TemporalOutputs {
  /** Takes each event of the run, in order. */
  write(event: GroundingEvent): Promise<void>;
  /** Writes the timed-text files; returns the paths written. */
  close(): Promise<string[]>;
  /** The segments that ended, in the order they ended. */
  readonly segments: readonly GroundingEvent[];
}

/** The metadata track's path next to a captions file: `out.vtt` → `out.metadata.vtt`. */
export function metadataVttPath(vttPath: string): string {
  return /\.vtt$/i.test(vttPath) ? vttPath.replace(/\.vtt$/i, '.metadata.vtt') : `${vttPath}.metadata.vtt`;
}

/**
 * Creates the temporal outputs of a run: MOT lines are streamed as frames come (frame number =
 * the source's frame index + 1, also under --fps sampling), captions are collected from segment
 * end events and written at close.
 */
export function createTemporalOutputs(paths: TemporalOutputPaths): TemporalOutputs {
  const mot: Writable | undefined = paths.motPath ? createWriteStream(paths.motPath) : undefined;
  const ended: GroundingEvent[] = [];
  return {
    segments: ended,
    async write(event) {
      if (event.kind === EventKind.EVENT_KIND_SEGMENT && event.lifecycle === Lifecycle.LIFECYCLE_END) ended.push(event);
      if (!mot || event.kind !== EventKind.EVENT_KIND_FRAME) return;
      let text = '';
      for (const r of event.regions) {
        if (r.trackId <= 0) continue;
        const [x0, y0, x1, y1] = r.box;
        text += `${toMotCsvLine({ frame: event.frameIndex + 1, id: r.trackId, x: x0, y: y0, w: x1 - x0, h: y1 - y0, score: r.score })}\n`;
      }
      if (text && !mot.write(text)) await once(mot, 'drain');
    },
    async close() {
      const written: string[] = [];
      if (mot) {
        mot.end();
        await once(mot, 'finish');
        written.push(paths.motPath!);
      }
      // Track segments carry the captions people read ("person 4 enters ..."); phrase segments
      // are the moments a query matched and go to the metadata track only.
      const cues: TimedCue[] = ended
        .filter((e) => e.segment && e.segment.trackId > 0 && e.captions.length > 0)
        .map((e) => ({ id: e.segment!.segmentId, startSec: e.segment!.startSec, endSec: e.segment!.endSec, text: e.captions[0].text }));
      if (paths.vttPath) {
        await writeFile(paths.vttPath, toWebVtt(cues));
        const metaPath = metadataVttPath(paths.vttPath);
        await writeFile(metaPath, toWebVttMetadata(ended.map((e) => ({ id: e.segment!.segmentId, startSec: e.segment!.startSec, endSec: e.segment!.endSec, payload: e }))));
        written.push(paths.vttPath, metaPath);
      }
      if (paths.srtPath) {
        await writeFile(paths.srtPath, toSrt(cues));
        written.push(paths.srtPath);
      }
      return written;
    },
  };
}

/**
 * The moments a query matched, one line each: phrase, [start, end], duration, confidence (the
 * best score), frames. Track segments are counted per phrase.
 */
export function formatSegments(ended: readonly GroundingEvent[]): string {
  const moments = ended.filter((e) => e.segment && e.segment.trackId === 0).map((e) => e.segment!);
  if (moments.length === 0) return 'no segments';
  moments.sort((a, b) => a.startSec - b.startSec || a.phrase.localeCompare(b.phrase));
  const lines = moments.map((s) => {
    const tracks = new Set(ended.filter((e) => e.segment && e.segment.trackId > 0 && e.segment.phrase === s.phrase && e.segment.startSec <= s.endSec && e.segment.endSec >= s.startSec).map((e) => e.segment!.trackId));
    return `  ${s.phrase}  [${formatMediaTime(s.startSec)}, ${formatMediaTime(s.endSec)}]  ${(s.endSec - s.startSec).toFixed(1)} s  confidence ${s.bestScore.toFixed(2)}  ${s.frames} frames${tracks.size ? `  tracks ${[...tracks].sort((a, b) => a - b).join(', ')}` : ''}`;
  });
  return [`${moments.length} segments:`, ...lines].join('\n');
}
