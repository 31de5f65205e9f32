import type { Detections } from '../../../../src/core/detections';

/** One ground-truth object in one frame. */
export interface SceneObject {
  /** Ground-truth identity, 1-based, stable over the scene. */
  id: number;
  classId: number;
  label: string;
  /** Box in frame pixels, clipped to the frame. */
  xyxy: [number, number, number, number];
}

/** Options of {@link crossingScene}. */
export interface CrossingSceneOptions {
  frames: number;
  objects: number;
  width: number;
  height: number;
  seed: number;
}

/** A seeded PRNG (mulberry32) returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLASSES = [
  { classId: 0, label: 'person', aspect: [1.8, 2.6] }, // height / width
  { classId: 2, label: 'car', aspect: [0.5, 0.7] },
] as const;

// Less than this share of the box inside the frame: the object counts as out of view.
const MIN_VISIBLE = 0.5;

/**
 * A deterministic synthetic scene: objects move on straight lines at constant velocity, in pairs of
 * the same class whose paths cross (their boxes overlap) at a chosen frame and place, at 45–135°
 * to each other; they enter and leave through the frame edges. Boxes are clipped to the frame; an
 * object is listed only while at least half of its box is inside.
 *
 * @example
 * const frames = crossingScene({ frames: 300, objects: 10, width: 640, height: 480, seed: 1 });
 * frames[0]; // [{ id: 1, classId: 0, label: 'person', xyxy: [...] }, ...]
 */
export function crossingScene(options: CrossingSceneOptions): SceneObject[][] {
  const { frames, objects, width, height, seed } = options;
  const rand = mulberry32(seed);
  const between = (lo: number, hi: number): number => lo + (hi - lo) * rand();
  interface Path { id: number; classId: number; label: string; w: number; h: number; px: number; py: number; vx: number; vy: number; tc: number }
  const paths: Path[] = [];
  for (let id = 1; id <= objects; id += 2) {
    const cls = CLASSES[Math.floor(rand() * CLASSES.length)];
    // Crossing point and time, shared by the pair.
    const px = between(0.2, 0.8) * width;
    const py = between(0.2, 0.8) * height;
    const tc = between(0.2, 0.8) * frames;
    const theta = between(0, 2 * Math.PI);
    const turn = (rand() < 0.5 ? -1 : 1) * between(Math.PI / 4, (3 * Math.PI) / 4);
    for (let k = 0; k < 2 && id + k <= objects; k++) {
      const angle = theta + k * turn;
      const speed = between(2, 6);
      const w = between(25, 70);
      const h = w * between(cls.aspect[0], cls.aspect[1]);
      paths.push({ id: id + k, classId: cls.classId, label: cls.label, w, h, px, py, vx: speed * Math.cos(angle), vy: speed * Math.sin(angle), tc });
    }
  }
  const out: SceneObject[][] = [];
  for (let f = 0; f < frames; f++) {
    const frame: SceneObject[] = [];
    for (const p of paths) {
      const cx = p.px + p.vx * (f - p.tc);
      const cy = p.py + p.vy * (f - p.tc);
      const x1 = cx - p.w / 2;
      const y1 = cy - p.h / 2;
      const x2 = cx + p.w / 2;
      const y2 = cy + p.h / 2;
      const cx1 = Math.max(0, x1);
      const cy1 = Math.max(0, y1);
      const cx2 = Math.min(width, x2);
      const cy2 = Math.min(height, y2);
      if (cx2 <= cx1 || cy2 <= cy1) continue;
      if ((cx2 - cx1) * (cy2 - cy1) < MIN_VISIBLE * p.w * p.h) continue;
      frame.push({ id: p.id, classId: p.classId, label: p.label, xyxy: [cx1, cy1, cx2, cy2] });
    }
    out.push(frame);
  }
  return out;
}

/** A frame's ground truth as detections, every one scoring `score`. */
export function sceneFrameToDetections(frame: readonly SceneObject[], score = 0.9): Detections {
  const n = frame.length;
  const d: Detections = { xyxy: new Float32Array(n * 4), score: new Float32Array(n).fill(score), classId: new Int32Array(n), label: new Array<string>(n) };
  frame.forEach((o, i) => {
    d.xyxy.set(o.xyxy, i * 4);
    d.classId[i] = o.classId;
    d.label[i] = o.label;
  });
  return d;
}
