import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { createServerMetrics, INFERENCE_BUCKETS_SECONDS } from '../../../src/server/metrics';

/** Parses exposition text into "name{labels}" → value, labels sorted so keys do not depend on order. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `unparseable exposition line: ${line}`);
    const labels = [...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}="${v}"`).sort();
    samples.set(labels.length ? `${m[1]}{${labels.join(',')}}` : m[1], Number(m[3]));
  }
  return samples;
}

async function samples(metrics: ReturnType<typeof createServerMetrics>): Promise<Map<string, number>> {
  return parse((await metrics.render()).body);
}

const repoRoot = path.resolve(__dirname, '../../..');

describe('createServerMetrics', () => {
  it('renders each counter with its labels and exact values', async () => {
    const metrics = createServerMetrics({ defaultMetrics: false });
    metrics.frameGrounded('cam-1');
    metrics.frameGrounded('cam-1');
    metrics.frameGrounded('cam-2');
    metrics.eventsWritten('GroundVideo', 5);
    metrics.eventsWritten('GroundVideo');
    metrics.eventsWritten('Subscribe', 3);
    metrics.eventsDropped('latest', 4);
    metrics.eventsDropped('paused');
    metrics.callEnded('GroundVideo', 'OK');
    metrics.callEnded('GroundVideo', Status.CANCELLED);
    metrics.callEnded('GroundVideo', 'CANCELLED');
    metrics.callEnded('Session', Status.OK);
    const s = await samples(metrics);
    assert.equal(s.get('groundstream_frames_total{stream="cam-1"}'), 2);
    assert.equal(s.get('groundstream_frames_total{stream="cam-2"}'), 1);
    assert.equal(s.get('groundstream_events_total{method="GroundVideo"}'), 6);
    assert.equal(s.get('groundstream_events_total{method="Subscribe"}'), 3);
    assert.equal(s.get('groundstream_dropped_events_total{policy="latest"}'), 4);
    assert.equal(s.get('groundstream_dropped_events_total{policy="paused"}'), 1);
    assert.equal(s.get('groundstream_calls_total{code="OK",method="GroundVideo"}'), 1);
    assert.equal(s.get('groundstream_calls_total{code="CANCELLED",method="GroundVideo"}'), 2);
    assert.equal(s.get('groundstream_calls_total{code="OK",method="Session"}'), 1);
  });

  it('renders the inference histogram with 1 ms – 2 s buckets, cumulative counts and sum', async () => {
    const metrics = createServerMetrics({ defaultMetrics: false });
    metrics.observeInference('yolo', 0.0005);
    metrics.observeInference('yolo', 0.02);
    metrics.observeInference('yolo', 0.75);
    metrics.observeInference('yolo', 3);
    metrics.observeInference('clip', 0.004);
    const s = await samples(metrics);
    assert.deepEqual(INFERENCE_BUCKETS_SECONDS[0], 0.001);
    assert.deepEqual(INFERENCE_BUCKETS_SECONDS.at(-1), 2);
    const bucket = (model: string, le: string) => s.get(`groundstream_inference_seconds_bucket{le="${le}",model="${model}"}`);
    assert.equal(bucket('yolo', '0.001'), 1);
    assert.equal(bucket('yolo', '0.01'), 1);
    assert.equal(bucket('yolo', '0.025'), 2);
    assert.equal(bucket('yolo', '0.5'), 2);
    assert.equal(bucket('yolo', '1'), 3);
    assert.equal(bucket('yolo', '2'), 3);
    assert.equal(bucket('yolo', '+Inf'), 4);
    assert.equal(s.get('groundstream_inference_seconds_count{model="yolo"}'), 4);
    assert.ok(Math.abs(s.get('groundstream_inference_seconds_sum{model="yolo"}')! - 3.7705) < 1e-9);
    assert.equal(bucket('clip', '0.0025'), 0);
    assert.equal(bucket('clip', '0.005'), 1);
    assert.equal(s.get('groundstream_inference_seconds_count{model="clip"}'), 1);
  });

  it('renders gauges as zero before they are set, then the value last set', async () => {
    const metrics = createServerMetrics({ defaultMetrics: false });
    let s = await samples(metrics);
    assert.equal(s.get('groundstream_active_streams'), 0);
    assert.equal(s.get('groundstream_subscribers'), 0);
    metrics.setActiveStreams(3);
    metrics.setSubscribers(7);
    metrics.setSubscribers(5);
    s = await samples(metrics);
    assert.equal(s.get('groundstream_active_streams'), 3);
    assert.equal(s.get('groundstream_subscribers'), 5);
  });

  it('ignores counts and durations that would throw or skew (negative, NaN) instead of failing the call', async () => {
    const metrics = createServerMetrics({ defaultMetrics: false });
    metrics.eventsWritten('QueryRegion', 2);
    assert.doesNotThrow(() => {
      metrics.eventsWritten('QueryRegion', -1);
      metrics.eventsWritten('QueryRegion', Number.NaN);
      metrics.eventsDropped('drop', 0);
      metrics.observeInference('m', -0.1);
      metrics.observeInference('m', Number.NaN);
      metrics.setActiveStreams(Number.NaN);
    });
    const s = await samples(metrics);
    assert.equal(s.get('groundstream_events_total{method="QueryRegion"}'), 2);
    assert.equal(s.get('groundstream_dropped_events_total{policy="drop"}'), undefined);
    assert.equal(s.get('groundstream_inference_seconds_count{model="m"}'), undefined);
    assert.equal(s.get('groundstream_active_streams'), 0);
  });

  it('forgetStream drops that stream’s series only', async () => {
    const metrics = createServerMetrics({ defaultMetrics: false });
    metrics.frameGrounded('a');
    metrics.frameGrounded('b');
    metrics.forgetStream('a');
    const s = await samples(metrics);
    assert.equal(s.get('groundstream_frames_total{stream="a"}'), undefined);
    assert.equal(s.get('groundstream_frames_total{stream="b"}'), 1);
  });

  it('escapes label values (quotes, backslashes, newlines) so the text still parses', async () => {
    const metrics = createServerMetrics({ defaultMetrics: false });
    metrics.frameGrounded('rtsp://cam/"x"\\y\nz');
    const s = await samples(metrics);
    assert.equal(s.get('groundstream_frames_total{stream="rtsp://cam/\\"x\\"\\\\y\\nz"}'), 1);
  });

  it('two instances do not share values (each has its own registry, not the global one)', async () => {
    const a = createServerMetrics();
    const b = createServerMetrics();
    assert.notEqual(a.registry, b.registry);
    a.frameGrounded('s');
    a.frameGrounded('s');
    b.frameGrounded('s');
    a.callEnded('GroundVideo', 'OK');
    b.setActiveStreams(9);
    const [sa, sb] = [await samples(a), await samples(b)];
    assert.equal(sa.get('groundstream_frames_total{stream="s"}'), 2);
    assert.equal(sb.get('groundstream_frames_total{stream="s"}'), 1);
    assert.equal(sa.get('groundstream_calls_total{code="OK",method="GroundVideo"}'), 1);
    assert.equal(sb.get('groundstream_calls_total{code="OK",method="GroundVideo"}'), undefined);
    assert.equal(sa.get('groundstream_active_streams'), 0);
    assert.equal(sb.get('groundstream_active_streams'), 9);
  });

  it('includes prom-client process metrics on its own registry, and with a content type Prometheus reads', async () => {
    const metrics = createServerMetrics();
    const { contentType, body } = await metrics.render();
    assert.match(contentType, /^text\/plain; version=0\.0\.4/);
    const s = parse(body);
    assert.ok(s.has('process_cpu_user_seconds_total'), 'process_cpu_user_seconds_total missing');
    assert.ok(s.has('nodejs_heap_size_total_bytes'), 'nodejs_heap_size_total_bytes missing');
    assert.ok([...s.keys()].some((k) => k.startsWith('nodejs_version_info{')), 'nodejs_version_info missing');
    assert.ok(s.get('process_start_time_seconds')! > 0);
    assert.equal(createServerMetrics({ defaultMetrics: false }).registry.getSingleMetric('process_cpu_user_seconds_total'), undefined);
  });

  it('does not keep a process alive: one that creates and renders metrics exits by itself', async function () {
    this.timeout(30_000);
    const code = [
      `const { createServerMetrics } = require(${JSON.stringify(path.join(repoRoot, 'src/server/metrics'))});`,
      'const m = createServerMetrics(); createServerMetrics();',
      "m.frameGrounded('x'); m.render().then((r) => console.log(r.body.includes('groundstream_frames_total') ? 'rendered' : 'missing'));",
    ].join('\n');
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      execFile(process.execPath, ['--require', 'tsx/cjs', '-e', code], { cwd: repoRoot, timeout: 20_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`child failed or hung (${error.message}): ${stderr}`)) : resolve({ stdout }),
      );
    });
    assert.equal(stdout.trim(), 'rendered');
  });
});
