import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findModelEntry, MODEL_CATALOG, type ModelEntry } from '../../../../models/catalog';
import { isGroundstreamError } from '../../../../src/core/errors';
import { resolveModel, verifyModels } from '../../../../src/models/registry/resolve-model';
import { sha256File } from '../../../../src/models/registry/sha256-file';
import { modelSearchPath } from '../../../support/paths';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('model registry', () => {
  let tmp: string;
  beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-models-')); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('pins every shared model by file, size and sha256', async function () {
    const dir = modelSearchPath().find((d) => existsSync(path.join(d, 'MANIFEST.md')))!;
    assert.ok(dir, 'shared models folder');
    const files = readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort();
    assert.deepEqual(MODEL_CATALOG.map((m) => m.file).sort(), files);
    for (const entry of MODEL_CATALOG) {
      assert.equal(await sha256File(path.join(dir, entry.file)), entry.sha256, entry.id);
      assert.match(entry.url, /^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[0-9a-f]{40}\//, `${entry.id} url pinned to a commit`);
    }
  });

  it('finds a model on the search path and verifies it', async () => {
    const r = await resolveModel('yolox-nano-416', { searchPath: [tmp, ...modelSearchPath()], cacheDir: path.join(tmp, 'cache'), download: false });
    assert.equal(r.origin, 'search-path');
    assert.equal(path.basename(r.path), 'yolox_nano_416.onnx');
  });

  it('falls back to the user cache', async () => {
    const cache = path.join(tmp, 'cache');
    const src = await resolveModel('yunet-120x160', { searchPath: modelSearchPath(), download: false });
    await import('node:fs/promises').then((fs) => fs.mkdir(cache, { recursive: true }));
    copyFileSync(src.path, path.join(cache, 'yunet_120x160.onnx'));
    const r = await resolveModel('yunet-120x160', { searchPath: [tmp], cacheDir: cache, download: false });
    assert.equal(r.origin, 'cache');
  });

  it('refuses a file whose sha256 does not match, naming the model and the path', async () => {
    writeFileSync(path.join(tmp, 'yolox_nano_416.onnx'), 'not a model');
    await assert.rejects(resolveModel('yolox-nano-416', { searchPath: [tmp], download: false }), (e: unknown) => {
      assert.ok(isGroundstreamError(e, 'model_checksum_mismatch'));
      assert.match(e.message, /yolox-nano-416/);
      assert.match(e.message, new RegExp(tmp));
      return true;
    });
  });

  it('names the model and how to get it when it is nowhere and download is off', async () => {
    await assert.rejects(resolveModel('nanodet-m-320', { searchPath: [tmp], cacheDir: path.join(tmp, 'c'), download: false }), (e: unknown) => {
      assert.ok(isGroundstreamError(e, 'model_not_found'));
      assert.match(e.message, /nanodet-m-320/);
      assert.match(e.message, /GROUNDSTREAM_MODEL_PATH/);
      return true;
    });
  });

  it('rejects an unknown id with the list of known ones', async () => {
    await assert.rejects(resolveModel('yolo-v99'), /unknown model "yolo-v99"; known models: yolox-nano-416/);
  });

  describe('download from the pinned URL', () => {
    let server: http.Server;
    let base: string;
    const body = Buffer.from('weights '.repeat(1000));
    before(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/good.onnx') { res.writeHead(200); res.end(body); return; }
        res.writeHead(404); res.end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    const entry = (over: Partial<ModelEntry>): ModelEntry => ({ ...findModelEntry('yolox-nano-416')!, id: 'test-model', file: 'test.onnx', sha256: sha256(body), sizeBytes: body.length, ...over });

    it('downloads into the cache, checks the sha256 and renames atomically', async () => {
      const cache = path.join(tmp, 'cache');
      const r = await resolveModel('test-model', { entry: entry({ url: `${base}/good.onnx` }), searchPath: [], cacheDir: cache });
      assert.equal(r.origin, 'download');
      assert.deepEqual(readdirSync(cache), ['test.onnx'], 'no temporary file left');
      const again = await resolveModel('test-model', { entry: entry({ url: `${base}/good.onnx` }), searchPath: [], cacheDir: cache });
      assert.equal(again.origin, 'cache');
    });

    it('refuses a download whose sha256 differs and leaves nothing behind', async () => {
      const cache = path.join(tmp, 'cache');
      await assert.rejects(
        resolveModel('test-model', { entry: entry({ url: `${base}/good.onnx`, sha256: '0'.repeat(64) }), searchPath: [], cacheDir: cache }),
        (e: unknown) => isGroundstreamError(e, 'model_checksum_mismatch') && /refused/.test(e.message),
      );
      assert.deepEqual(existsSync(cache) ? readdirSync(cache) : [], []);
    });

    it('reports a failed download with the URL and what to do instead', async () => {
      await assert.rejects(
        resolveModel('test-model', { entry: entry({ url: `${base}/missing.onnx` }), searchPath: [], cacheDir: path.join(tmp, 'cache') }),
        (e: unknown) => isGroundstreamError(e, 'model_download_failed') && /HTTP 404/.test(e.message) && /GROUNDSTREAM_MODEL_PATH/.test(e.message),
      );
    });
  });

  it('verifyModels reports ok for every shared model', async () => {
    const reports = await verifyModels({ searchPath: modelSearchPath(), cacheDir: path.join(tmp, 'none') });
    assert.deepEqual(reports.filter((r) => r.status !== 'ok'), []);
    assert.equal(reports.length, MODEL_CATALOG.length);
  });
});
