import { COCO80_LABELS, ROAD_SEG_LABELS, VOC21_LABELS } from './labels/coco80';

/** What a model does. */
export type ModelTask = 'detection' | 'face-detection' | 'semantic-segmentation';

/** One model input: name, shape, layout and how pixels must be prepared. */
export interface ModelInputSpec {
  name: string;
  shape: readonly number[];
  layout: 'NCHW' | 'NHWC';
  /** Channel order and value range the model was trained on, in words and in numbers. */
  colorOrder: 'RGB' | 'BGR';
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  resize: 'letterbox-top-left' | 'stretch';
  padValue?: number;
}

/** What kind of imagery a model was trained on: photos taken on the ground, or nadir/aerial views. */
export type ImageryDomain = 'ground-level' | 'overhead';

/** A registry entry: enough to find, verify, fetch and run a model. */
export interface ModelEntry {
  id: string;
  task: ModelTask;
  /** File name in a model folder (search path or cache). */
  file: string;
  /** Raw file at a pinned commit. */
  url: string;
  sha256: string;
  sizeBytes: number;
  license: string;
  input: ModelInputSpec;
  outputs: readonly string[];
  labels: readonly string[];
  /** Adapter family under src/models that decodes its outputs; absent when none exists yet. */
  family?: string;
  defaultScoreThreshold: number;
  /** The imagery it was trained on; a ground-level model on an overhead scene finds little. */
  domain: ImageryDomain;
}

const RAW = 'https://raw.githubusercontent.com';
const MOT_PIPELINE = `${RAW}/Kazuhito00/MOT-Tracking-by-Detection-Pipeline/e50a76b8b430b778276e7fd04fd4cafd5d45eab2`;
const NODE_EDITOR = `${RAW}/Kazuhito00/Image-Processing-Node-Editor/46979d5b8eacb181abe970e4dd18e8f4cf0e750b`;

const IDENTITY: readonly [number, number, number] = [0, 0, 0];
const UNIT: readonly [number, number, number] = [1, 1, 1];

