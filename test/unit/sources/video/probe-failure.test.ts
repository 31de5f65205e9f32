import assert from 'node:assert/strict';
import { classifyProbeFailure, lastStderrReason } from '../../../../src/sources/video/probe-failure';

describe('classifyProbeFailure', () => {
  const cases: Array<[string, string, boolean, string]> = [
    ['missing file', 'x.mp4: No such file or directory', false, 'input_not_found'],
    ['HTTP 404', '[https @ 0x1] HTTP error 404 Not Found\nhttp://h/x.mp4: Server returned 404 Not Found', false, 'input_not_found'],
    ['RTSP refused', '[tcp @ 0x1] Connection to tcp://127.0.0.1:554 failed: Connection refused', false, 'input_not_found'],
    ['text renamed .mp4', '[mov,mp4,m4a,3gp,3g2,mj2 @ 0xf95e200] moov atom not found\ntext.mp4: Invalid data found when processing input', false, 'not_a_video'],
    ['MP4 cut before its moov', '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\ncut.mp4: Invalid data found when processing input', true, 'truncated'],
    ['garbage', 'junk.avi: Invalid data found when processing input', false, 'not_a_video'],
  ];
  for (const [name, stderr, mp4, code] of cases) it(name, () => assert.equal(classifyProbeFailure(stderr, mp4).code, code));
});

describe('lastStderrReason', () => {
  const cases: Array<[string, string]> = [
    ['[mov,mp4 @ 0xabc] moov atom not found\nx.mp4: Invalid data found when processing input\n\n', 'x.mp4: Invalid data found when processing input'],
    ['[mov,mp4,m4a,3gp,3g2,mj2 @ 0xf95e200] moov atom not found', 'moov atom not found'],
    ['', 'no error message'],
  ];
  for (const [stderr, reason] of cases) it(JSON.stringify(stderr), () => assert.equal(lastStderrReason(stderr), reason));
});
