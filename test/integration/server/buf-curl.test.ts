import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Detector } from '../../../src/models/detector';
import { createGroundstreamServer, type GroundstreamServer } from '../../../src/server/grounding-server';
import { REPO_ROOT } from '../../support/paths';
import { createTestDetector, pipelineHandler } from './synthetic-video';
import { parseJsonStream } from '../../support/json-stream';

const run = promisify(execFile);
const BUF = path.join(REPO_ROOT, 'node_modules', '.bin', 'buf');

/** `buf curl` over plain-text HTTP/2 with the gRPC protocol; the schema comes from server reflection. */
async function bufCurl(args: string[]): Promise<string> {
  return (await bufCurlOutput(args)).stdout;
}

async function bufCurlOutput(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(BUF, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args], { timeout: 60_000 });
}

describe('buf curl against the server, schema from reflection only', function () {
  this.timeout(120_000);
  let detector: Detector;
  let server: GroundstreamServer;
  let url: string;

  before(async () => {
    detector = await createTestDetector();
    const { handler } = pipelineHandler(detector, { frames: 5 });
    server = createGroundstreamServer({ groundVideo: handler, version: '0.1.0-test' });
    const { port } = await server.start();
    url = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await server?.close();
    await detector?.dispose();
  });

  it('lists the grounding service and the health service (and reflection itself)', async () => {
    const services = (await bufCurl(['--list-services', url])).trim().split('\n');
    assert.ok(services.includes('groundstream.v1.GroundingService'), services.join(', '));
    assert.ok(services.includes('grpc.health.v1.Health'), services.join(', '));
    assert.ok(services.includes('grpc.reflection.v1.ServerReflection'), services.join(', '));
  });

  it('lists the methods of every service', async () => {
    const methods = (await bufCurl(['--list-methods', url])).trim().split('\n');
    for (const m of [
      'groundstream.v1.GroundingService/GroundVideo',
      'groundstream.v1.GroundingService/GroundRaster',
      'groundstream.v1.GroundingService/QueryRegion',
      'grpc.health.v1.Health/Check', 'grpc.health.v1.Health/Watch']) {
      assert.ok(methods.includes(m), `${m} not in ${methods.join(', ')}`);
    }
  });

  it('grpc.health.v1.Health/Check answers SERVING', async () => {
    assert.deepEqual(parseJsonStream(await bufCurl([`${url}/grpc.health.v1.Health/Check`])), [{ status: 'SERVING' }]);
    const forService = await bufCurl(['-d', '{"service":"groundstream.v1.GroundingService"}', `${url}/grpc.health.v1.Health/Check`]);
    assert.deepEqual(parseJsonStream(forService), [{ status: 'SERVING' }]);
  });

  it('groundstream.v1.GroundingService/GroundVideo streams proto3 JSON events', async () => {
    const { stdout: out, stderr } = await bufCurlOutput(['-v', '-d', '{"source":"synthetic.mp4","query":"person"}', `${url}/groundstream.v1.GroundingService/GroundVideo`]);
    assert.match(stderr, /groundstream-version: 0\.1\.0-test/i, 'the version header');
    const events = parseJsonStream(out) as Record<string, unknown>[];
    assert.equal(events.length, 6);
    const frames = events.slice(0, 5);
    for (const [i, e] of frames.entries()) {
      assert.equal(e.kind, 'EVENT_KIND_FRAME');
      assert.equal(e.boxFormat, 'BOX_FORMAT_XYXY');
      if (i > 0) assert.equal(e.ptsSec, i / 10); // proto3 JSON leaves out the default 0
      assert.match(String(e.wallTime), /Z$/);
      const regions = e.regions as { box: number[] }[];
      assert.ok(regions.length > 0);
      for (const r of regions) assert.equal(r.box.length, 4);
    }
    assert.equal(events[5].kind, 'EVENT_KIND_SUMMARY');
    assert.equal((events[5].summary as { frames: number }).frames, 5);
  });

  it('reports a failing call with its gRPC status', async () => {
    const failing = createGroundstreamServer({
      groundVideo: () => { throw new Error('x'); },
    });
    const { port } = await failing.start();
    try {
      await assert.rejects(bufCurl(['-d', '{"source":"x"}', `http://127.0.0.1:${port}/groundstream.v1.GroundingService/GroundVideo`]), (e: unknown) => {
        const stderr = String((e as { stderr?: string }).stderr);
        return /internal/i.test(stderr);
      });
    } finally {
      await failing.close();
    }
  });
});
