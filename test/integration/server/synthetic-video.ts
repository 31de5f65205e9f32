import { finalize, tap, type Observable } from 'rxjs';
import { findModelEntry } from '../../../models/catalog';
import { GroundstreamError } from '../../../src/core/errors';
import type { GroundingEvent } from '../../../src/core/events';
import type { Frame } from '../../../src/core/frame';
import type { Detector } from '../../../src/models/detector';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import { createYoloxDetector } from '../../../src/models/yolox/adapter';
import { groundVideo, type FrameSource } from '../../../src/pipeline/ground-video';
import type { GroundVideoHandler } from '../../../src/server/grounding-server';
import { paced } from '../../../src/pipeline/paced';
import { modelSearchPath } from '../../support/paths';

const SIZE = 416;

/**
 * One 416x416 gbrp picture: a stick figure (skin head, blue shirt, dark legs) on a pale
 * background. YOLOX nano sees a "kite" in it at about 0.34, so frame events carry a region.
 */
function figurePixels(): Uint8Array {
  const plane = SIZE * SIZE;
  const px = new Uint8Array(3 * plane);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const u = x - 208;
      const v = y - 40;
      let rgb: [number, number, number] = [180, 190, 170];
      if (u * u + (v - 10) ** 2 < 100) rgb = [224, 172, 140];
      else if (Math.abs(u) < 14 && v > 20 && v < 62) rgb = [40, 60, 160];
      else if (v > 22 && v < 58 && Math.abs(u) >= 14 && Math.abs(u) < 20) rgb = [224, 172, 140];
      else if (v >= 62 && v < 110 && Math.abs(u) > 2 && Math.abs(u) < 13) rgb = [30, 30, 40];
      const i = y * SIZE + x;
      px[i] = rgb[1]; // G
      px[plane + i] = rgb[2]; // B
      px[2 * plane + i] = rgb[0]; // R
    }
  }
  return px;
}

/** An in-memory video: `frames` copies of the figure at 10 fps, optionally failing like a truncated file. */
export interface SyntheticVideo extends FrameSource {
  /** Frames handed out so far. */
  readonly pulled: number;
  /** True once the frame iterator was closed or finished. */
  readonly closed: boolean;
}

export function createSyntheticVideo(options: { frames: number; truncateAfter?: number; sourceId?: string }): SyntheticVideo {
  const pixels = figurePixels();
  const sourceId = options.sourceId ?? 'synthetic';
  let pulled = 0;
  let closed = false;
  return {
    get pulled() { return pulled; },
    get closed() { return closed; },
    async *frames(): AsyncGenerator<Frame> {
      try {
        for (let i = 0; i < options.frames; i++) {
          if (options.truncateAfter !== undefined && i >= options.truncateAfter) {
            throw new GroundstreamError('truncated', `${sourceId}.mp4`, `${sourceId}.mp4 ends after ${i} frames: the file is truncated`);
          }
          pulled++;
          yield {
            sourceId, index: i, ptsSec: i / 10, width: SIZE, height: SIZE, layout: 'gbrp', pixels,
            sourceWidth: SIZE, sourceHeight: SIZE, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 },
          };
        }
      } finally {
        closed = true;
      }
    },
  };
}

/** The real YOLOX nano detector on CPU with 2 threads (dispose it after the tests). */
export async function createTestDetector(): Promise<Detector> {
  const entry = findModelEntry('yolox-nano-416')!;
  const model = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
  const session = await createInferenceSession(model.path, { modelId: entry.id, intraOpNumThreads: 2 });
  return createYoloxDetector(entry, [session]);
}

/** What a pipeline handler did, seen from the server side. */
export interface HandlerProbe {
  videos: SyntheticVideo[];
  /** Events the pipeline emitted, in order. */
  emitted: GroundingEvent[];
  /** Set when the pipeline's Observable was torn down (completed, failed or unsubscribed). */
  tornDownAt?: number;
  signals: AbortSignal[];
  /** `flow.ready()` calls still pending: above 0, a paced source is held back by the client. */
  blocked: number;
}

/**
 * A GroundVideo handler running the real pipeline over a synthetic video. Query grounding is the
 * engine's job, not the server's: every label is kept. `pace` wraps the frames with `flow.ready`.
 */
export function pipelineHandler(
  detector: Detector,
  video: { frames: number; truncateAfter?: number },
  options: { pace?: boolean } = {},
): { handler: GroundVideoHandler; probe: HandlerProbe } {
  const probe: HandlerProbe = { videos: [], emitted: [], signals: [], blocked: 0 };
  const handler: GroundVideoHandler = (request, signal, flow) => {
    const streamId = request.streamId || 'synthetic';
    const source = createSyntheticVideo({ ...video, sourceId: streamId });
    probe.videos.push(source);
    probe.signals.push(signal);
    const ready = async (): Promise<void> => {
      probe.blocked++;
      try {
        await flow.ready();
      } finally {
        probe.blocked--;
      }
    };
    const frames: FrameSource = options.pace ? { frames: () => paced(source.frames(), ready) } : source;
    const events: Observable<GroundingEvent> = groundVideo(frames, detector, {
      streamId,
      scoreThreshold: request.scoreThreshold || undefined,
      queryPlan: { text: request.query, phrases: [], ungroundable: [] },
    });
    return events.pipe(
      tap((e) => probe.emitted.push(e)),
      finalize(() => { probe.tornDownAt = Date.now(); }),
    );
  };
  return { handler, probe };
}
