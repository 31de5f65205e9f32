import { Option, type Command } from 'commander';
import type { EngineOptions } from '../engine/create-engine';
import { positiveInt } from './parse-number';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds the options every model-running command shares. */
export function withEngineOptions(cmd: Command): Command {
  return cmd
    .option('--threads <n>', 'threads per inference session (default: cores ÷ sessions)', positiveInt('--threads'))
    .option('--sessions <n>', 'inference sessions per model, each in its own worker thread running one frame or tile at a time (default: 2 on 2+ cores)', positiveInt('--sessions'))
    .addOption(new Option('--provider <name>', 'execution provider').choices(['cpu', 'cuda', 'webgpu']).default('cpu'))
    .option('--no-download', 'never download a missing model')
    // Repeatable rather than variadic (<file...>), which would swallow the positional input after it.
    .option('--model-spec <file>', 'JSON model spec of your own ONNX detector; its id becomes a --model choice (repeatable)', collect);
}

/** Reads those options back. */
export function toEngineOptions(opts: { threads?: number; sessions?: number; provider?: string; download?: boolean; modelSpec?: string[] }): EngineOptions {
  return {
    intraOpNumThreads: opts.threads,
    sessionsPerModel: opts.sessions,
    provider: opts.provider as EngineOptions['provider'],
    download: opts.download,
    modelSpecPaths: opts.modelSpec,
  };
}
