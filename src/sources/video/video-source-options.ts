import { GroundstreamError } from '../../core/errors';
import type { PixelLayout } from '../../core/frame';
import type { FitMode } from './output-geometry';

/** The output options both video sources share. */
export interface OutputOptions {
  width?: number;
  height?: number;
  fit?: FitMode;
  layout?: PixelLayout;
  padValue?: number;
  fps?: number;
  bufferFrames?: number;
  killGraceMs?: number;
}

const LAYOUTS: readonly PixelLayout[] = ['rgb24', 'bgr24', 'gbrp'];
const FITS: readonly FitMode[] = ['stretch', 'letterbox'];

/** An `invalid_argument` error naming the source kind (`video source`, `live source`) and its input. */
export function invalidOption(kind: string, input: string, message: string): GroundstreamError {
  return new GroundstreamError('invalid_argument', input, `${kind} ${input}: ${message}`);
}

/** True for undefined or a positive integer. */
export function isPositiveIntOrUnset(v: number | undefined): boolean {
  return v === undefined || (Number.isInteger(v) && v > 0);
}

/** Checks the output options; throws `invalid_argument` naming the input and the option. */
export function validateOutputOptions(kind: string, input: string, o: OutputOptions): void {
  const invalid = (message: string): GroundstreamError => invalidOption(kind, input, message);
  if ((o.width === undefined) !== (o.height === undefined)) throw invalid('give both width and height, or neither');
  if (!isPositiveIntOrUnset(o.width) || !isPositiveIntOrUnset(o.height)) throw invalid(`output size ${o.width}x${o.height} must be positive integers`);
  if (o.fit !== undefined && !FITS.includes(o.fit)) throw invalid(`fit must be one of ${FITS.join(', ')}`);
  if (o.layout !== undefined && !LAYOUTS.includes(o.layout)) throw invalid(`layout must be one of ${LAYOUTS.join(', ')}`);
  if (o.padValue !== undefined && !(Number.isInteger(o.padValue) && o.padValue >= 0 && o.padValue <= 255)) {
    throw invalid('padValue must be an integer 0..255');
  }
  if (o.fps !== undefined && !(Number.isFinite(o.fps) && o.fps > 0)) throw invalid('fps must be a positive number');
  if (!isPositiveIntOrUnset(o.bufferFrames)) throw invalid('bufferFrames must be a positive integer');
  if (o.killGraceMs !== undefined && !(Number.isFinite(o.killGraceMs) && o.killGraceMs >= 0)) throw invalid('killGraceMs must be >= 0');
}

/** The options with those given as `undefined` left out, so that they do not override defaults. */
export function definedOptions<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
