// Run as a separate Node process by a lifecycle test: starts a decode, then exits without closing
// the source. The video module's 'exit' hook (registered first, so it runs first) must kill
// ffmpeg; a later 'exit' listener here watches ffmpeg die while this process still holds the pipe,
// so that ffmpeg could not have died of a broken pipe instead. Prints "<pid> <state>".
import { readFileSync, writeSync } from 'node:fs';
import { createVideoSource } from '../../../../src/sources/video';
import { ffmpegChildren } from '../../../support/processes';

function state(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return 'gone';
  }
}

async function main(): Promise<void> {
  const source = createVideoSource(process.argv[2], { bufferFrames: 2 });
  await source.frames().next();
  const [ffmpeg] = ffmpegChildren();
  process.on('exit', () => {
    const deadline = Date.now() + 3000;
    // Exit listeners are synchronous: poll until the kernel has killed it (a zombie, as no one reaps it now).
    while (state(ffmpeg.pid) !== 'Z' && state(ffmpeg.pid) !== 'gone' && Date.now() < deadline);
    writeSync(1, `${ffmpeg.pid} ${state(ffmpeg.pid)}\n`);
  });
  process.exit(0);
}

void main();
