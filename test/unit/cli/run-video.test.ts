import assert from 'node:assert/strict';
import { expectedFrames } from '../../../src/cli/run-video';
import { formatProgress } from '../../../src/cli/progress-bar';

describe('expectedFrames (progress bar total)', () => {
  const info = { frameCount: 795, durationSec: 79.5 };
  const cases: { name: string; request: Record<string, number>; info: { frameCount?: number; durationSec?: number }; total: number }[] = [
    { name: 'every frame', request: {}, info, total: 795 },
    { name: 'an end time', request: { endSec: 10 }, info, total: 100 },
    { name: 'a window', request: { startSec: 10, endSec: 20 }, info, total: 100 },
    { name: 'sampling', request: { fps: 2 }, info, total: 159 },
    { name: 'sampling in a window', request: { fps: 5, endSec: 4 }, info, total: 20 },
    { name: 'an end past the media', request: { endSec: 1000 }, info, total: 795 },
    { name: 'no duration known', request: { fps: 2 }, info: { frameCount: 12 }, total: 12 },
    { name: 'nothing known', request: {}, info: {}, total: 0 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(expectedFrames(c.request, c.info), c.total));
});

describe('formatProgress', () => {
  const cases: { done: number; total: number; fps: number; line: string }[] = [
    { done: 1, total: 4, fps: 10, line: 'frames 1/4 [██░░░░░░] 25% 10.0 fps' },
    { done: 4, total: 4, fps: 3.14, line: 'frames 4/4 [████████] 100% 3.1 fps' },
    { done: 9, total: 4, fps: 1, line: 'frames 9/4 [████████] 100% 1.0 fps' },
    { done: 7, total: 0, fps: 2, line: 'frames 7 2.0 fps' },
  ];
  for (const c of cases) it(c.line, () => assert.equal(formatProgress({ done: c.done, total: c.total, framesPerSec: c.fps }, 8), c.line));
});
