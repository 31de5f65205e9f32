import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { findFfmpeg } from '../../../../src/sources/video';
import { runTool } from './clips';
import { startRtspRelay } from './rtsp-relay';

/** One media segment of an HLS rendition. */
export interface HlsSegment {
  name: string;
  durationSec: number;
}

/**
 * Cuts the first `seconds` of a video into about-1 s H.264 MPEG-TS segments (a keyframe forced every
 * second) with an EVENT playlist, and returns the segments. The TS service names are marked UTF-8
 * (a leading 0x15): with ffmpeg's default names the npm ffprobe build crashes on every probe and
 * the source falls back to `ffmpeg -i`, which works but costs about 2 s a probe.
 */
export function makeHlsSegments(source: string, dir: string, seconds: number): HlsSegment[] {
  const playlist = path.join(dir, 'full.m3u8');
  runTool('ffmpeg', [
    '-v', 'error', '-y', '-i', source, '-t', String(seconds), '-an', '-vf', 'scale=320:-2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-force_key_frames', 'expr:gte(t,n_forced*1)',
    '-metadata', 'service_provider=\x15gs', '-metadata', 'service_name=\x15gs',
    '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', '-hls_playlist_type', 'event',
    '-hls_segment_filename', path.join(dir, 'seg%03d.ts'), playlist,
  ]);
  const segments: HlsSegment[] = [];
  let durationSec = 0;
  for (const line of readFileSync(playlist, 'utf8').split('\n')) {
    if (line.startsWith('#EXTINF:')) durationSec = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line.endsWith('.ts')) segments.push({ name: line.trim(), durationSec });
  }
  return segments;
}

/** A local HTTP server that plays a set of HLS segments as a live EVENT stream. */
export interface LiveHlsServer {
  /** The playlist URL (127.0.0.1, the port chosen at the first start). */
  readonly url: string;
  readonly port: number;
  /** Requests served, e.g. `GET /live.m3u8 200`. */
  readonly requests: string[];
  /** Stops listening and cuts every open connection, as a crashed server would. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Adds #EXT-X-ENDLIST (with every segment): the stream ends. */
  finish(): void;
  /**
   * The encoder hangs for `ms`: the server keeps answering, but the playlist gets no new segment
   * until the time is up; then it goes on where it stopped.
   */
  freeze(ms: number): void;
  /** Stops for good. */
  close(): Promise<void>;
}

/**
 * Serves `segments` from `dir` as a live HLS stream: the playlist lists `headSegments` at once and
 * one more each time the wall clock passes the end of the last one, without #EXT-X-ENDLIST until
 * `finish()`. The clock runs on while the server is stopped, as a real encoder's would.
 */
