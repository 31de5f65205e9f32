import type { Detections } from '../../core/detections';
import { toSourceX, toSourceY, type Frame } from '../../core/frame';
import type { DetectOptions, Detector, DetectorInputFormat } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createSessionPool, type SessionPool } from '../runtime/create-session-pool';
import { cropQuad } from './crop-quad';
import { decodeCtc, toCtcCharset, type ReadText } from './ctc-decode';
import { decodeDbMap, type DbDecodeOptions } from './decode-db-map';
import { decodeDirection } from './decode-direction';
import { toDetInput } from './det-input';
import { recBatchWidth, toLineBatch } from './line-batch';
import { rotateLine180, type LineImage } from './line-image';
import { orderQuad } from './order-quad';
import type { Point, Quad } from './point';
import { sortReadingOrder } from './sort-reading-order';

/** Options of {@link createOcrDetector}; tuning defaults are PaddleOCR's PP-OCRv4 inference defaults. */
export interface OcrDetectorOptions {
  /** Sessions of the DB text detector (one or more of the same model; runs are spread over them). */
  detSessions: readonly InferenceSession[];
  /** Sessions of the CTC recogniser. */
  recSessions: readonly InferenceSession[];
  /** Sessions of the 0°/180° direction classifier; without them every line is read as cut. */
  clsSessions?: readonly InferenceSession[];
  /** The recogniser's characters, one per class after the blank (ppocr_keys_v1.txt for PP-OCRv4 Chinese/English). */
  dictionary: readonly string[];
  /** Detector id (default `ppocr-v4`). */
  id?: string;
  /** The weights' identity, e.g. the detection model's sha256. */
  version: string;
  /** The detector input's longer side, at most (default 960). */
  limitSideLen?: number;
  /** DB post-processing (threshold 0.3, box threshold 0.6, unclip ratio 1.5). */
  db?: DbDecodeOptions;
  /** Lines per recogniser or classifier run (default 6). */
  batchSize?: number;
  /** Recognition batch width: at least this (default 320)… */
  recMinWidth?: number;
  /** …and at most this, however long a line (default 4096). */
  recMaxWidth?: number;
  /** A line is turned when the classifier gives 180° more than this (default 0.9). */
  directionThreshold?: number;
  /** Lines whose recognition score is below this are dropped unless the call says otherwise (default 0.5). */
  defaultScoreThreshold?: number;
  /**
   * The frames asked of a source (default 0 × 0 `bgr24`: full size, as read; text is read from
   * the frame itself, so a downscaled frame loses small print).
   */
  inputFormat?: Partial<DetectorInputFormat>;
}

const CLS_HEIGHT = 48;
const CLS_WIDTH = 192;

function inOut(pool: readonly InferenceSession[], what: string): { input: string; output: string; dims: readonly number[] } {
  const s = pool[0];
  if (!s) throw new Error(`createOcrDetector needs at least one ${what} session`);
  return { input: s.inputs[0].name, output: s.outputNames[0], dims: s.inputs[0].dims };
}

/** Splits `0..n-1`, sorted by `key`, into consecutive groups of `size`. */
function batchesBy(n: number, size: number, key: (i: number) => number): number[][] {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key(a) - key(b));
  const out: number[][] = [];
  for (let i = 0; i < n; i += size) out.push(order.slice(i, i + size));
  return out;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);

/**
 * PaddleOCR PP-OCRv4 as a {@link Detector} on groundstream's ONNX runtime: DB text detection on the
 * frame, each box cut out straightened, optionally turned upright by the direction classifier,
 * and read by the CTC recogniser. Each detection is one text line in reading order, label `text`,
 * class 0, with `text[i]` the string read, `score[i]` the recognition score, `polygon[i]` the box's
 * corners clockwise from the top-left (x, y × 4) and `xyxy` their bounds, in source pixels.
 * Frames of any size and layout are taken; full-size frames read small text best.
 *
 * @example
 * const models = await loadOcrModels({ intraOpNumThreads: 2 });
 * const ocr = createOcrDetector(models);
 * const d = await ocr.detect(frame); // d.text: ['DO NOT BLEACH', …]
 */
