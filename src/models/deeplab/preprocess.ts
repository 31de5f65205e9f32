import type { ModelInputSpec } from '../../../models/catalog';
import { GroundstreamError } from '../../core/errors';
import type { Frame } from '../../core/frame';
import type { ModelSpecInput } from '../spec/model-spec';
import { toSpecTensor, type SpecTensor } from '../spec/spec-input';

/**
 * The spec-input form of a catalog input: width and height read from the shape in its layout
 * (NHWC `[1, H, W, 3]`, NCHW `[1, 3, H, W]`).
 *
 * @example
 * segmenterInputSpec(findModelEntry('deeplab-v3-mnv2-257')!.input); // { width: 257, height: 257, layout: 'NHWC', … }
 */
export function segmenterInputSpec(input: ModelInputSpec): ModelSpecInput {
  const nhwc = input.layout === 'NHWC';
  const height = input.shape[nhwc ? 1 : 2];
  const width = input.shape[nhwc ? 2 : 3];
  if (input.shape.length !== 4 || !(width > 0) || !(height > 0)) {
    throw new GroundstreamError('model_input_mismatch', input.name, `input ${input.name} needs a fixed 4-D ${input.layout} shape, got [${input.shape.join(', ')}]`);
  }
  return {
    name: input.name,
    width,
    height,
    layout: input.layout,
    colorOrder: input.colorOrder,
    mean: input.mean,
    std: input.std,
    resize: input.resize === 'stretch' ? 'stretch' : 'letterbox',
    padValue: input.padValue ?? 0,
  };
}

/**
 * Prepares any frame for a segmenter: resized to the model's input as its catalog entry says
 * (DeepLab: stretched to 257×257, RGB, (pixel − 127.5) / 127.5, NHWC), with the mapping of tensor
 * pixels back to the source frame that the postprocess needs.
 *
 * @example
 * const { data, dims, toSource } = toSegmenterInput(frame, segmenterInputSpec(entry.input));
 */
export function toSegmenterInput(frame: Frame, input: ModelSpecInput): SpecTensor {
  return toSpecTensor(frame, input);
}