/** Every model the engine knows, pinned by URL and sha256. The weights are never committed. */
export const MODEL_CATALOG: readonly ModelEntry[] = Object.freeze([
  {
    id: 'yolox-nano-416',
    task: 'detection',
    file: 'yolox_nano_416.onnx',
    url: `${MOT_PIPELINE}/Detector/yolox/model/yolox_nano_416x416.onnx`,
    sha256: '695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14',
    sizeBytes: 3660092,
    license: 'Apache-2.0 (YOLOX, Megvii)',
    input: { name: 'images', shape: [1, 3, 416, 416], layout: 'NCHW', colorOrder: 'BGR', mean: IDENTITY, std: UNIT, resize: 'letterbox-top-left', padValue: 114 },
    outputs: ['output'],
    labels: COCO80_LABELS,
    family: 'yolox',
    defaultScoreThreshold: 0.3,
    domain: 'ground-level',
  },
  {
    id: 'nanodet-m-320',
    task: 'detection',
    file: 'nanodet_m_320.onnx',
    url: `${MOT_PIPELINE}/Detector/nanodet/model/nanodet_m_320.onnx`,
    sha256: '88e9fb97a54bb0030127ad323a10f88b4531b6aa82617e7ef79e35ffcc9bb3e1',
    sizeBytes: 3802801,
    license: 'Apache-2.0 (NanoDet)',
    input: { name: 'input.1', shape: [1, 3, 320, 320], layout: 'NCHW', colorOrder: 'BGR', mean: [103.53, 116.28, 123.675], std: [57.375, 57.12, 58.395], resize: 'stretch' },
    outputs: ['cls_pred_stride_8', 'cls_pred_stride_16', 'cls_pred_stride_32', 'dis_pred_stride_8', 'dis_pred_stride_16', 'dis_pred_stride_32'],
    labels: COCO80_LABELS,
    family: 'nanodet',
    defaultScoreThreshold: 0.35,
    domain: 'ground-level',
  },
  {
    id: 'fastestdet-352',
    task: 'detection',
    file: 'fastestdet_352.onnx',
    url: `${RAW}/dog-qiuqiu/FastestDet/50473cd155cb088aa4a99e64ff6a4b3c24fa07e1/example/onnx-runtime/FastestDet.onnx`,
    sha256: '31cb14c017fce347cb4c846ec62fdf00d76bb3beecdf4be21e7116ac67feb880',
    sizeBytes: 998169,
    license: 'BSD-3-Clause',
    input: { name: 'input.1', shape: [1, 3, 352, 352], layout: 'NCHW', colorOrder: 'BGR', mean: IDENTITY, std: [255, 255, 255], resize: 'stretch' },
    outputs: ['758'],
    labels: COCO80_LABELS,
    family: 'fastestdet',
    defaultScoreThreshold: 0.65,
    domain: 'ground-level',
  },
  {
    id: 'light-person-detector-192',
    task: 'detection',
    file: 'light_person_detector.onnx',
    url: `${MOT_PIPELINE}/Detector/light_person_detector/model/model.onnx`,
    sha256: '4bf5f704cd3bd900645a4303e0934ede13d9fb2135058b38005f4c2886c68576',
    sizeBytes: 3616703,
    license: 'Apache-2.0',
    input: { name: 'images', shape: [1, 3, 192, 192], layout: 'NCHW', colorOrder: 'BGR', mean: IDENTITY, std: UNIT, resize: 'letterbox-top-left', padValue: 114 },
    outputs: ['output'],
    labels: ['person'],
    family: 'yolox',
    defaultScoreThreshold: 0.3,
    domain: 'ground-level',
  },
  {
    id: 'ultraface-rfb-320',
    task: 'face-detection',
    file: 'ultraface_rfb_320.onnx',
    url: `${RAW}/Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB/dffdddda9794a50607cba8f318507a28c1c27cab/models/onnx/version-RFB-320.onnx`,
    sha256: '34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017',
    sizeBytes: 1270727,
    license: 'MIT',
    input: { name: 'input', shape: [1, 3, 240, 320], layout: 'NCHW', colorOrder: 'RGB', mean: [127, 127, 127], std: [128, 128, 128], resize: 'stretch' },
    outputs: ['scores', 'boxes'],
    labels: ['face'],
    family: 'ultraface',
    defaultScoreThreshold: 0.7,
    domain: 'ground-level',
  },
  {
    id: 'yunet-120x160',
    task: 'face-detection',
    file: 'yunet_120x160.onnx',
    url: `${NODE_EDITOR}/node/deep_learning_node/face_detection/YuNet/model/face_detection_yunet_120x160.onnx`,
    sha256: 'c89f94fc04a5db6f9ab39df6b1e4142007dd61781ef7e3a5b9b175bb0abb8c11',
    sizeBytes: 346295,
    license: 'Apache-2.0 (OpenCV zoo YuNet)',
    input: { name: 'input', shape: [1, 3, 120, 160], layout: 'NCHW', colorOrder: 'BGR', mean: IDENTITY, std: UNIT, resize: 'stretch' },
    outputs: ['loc', 'conf', 'iou'],
    labels: ['face'],
    family: 'yunet',
    defaultScoreThreshold: 0.6,
    domain: 'ground-level',
  },
  {
    id: 'deeplab-v3-mnv2-257',
    task: 'semantic-segmentation',
    file: 'deeplab_v3_mnv2.onnx',
    url: `${NODE_EDITOR}/node/deep_learning_node/semantic_segmentation/deeplab_v3/model/deeplab_v3_1_default_1.onnx`,
    sha256: '48a46b346ca7e2e96760b8a10a302046a3b5a9ce55e59d4c659c36d9cbd44118',
    sizeBytes: 2781296,
    license: 'Apache-2.0 (TF-Hub DeepLabV3)',
    input: { name: 'sub_7', shape: [1, 257, 257, 3], layout: 'NHWC', colorOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5], resize: 'stretch' },
    outputs: ['ResizeBilinear_3'],
    family: 'deeplab',
    labels: VOC21_LABELS,
    defaultScoreThreshold: 0.5,
    domain: 'ground-level',
  },
  {
    id: 'road-segmentation-adas-0001',
    task: 'semantic-segmentation',
    file: 'road_segmentation_adas_0001.onnx',
    url: `${NODE_EDITOR}/node/deep_learning_node/semantic_segmentation/road_segmentation_adas_0001/saved_model/model_float32.onnx`,
    sha256: '931f80db4faa9eb37fafaaec35cdd6c7498a0b8afb45e335a535da028d27e50a',
    sizeBytes: 829642,
    license: 'Apache-2.0 (OpenVINO model zoo)',
    input: { name: 'data', shape: [1, 512, 896, 3], layout: 'NHWC', colorOrder: 'BGR', mean: IDENTITY, std: UNIT, resize: 'stretch' },
    outputs: ['tf.identity'],
    family: 'road-segmentation',
    labels: ROAD_SEG_LABELS,
    defaultScoreThreshold: 0.5,
    domain: 'ground-level',
  },
]);

/** The detector used when a request names none. */
export const DEFAULT_DETECTOR_ID = 'yolox-nano-416';

/** Looks a model up by id; undefined when the catalog has none. */
export function findModelEntry(id: string): ModelEntry | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}
