import { Command } from 'commander';
import { createEngine } from '../../engine/create-engine';
import { formatQueryPlan } from '../../grounding/query';

/** `groundstream query "people and vehicles"`: shows how a query maps to a model's labels. */
export function queryCommand(): Command {
  return new Command('query')
    .description('show how a query maps to the labels of a model, without running it on media')
    .argument('<text>', 'the query')
    .option('-m, --model <id>', 'detector', '')
    .option('--json', 'print the plan as JSON')
    .action(async (text: string, opts: { model: string; json?: boolean }) => {
      const engine = createEngine({ download: true });
      try {
        const plan = await engine.planQuery(text, opts.model || undefined);
        process.stdout.write(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : `${formatQueryPlan(plan)}\n`);
      } finally {
        await engine.close();
      }
    });
}
