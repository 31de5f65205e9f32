import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * The smallest RTSP server that lets ffmpeg play a camera in a test: one publisher per path pushes
 * with ANNOUNCE/SETUP/RECORD (`ffmpeg -f rtsp -rtsp_transport tcp rtsp://.../live`), readers pull
 * with DESCRIBE/SETUP/PLAY, and RTP/RTCP packets interleaved on the RTSP connection (RFC 2326
 * §10.12, `$` + channel + length) are copied from the publisher to every playing reader. TCP only,
 * no authentication. When the publisher leaves, its readers are cut off and DESCRIBE answers 404
 * until a publisher comes back, as a camera that reboots behaves.
 */
export interface RtspRelay {
  readonly port: number;
  /** `rtsp://127.0.0.1:PORT/<path>` */
  url(path: string): string;
  /** Requests seen, e.g. `DESCRIBE /live 404`. */
  readonly requests: string[];
  close(): Promise<void>;
}

interface Mount {
  sdp: string;
  publisher: Socket;
  /** Publisher channel → control path of its stream (e.g. `streamid=0`), and whether it is RTCP. */
  channels: Map<number, { control: string; rtcp: boolean }>;
  readers: Set<Reader>;
}

interface Reader {
  socket: Socket;
  /** Control path → the reader's RTP channel (RTCP is the next one). */
  channels: Map<string, number>;
  playing: boolean;
}

interface Request {
  method: string;
  uri: string;
  headers: Map<string, string>;
  body: string;
}

/** The mount path and control part of a request URI: rtsp://h:p/live/streamid=0 → ['/live', 'streamid=0']. */
function splitUri(uri: string, mounts: Map<string, Mount>): [string, string] {
  const pathname = uri.replace(/^rtsp:\/\/[^/]*/i, '') || '/';
  if (mounts.has(pathname)) return [pathname, ''];
  const cut = pathname.lastIndexOf('/');
  return cut > 0 ? [pathname.slice(0, cut), pathname.slice(cut + 1)] : [pathname, ''];
}

/** Starts a relay on 127.0.0.1 (port 0: any free port). */
export async function startRtspRelay(port = 0): Promise<RtspRelay> {
  const mounts = new Map<string, Mount>();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let nextSession = 1;

  const reply = (socket: Socket, req: Request, status: number, reason: string, headers: Record<string, string> = {}, body = ''): void => {
    requests.push(`${req.method} ${splitUri(req.uri, mounts)[0]} ${status}`);
    const lines = [`RTSP/1.0 ${status} ${reason}`, `CSeq: ${req.headers.get('cseq') ?? '0'}`];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  };

  const dropMount = (path: string, mount: Mount): void => {
    if (mounts.get(path) !== mount) return;
    mounts.delete(path);
    for (const r of mount.readers) r.socket.destroy();
  };

  const serve = (socket: Socket): void => {
    sockets.add(socket);
    let buffer: Buffer = Buffer.alloc(0);
    let published: [string, Mount] | undefined;
    let reader: Reader | undefined;
    let readerMount: Mount | undefined;
    const session = String(nextSession++).padStart(8, '0');

    const onRequest = (req: Request): void => {
      const [path, control] = splitUri(req.uri, mounts);
      const transport = req.headers.get('transport') ?? '';
      switch (req.method) {
        case 'OPTIONS':
        case 'GET_PARAMETER':
        case 'SET_PARAMETER':
          return reply(socket, req, 200, 'OK', { Public: 'OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, TEARDOWN, GET_PARAMETER', Session: session });
        case 'ANNOUNCE': {
          if (mounts.has(path)) return reply(socket, req, 503, 'Service Unavailable');
          const mount: Mount = { sdp: req.body, publisher: socket, channels: new Map(), readers: new Set() };
          mounts.set(path, mount);
          published = [path, mount];
          return reply(socket, req, 200, 'OK', { Session: session });
        }
        case 'DESCRIBE': {
          const mount = mounts.get(path);
          if (!mount) return reply(socket, req, 404, 'Not Found');
          const base = req.uri.endsWith('/') ? req.uri : `${req.uri}/`;
          return reply(socket, req, 200, 'OK', { 'Content-Base': base, 'Content-Type': 'application/sdp' }, mount.sdp);
        }
        case 'SETUP': {
          const m = /interleaved=(\d+)-(\d+)/.exec(transport);
          if (!/TCP/i.test(transport) || !m) return reply(socket, req, 461, 'Unsupported Transport');
          const channel = Number(m[1]);
          if (published && published[0] === path) {
            published[1].channels.set(channel, { control, rtcp: false });
            published[1].channels.set(Number(m[2]), { control, rtcp: true });
          } else {
            const mount = mounts.get(path);
            if (!mount) return reply(socket, req, 404, 'Not Found');
            reader ??= { socket, channels: new Map(), playing: false };
            reader.channels.set(control, channel);
            readerMount = mount;
          }
          return reply(socket, req, 200, 'OK', { Transport: transport.replace(/;mode=\w+/i, ''), Session: `${session};timeout=60` });
        }
        case 'RECORD':
          return reply(socket, req, 200, 'OK', { Session: session });
        case 'PLAY':
          if (!reader || !readerMount || mounts.get(path) !== readerMount) return reply(socket, req, 454, 'Session Not Found');
          reader.playing = true;
          readerMount.readers.add(reader);
          return reply(socket, req, 200, 'OK', { Session: session, Range: 'npt=0.000-' });
        case 'TEARDOWN':
          reply(socket, req, 200, 'OK', { Session: session });
          socket.end();
          return;
        default:
          return reply(socket, req, 501, 'Not Implemented');
      }
    };

    const onPacket = (channel: number, packet: Buffer): void => {
      // Readers' own RTCP reports are not passed on.
      const mount = published?.[1];
      const stream = mount?.channels.get(channel);
      if (!mount || !stream) return;
      for (const r of mount.readers) {
        const rtp = r.channels.get(stream.control);
        if (!r.playing || rtp === undefined || r.socket.writableLength > 4 << 20) continue;
        const head = Buffer.from([0x24, rtp + (stream.rtcp ? 1 : 0), packet.length >> 8, packet.length & 0xff]);
        r.socket.write(Buffer.concat([head, packet]));
      }
    };

    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (buffer.length === 0) break;
        if (buffer[0] === 0x24) {
          if (buffer.length < 4) break;
          const length = buffer.readUInt16BE(2);
          if (buffer.length < 4 + length) break;
          onPacket(buffer[1], buffer.subarray(4, 4 + length));
          buffer = buffer.subarray(4 + length);
          continue;
        }
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) break;
        const [first, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
        const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        const bodyLength = Number(headers.get('content-length') ?? 0);
        if (buffer.length < end + 4 + bodyLength) break;
        const body = buffer.subarray(end + 4, end + 4 + bodyLength).toString('utf8');
        buffer = buffer.subarray(end + 4 + bodyLength);
        const [method, uri] = first.split(' ');
        onRequest({ method, uri, headers, body });
      }
    });
    const gone = (): void => {
      sockets.delete(socket);
      if (published) dropMount(published[0], published[1]);
      if (reader) readerMount?.readers.delete(reader);
    };
    socket.on('close', gone);
    socket.on('error', () => socket.destroy());
  };

  const server = net.createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: (path) => `rtsp://127.0.0.1:${bound}/${path}`,
    requests,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
