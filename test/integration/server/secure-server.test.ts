import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { GroundstreamCallError } from '../../../src/client/call-error';
import { createGroundstreamClient, type GroundstreamClientOptions, type GroundstreamClient } from '../../../src/client/grounding-client';
import { EventKind, StreamState, type GroundingEvent } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { createGroundstreamServer, type GroundstreamServer, type GroundstreamServerOptions } from '../../../src/server/grounding-server';
import { checkFileSource, checkUrlSource, createQuota, createTokenAuth } from '../../../src/server/security';
import { findFfmpeg } from '../../../src/sources/video';
import { modelSearchPath } from '../../support/paths';
import { ffmpegChildren } from '../../support/processes';
import { collect, sleep, waitFor } from '../../support/wait';

/** Asserts a GroundstreamCallError with exactly this status; returns it for more checks. */
function assertStatus(error: unknown, code: grpc.status, context: string): GroundstreamCallError {
  assert.ok(error instanceof GroundstreamCallError, `${context}: expected a GroundstreamCallError, got ${String(error)}`);
  assert.equal(error.codeName, grpc.status[code], `${context}: ${error.message}`);
  assert.equal(error.code, code, context);
  return error;
}

/** The rejection of `promise` (fails when it resolves). */
async function rejection(promise: Promise<unknown>, context: string): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail(`${context}: expected the call to fail, it succeeded`);
}

