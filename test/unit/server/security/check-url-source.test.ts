import assert from 'node:assert/strict';
import { isGroundstreamError, type ErrorCode } from '../../../../src/core/errors';
import { checkUrlSource, type UrlSourceOptions } from '../../../../src/server/security/check-url-source';

/** A resolver that knows a few names and records what it was asked. */
function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup = async (host: string): Promise<string[]> => {
    asked.push(host);
    const found = table[host];
    if (found === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };
  return { lookup, asked };
}

const DNS = {
  'cam.example.com': ['93.184.216.34'],
  'dual.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'sneaky.example.com': ['93.184.216.34', '127.0.0.1'],
  'sneaky6.example.com': ['2606:2800:220:1::1', '::ffff:10.0.0.1'],
  'lan.example.com': ['192.168.1.20'],
  'cgnat.example.com': ['100.64.3.4'],
  'metadata.example.com': ['169.254.169.254'],
  'ula.example.com': ['fd00::5'],
  'loop.example.com': ['127.0.0.1', '::1'],
  'zero.example.com': ['0.0.0.0'],
  'mcast.example.com': ['239.1.1.1'],
  'garbage.example.com': ['not-an-address'],
  'empty.example.com': [],
};

async function code(url: string, options: UrlSourceOptions): Promise<ErrorCode | 'ok'> {
  try {
    await checkUrlSource(url, options);
    return 'ok';
  } catch (e) {
    if (isGroundstreamError(e)) return e.code;
    throw e;
  }
}

