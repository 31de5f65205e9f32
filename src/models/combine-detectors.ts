import { emptyDetections, type Detections } from '../core/detections';
import type { Frame } from '../core/frame';
import type { DetectOptions, Detector } from './detector';

/**
 * Several detectors as one expert panel: each runs on the frame and their detections are
 * concatenated. Labels are the union in order of first appearance; class ids are re-numbered into
 * it, so `classId` indexes `labels` as for a single detector. When the members want different
 * frames the panel asks for full-size ones (width and height 0) and each member fits them itself:
 * a text reader must not read a frame shrunk for a 416-pixel detector. A score threshold given per call
 * applies to every member; without one each uses its own default.
 *
 * @example
 * const panel = combineDetectors([await engine.detector('yolox-nano-416'), await engine.detector('ultraface-rfb-320')]);
 * const dets = await panel.detect(frame); // people, cars, ... and faces
 */
export function combineDetectors(members: readonly Detector[]): Detector {
  if (members.length === 0) throw new RangeError('combineDetectors needs at least one detector');
  if (members.length === 1) return members[0];
  const labels: string[] = [];
  const classMaps = members.map((d) => d.labels.map((label) => {
    let k = labels.indexOf(label);
    if (k < 0) k = labels.push(label) - 1;
    return k;
  }));
  const first = members[0];
  return {
    id: members.map((d) => d.id).join('+'),
    version: members.map((d) => d.version.slice(0, 12)).join('+'),
    labels,
    inputFormat: sameFormat(members) ? { ...first.inputFormat } : FULL_SIZE,
    defaultScoreThreshold: Math.min(...members.map((d) => d.defaultScoreThreshold)),
    domain: first.domain,
    async detect(frame: Frame, options: DetectOptions = {}): Promise<Detections> {
      const results = await Promise.all(members.map((d) => d.detect(frame, options)));
      return concatRemapped(results, classMaps);
    },
    async dispose() {
      await Promise.all(members.map((d) => d.dispose()));
    },
  };
}

/** Width and height 0: the source's own size. */
const FULL_SIZE = { width: 0, height: 0, layout: 'rgb24', fit: 'stretch', padValue: 0 } as const;

function sameFormat(members: readonly Detector[]): boolean {
  const f = members[0].inputFormat;
  return members.every((d) => {
    const g = d.inputFormat;
    return g.width === f.width && g.height === f.height && g.layout === f.layout && g.fit === f.fit && g.padValue === f.padValue;
  });
}

function concatRemapped(parts: readonly Detections[], classMaps: readonly number[][]): Detections {
  const n = parts.reduce((sum, d) => sum + d.score.length, 0);
  if (n === 0) return emptyDetections();
  const out: Detections = { xyxy: new Float32Array(4 * n), score: new Float32Array(n), classId: new Int32Array(n), label: [] };
  const anyText = parts.some((d) => d.text);
  const anyPolygon = parts.some((d) => d.polygon);
  if (anyText) out.text = [];
  if (anyPolygon) out.polygon = [];
  let k = 0;
  parts.forEach((d, m) => {
    for (let i = 0; i < d.score.length; i++, k++) {
      out.xyxy.set(d.xyxy.subarray(4 * i, 4 * i + 4), 4 * k);
      out.score[k] = d.score[i];
      out.classId[k] = classMaps[m][d.classId[i]] ?? d.classId[i];
      out.label.push(d.label[i]);
      out.text?.push(d.text?.[i] ?? '');
      out.polygon?.push(d.polygon?.[i] ?? []);
    }
  });
  return out;
}
