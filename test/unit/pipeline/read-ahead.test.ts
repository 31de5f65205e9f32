import assert from 'node:assert/strict';
import { readAhead } from '../../../src/pipeline/read-ahead';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('readAhead', () => {
  const depths = [0, 1, 3];
  for (const depth of depths) {
    it(`keeps order and never has more than ${depth} read(s) beyond the consumer (depth ${depth})`, async () => {
      let started = 0;
      let consumed = 0;
      let peakAhead = 0;
      const read = async (i: number) => { started++; peakAhead = Math.max(peakAhead, started - consumed - 1); await sleep((5 - i) * 2); return i * 10; };
      const out: number[] = [];
      for await (const [i, v] of readAhead([0, 1, 2, 3, 4], read, depth)) {
        assert.equal(v, i * 10);
        out.push(i);
        await sleep(5);
        consumed++;
      }
      assert.deepEqual(out, [0, 1, 2, 3, 4]);
      assert.ok(peakAhead <= depth, `peak ${peakAhead} reads ahead`);
    });
  }

  it('starts the next read while the consumer works on the current item', async () => {
    const startedAt: number[] = [];
    const t0 = Date.now();
    const it = readAhead([0, 1], async (i) => { startedAt[i] = Date.now() - t0; return i; }, 1);
    await it.next();
    assert.equal(startedAt.length, 2, 'item 1 is being read before item 0 is consumed');
    await it.return(undefined);
  });

  it('surfaces a read error at its item, after the items before it', async () => {
    const seen: number[] = [];
    await assert.rejects((async () => {
      for await (const [i] of readAhead([0, 1, 2, 3], async (i) => { if (i === 2) throw new Error('tile 2 is cut short'); return i; }, 2)) seen.push(i);
    })(), /tile 2 is cut short/);
    assert.deepEqual(seen, [0, 1]);
  });

  it('stops reading when the consumer leaves', async () => {
    let reads = 0;
    for await (const [i] of readAhead(Array.from({ length: 100 }, (_, k) => k), async (k) => { reads++; return k; }, 2)) if (i === 1) break;
    await sleep(5);
    assert.ok(reads <= 4, `${reads} reads`);
  });
});
