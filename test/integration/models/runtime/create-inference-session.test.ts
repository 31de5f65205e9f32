import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { checkFeeds, createInferenceSession, type InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import { resolveModel } from '../../../../src/models/registry/resolve-model';
import { createSharedFloat32, isShared } from '../../../../src/models/runtime/shared-tensors';
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

  it('reads inputs on shared memory in place and copies outputs into shared spares (worker and calling thread alike)', async () => {
    const m = await resolveModel('yolox-nano-416', { searchPath: modelSearchPath(), download: false });
    const inWorker = await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: 'yolox-nano-416' });
    const onMain = await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: 'yolox-nano-416', thread: 'main' });
    try {
      const n = 3 * 416 * 416;
      const plain = Float32Array.from({ length: n }, (_, i) => (i * 7919) % 255);
      const shared = createSharedFloat32(n);
      shared.set(plain);
      const dims = [1, 3, 416, 416];
      const reference = (await onMain.run({ images: { data: plain, dims } })).output.data;
      for (const s of [inWorker, onMain]) {
        const fromShared = (await s.run({ images: { data: shared, dims } })).output;
        assert.ok(Buffer.from(fromShared.data.buffer, fromShared.data.byteOffset, fromShared.data.byteLength).equals(Buffer.from(reference.buffer, reference.byteOffset, reference.byteLength)), 'same outputs from a shared input');
        assert.equal(shared[12345], plain[12345], 'the shared input is left as it was');
      }
      // a worker fills the lent spare and returns a view of it: the calling thread gets no new memory
      const spare = { output: { data: createSharedFloat32(reference.length), dims: [1, 3549, 85] } };
      const out = await inWorker.run({ images: { data: shared, dims } }, { spareOutputs: spare });
      assert.deepEqual(Array.from(spare.output.data.subarray(0, 200)), Array.from(reference.subarray(0, 200)), 'the spare holds the outputs');
      assert.ok(isShared(out.output.data));
      out.output.data[0] = -1;
      assert.equal(spare.output.data[0], -1, 'the output is the spare\'s memory');
      // a spare of another size, or not shared, is not used
      const wrong = { output: { data: createSharedFloat32(10), dims: [10] } };
      const out2 = await inWorker.run({ images: { data: shared, dims } }, { spareOutputs: wrong });
      assert.notEqual(out2.output.data, wrong.output.data);
      assert.equal(out2.output.data.length, reference.length);
      const notShared = { output: { data: new Float32Array(reference.length), dims: [1, 3549, 85] } };
      const out3 = await inWorker.run({ images: { data: shared, dims } }, { spareOutputs: notShared });
      assert.notEqual(out3.output.data, notShared.output.data);
      assert.equal(notShared.output.data.length, reference.length, 'a plain spare is not moved away');
    } finally {
      await inWorker.dispose();
      await onMain.dispose();
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
