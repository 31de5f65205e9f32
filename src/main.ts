import { createProgram } from './cli/create-program';
import { isGroundstreamError } from './core/errors';

createProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    if (isGroundstreamError(e)) {
      process.stderr.write(`groundstream: ${e.code}: ${e.message}\n`);
    } else {
      process.stderr.write(`groundstream: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    process.exitCode = 1;
  });
