// A raw HTTP client for the server tests: Node's fetch fills in or refuses some headers a
// browser or an attacker would send (Origin, Sec-Fetch-Site, a Host of its own, a lying
// Content-Length), so requests that must carry them exactly go through node:http.
import http from 'node:http';
import https from 'node:https';

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function rawRequest(
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: string | Buffer; servername?: string } = {},
): Promise<RawReply> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      { method: o.method ?? 'GET', headers: o.headers, ...(o.ca ? { ca: o.ca } : {}), ...(o.servername ? { servername: o.servername } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

export function jsonOf<T = { code?: string; error?: string }>(r: RawReply): T {
  return JSON.parse(r.body) as T;
}
