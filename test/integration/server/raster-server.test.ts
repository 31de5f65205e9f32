import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { lastValueFrom, toArray } from 'rxjs';
import { GroundstreamCallError } from '../../../src/client/call-error';
import { createGroundstreamClient, type GroundstreamClient } from '../../../src/client/grounding-client';
import { EventKind, MergeMode, type GroundingEvent } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { createGroundstreamServer, type CallReport, type GroundstreamServer } from '../../../src/server/grounding-server';
import type { RasterCallRequest } from '../../../src/server/raster-request-codec';
import { dataFile, modelSearchPath, REPO_ROOT } from '../../support/paths';
import { collect } from '../../support/wait';
import { parseJsonStream } from '../../support/json-stream';

const BUF = path.join(REPO_ROOT, 'node_modules', '.bin', 'buf');
const run = promisify(execFile);

function assertCallError(error: unknown, code: grpc.status, errorCode: string): asserts error is GroundstreamCallError {
  assert.ok(error instanceof GroundstreamCallError, `expected a GroundstreamCallError, got ${String(error)}`);
  assert.equal(error.codeName, grpc.status[code], error.message);
  assert.equal(error.errorCode, errorCode, error.message);
}

/** A GeoJSON polygon of WGS84 lon/lat inside `bbox` ([w, s, e, n], with a little slack for boxes at the scene edge). */
function assertPolygonWithin(geometry: unknown, bbox: readonly number[]): void {
  const g = geometry as { type: string; coordinates: number[][][] };
  assert.equal(g.type, 'Polygon');
  assert.ok(Array.isArray(g.coordinates) && g.coordinates.length >= 1);
  const ring = g.coordinates[0];
  assert.ok(ring.length >= 4);
  assert.deepEqual(ring[0], ring[ring.length - 1], 'a closed ring');
  const slack = 1e-3;
  for (const [lon, lat] of ring) {
    assert.ok(lon >= bbox[0] - slack && lon <= bbox[2] + slack, `lon ${lon} outside ${bbox}`);
    assert.ok(lat >= bbox[1] - slack && lat <= bbox[3] + slack, `lat ${lat} outside ${bbox}`);
  }
}

// rasterio_cogeo.tif: 1024 x 1024 px, EPSG:3857 (gdalinfo / `groundstream raster info`), so 16 tiles of
// 416 px with 128 px overlap. YOLOX-nano finds a few (spurious) objects above score 0.1 on it:
// enough regions to check that geometries travel.
const COG_WGS84 = [128.6553955078125, 37.66642921390105, 128.66088866958788, 37.670777372883144] as const;
const COG_TILES = 16;
const SCORE = 0.1;

