import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isGroundstreamError } from '../../../../src/core/errors';
import { sceneCorners } from '../../../../src/geo/corners';
import { openRaster } from '../../../../src/sources/raster';
import { dataFile } from '../../../support/paths';

interface Served { url: string; requests: { range?: string; auth?: string }[]; close(): Promise<void> }

/** 127.0.0.1:0 server: `/cog.tif` with range requests (or the whole file without), `/missing.tif` 404, `/stall.tif` never answers. */
async function serve(file: Buffer): Promise<Served> {
  const requests: Served['requests'] = [];
  const stalled: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ range: req.headers.range, auth: req.headers.authorization });
    if (req.url === '/stall.tif') { stalled.push(res); return; }
    if (req.url !== '/cog.tif') { res.writeHead(404).end('not found'); return; }
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!m) { res.writeHead(200, { 'content-length': file.length }).end(file); return; }
    const start = Number(m[1]);
    const end = Math.min(Number(m[2]), file.length - 1);
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${file.length}`, 'content-length': end - start + 1 }).end(file.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => { stalled.forEach((r) => r.destroy()); server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('openRaster (remote COG over HTTP range requests)', () => {
  const cog = readFileSync(dataFile('geotiff/rasterio_cogeo.tif'));
  let s: Served;
  beforeEach(async () => { s = await serve(cog); });
  afterEach(() => s.close());

  it('reads the header and one tile by ranges only, with the caller\'s headers, same as the local file', async () => {
    const url = `${s.url}/cog.tif`;
    const remote = await openRaster(url, { headers: { Authorization: 'Bearer t0k3n' } });
    const local = await openRaster(dataFile('geotiff/rasterio_cogeo.tif'));
    try {
      assert.deepEqual(sceneCorners(remote.info), sceneCorners(local.info));
      assert.equal(remote.info.overviews.length, 6);
      const w = { x0: 0, y0: 0, x1: 256, y1: 256 };
      const a = await remote.readWindow(w, { overview: 1 });
      const b = await local.readWindow(w, { overview: 1 });
      assert.deepEqual(a.bands, b.bands);
      assert.ok(s.requests.length > 0 && s.requests.every((r) => r.range && r.auth === 'Bearer t0k3n'), JSON.stringify(s.requests));
      const bytes = remote.remoteStats!.bytes;
      assert.ok(bytes < cog.length * 0.75, `read ${bytes} of ${cog.length} bytes`);
    } finally {
      await remote.close();
      await local.close();
    }
  });

  it('404 is remote_failed naming the URL and the status', async () => {
    const url = `${s.url}/missing.tif`;
    await assert.rejects(openRaster(url), (e: unknown) => isGroundstreamError(e, 'remote_failed') && e.input === url && /404/.test(e.message) && e.message.includes(url));
  });

  it('a stalled server fails after timeoutMs instead of hanging', async () => {
    const url = `${s.url}/stall.tif`;
    const t0 = Date.now();
    await assert.rejects(openRaster(url, { timeoutMs: 300 }), (e: unknown) => isGroundstreamError(e, 'remote_failed') && e.input === url && /300 ms/.test(e.message));
    assert.ok(Date.now() - t0 < 5000);
  });

  it('an AbortSignal stops the open', async () => {
    const ac = new AbortController();
    const p = openRaster(`${s.url}/stall.tif`, { signal: ac.signal, timeoutMs: 60_000 });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(p);
  });
});