/** Like the CLI's `isUrl` in serve-command.ts. */
const isUrl = (source: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(source);

describe('groundstream gRPC server security (TLS, tokens, source roots, limits, message size)', function () {
  this.timeout(120_000);

  const token = randomBytes(16).toString('hex');
  let engine: Engine;
  let tmp: string;
  /** The one folder the servers serve files from. */
  let root: string;
  /** A folder beside the root, not served. */
  let outside: string;
  /** A 2 s, 10 fps, 320x240 clip inside the root. */
  let clip: string;
  let outsideClip: string;
  /** A symlink inside the root to `outsideClip`. */
  let link: string;
  let cert: Buffer;
  let key: Buffer;
  let server: GroundstreamServer | undefined;
  const clients: GroundstreamClient[] = [];

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-secure-'));
    root = path.join(tmp, 'root');
    outside = path.join(tmp, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(tmp, 'key.pem'), '-out', path.join(tmp, 'cert.pem'),
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'pipe' });
    cert = readFileSync(path.join(tmp, 'cert.pem'));
    key = readFileSync(path.join(tmp, 'key.pem'));
    clip = path.join(root, 'clip.mp4');
    execFileSync(findFfmpeg().ffmpegPath, [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '2', '-c:v', 'mpeg4', '-q:v', '5', clip,
    ], { stdio: 'pipe' });
    outsideClip = path.join(outside, 'clip.mp4');
    copyFileSync(clip, outsideClip);
    link = path.join(root, 'link.mp4');
    symlinkSync(outsideClip, link);

    engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 1, sessionsPerModel: 1 });
    await engine.detector();
  });

  after(async () => {
    await engine?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
    server = undefined;
  });

  /** A server configured like `groundstream serve`, with the options given. */
  async function serve(options: Partial<GroundstreamServerOptions> = {}): Promise<string> {
    server = createGroundstreamServer({
      groundVideo: (request, _signal, flow) => engine.groundVideo(request, { ready: flow.ready }),
      live: engine.live,
      checkSource: async (source) => (isUrl(source)
        ? (await checkUrlSource(source, { allowLoopback: false })).href
        : checkFileSource(source, [root])),
      ...options,
    });
    const { port } = await server.start();
    assert.ok(port > 0);
    return `127.0.0.1:${port}`;
  }

  function connect(address: string, options: GroundstreamClientOptions = {}): GroundstreamClient {
    const c = createGroundstreamClient(address, options);
    clients.push(c);
    return c;
  }

  /** Fails unless every ffmpeg child of this process is gone within 5 s. */
  async function noFfmpegLeft(context: string): Promise<void> {
    try {
      await waitFor(`the ffmpeg children to exit ${context}`, () => ffmpegChildren().length === 0);
    } catch (e) {
      assert.deepEqual(ffmpegChildren().map((p) => `${p.pid} ${p.comm} ${p.state}`), [], `ffmpeg left ${context}: ${String(e)}`);
    }
  }

  describe('TLS', () => {
    it('a client trusting the certificate, with the token, lists streams and grounds a video to its summary', async () => {
      const address = await serve({ tls: { certChain: cert, privateKey: key }, auth: createTokenAuth([{ name: 'alice', token }]) });
      const client = connect(address, { tls: { rootCert: cert }, token });
      assert.deepEqual(await client.listStreams(), []);
      const { events, error } = await collect(client.groundVideo({ source: clip, query: 'people', streamId: 'tls' }));
      assert.equal(error, undefined, `the call failed: ${String(error)}`);
      const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
      const summaries = events.filter((e) => e.kind === EventKind.EVENT_KIND_SUMMARY);
      assert.equal(frames.length, 20, '2 s at 10 fps');
      assert.deepEqual(frames.map((e) => e.frameIndex), frames.map((_, i) => i));
      for (const f of frames) {
        assert.equal(f.streamId, 'tls');
        assert.equal(f.width, 320);
        assert.equal(f.height, 240);
      }
      assert.equal(summaries.length, 1);
      assert.equal(events.at(-1)?.kind, EventKind.EVENT_KIND_SUMMARY, 'the summary comes last');
      assert.equal(summaries[0].summary?.frames, 20);
      assert.equal(summaries[0].query?.text, 'people');
      await noFfmpegLeft('after a completed call');
    });

    it('honours serverName: a certificate for localhost is accepted when the client names localhost', async () => {
      const address = await serve({ tls: { certChain: cert, privateKey: key } });
      const client = connect(address, { tls: { rootCert: cert, serverName: 'localhost' } });
      assert.deepEqual(await client.listStreams(), []);
      const wrongName = connect(address, { tls: { rootCert: cert, serverName: 'not-the-server.example' } });
      assertStatus(await rejection(wrongName.listStreams({ deadline: Date.now() + 10_000 }), 'wrong server name'), grpc.status.UNAVAILABLE, 'wrong server name');
    });

    it('a plain-text client to the TLS server fails with UNAVAILABLE', async () => {
      const address = await serve({ tls: { certChain: cert, privateKey: key }, auth: createTokenAuth([{ name: 'alice', token }]) });
      const client = connect(address, { token });
      assertStatus(await rejection(client.listStreams({ deadline: Date.now() + 10_000 }), 'plain text ListStreams'), grpc.status.UNAVAILABLE, 'plain text ListStreams');
      const { events, error } = await collect(client.groundVideo({ source: clip }, { deadline: Date.now() + 10_000 }));
      assert.deepEqual(events, []);
      assertStatus(error, grpc.status.UNAVAILABLE, 'plain text GroundVideo');
    });

    it('a TLS client that does not trust the self-signed certificate fails with UNAVAILABLE', async () => {
      const address = await serve({ tls: { certChain: cert, privateKey: key }, auth: createTokenAuth([{ name: 'alice', token }]) });
      const client = connect(address, { tls: {}, token });
      assertStatus(await rejection(client.listStreams({ deadline: Date.now() + 10_000 }), 'untrusting ListStreams'), grpc.status.UNAVAILABLE, 'untrusting ListStreams');
      const { events, error } = await collect(client.groundVideo({ source: clip }, { deadline: Date.now() + 10_000 }));
      assert.deepEqual(events, []);
      assertStatus(error, grpc.status.UNAVAILABLE, 'untrusting GroundVideo');
    });
  });

  describe('bearer tokens', () => {
    it('refuses a call without a token with UNAUTHENTICATED (GroundVideo and ListStreams), before opening the source', async () => {
      const address = await serve({ auth: createTokenAuth([{ name: 'alice', token }]) });
      const client = connect(address);
      assertStatus(await rejection(client.listStreams(), 'ListStreams without token'), grpc.status.UNAUTHENTICATED, 'ListStreams without token');
      const { events, error } = await collect(client.groundVideo({ source: clip }));
      assert.deepEqual(events, []);
      assertStatus(error, grpc.status.UNAUTHENTICATED, 'GroundVideo without token');
      assertStatus(await rejection(client.startStream({ streamId: 'nope', source: clip }), 'StartStream without token'), grpc.status.UNAUTHENTICATED, 'StartStream without token');
      assert.deepEqual(engine.live.list(), [], 'no stream was started');
    });

    it('refuses a wrong token with UNAUTHENTICATED, never repeating the token', async () => {
      const address = await serve({ auth: createTokenAuth([{ name: 'alice', token }]) });
      const wrong = randomBytes(16).toString('hex');
      const client = connect(address, { token: wrong });
      const errors: GroundstreamCallError[] = [];
      errors.push(assertStatus(await rejection(client.listStreams(), 'ListStreams with a wrong token'), grpc.status.UNAUTHENTICATED, 'ListStreams with a wrong token'));
      const { events, error } = await collect(client.groundVideo({ source: clip }));
      assert.deepEqual(events, []);
      errors.push(assertStatus(error, grpc.status.UNAUTHENTICATED, 'GroundVideo with a wrong token'));
      for (const e of errors) {
        assert.ok(!e.message.includes(wrong), `the message repeats the token: ${e.message}`);
        assert.ok(!e.details.includes(wrong));
        assert.ok(!(e.input ?? '').includes(wrong), `the input repeats the token: ${e.input}`);
        assert.ok(!JSON.stringify(e.metadata?.getMap() ?? {}).includes(wrong), 'the trailers repeat the token');
        assert.ok(!e.message.includes(token), 'the message names the real token');
      }
    });

    it('answers health checks without a token (SERVING), and a right token is let in', async () => {
      const address = await serve({ auth: createTokenAuth([{ name: 'alice', token }]) });
      assert.equal(await connect(address).health(), 'SERVING');
      assert.equal(await connect(address, { token: 'not-a-token-at-all-0000' }).health(), 'SERVING');
      assert.deepEqual(await connect(address, { token }).listStreams(), []);
    });
  });

  describe('source checks (root folder, URL policy)', () => {
    const denials = (): [string, string][] => [
      ['a path that leaves the root by ..', `${root}/../../etc/passwd`],
      ['a relative path that leaves the root', '../../../../../../../../etc/passwd'],
      ['an absolute path outside the root', outsideClip],
      ['a symlink inside the root to a video outside it', link],
      ['a loopback URL', 'http://127.0.0.1:9/x.mp4'],
      ['a file: URL', 'file:///etc/passwd'],
    ];

    it('GroundVideo: traversal, outside paths, outward symlinks, loopback and file: URLs are PERMISSION_DENIED', async () => {
      const address = await serve();
      const client = connect(address);
      for (const [what, source] of denials()) {
        const { events, error } = await collect(client.groundVideo({ source }));
        assert.deepEqual(events, [], what);
        const e = assertStatus(error, grpc.status.PERMISSION_DENIED, what);
        assert.equal(e.errorCode, 'permission_denied', what);
      }
      await noFfmpegLeft('after refused sources');
    });

    it('GroundVideo: a file missing inside the root is NOT_FOUND, a relative path inside it works', async () => {
      const address = await serve();
      const client = connect(address);
      const { error } = await collect(client.groundVideo({ source: path.join(root, 'missing.mp4') }));
      assertStatus(error, grpc.status.NOT_FOUND, 'missing file in the root');
      const ok = await collect(client.groundVideo({ source: 'clip.mp4', endSec: 0.5 }));
      assert.equal(ok.error, undefined, `relative path in the root: ${String(ok.error)}`);
      assert.equal(ok.events.at(-1)?.kind, EventKind.EVENT_KIND_SUMMARY);
    });

    it('StartStream: traversal, outward symlinks and loopback URLs are PERMISSION_DENIED, start nothing and take no quota', async () => {
      const address = await serve({ quota: createQuota({ maxStreamsPerToken: 1 }) });
      const client = connect(address);
      const cases: [string, string][] = [
        ['traversal', `${root}/../../etc/passwd`],
        ['relative traversal', '../../../../../../../../etc/passwd'],
        ['symlink out of the root', link],
        ['loopback URL', 'http://127.0.0.1:9/x.mp4'],
        ['file: URL', 'file:///etc/passwd'],
      ];
      for (const [what, source] of cases) {
        const e = assertStatus(await rejection(client.startStream({ streamId: 'denied', source, loop: true }), what), grpc.status.PERMISSION_DENIED, what);
        assert.equal(e.errorCode, 'permission_denied', what);
      }
      assert.deepEqual(await client.listStreams(), []);
      // A missing file inside the root fails when the stream opens it: NOT_FOUND, its quota given back.
      assertStatus(await rejection(client.startStream({ streamId: 'missing', source: 'missing.mp4' }), 'missing file'), grpc.status.NOT_FOUND, 'missing file');
      // None of the refusals held on to the one stream allowed.
      const info = await client.startStream({ streamId: 'allowed', source: 'clip.mp4', loop: true });
      assert.equal(info.state, StreamState.STREAM_STATE_RUNNING);
      assert.equal(info.source, clip, 'the stream opens the checked real path');
      await client.stopStream('allowed');
      await noFfmpegLeft('after StopStream');
    });
  });

  describe('per-token limits', () => {
    it('one stream and one subscription per token: the second is RESOURCE_EXHAUSTED until the first is released', async () => {
      const address = await serve({
        auth: createTokenAuth([{ name: 'alice', token }]),
        quota: createQuota({ maxSubscriptionsPerToken: 1, maxStreamsPerToken: 1 }),
      });
      const client = connect(address, { token });
      const info = await client.startStream({ streamId: 'cam1', source: clip, loop: true });
      assert.equal(info.streamId, 'cam1');
      assert.equal(info.state, StreamState.STREAM_STATE_RUNNING);
      assert.equal(info.loop, true);

      const second = await rejection(client.startStream({ streamId: 'cam2', source: clip, loop: true }), 'second StartStream');
      assertStatus(second, grpc.status.RESOURCE_EXHAUSTED, 'second StartStream');
      assert.deepEqual((await client.listStreams()).map((s) => s.streamId), ['cam1'], 'the refused stream was not started');

      // The first subscription reads one event, then holds on while a second one is refused.
      const first = client.subscribe({ streamId: 'cam1' })[Symbol.asyncIterator]();
      const firstEvent = await first.next();
      assert.equal(firstEvent.done, false);
      assert.equal(firstEvent.value.streamId, 'cam1');

      const { events, error } = await collect(client.subscribe({ streamId: 'cam1' }));
      assert.deepEqual(events, []);
      assertStatus(error, grpc.status.RESOURCE_EXHAUSTED, 'second concurrent Subscribe');
      // A steerable session is a subscription too.
      const session = client.session({ streamId: 'cam1' });
      assertStatus(await rejection(session.attached, 'Session while subscribed'), grpc.status.RESOURCE_EXHAUSTED, 'Session while subscribed');
      session.close();
      assert.equal((await first.next()).done, false, 'the first subscription still runs');

      // Leaving the first subscription's loop cancels it and gives its quota back.
      await first.return?.(undefined);
      let third: GroundingEvent | undefined;
      let lastError: unknown;
      const start = Date.now();
      // The quota comes back when the server sees the cancel, a moment after the client sent it.
      while (!third && Date.now() - start < 5000) {
        try {
          for await (const e of client.subscribe({ streamId: 'cam1' })) {
            third = e;
            break;
          }
        } catch (e) {
          lastError = e;
          assertStatus(e, grpc.status.RESOURCE_EXHAUSTED, 'Subscribe right after the cancel');
          await sleep(50);
        }
      }
      assert.ok(third, `no Subscribe worked within 5 s after the first was cancelled: ${String(lastError)}`);
      assert.equal(third.streamId, 'cam1');

      // Stopping the stream gives the stream quota back.
      const stopped = await client.stopStream('cam1');
      assert.equal(stopped.streamId, 'cam1');
      assert.equal(stopped.state, StreamState.STREAM_STATE_ENDED);
      await noFfmpegLeft('after StopStream');
      assert.deepEqual(await client.listStreams(), []);
      const again = await client.startStream({ streamId: 'cam2', source: clip, loop: true });
      assert.equal(again.state, StreamState.STREAM_STATE_RUNNING);
      await client.stopStream('cam2');
      await noFfmpegLeft('after the second StopStream');
    });
  });

  describe('message size limit', () => {
    it('maxMessageBytes 300: events larger than that fail the call with RESOURCE_EXHAUSTED, and the decoder stops', async () => {
      const address = await serve({ maxMessageBytes: 300 });
      const client = connect(address);
      // Every event carries the stream id twice (stream_id and event_id), so each is over 300 bytes;
      // the request itself stays under 300.
      const streamId = 's'.repeat(160);
      const { events, error } = await collect(client.groundVideo({ source: 'clip.mp4', streamId }));
      assert.deepEqual(events, [], 'no event fits in 300 bytes');
      const e = assertStatus(error, grpc.status.RESOURCE_EXHAUSTED, 'oversized events');
      assert.match(e.message, /^Sent message larger than max \(\d+ vs\. 300\)$/);
      await noFfmpegLeft('after the oversized call');
    });

    it('maxMessageBytes 300: a request larger than that is refused with RESOURCE_EXHAUSTED', async () => {
      const address = await serve({ maxMessageBytes: 300 });
      const client = connect(address);
      const { events, error } = await collect(client.groundVideo({ source: 'clip.mp4', query: 'person '.repeat(100) }));
      assert.deepEqual(events, []);
      const e = assertStatus(error, grpc.status.RESOURCE_EXHAUSTED, 'oversized request');
      assert.match(e.message, /^Received message larger than max \(\d+ vs 300\)$/);
    });
  });
});
