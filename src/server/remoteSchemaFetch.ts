// Fetches a remote schema (only when cacheWarden.allowRemoteSchemas is on), defensively: a file's
// modeline or `$schema` can name any URL, so the fetch must not become a way into the user's
// network or a way to hang or flood the editor. It refuses loopback, link-local, private and other
// non-public addresses (every address the host resolves to, IPv4 and IPv6, checked in the socket's
// own lookup so a second DNS answer cannot differ) unless cacheWarden.allowPrivateSchemaHosts is on;
// follows redirects only on the same host; caps the body; and gives up after a time limit.
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';

export interface SchemaFetchOptions {
  /** cacheWarden.allowPrivateSchemaHosts: loopback, link-local and private addresses are allowed. */
  allowPrivateHosts?: boolean;
  /** The largest body accepted (default 5 MB). */
  maxBytes?: number;
  /** The whole fetch, redirects included (default 10 s). */
  timeoutMs?: number;
  maxRedirects?: number;
}

export const MAX_SCHEMA_BYTES = 5 * 1024 * 1024;
export const SCHEMA_FETCH_TIMEOUT_MS = 10_000;

/** Addresses that are not on the public internet (IANA special-purpose registries, abridged). */
const NON_PUBLIC = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b:1::', 48], ['100::', 64],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is loopback, link-local, private or otherwise not public (IPv4-mapped IPv6 included). */
export function isNonPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return NON_PUBLIC.check(mapped[1], 'ipv4');
  return NON_PUBLIC.check(address, 'ipv6');
}

export class SchemaFetchRefused extends Error {}

const PRIVATE_HINT = 'turn on cacheWarden.allowPrivateSchemaHosts to fetch schemas from such hosts';

/** The schema's text, or a rejection whose message says why (shown as `schema-remote-failed`). */
export async function fetchSchemaText(url: string, options: SchemaFetchOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_SCHEMA_BYTES;
  const deadline = Date.now() + (options.timeoutMs ?? SCHEMA_FETCH_TIMEOUT_MS);
  const maxRedirects = options.maxRedirects ?? 5;
  let current = new URL(url);
  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new SchemaFetchRefused(`only http and https URLs are fetched, not ${current.protocol}`);
    const result = await fetchOnce(current, { ...options, maxBytes, deadline });
    if (result.kind === 'text') return result.text;
    if (redirects >= maxRedirects) throw new SchemaFetchRefused(`more than ${maxRedirects} redirects`);
    const next = new URL(result.location, current);
    if (next.hostname !== current.hostname) throw new SchemaFetchRefused(`it redirects to another host (${next.host}), which is not followed`);
    current = next;
  }
}

type Once = { kind: 'text'; text: string } | { kind: 'redirect'; location: string };

function fetchOnce(url: URL, options: SchemaFetchOptions & { maxBytes: number; deadline: number }): Promise<Once> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !options.allowPrivateHosts && isNonPublicAddress(host)) {
    return Promise.reject(new SchemaFetchRefused(`${host} is a loopback, link-local or private address; ${PRIVATE_HINT}`));
  }
  const lookup: net.LookupFunction = (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as unknown as dns.LookupAddress[];
      const refused = options.allowPrivateHosts ? undefined : list.find((a) => isNonPublicAddress(a.address));
      if (refused) return callback(new SchemaFetchRefused(`${hostname} resolves to ${refused.address}, a loopback, link-local or private address; ${PRIVATE_HINT}`), '', 4);
      if (!list.length) return callback(new Error(`${hostname} has no address`), '', 4);
      if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
  return new Promise<Once>((resolve, reject) => {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) return reject(new SchemaFetchRefused('timed out'));
    const get = url.protocol === 'https:' ? https.get : http.get;
    const request = get(url, { lookup, headers: { accept: 'application/schema+json, application/json;q=0.9, */*;q=0.1' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        resolve({ kind: 'redirect', location: response.headers.location });
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        reject(new Error(`HTTP ${status}`));
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        request.destroy();
        reject(new SchemaFetchRefused(`it is ${declared} bytes, more than the ${options.maxBytes} bytes limit`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          request.destroy();
          reject(new SchemaFetchRefused(`it is more than the ${options.maxBytes} bytes limit`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ kind: 'text', text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    const timer = setTimeout(() => {
      request.destroy();
      const limit = options.timeoutMs ?? SCHEMA_FETCH_TIMEOUT_MS;
      reject(new SchemaFetchRefused(`it took longer than ${limit % 1000 === 0 ? `${limit / 1000} s` : `${limit} ms`}`));
    }, remaining);
    request.on('error', reject);
    request.on('close', () => clearTimeout(timer));
  });
}
