import assert from 'node:assert/strict';
import { createFloat32Pool, createSharedFloat32, createSpareInputs, createSpareOutputs, isShared } from '../../../../src/models/runtime/shared-tensors';

describe('createFloat32Pool', () => {
  it('hands a given-back array out again at its length only, and allocates otherwise', () => {
    let made = 0;
    const pool = createFloat32Pool(1, (n) => { made++; return new Float32Array(n); });
    const a = pool.take(4);
    pool.give(a);
    pool.give(a);
    assert.equal(pool.take(3).length, 3);
    assert.equal(pool.take(4), a);
    assert.notEqual(pool.take(4), a, 'taken once, gone');
    pool.give(a);
    pool.give(new Float32Array(4)); // over capacity: dropped
    assert.equal(pool.take(4), a);
    assert.equal(made, 3);
  });
});

describe('createSpareInputs', () => {
  it('copies a tensor into shared memory and keeps the plain one as the next staging array', () => {
    const spare = createSpareInputs(2);
    assert.equal(spare.staging(), undefined);
    const plain = Float32Array.from([1, 2, 3, 4]);
    const shared = spare.share(plain);
    assert.ok(isShared(shared));
    assert.deepEqual([...shared], [1, 2, 3, 4]);
    assert.equal(spare.staging(), plain);
  });

  it('hands a given-back shared array out again, only at its own length', () => {
    const spare = createSpareInputs(2);
    const a = spare.share(new Float32Array(4).fill(7));
    spare.give(a);
    const other = spare.share(new Float32Array(3).fill(1));
    assert.notEqual(other, a, 'another length gets its own array');
    const again = spare.share(new Float32Array(4).fill(9));
    assert.equal(again, a, 'same length: the same memory');
    assert.deepEqual([...again], [9, 9, 9, 9], 'with the new values');
  });

  it('keeps at most `capacity` arrays and never a plain one or the same one twice', () => {
    const spare = createSpareInputs(1);
    const a = spare.share(new Float32Array(2));
    const b = spare.share(new Float32Array(2));
    spare.give(a);
    spare.give(a);
    spare.give(b); // over capacity: dropped
    spare.give(new Float32Array(2)); // plain: dropped
    assert.equal(spare.share(new Float32Array(2)), a);
    const fresh = spare.share(new Float32Array(2));
    assert.ok(fresh !== a && fresh !== b);
  });
});

describe('createSpareOutputs', () => {
  it('turns plain outputs given back into shared arrays of the same sizes, once', () => {
    const spare = createSpareOutputs(2);
    assert.equal(spare.take(), undefined);
    spare.give({ output: { data: new Float32Array(6), dims: [1, 2, 3] }, extra: { data: new Float32Array(2), dims: [2] } });
    const lent = spare.take()!;
    assert.ok(isShared(lent.output.data) && isShared(lent.extra.data));
    assert.deepEqual([lent.output.data.length, lent.extra.data.length], [6, 2]);
    assert.deepEqual([...lent.output.dims], [1, 2, 3]);
    spare.give(lent);
    assert.equal(spare.take(), lent, 'shared outputs are kept as they are');
  });

  it('keeps at most `capacity` sets', () => {
    const spare = createSpareOutputs(1);
    const set = (): Record<string, { data: Float32Array; dims: number[] }> => ({ o: { data: createSharedFloat32(1), dims: [1] } });
    const first = set();
    spare.give(first);
    spare.give(set());
    assert.equal(spare.take(), first);
    assert.equal(spare.take(), undefined);
  });
});
