import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { classifyAddress, isIpAddress, parseLegacyIPv4, type AddressClass } from '../../../../src/server/security/ip-ranges';

describe('classifyAddress', () => {
  const v4: [string, AddressClass][] = [
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['93.184.216.34', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.255.255.255', 'unspecified'],
    ['1.0.0.0', 'public'],
    ['9.255.255.255', 'public'],
    ['10.0.0.0', 'private'],
    ['10.255.255.255', 'private'],
    ['11.0.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['100.64.0.0', 'private'],
    ['100.127.255.255', 'private'],
    ['100.128.0.0', 'public'],
    ['126.255.255.255', 'public'],
    ['127.0.0.0', 'loopback'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.255', 'loopback'],
    ['128.0.0.0', 'public'],
    ['169.253.255.255', 'public'],
    ['169.254.0.0', 'link-local'],
    ['169.254.169.254', 'link-local'],
    ['169.255.0.0', 'public'],
    ['172.15.255.255', 'public'],
    ['172.16.0.0', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.0', 'public'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['192.167.255.255', 'public'],
    ['192.168.0.0', 'private'],
    ['192.168.255.255', 'private'],
    ['192.169.0.0', 'public'],
    ['198.17.255.255', 'public'],
    ['198.18.0.0', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['198.20.0.0', 'public'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['223.255.255.255', 'public'],
    ['224.0.0.0', 'multicast'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.0', 'reserved'],
    ['255.255.255.255', 'reserved'],
  ];
  for (const [ip, cls] of v4) it(`IPv4 ${ip} → ${cls}`, () => assert.equal(classifyAddress(ip), cls));

  const v6: [string, AddressClass][] = [
    ['::', 'unspecified'],
    ['0:0:0:0:0:0:0:0', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['2001:4860:4860::8888', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fbff:ffff::1', 'reserved'],
    ['fe00::1', 'reserved'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['FE80::ABCD', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['100::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['2001:200::1', 'public'],
    ['3fff:ffff::1', 'public'],
    ['4000::1', 'reserved'],
    ['1::1', 'reserved'],
    // IPv4 inside IPv6 takes the IPv4 address's class
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::FFFF:127.0.0.1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:808:808', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['::8.8.8.8', 'public'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['2002:808:808::1', 'public'],
  ];
  for (const [ip, cls] of v6) it(`IPv6 ${ip} → ${cls}`, () => assert.equal(classifyAddress(ip), cls));

  const notIp = ['', 'localhost', '127.1', '2130706433', '0x7f.0.0.1', '256.0.0.1', '1.2.3.4.5', ':::1', '::ffff:1.2.3', 'fe80::1::2', ' '];
  for (const text of notIp) {
    it(`refuses '${text}' as not an IP address (invalid_argument)`, () => {
      assert.equal(isIpAddress(text), false);
      assert.throws(() => classifyAddress(text), (e) => isGroundstreamError(e, 'invalid_argument'));
    });
  }
});

describe('parseLegacyIPv4', () => {
  const table: [string, string | undefined][] = [
    ['127.0.0.1', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0x7F.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['0x', '0.0.0.0'],
    ['10.0x10.1', '10.16.0.1'],
    ['4294967295', '255.255.255.255'],
    ['3232235777', '192.168.1.1'],
    ['4294967296', undefined],
    ['256.0.0.1', undefined],
    ['1.2.3.256', undefined],
    ['1.2.65536', undefined],
    ['1.2.3.4.5', undefined],
    ['08.0.0.1', undefined], // 8 is not an octal digit
    ['example.com', undefined],
    ['1.2.3.com', undefined],
    ['', undefined],
    ['..', undefined],
    ['-1', undefined],
  ];
  for (const [host, expected] of table) it(`'${host}' → ${expected ?? 'not IPv4'}`, () => assert.equal(parseLegacyIPv4(host), expected));
});
