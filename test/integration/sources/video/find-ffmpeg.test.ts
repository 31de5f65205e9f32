import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findFfmpeg } from '../../../../src/sources/video';
import { clipFolder } from './clips';

describe('findFfmpeg', () => {
  const tmp = clipFolder();
  after(() => tmp.remove());

  function fakeBinary(dir: string, name: string, executable = true): string {
    mkdirSync(dir, { recursive: true });
    const p = path.join(dir, name);
    writeFileSync(p, '#!/bin/sh\nexit 0\n');
    chmodSync(p, executable ? 0o755 : 0o644);
    return p;
  }

  it('per-call options come first', () => {
    const found = findFfmpeg({ ffmpegPath: '/opt/a/ffmpeg', ffprobePath: '/opt/a/ffprobe' }, { GROUNDSTREAM_FFMPEG: '/env/ffmpeg' });
    assert.deepEqual(found, { ffmpegPath: '/opt/a/ffmpeg', ffprobePath: '/opt/a/ffprobe', origin: 'option' });
  });

  it('then GROUNDSTREAM_FFMPEG / GROUNDSTREAM_FFPROBE', () => {
    const found = findFfmpeg({}, { GROUNDSTREAM_FFMPEG: '/env/ffmpeg', GROUNDSTREAM_FFPROBE: '/env/ffprobe', PATH: '' });
    assert.deepEqual(found, { ffmpegPath: '/env/ffmpeg', ffprobePath: '/env/ffprobe', origin: 'env' });
  });

  it('an ffprobe next to GROUNDSTREAM_FFMPEG is preferred', () => {
    const dir = tmp.file('envbuild');
    const ffmpeg = fakeBinary(dir, 'ffmpeg');
    const ffprobe = fakeBinary(dir, 'ffprobe');
    assert.equal(findFfmpeg({}, { GROUNDSTREAM_FFMPEG: ffmpeg, PATH: '' }).ffprobePath, ffprobe);
  });

  it('then executables on PATH (non-executable files skipped)', () => {
    const first = tmp.file('bin1');
    const second = tmp.file('bin2');
    fakeBinary(first, 'ffmpeg', false);
    const ffmpeg = fakeBinary(second, 'ffmpeg');
    const ffprobe = fakeBinary(second, 'ffprobe');
    assert.deepEqual(findFfmpeg({}, { PATH: [first, tmp.file('absent'), second].join(path.delimiter) }), {
      ffmpegPath: ffmpeg,
      ffprobePath: ffprobe,
      origin: 'system',
    });
  });

  it('then the npm installer binaries', () => {
    const found = findFfmpeg({}, { PATH: tmp.file('empty') });
    assert.equal(found.origin, 'npm');
    assert.ok(existsSync(found.ffmpegPath), found.ffmpegPath);
    assert.ok(existsSync(found.ffprobePath), found.ffprobePath);
    assert.match(found.ffmpegPath, /@ffmpeg-installer/);
    assert.match(found.ffprobePath, /@ffprobe-installer/);
  });
});
