import assert from 'node:assert/strict';
import { isStopWord } from '../../../../src/grounding/query/stop-words';

describe('isStopWord', () => {
  for (const w of ['the', 'The', 'a', 'all', 'find', 'show', 'me', 'with', 'of', 'in', 'it', '2', '10', '1.5']) {
    it(`drops ${JSON.stringify(w)}`, () => assert.equal(isStopWord(w), true));
  }
  for (const w of ['person', 'car', 'light', 'sign', 'x2', 'people']) {
    it(`keeps ${JSON.stringify(w)}`, () => assert.equal(isStopWord(w), false));
  }
});
