import { Command } from 'commander';
import { demoCommand } from './commands/demo-command';
import { evalCommand } from './commands/eval-command';
import { modelsCommand } from './commands/models-command';
import { queryCommand } from './commands/query-command';
import { rasterCommand } from './commands/raster-command';
import { serveCommand } from './commands/serve-command';
import { videoCommand } from './commands/video-command';

/** The `groundstream` command line. */
export function createProgram(): Command {
  return new Command('groundstream')
    .description('streaming video and geo grounding: which words of a query refer to which pixels, when and where')
    .version(require('../../package.json').version)
    .addCommand(videoCommand())
    .addCommand(rasterCommand())
    .addCommand(serveCommand())
    .addCommand(modelsCommand())
    .addCommand(queryCommand())
    .addCommand(demoCommand())
    .addCommand(evalCommand());
}