describe('checkUrlSource', () => {
  const none: UrlSourceOptions = {};
  const loopback: UrlSourceOptions = { allowLoopback: true };
  const privateNet: UrlSourceOptions = { allowPrivate: true };

  // [url, expected with no allowances, with allowLoopback, with allowPrivate]
  const table: [string, ErrorCode | 'ok', ErrorCode | 'ok', ErrorCode | 'ok'][] = [
    // schemes
    ['http://cam.example.com/a.mp4', 'ok', 'ok', 'ok'],
    ['https://cam.example.com/a.mp4', 'ok', 'ok', 'ok'],
    ['rtsp://cam.example.com:554/live', 'ok', 'ok', 'ok'],
    ['HTTPS://CAM.EXAMPLE.COM/a.mp4', 'ok', 'ok', 'ok'],
    ['rtsp://user:secret@cam.example.com/live', 'ok', 'ok', 'ok'],
    ['file:///etc/passwd', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['ftp://cam.example.com/a.mp4', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['data:video/mp4;base64,AAAA', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['concat:/etc/passwd|/etc/hosts', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['pipe:0', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['rtmp://cam.example.com/live', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['gopher://cam.example.com/', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['javascript:alert(1)', 'permission_denied', 'permission_denied', 'permission_denied'],
    // not URLs, or no host
    ['not a url', 'invalid_argument', 'invalid_argument', 'invalid_argument'],
    ['/data/clip.mp4', 'invalid_argument', 'invalid_argument', 'invalid_argument'],
    ['http://', 'invalid_argument', 'invalid_argument', 'invalid_argument'],
    ['http://[::1', 'invalid_argument', 'invalid_argument', 'invalid_argument'],
    ['rtsp:///live', 'invalid_argument', 'invalid_argument', 'invalid_argument'],
    ['rtsp:live', 'invalid_argument', 'invalid_argument', 'invalid_argument'],
    ['rtsp://%31%32%37.0.0.1/live', 'invalid_argument', 'invalid_argument', 'invalid_argument'],
    // IP literals
    ['http://93.184.216.34/a.mp4', 'ok', 'ok', 'ok'],
    ['http://[2606:4700:4700::1111]/a.mp4', 'ok', 'ok', 'ok'],
    ['http://127.0.0.1:8080/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://127.8.9.10/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://[::1]/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://[0:0:0:0:0:0:0:1]/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://[::ffff:127.0.0.1]/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://[::ffff:7f00:1]/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://[::127.0.0.1]/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['rtsp://[::ffff:7f00:1]/live', 'permission_denied', 'ok', 'ok'],
    ['http://10.1.2.3/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['http://172.16.0.1/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['http://172.15.255.255/a.mp4', 'ok', 'ok', 'ok'],
    ['http://192.168.1.1/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['http://100.64.0.1/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['http://100.63.255.255/a.mp4', 'ok', 'ok', 'ok'],
    ['http://169.254.169.254/latest/meta-data/', 'permission_denied', 'permission_denied', 'ok'],
    ['http://[fe80::1]/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['http://[fd00::1]/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['http://[::ffff:192.168.0.1]/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['http://0.0.0.0/a.mp4', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['http://[::]/a.mp4', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['http://224.0.0.1/a.mp4', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['rtsp://239.0.0.1/live', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['http://[ff02::1]/a.mp4', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['http://255.255.255.255/a.mp4', 'permission_denied', 'permission_denied', 'permission_denied'],
    // numeric IPv4 spellings: WHATWG URL normalises them for http(s); rtsp hosts are checked by us
    ['http://2130706433/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://0x7f.1/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://0x7f000001/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://0177.0.0.1/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://127.1/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://%31%32%37.0.0.1/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://127.0.0.1./a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://0/a.mp4', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['http://3232235777/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['rtsp://2130706433/live', 'permission_denied', 'ok', 'ok'],
    ['rtsp://0x7f.1:554/live', 'permission_denied', 'ok', 'ok'],
    ['rtsp://0177.0.0.1/live', 'permission_denied', 'ok', 'ok'],
    ['rtsp://127.1/live', 'permission_denied', 'ok', 'ok'],
    ['rtsp://0x0A.1/live', 'permission_denied', 'permission_denied', 'ok'],
    // host names: every resolved address must be allowed
    ['http://dual.example.com/a.mp4', 'ok', 'ok', 'ok'],
    ['http://sneaky.example.com/a.mp4', 'permission_denied', 'ok', 'ok'],
    ['http://sneaky6.example.com/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['rtsp://lan.example.com/live', 'permission_denied', 'permission_denied', 'ok'],
    ['http://cgnat.example.com/a.mp4', 'permission_denied', 'permission_denied', 'ok'],
    ['http://metadata.example.com/', 'permission_denied', 'permission_denied', 'ok'],
    ['http://ula.example.com/', 'permission_denied', 'permission_denied', 'ok'],
    ['http://loop.example.com/', 'permission_denied', 'ok', 'ok'],
    ['http://zero.example.com/', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['http://mcast.example.com/', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['http://garbage.example.com/', 'permission_denied', 'permission_denied', 'permission_denied'],
    ['http://empty.example.com/', 'input_not_found', 'input_not_found', 'input_not_found'],
    ['http://nowhere.example.com/', 'input_not_found', 'input_not_found', 'input_not_found'],
  ];
  for (const [url, plain, withLoopback, withPrivate] of table) {
    it(`${url}: ${plain} / allowLoopback ${withLoopback} / allowPrivate ${withPrivate}`, async () => {
      const { lookup } = fakeDns(DNS);
      assert.equal(await code(url, { ...none, lookup }), plain, 'no allowances');
      assert.equal(await code(url, { ...loopback, lookup }), withLoopback, 'allowLoopback');
      assert.equal(await code(url, { ...privateNet, lookup }), withPrivate, 'allowPrivate');
    });
  }

  it('does not look up IP literals or numeric hosts', async () => {
    const { lookup, asked } = fakeDns(DNS);
    for (const url of ['http://93.184.216.34/', 'http://[2606:4700::1]/', 'rtsp://2130706433/', 'http://0x7f.1/']) {
      await checkUrlSource(url, { lookup, allowLoopback: true });
    }
    assert.deepEqual(asked, []);
  });

  it('looks up the host name without brackets, port or credentials', async () => {
    const { lookup, asked } = fakeDns(DNS);
    await checkUrlSource('rtsp://admin:pw@cam.example.com:8554/live?x=1', { lookup });
    assert.deepEqual(asked, ['cam.example.com']);
  });

  it('returns the parsed URL unchanged', async () => {
    const { lookup } = fakeDns(DNS);
    const url = await checkUrlSource('rtsp://cam.example.com:554/live/ch1?tcp', { lookup });
    assert.ok(url instanceof URL);
    assert.equal(url.href, 'rtsp://cam.example.com:554/live/ch1?tcp');
  });

  it('names the scheme when refusing it', async () => {
    await assert.rejects(checkUrlSource('concat:/etc/passwd|/etc/hosts', {}), (e) => isGroundstreamError(e, 'permission_denied') && /concat:/.test(e.message) && e.input === 'concat:/etc/passwd|/etc/hosts');
    await assert.rejects(checkUrlSource('file:///etc/passwd', {}), (e) => isGroundstreamError(e, 'permission_denied') && /file:/.test(e.message));
  });

  it('names the URL and the kind of address, and says which option would allow it', async () => {
    const { lookup } = fakeDns(DNS);
    await assert.rejects(checkUrlSource('http://127.0.0.1/x', { lookup }), (e) => isGroundstreamError(e, 'permission_denied') && /http:\/\/127\.0\.0\.1\/x/.test(e.message) && /loopback/.test(e.message) && /allowLoopback/.test(e.message));
    await assert.rejects(checkUrlSource('http://lan.example.com/x', { lookup }), (e) => isGroundstreamError(e, 'permission_denied') && /private/.test(e.message) && /allowPrivate/.test(e.message));
  });

  it('does not tell the client which address an internal host name resolves to', async () => {
    const { lookup } = fakeDns(DNS);
    await assert.rejects(checkUrlSource('http://lan.example.com/x', { lookup }), (e) => isGroundstreamError(e) && !e.message.includes('192.168'));
  });

  it('hides a password in the URL from the message and the error input', async () => {
    const { lookup } = fakeDns(DNS);
    await assert.rejects(checkUrlSource('rtsp://admin:hunter2@lan.example.com/live', { lookup }), (e) => isGroundstreamError(e, 'permission_denied') && !e.message.includes('hunter2') && !e.input.includes('hunter2') && e.message.includes('admin'));
    await assert.rejects(checkUrlSource('ftp://admin:hunter2@cam.example.com/x', { lookup }), (e) => isGroundstreamError(e, 'permission_denied') && !e.message.includes('hunter2'));
  });

  it('reports a resolver failure other than "no such host" as remote_failed', async () => {
    const lookup = async (): Promise<string[]> => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    await assert.rejects(checkUrlSource('http://cam.example.com/', { lookup }), (e) => isGroundstreamError(e, 'remote_failed') && /EAI_AGAIN/.test(e.message));
  });
});