export async function startLiveHlsServer(dir: string, segments: readonly HlsSegment[], headSegments = 3): Promise<LiveHlsServer> {
  const startedMs = Date.now();
  // Freezes as [from, to) in wall-clock ms: the stream's clock does not run during them.
  const freezes: Array<[number, number]> = [];
  const requests: string[] = [];
  let finished = false;
  let server: http.Server | undefined;
  const sockets = new Set<Socket>();

  const available = (): number => {
    if (finished) return segments.length;
    const nowMs = Date.now();
    const heldMs = freezes.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(nowMs, to) - from), 0);
    const elapsedSec = (nowMs - startedMs - heldMs) / 1000;
    let n = Math.min(headSegments, segments.length);
    let untilSec = 0;
    while (n < segments.length && untilSec + segments[n].durationSec <= elapsedSec) untilSec += segments[n++].durationSec;
    return n;
  };

  const playlist = (): string => {
    const n = available();
    const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:EVENT'];
    for (const s of segments.slice(0, n)) lines.push(`#EXTINF:${s.durationSec.toFixed(6)},`, s.name);
    if (finished) lines.push('#EXT-X-ENDLIST');
    return `${lines.join('\n')}\n`;
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const name = path.basename((req.url ?? '/').split('?')[0]);
    const reply = (status: number, type: string, body: string | Buffer): void => {
      requests.push(`${req.method} /${name} ${status}`);
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (name === 'live.m3u8') return reply(200, 'application/vnd.apple.mpegurl', playlist());
    const index = segments.findIndex((s) => s.name === name);
    if (index < 0 || index >= available()) return reply(404, 'text/plain', 'not found\n');
    reply(200, 'video/mp2t', readFileSync(path.join(dir, name)));
  };

  let port = 0;
  const start = async (): Promise<void> => {
    const s = http.createServer(handle);
    s.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };

  const stop = async (): Promise<void> => {
    const s = server;
    server = undefined;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  await start();
  return {
    url: `http://127.0.0.1:${port}/live.m3u8`,
    port,
    requests,
    stop,
    start,
    finish: () => {
      finished = true;
    },
    freeze: (ms) => {
      freezes.push([Date.now(), Date.now() + ms]);
    },
    close: stop,
  };
}

/** A port on 127.0.0.1 that was free a moment ago and has nothing listening on it. */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** An RTSP server for tests: publishers push to one URL, readers pull from another. */
export interface RtspTestServer {
  readonly name: string;
  /** The RTP transport it takes from publishers and readers. */
  readonly transport: 'tcp' | 'udp';
  /**
   * How a camera must go away for the server to take it back later: `graceful` where a publisher's
   * path stays taken until its TEARDOWN (rtsp-streaming-server 2.1.0 answers 503 to a new ANNOUNCE).
   */
  readonly cameraStop: 'crash' | 'graceful';
  publishUrl(path: string): string;
  readUrl(path: string): string;
  close(): Promise<void>;
}

/** The npm package that serves RTSP in these tests when it is installed (a dev dependency). */
export const RTSP_SERVER_PACKAGE = 'rtsp-streaming-server';

/** Why the npm RTSP server cannot be used here, or undefined when it can. */
export function rtspServerPackageMissing(): string | undefined {
  try {
    require.resolve(RTSP_SERVER_PACKAGE);
    return undefined;
  } catch {
    return `${RTSP_SERVER_PACKAGE} is not installed (add it as a dev dependency: npm i -D ${RTSP_SERVER_PACKAGE}@2.1.0)`;
  }
}

/**
 * Runs the npm `rtsp-streaming-server` in a Node child process: the package starts timers it never
 * stops, which would keep mocha alive, and a crash of it must not take the test run down. Publishers
 * push to one port, readers pull from another. Its published build (2.1.0) answers 501 to a SETUP
 * over TCP, publisher or reader, so both use UDP (on the loopback, where packets are not lost).
 */
export async function startNpmRtspServer(): Promise<RtspTestServer> {
  const [serverPort, clientPort] = [await closedPort(), await closedPort()];
  const rtpPortStart = 20_000 + 2 * Math.floor(Math.random() * 10_000);
  const script = `
    const RtspServer = require(${JSON.stringify(RTSP_SERVER_PACKAGE)}).default;
    const server = new RtspServer({ serverPort: ${serverPort}, clientPort: ${clientPort}, rtpPortStart: ${rtpPortStart}, rtpPortCount: 40 });
    server.start().then(() => process.stdout.write('ready\\n'), (e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${RTSP_SERVER_PACKAGE} did not start: ${stderr}`)), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${RTSP_SERVER_PACKAGE} exited with ${code}: ${stderr}`));
    });
  });
  return {
    name: RTSP_SERVER_PACKAGE,
    transport: 'udp',
    cameraStop: 'graceful',
    publishUrl: (p) => `rtsp://127.0.0.1:${serverPort}/${p}`,
    readUrl: (p) => `rtsp://127.0.0.1:${clientPort}/${p}`,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The test folder's own RTSP relay (rtsp-relay.ts): TCP only, always there. */
export async function startRelayRtspServer(): Promise<RtspTestServer> {
  const relay = await startRtspRelay();
  return { name: 'the test relay (rtsp-relay.ts)', transport: 'tcp', cameraStop: 'crash', publishUrl: relay.url, readUrl: relay.url, close: () => relay.close() };
}

/** A camera for tests: ffmpeg publishing a 25 fps test pattern in H.264 (a keyframe a second) over RTSP. */
export interface RtspPublisher {
  /**
   * Stops it: `crash` as a camera that loses power (SIGKILL, no TEARDOWN), `graceful` as one that
   * is switched off (SIGTERM: ffmpeg ends its session with TEARDOWN).
   */
  stop(how: 'crash' | 'graceful'): Promise<void>;
}

export function startRtspPublisher(url: string, transport: 'tcp' | 'udp'): RtspPublisher {
  const { ffmpegPath } = findFfmpeg();
  const child = spawn(
    ffmpegPath,
    [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '25', '-bf', '0',
      '-f', 'rtsp', '-rtsp_transport', transport, url,
    ],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  return {
    stop: async (how) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(how === 'crash' ? 'SIGKILL' : 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
