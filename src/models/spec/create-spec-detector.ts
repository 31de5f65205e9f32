import type { Detections } from '../../core/detections';
import { GroundstreamError } from '../../core/errors';
import type { Frame } from '../../core/frame';
import type { ImageryDomain } from '../../../models/catalog';
import type { DetectOptions, Detector, DetectorInputFormat } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createSessionPool } from '../runtime/create-session-pool';
import { createSpareInputs, createSpareOutputs } from '../runtime/shared-tensors';
import { decodeYoloOutput } from '../yolo/decode-yolo-output';
import { YoloOutputMismatch } from '../yolo/yolo-decode-options';
import type { ModelSpec } from './model-spec';
import { toSpecTensor } from './spec-input';

/** A detector built from a model spec; it also says what imagery it was trained on. */
export interface SpecDetector extends Detector {
  readonly domain: ImageryDomain;
  readonly spec: ModelSpec;
  /** Runs one blank frame so an output that does not fit the spec fails now, not on the first real frame. */
  checkOutput(): Promise<void>;
}

function specError(spec: ModelSpec, message: string, cause?: unknown): GroundstreamError {
  return new GroundstreamError('invalid_argument', spec.specPath, `model spec ${spec.specPath}: ${message}`, { cause });
}

/** The spec'd input and output names against what the model declares, so a typo fails at load. */
function bindNames(spec: ModelSpec, session: InferenceSession): { inputName: string; outputName: string } {
  const inputName = spec.input.name ?? session.inputs[0]?.name;
  const declared = session.inputs.find((i) => i.name === inputName);
  if (!declared) throw specError(spec, `"input.name" "${inputName}" is not an input of ${spec.file}; inputs: ${session.inputs.map((i) => i.name).join(', ')}`);
  if (session.inputs.length > 1) throw specError(spec, `${spec.file} has ${session.inputs.length} inputs (${session.inputs.map((i) => i.name).join(', ')}); one image input is supported`);
  const d = declared.dims;
  const [h, w, c] = spec.input.layout === 'NCHW' ? [d[2], d[3], d[1]] : [d[1], d[2], d[3]];
  const fits = d.length === 4 && (!(h > 0) || h === spec.input.height) && (!(w > 0) || w === spec.input.width) && (!(c > 0) || c === 3);
  if (!fits) {
    throw specError(spec, `"input" says ${spec.input.layout} ${spec.input.width}x${spec.input.height}, but ${spec.file} declares "${inputName}" as [${d.join(', ')}]`);
  }
  const outputName = spec.output.name ?? session.outputNames[0];
  if (!session.outputNames.includes(outputName)) {
    throw specError(spec, `"output.name" "${outputName}" is not an output of ${spec.file}; outputs: ${session.outputNames.join(', ')}`);
  }
  return { inputName, outputName };
}

/**
 * A detector for any model a {@link ModelSpec} describes, over one or more sessions of it (calls are
 * spread over the sessions). Preprocessing follows `spec.input`, decoding `spec.output.layout`
 * (yolox, yolov5, yolov8), boxes in source pixels after class-wise NMS. `inputFormat` asks sources
 * for frames already at the model size (planar for NCHW, packed in `colorOrder` for NHWC).
 *
 * @example
 * const spec = loadModelSpec('dota.model.json');
 * const d = createSpecDetector({ ...spec, sha256: await verifySpecModel(spec) }, [await createInferenceSession(spec.file)]);
 * const detections = await d.detect(frame);
 */
export function createSpecDetector(spec: ModelSpec, sessions: readonly InferenceSession[]): SpecDetector {
  if (sessions.length === 0) throw new Error('createSpecDetector needs at least one session');
  const { inputName, outputName } = bindNames(spec, sessions[0]);
  const pool = createSessionPool(sessions);
  const spareInputs = createSpareInputs(sessions.length + 2);
  const spareOutputs = createSpareOutputs(sessions.length + 2);
  const inputFormat: DetectorInputFormat = {
    width: spec.input.width,
    height: spec.input.height,
    layout: spec.input.layout === 'NCHW' ? 'gbrp' : spec.input.colorOrder === 'RGB' ? 'rgb24' : 'bgr24',
    fit: spec.input.resize,
    padValue: spec.input.padValue,
  };

  const detect = async (frame: Frame, options: DetectOptions = {}): Promise<Detections> => {
    const input = toSpecTensor(frame, spec.input, spareInputs.staging());
    const data = spareInputs.share(input.data);
    const output = await pool.run({ [inputName]: { data, dims: input.dims } }, { spareOutputs: spareOutputs.take() })
      .finally(() => spareInputs.give(data));
    try {
      return decodeYoloOutput(spec.output.layout, output[outputName], {
        inputWidth: spec.input.width,
        inputHeight: spec.input.height,
        strides: spec.output.strides,
        labels: spec.labels,
        scoreThreshold: options.scoreThreshold ?? spec.output.scoreThreshold,
        iouThreshold: spec.output.iouThreshold,
        toSource: input.toSource,
        sourceWidth: frame.sourceWidth,
        sourceHeight: frame.sourceHeight,
      });
    } catch (e) {
      if (e instanceof YoloOutputMismatch) {
        throw specError(spec, `output "${outputName}" does not fit "output.layout" "${spec.output.layout}" with ${spec.labels.length} labels: ${e.message}`, e);
      }
      throw e;
    } finally {
      spareOutputs.give(output);
    }
  };

  return {
    id: spec.id,
    version: spec.sha256 ?? '',
    labels: spec.labels,
    inputFormat,
    defaultScoreThreshold: spec.output.scoreThreshold,
    domain: spec.domain,
    spec,
    detect,
    async checkOutput() {
      const { width, height } = inputFormat;
      const blank: Frame = {
        sourceId: spec.specPath, index: 0, ptsSec: 0, width, height, layout: inputFormat.layout,
        pixels: new Uint8Array(width * height * 3), sourceWidth: width, sourceHeight: height,
        toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 },
      };
      await detect(blank, { scoreThreshold: 1.01 }); // shape checks only: nothing scores above 1
    },
    async dispose() {
      await pool.dispose();
    },
  };
}
