import type { ImageryDomain } from '../../../models/catalog';
import type { YoloOutputLayout } from '../yolo/yolo-decode-options';

/** How the model wants its pixels: size, tensor layout, channel order and normalisation. */
export interface ModelSpecInput {
  /** Input tensor name (default: the model's first input). */
  name?: string;
  width: number;
  height: number;
  layout: 'NCHW' | 'NHWC';
  colorOrder: 'RGB' | 'BGR';
  /** value = (pixel − mean) / std, per channel in `colorOrder`, on 0..255 pixels. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** `letterbox`: one scale, image at the top-left, the rest `padValue`; `stretch`: each axis scaled. */
  resize: 'letterbox' | 'stretch';
  /** Letterbox fill on 0..255 pixels, before normalisation (default 114). */
  padValue: number;
}

/** Which output to read and how to decode it. */
export interface ModelSpecOutput {
  layout: YoloOutputLayout;
  /** Output tensor name (default: the model's first output). */
  name?: string;
  /** yolox only: feature-map strides (default 8, 16, 32). */
  strides?: readonly number[];
  /** Default score threshold (default 0.3). */
  scoreThreshold: number;
  /** Class-wise NMS IoU (default 0.45). */
  iouThreshold: number;
}

/**
 * A user's own detector, described in JSON so it plugs in with no code change. Given with
 * `--model-spec <file>` (or `createEngine({ modelSpecPaths })`), or found as `*.model.json` in a
 * GROUNDSTREAM_MODEL_PATH folder; its `id` is then selectable with `--model <id>`.
 *
 * ```json
 * {
 *   "id": "yolov8s-dota",                      // [A-Za-z0-9._-], not a registry id
 *   "file": "yolov8s_dota.onnx",               // relative to the spec file, or absolute; a bare
 *                                              // name not beside the spec is looked up on the model path
 *   "sha256": "…64 hex…",                      // optional; checked when given
 *   "task": "detection",
 *   "domain": "overhead",                      // or "ground-level"
 *   "labels": ["plane", "ship", "…"],          // or "labelsFile": "dota.txt" (one a line, or a JSON array)
 *   "input": { "name": "images", "width": 1024, "height": 1024, "layout": "NCHW", "colorOrder": "RGB",
 *              "mean": [0, 0, 0], "std": [255, 255, 255], "resize": "letterbox", "padValue": 114 },
 *   "output": { "layout": "yolov8", "name": "output0", "scoreThreshold": 0.25, "iouThreshold": 0.45 }
 * }
 * ```
 * Optional free-text members: `description`, `license`. Any other member is an error.
 */
export interface ModelSpec {
  id: string;
  /** Absolute path of the spec file: every error names it. */
  specPath: string;
  /** Absolute path of the weights. */
  file: string;
  /** Lower-case hex; when absent the engine hashes the file for the detector's version. */
  sha256?: string;
  task: 'detection';
  domain: ImageryDomain;
  labels: readonly string[];
  input: ModelSpecInput;
  output: ModelSpecOutput;
  description?: string;
}
