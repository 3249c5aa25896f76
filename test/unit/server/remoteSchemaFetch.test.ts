// The remote schema fetcher: loopback, link-local and private addresses refused unless
// cacheWarden.allowPrivateSchemaHosts is on; redirects followed only on the same host; the body
// capped; a time limit. Served by a local node:http server on 127.0.0.1.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { fetchSchemaText, isNonPublicAddress, SchemaFetchRefused } from '../../../src/server/remoteSchemaFetch';

let server: http.Server;
let base: string;
before(async () => {
  server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/schema.json') response.end('{"type":"object"}');
    else if (url === '/same-host') response.writeHead(302, { location: '/schema.json' }).end();
    else if (url === '/other-host') response.writeHead(301, { location: 'http://localhost:1/schema.json' }).end();
    else if (url === '/loop') response.writeHead(302, { location: '/loop' }).end();
    else if (url === '/big') response.end('x'.repeat(2048));
    else if (url === '/big-chunked') {
      response.writeHead(200, { 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 4; i++) response.write('y'.repeat(600));
      response.end();
    } else if (url === '/slow') setTimeout(() => response.end('{}'), 2000);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const refusedWith = (pattern: RegExp) => (e: unknown) => e instanceof SchemaFetchRefused && pattern.test(e.message);

test('a loopback host is refused by default, with the setting that allows it named; allowed with the setting', async () => {
  await assert.rejects(fetchSchemaText(`${base}/schema.json`), refusedWith(/^127\.0\.0\.1 is a loopback, link-local or private address; turn on cacheWarden\.allowPrivateSchemaHosts to fetch schemas from such hosts$/));
  const port = (server.address() as AddressInfo).port;
  // A name that resolves to loopback is refused the same way (every resolved address is checked).
  await assert.rejects(fetchSchemaText(`http://localhost:${port}/schema.json`), refusedWith(/^localhost resolves to (127\.0\.0\.1|::1), a loopback, link-local or private address; /));
  assert.equal(await fetchSchemaText(`${base}/schema.json`, { allowPrivateHosts: true }), '{"type":"object"}');
});

test('redirects are followed on the same host only', async () => {
  assert.equal(await fetchSchemaText(`${base}/same-host`, { allowPrivateHosts: true }), '{"type":"object"}');
  await assert.rejects(fetchSchemaText(`${base}/other-host`, { allowPrivateHosts: true }), refusedWith(/^it redirects to another host \(localhost:1\), which is not followed$/));
  await assert.rejects(fetchSchemaText(`${base}/loop`, { allowPrivateHosts: true }), refusedWith(/^more than 5 redirects$/));
});

test('a body over the size limit is refused, whether its length is declared or streamed; an HTTP error is an error', async () => {
  await assert.rejects(fetchSchemaText(`${base}/big`, { allowPrivateHosts: true, maxBytes: 1024 }), refusedWith(/^it is 2048 bytes, more than the 1024 bytes limit$/));
  await assert.rejects(fetchSchemaText(`${base}/big-chunked`, { allowPrivateHosts: true, maxBytes: 1024 }), refusedWith(/^it is more than the 1024 bytes limit$/));
  assert.equal((await fetchSchemaText(`${base}/big`, { allowPrivateHosts: true })).length, 2048);
  await assert.rejects(fetchSchemaText(`${base}/nope`, { allowPrivateHosts: true }), /^Error: HTTP 404$/);
});

test('a fetch that takes too long is given up', async () => {
  const started = Date.now();
  await assert.rejects(fetchSchemaText(`${base}/slow`, { allowPrivateHosts: true, timeoutMs: 200 }), refusedWith(/^it took longer than 200 ms$/));
  assert.ok(Date.now() - started < 1500);
});

test('only http and https; non-public addresses, IPv4 and IPv6 (mapped too), are recognised', async () => {
  await assert.rejects(fetchSchemaText('file:///etc/passwd'), refusedWith(/^only http and https URLs are fetched, not file:$/));
  await assert.rejects(fetchSchemaText('http://[::1]:1/x.json'), refusedWith(/^::1 is a loopback/));
  await assert.rejects(fetchSchemaText('http://169.254.169.254/latest/meta-data'), refusedWith(/^169\.254\.169\.254 is a loopback, link-local or private address/));
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
    assert.equal(isNonPublicAddress(address), true, address);
  }
  for (const address of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isNonPublicAddress(address), false, address);
});