describe('GroundRaster and QueryRegion over gRPC (real engine, real server on 127.0.0.1)', function () {
  this.timeout(120_000);
  let engine: Engine;
  let server: GroundstreamServer;
  let client: GroundstreamClient;
  let url: string;
  const seen: RasterCallRequest[] = [];
  const reports: CallReport[] = [];
  let cog: string;

  before(async () => {
    cog = dataFile('geotiff/rasterio_cogeo.tif');
    engine = createEngine({ modelSearchPath: modelSearchPath(), download: false });
    server = createGroundstreamServer({
      groundVideo: (request, _signal, flow) => engine.groundVideo(request, { ready: flow.ready }),
      // The real engine; the requests are only recorded on their way to it.
      groundRaster: (request) => {
        seen.push(request);
        return engine.groundRaster(request);
      },
      version: '0.1.0-test',
      onCallEnd: (r) => reports.push(r),
    });
    const { port } = await server.start();
    url = `http://127.0.0.1:${port}`;
    client = createGroundstreamClient(`127.0.0.1:${port}`);
  });
  after(async () => {
    client?.close();
    await server?.close();
    await engine?.close();
  });
  beforeEach(() => {
    seen.length = 0;
    reports.length = 0;
  });

  it('GroundRaster streams tile events, then one scene event, then a summary, with GeoJSON geometries', async () => {
    const { events, error } = await collect(client.groundRaster({ source: cog, scoreThreshold: SCORE, sceneId: 'cog' }));
    assert.equal(error, undefined);
    const kinds = events.map((e) => e.kind);
    assert.deepEqual(kinds, [...Array(COG_TILES).fill(EventKind.EVENT_KIND_TILE), EventKind.EVENT_KIND_SCENE, EventKind.EVENT_KIND_SUMMARY]);
    const tiles = events.slice(0, COG_TILES);
    assert.equal(new Set(tiles.map((t) => t.tileId)).size, COG_TILES, 'one event per tile');
    for (const e of events) assert.equal(e.sceneId, 'cog');
    for (const t of tiles) assert.ok(t.window && t.window.x1 > t.window.x0 && t.window.y1 > t.window.y0, `tile ${t.tileId} has its window`);

    const scene = events[COG_TILES];
    assert.ok(scene.regions.length > 0, 'the scene event has regions');
    assert.equal(scene.geo?.georeferenced, true);
    for (const r of [...scene.regions, ...tiles.flatMap((t) => t.regions)]) {
      assert.ok(r.geometry, `region ${r.regionId} has a geometry`);
      assertPolygonWithin(r.geometry, COG_WGS84);
      assert.equal(r.nativeBox.length, 4);
    }

    // The same events as the engine gives directly, but for the times that differ run to run.
    const direct = await lastValueFrom(engine.groundRaster({ source: cog, scoreThreshold: SCORE, sceneId: 'cog' }).pipe(toArray()));
    const stable = (e: GroundingEvent) => ({ ...e, wallTime: undefined, summary: e.summary && { ...e.summary, elapsedSec: 0, framesPerSec: 0 } });
    assert.deepStrictEqual(events.map(stable), direct.map(stable));

    assert.deepEqual(seen, [{ source: cog, query: '', model: '', sceneId: 'cog', scoreThreshold: SCORE }]);
    assert.deepEqual(reports.map((r) => [r.method, r.source, r.outcome, r.code, r.written]), [['GroundRaster', cog, 'completed', grpc.status.OK, COG_TILES + 2]]);
  });

  it('QueryRegion passes its bbox to the engine and streams fewer tiles than the whole scene', async () => {
    // The north-west quarter of the scene: 4 of its 16 tiles (r0c0, r0c1, r1c0, r1c1) meet it.
    const [w, s, e, n] = COG_WGS84;
    const bbox = { west: w, south: (s + n) / 2 + 1e-5, east: (w + e) / 2 - 1e-5, north: n };
    const { events, error } = await collect(client.queryRegion({ source: cog, scoreThreshold: SCORE, bbox, merge: MergeMode.MERGE_MODE_NMM }));
    assert.equal(error, undefined);
    assert.deepEqual(seen, [{ source: cog, query: '', model: '', sceneId: '', scoreThreshold: SCORE, merge: 'nmm', bbox: [bbox.west, bbox.south, bbox.east, bbox.north], bboxCrs: 'wgs84' }]);
    const tiles = events.filter((ev) => ev.kind === EventKind.EVENT_KIND_TILE);
    assert.deepEqual(events.slice(tiles.length).map((ev) => ev.kind), [EventKind.EVENT_KIND_SCENE, EventKind.EVENT_KIND_SUMMARY]);
    assert.ok(tiles.length > 0, 'the region meets some tiles');
    // ENGINE BBOX SUPPORT: this assertion holds only once engine.groundRaster honours request.bbox
    // (being implemented in src/engine at the time of writing); it is not stubbed.
    assert.ok(tiles.length < COG_TILES, `a region of a quarter of the scene reads fewer tiles than the whole (${tiles.length} of ${COG_TILES})`);
    assert.equal(reports[0]?.method, 'QueryRegion');
  });

  it('QueryRegion without a bbox, or with a degenerate one, is INVALID_ARGUMENT and never reaches the engine', async () => {
    for (const bbox of [undefined, { west: 1, south: 1, east: 1, north: 2 }]) {
      const { events, error } = await collect(client.queryRegion({ source: cog, bbox } as Parameters<GroundstreamClient['queryRegion']>[0]));
      assert.deepEqual(events, []);
      assertCallError(error, grpc.status.INVALID_ARGUMENT, 'invalid_argument');
      assert.equal(error.input, 'bbox');
      assert.match(error.message, bbox ? /degenerate/ : /needs a bbox/);
    }
    assert.deepEqual(seen, []);
    assert.deepEqual(reports.map((r) => [r.method, r.outcome, r.code, r.request]), [
      ['QueryRegion', 'failed', grpc.status.INVALID_ARGUMENT, undefined],
      ['QueryRegion', 'failed', grpc.status.INVALID_ARGUMENT, undefined],
    ]);
  });

  it('a missing file is NOT_FOUND, for GroundRaster and QueryRegion', async () => {
    const missing = path.join(path.dirname(cog), 'no-such-scene.tif');
    const calls = [
      client.groundRaster({ source: missing }),
      client.queryRegion({ source: missing, bbox: { west: 0, south: 0, east: 1, north: 1 } }),
    ];
    for (const call of calls) {
      const { events, error } = await collect(call);
      assert.deepEqual(events, []);
      assertCallError(error, grpc.status.NOT_FOUND, 'input_not_found');
      assert.equal(error.input, missing);
    }
  });

  it('a file that is not a TIFF is INVALID_ARGUMENT', async () => {
    const jpeg = dataFile('images/fastestdet_1_bus.jpg');
    const { events, error } = await collect(client.groundRaster({ source: jpeg }));
    assert.deepEqual(events, []);
    assertCallError(error, grpc.status.INVALID_ARGUMENT, 'not_a_raster');
    assert.equal(error.input, jpeg);
  });

  it('leaving the loop early cancels the call', async () => {
    for await (const e of client.groundRaster({ source: cog, scoreThreshold: SCORE })) {
      assert.equal(e.kind, EventKind.EVENT_KIND_TILE);
      break;
    }
    const start = Date.now();
    while (reports.length === 0 && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(reports.map((r) => [r.method, r.outcome, r.code]), [['GroundRaster', 'cancelled', grpc.status.CANCELLED]]);
  });

  describe('buf curl, schema from reflection only', () => {
    const curl = (args: string[]) => run(BUF, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });

    it('lists GroundRaster and QueryRegion', async () => {
      const methods = (await curl(['--list-methods', url])).stdout.trim().split('\n');
      for (const m of ['GroundVideo', 'GroundRaster', 'QueryRegion']) assert.ok(methods.includes(`groundstream.v1.GroundingService/${m}`), methods.join(', '));
    });

    it('GroundRaster streams proto3 JSON tile and scene events with GeoJSON region geometries', async () => {
      const request = JSON.stringify({ source: cog, scoreThreshold: SCORE, merge: 'MERGE_MODE_NMS', overlapPx: 128 });
      const { stdout, stderr } = await curl(['-v', '-d', request, `${url}/groundstream.v1.GroundingService/GroundRaster`]);
      assert.match(stderr, /groundstream-version: 0\.1\.0-test/i);
      const events = parseJsonStream(stdout);
      assert.deepEqual(events.map((e) => e.kind), [...Array(COG_TILES).fill('EVENT_KIND_TILE'), 'EVENT_KIND_SCENE', 'EVENT_KIND_SUMMARY']);
      const scene = events[COG_TILES] as { regions: { geometry: unknown; box: number[] }[] };
      assert.ok(scene.regions.length > 0);
      for (const r of scene.regions) {
        assert.equal(r.box.length, 4);
        assertPolygonWithin(r.geometry, COG_WGS84);
      }
      assert.deepEqual(seen[0], { source: cog, query: '', model: '', sceneId: '', scoreThreshold: SCORE, merge: 'nms', overlapPx: 128 });
    });

    it('QueryRegion takes a bbox in JSON, and answers a missing one with invalid_argument', async () => {
      const [w, s, e, n] = COG_WGS84;
      const bbox = { west: w, south: s, east: e, north: n };
      const ok = parseJsonStream((await curl(['-d', JSON.stringify({ source: cog, bbox, bboxCrs: 'BBOX_CRS_WGS84' }), `${url}/groundstream.v1.GroundingService/QueryRegion`])).stdout);
      assert.deepEqual(ok.slice(-2).map((ev) => ev.kind), ['EVENT_KIND_SCENE', 'EVENT_KIND_SUMMARY']);
      assert.deepEqual(seen[0].bbox, [w, s, e, n]);
      await assert.rejects(curl(['-d', JSON.stringify({ source: cog }), `${url}/groundstream.v1.GroundingService/QueryRegion`]), (err: unknown) => {
        const text = String((err as { stderr?: string }).stderr);
        return /invalid_argument/i.test(text) && /needs a bbox/.test(text);
      });
    });
  });
});

describe('GroundRaster on a server without a raster engine', () => {
  it('answers UNIMPLEMENTED', async () => {
    const server = createGroundstreamServer({ groundVideo: () => { throw new Error('unused'); } });
    const { port } = await server.start();
    const client = createGroundstreamClient(`127.0.0.1:${port}`);
    try {
      for (const call of [client.groundRaster({ source: 'a.tif' }), client.queryRegion({ source: 'a.tif', bbox: { west: 0, south: 0, east: 1, north: 1 } })]) {
        const { error } = await collect(call);
        assert.ok(error instanceof GroundstreamCallError);
        assert.equal(error.codeName, 'UNIMPLEMENTED');
        assert.match(error.message, /without a raster engine/);
      }
    } finally {
      client.close();
      await server.close();
    }
  });
});