export function createOcrDetector(options: OcrDetectorOptions): Detector {
  const detIo = inOut(options.detSessions, 'detection');
  const recIo = inOut(options.recSessions, 'recognition');
  const clsIo = options.clsSessions?.length ? inOut(options.clsSessions, 'direction') : undefined;
  const det = createSessionPool(options.detSessions);
  const rec = createSessionPool(options.recSessions);
  const cls: SessionPool | undefined = clsIo ? createSessionPool(options.clsSessions!) : undefined;
  const charset = toCtcCharset(options.dictionary);
  const recHeight = recIo.dims[2] > 0 ? recIo.dims[2] : 48;
  const limitSideLen = options.limitSideLen ?? 960;
  const batchSize = options.batchSize ?? 6;
  const recMinWidth = options.recMinWidth ?? 320;
  const recMaxWidth = options.recMaxWidth ?? 4096;
  const defaultScoreThreshold = options.defaultScoreThreshold ?? 0.5;

  /** Text boxes in frame-buffer pixels, in reading order. */
  async function findBoxes(frame: Frame): Promise<Quad[]> {
    const input = toDetInput(frame, limitSideLen);
    const out = (await det.run({ [detIo.input]: input }, { giveInputs: true }))[detIo.output];
    const mapH = out.dims[2];
    const mapW = out.dims[3];
    const kx = frame.width / mapW;
    const ky = frame.height / mapH;
    const quads: Quad[] = [];
    for (const box of decodeDbMap(out.data, mapW, mapH, options.db)) {
      const q = orderQuad(box.quad.map(([x, y]): Point => [clamp(x * kx, 0, frame.width), clamp(y * ky, 0, frame.height)]));
      // PaddleOCR drops boxes 3 pixels or less across once clipped to the image.
      const w = Math.floor(Math.hypot(q[1][0] - q[0][0], q[1][1] - q[0][1]));
      const h = Math.floor(Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]));
      if (w > 3 && h > 3) quads.push(q);
    }
    // The 10-pixel same-line tolerance is PaddleOCR's, in source pixels.
    return sortReadingOrder(quads, 10 * frame.toSource.scaleY).map((i) => quads[i]);
  }

  async function turnUpright(lines: LineImage[]): Promise<LineImage[]> {
    if (!cls || !clsIo) return lines;
    const out = [...lines];
    await Promise.all(batchesBy(lines.length, batchSize, (i) => lines[i].width / lines[i].height).map(async (batch) => {
      const input = toLineBatch(batch.map((i) => lines[i]), { height: CLS_HEIGHT, width: CLS_WIDTH });
      const probs = (await cls.run({ [clsIo.input]: input }, { giveInputs: true }))[clsIo.output];
      decodeDirection(probs, options.directionThreshold ?? 0.9).forEach((flip, k) => {
        if (flip) out[batch[k]] = rotateLine180(lines[batch[k]]);
      });
    }));
    return out;
  }

  async function read(lines: LineImage[]): Promise<ReadText[]> {
    const reads = new Array<ReadText>(lines.length);
    // Lines of similar shape share a batch, so little of it is padding (PaddleOCR sorts the same way).
    await Promise.all(batchesBy(lines.length, batchSize, (i) => lines[i].width / lines[i].height).map(async (batch) => {
      const group = batch.map((i) => lines[i]);
      const width = recBatchWidth(group, recHeight, recMinWidth, recMaxWidth);
      const input = toLineBatch(group, { height: recHeight, width });
      const probs = (await rec.run({ [recIo.input]: input }, { giveInputs: true }))[recIo.output];
      decodeCtc(probs, charset).forEach((r, k) => { reads[batch[k]] = r; });
    }));
    return reads;
  }

  return {
    id: options.id ?? 'ppocr-v4',
    version: options.version,
    labels: ['text'],
    inputFormat: { width: 0, height: 0, layout: 'bgr24', fit: 'stretch', padValue: 0, ...options.inputFormat },
    defaultScoreThreshold,
    async detect(frame: Frame, detectOptions: DetectOptions = {}): Promise<Detections> {
      const threshold = detectOptions.scoreThreshold ?? defaultScoreThreshold;
      const quads = await findBoxes(frame);
      const lines = await turnUpright(quads.map((q) => cropQuad(frame, q)));
      const reads = await read(lines);
      const kept = reads.map((_, i) => i).filter((i) => reads[i].text !== '' && reads[i].score >= threshold);
      const n = kept.length;
      const t = frame.toSource;
      const d: Detections = {
        xyxy: new Float32Array(n * 4),
        score: new Float32Array(n),
        classId: new Int32Array(n),
        label: new Array<string>(n).fill('text'),
        text: [],
        polygon: [],
      };
      kept.forEach((i, k) => {
        const polygon = quads[i].flatMap(([x, y]) => [
          clamp(toSourceX(t, x), 0, frame.sourceWidth),
          clamp(toSourceY(t, y), 0, frame.sourceHeight),
        ]);
        const xs = [polygon[0], polygon[2], polygon[4], polygon[6]];
        const ys = [polygon[1], polygon[3], polygon[5], polygon[7]];
        d.xyxy.set([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], k * 4);
        d.score[k] = reads[i].score;
        d.text!.push(reads[i].text);
        d.polygon!.push(polygon);
      });
      return d;
    },
    async dispose() {
      await Promise.all([det.dispose(), rec.dispose(), cls?.dispose()]);
    },
  };
}
