import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { checkFeeds, createInferenceSession, type InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import { resolveModel } from '../../../../src/models/registry/resolve-model';
import { modelSearchPath } from '../../../support/paths';

describe('createInferenceSession (onnxruntime-node, CPU)', () => {
  let session: InferenceSession;
  before(async () => {
    const m = await resolveModel('yunet-120x160', { searchPath: modelSearchPath(), download: false });
    session = await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: 'yunet-120x160' });
  });
  after(() => session.dispose());

  it('reads the declared inputs and outputs', () => {
    assert.deepEqual(session.inputs, [{ name: 'input', dims: [1, 3, 120, 160] }]);
    assert.deepEqual([...session.outputNames], ['loc', 'conf', 'iou']);
    assert.equal(session.intraOpNumThreads, 1);
  });

  it('runs plain float tensors', async () => {
    const out = await session.run({ input: { data: new Float32Array(3 * 120 * 160), dims: [1, 3, 120, 160] } });
    assert.deepEqual([...out.conf.dims], [1076, 2]);
    assert.equal(out.conf.data.length, 2152);
  });

  const bad: { name: string; feeds: Record<string, { data: Float32Array; dims: number[] }>; message: RegExp }[] = [
    { name: 'missing input', feeds: {}, message: /needs input "input" \[1,3,120,160\]/ },
    { name: 'wrong shape', feeds: { input: { data: new Float32Array(3 * 160 * 120), dims: [1, 3, 160, 120] } }, message: /must have shape \[1,3,120,160\], got \[1,3,160,120\]/ },
    { name: 'wrong length', feeds: { input: { data: new Float32Array(10), dims: [1, 3, 120, 160] } }, message: /has 10 values/ },
    { name: 'unknown input', feeds: { input: { data: new Float32Array(57600), dims: [1, 3, 120, 160] }, extra: { data: new Float32Array(1), dims: [1] } }, message: /no input named extra/ },
  ];
  for (const c of bad) {
    it(`rejects a ${c.name} with a readable error`, async () => {
      await assert.rejects(session.run(c.feeds), (e: unknown) => isGroundstreamError(e, 'model_input_mismatch') && c.message.test(e.message));
    });
  }

  it('treats dynamic dimensions as matching anything', () => {
    assert.equal(checkFeeds('m', [{ name: 'x', dims: [-1, 3] }], { x: { data: new Float32Array(6), dims: [2, 3] } }), undefined);
  });

  it('names the provider and the fix when a GPU provider cannot load', async () => {
    const m = await resolveModel('yunet-120x160', { searchPath: modelSearchPath(), download: false });
    await assert.rejects(createInferenceSession(m.path, { executionProvider: 'cuda', modelId: 'yunet-120x160' }), (e: unknown) =>
      isGroundstreamError(e, 'provider_unavailable') && /cuda/.test(e.message) && /--provider cpu/.test(e.message));
  });

  it('rejects a file that is not a model', async () => {
    await assert.rejects(createInferenceSession(__filename, { modelId: 'not-a-model' }), (e: unknown) => isGroundstreamError(e) && /not-a-model/.test(e.message));
  });
});

describe('inference in a worker thread (the default)', () => {
  it('gives the same outputs as the calling thread, and leaves that thread free while it runs', async () => {
    const m = await resolveModel('yolox-nano-416', { searchPath: modelSearchPath(), download: false });
    const inWorker = await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: 'yolox-nano-416' });
    const onMain = await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: 'yolox-nano-416', thread: 'main' });
    try {
      const data = Float32Array.from({ length: 3 * 416 * 416 }, (_, i) => (i * 7919) % 255);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const a = await inWorker.run({ images: { data, dims: [1, 3, 416, 416] } });
      const workerTicks = ticks;
      ticks = 0;
      const b = await onMain.run({ images: { data, dims: [1, 3, 416, 416] } });
      const mainTicks = ticks;
      clearInterval(timer);
      assert.deepEqual([...a.output.dims], [...b.output.dims]);
      let maxDiff = 0;
      for (let i = 0; i < a.output.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.output.data[i] - b.output.data[i]));
      assert.ok(maxDiff < 1e-5, `outputs differ by ${maxDiff}`);
      assert.ok(workerTicks > mainTicks + 2, `timer ticks during a run: worker ${workerTicks}, main ${mainTicks}`);
      assert.equal(data.length, 3 * 416 * 416, 'the caller keeps its input');
    } finally {
      await inWorker.dispose();
      await onMain.dispose();
    }
  });

  it('giveInputs moves a whole input buffer to the worker (same outputs); a view into a larger buffer is copied', async () => {
    const m = await resolveModel('yolox-nano-416', { searchPath: modelSearchPath(), download: false });
    const s = await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: 'yolox-nano-416' });
    try {
      const n = 3 * 416 * 416;
      const make = () => Float32Array.from({ length: n }, (_, i) => (i * 7919) % 255);
      const kept = await s.run({ images: { data: make(), dims: [1, 3, 416, 416] } });
      const given = make();
      const moved = await s.run({ images: { data: given, dims: [1, 3, 416, 416] } }, { giveInputs: true });
      assert.equal(given.length, 0, 'the moved input reads as empty');
      assert.deepEqual(Array.from(moved.output.data.subarray(0, 50)), Array.from(kept.output.data.subarray(0, 50)));
      const big = new Float32Array(n + 8);
      big.set(make(), 8);
      const view = big.subarray(8);
      await s.run({ images: { data: view, dims: [1, 3, 416, 416] } }, { giveInputs: true });
      assert.equal(view.length, n, 'a view is copied, so its neighbours stay');
    } finally {
      await s.dispose();
    }
  });

  it('reports a bad input from the worker as the same readable error', async () => {
    const m = await resolveModel('yunet-120x160', { searchPath: modelSearchPath(), download: false });
    const s = await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: 'yunet-120x160' });
    try {
      await assert.rejects(s.run({ input: { data: new Float32Array(4), dims: [1, 3, 120, 160] } }), /has 4 values/);
    } finally {
      await s.dispose();
    }
  });

  it('a model that fails to load in the worker rejects with the model named, and leaves no worker', async () => {
    await assert.rejects(createInferenceSession(__filename, { modelId: 'not-a-model' }), (e: unknown) => isGroundstreamError(e) && /not-a-model/.test(e.message));
  });
});
