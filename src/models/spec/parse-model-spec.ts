import { GroundstreamError } from '../../core/errors';
import { YOLO_OUTPUT_LAYOUTS, type YoloOutputLayout } from '../yolo/yolo-decode-options';
import type { ModelSpec, ModelSpecInput, ModelSpecOutput } from './model-spec';

/** The spec with its paths still as written: {@link loadModelSpec} resolves `file` and `labelsFile`. */
export type ParsedModelSpec = Omit<ModelSpec, 'file' | 'labels'> & { file: string; labels?: readonly string[]; labelsFile?: string };

type Json = Record<string, unknown>;

const TOP = ['id', 'file', 'sha256', 'task', 'domain', 'labels', 'labelsFile', 'input', 'output', 'description', 'license'];
const INPUT = ['name', 'width', 'height', 'layout', 'colorOrder', 'mean', 'std', 'resize', 'padValue'];
const OUTPUT = ['layout', 'name', 'strides', 'scoreThreshold', 'iouThreshold'];

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Field readers that name the spec file and the dotted field in every error. */
function readers(specPath: string) {
  const fail = (field: string, what: string, v: unknown): never => {
    throw new GroundstreamError('invalid_argument', specPath, `model spec ${specPath}: ${field ? `"${field}"` : 'the spec'} ${what}${v === undefined ? ', but it is missing' : `, got ${show(v)}`}`);
  };
  const object = (v: unknown, field: string, known: readonly string[]): Json => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(field, field ? 'must be an object' : 'must be a JSON object', v);
    const extra = Object.keys(v).filter((k) => !known.includes(k));
    if (extra.length) {
      throw new GroundstreamError('invalid_argument', specPath, `model spec ${specPath}: unknown field "${field ? `${field}.` : ''}${extra[0]}"; known: ${known.join(', ')}`);
    }
    return v as Json;
  };
  const string = (v: unknown, field: string): string => (typeof v === 'string' && v.trim() !== '' ? v : fail(field, 'must be a non-empty string', v));
  const oneOf = <T extends string>(v: unknown, field: string, choices: readonly T[]): T =>
    (choices.includes(v as T) ? (v as T) : fail(field, `must be one of ${choices.map((c) => `"${c}"`).join(', ')}`, v));
  const number = (v: unknown, field: string, min: number, max: number, what = `a number in [${min}, ${max}]`): number =>
    (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fail(field, `must be ${what}`, v));
  const int = (v: unknown, field: string, min: number, max: number): number =>
    (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fail(field, `must be an integer in [${min}, ${max}]`, v));
  const triple = (v: unknown, field: string, positive: boolean): [number, number, number] => {
    const ok = Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && (!positive || x > 0));
    return ok ? (v as [number, number, number]) : fail(field, `must be an array of 3 ${positive ? 'positive ' : ''}numbers (one per channel)`, v);
  };
  const optional = <T>(v: unknown, read: (v: unknown) => T): T | undefined => (v === undefined ? undefined : read(v));
  return { fail, object, string, oneOf, number, int, triple, optional };
}

/**
 * Validates a model spec read from JSON (see {@link ModelSpec} for the format). Strict: unknown
 * fields, wrong types and out-of-range values are refused with an `invalid_argument` error naming
 * the spec file and the field. Pure: the file paths are returned as written.
 *
 * @example
 * const spec = parseModelSpec(JSON.parse(text), '/specs/dota.model.json');
 */
export function parseModelSpec(raw: unknown, specPath: string): ParsedModelSpec {
  const r = readers(specPath);
  const top = r.object(raw, '', TOP);
  const id = r.string(top.id, 'id');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) r.fail('id', 'must be letters, digits, ".", "_" or "-"', id);
  const file = r.string(top.file, 'file');
  const sha256 = r.optional(top.sha256, (v) => (typeof v === 'string' && /^[0-9a-fA-F]{64}$/.test(v) ? v.toLowerCase() : r.fail('sha256', 'must be 64 hex digits', v)));
  const task = r.oneOf(top.task, 'task', ['detection'] as const);
  const domain = r.oneOf(top.domain, 'domain', ['ground-level', 'overhead'] as const);

  if ((top.labels === undefined) === (top.labelsFile === undefined)) {
    throw new GroundstreamError('invalid_argument', specPath, `model spec ${specPath}: give exactly one of "labels" (an array) or "labelsFile" (a path)`);
  }
  const labels = r.optional(top.labels, (v) => {
    if (!Array.isArray(v) || v.length === 0) return r.fail('labels', 'must be a non-empty array of strings', v);
    v.forEach((l, i) => r.string(l, `labels[${i}]`));
    return v as string[];
  });
  const labelsFile = r.optional(top.labelsFile, (v) => r.string(v, 'labelsFile'));

  const inp = r.object(top.input, 'input', INPUT);
  const input: ModelSpecInput = {
    name: r.optional(inp.name, (v) => r.string(v, 'input.name')),
    width: r.int(inp.width, 'input.width', 1, 16384),
    height: r.int(inp.height, 'input.height', 1, 16384),
    layout: r.oneOf(inp.layout, 'input.layout', ['NCHW', 'NHWC'] as const),
    colorOrder: r.oneOf(inp.colorOrder, 'input.colorOrder', ['RGB', 'BGR'] as const),
    mean: r.triple(inp.mean, 'input.mean', false),
    std: r.triple(inp.std, 'input.std', true),
    resize: r.oneOf(inp.resize, 'input.resize', ['letterbox', 'stretch'] as const),
    padValue: r.optional(inp.padValue, (v) => r.number(v, 'input.padValue', 0, 255)) ?? 114,
  };

  const out = r.object(top.output, 'output', OUTPUT);
  const layout: YoloOutputLayout = r.oneOf(out.layout, 'output.layout', YOLO_OUTPUT_LAYOUTS);
  const strides = r.optional(out.strides, (v) => {
    if (layout !== 'yolox') return r.fail('output.strides', 'applies to layout "yolox" only', v);
    if (!Array.isArray(v) || v.length === 0) return r.fail('output.strides', 'must be a non-empty array of positive integers', v);
    v.forEach((s, i) => r.int(s, `output.strides[${i}]`, 1, 1024));
    return v as number[];
  });
  const output: ModelSpecOutput = {
    layout,
    name: r.optional(out.name, (v) => r.string(v, 'output.name')),
    strides,
    scoreThreshold: r.optional(out.scoreThreshold, (v) => r.number(v, 'output.scoreThreshold', 0, 1)) ?? 0.3,
    iouThreshold: r.optional(out.iouThreshold, (v) => r.number(v, 'output.iouThreshold', 0, 1)) ?? 0.45,
  };
  const description = r.optional(top.description, (v) => (typeof v === 'string' ? v : r.fail('description', 'must be a string', v)));
  r.optional(top.license, (v) => (typeof v === 'string' ? v : r.fail('license', 'must be a string', v)));

  return { id, specPath, file, sha256, task, domain, labels, labelsFile, input, output, description };
}
