import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAppRequest, safeSegments } from '../../../electron/shell/protocol-router.js';

let tmp: string;
let staticDir: string;
const api = new Hono()
  .get('/api/ping', (c) => c.json({ pong: true, path: c.req.path, q: c.req.query('q') ?? null }))
  .post('/api/echo', async (c) => c.json({ got: await c.req.json() }, 201));

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-router-'));
  staticDir = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>网点工作台</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(staticDir, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(staticDir, 'assets', 'marker.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  fs.writeFileSync(path.join(staticDir, 'assets', '泉州.geojson'), '{"type":"FeatureCollection","features":[]}');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the renderer');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => routeAppRequest(new Request(url, init), { api, staticDir, csp: "default-src 'self'" });

describe('routeAppRequest: API', () => {
  it('hands /api/* to the Hono app with path and query intact', async () => {
    const res = await get('app://console/api/ping?q=%E6%B3%89%E5%B7%9E');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pong: true, path: '/api/ping', q: '泉州' });
  });

  it('passes method and body through', async () => {
    const res = await get('app://console/api/echo', {
      method: 'POST',
      body: JSON.stringify({ n: 3 }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ got: { n: 3 } });
  });

  it('lets the API answer its own 404 rather than falling back to index.html', async () => {
    const res = await get('app://console/api/nope');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<title>');
  });

  it('does not treat /apiary as the API', async () => {
    const res = await get('app://console/apiary');
    expect(await res.text()).toContain('<title>网点工作台</title>'); // SPA fallback, not the API
  });
});

describe('routeAppRequest: static files', () => {
  it('serves index.html for / with the CSP and nosniff', async () => {
    const res = await get('app://console/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('<!doctype html><title>网点工作台</title>');
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/marker.png', 'image/png'],
    [`assets/${encodeURIComponent('泉州')}.geojson`, 'application/geo+json; charset=utf-8'],
  ])('serves %s as %s', async (file, type) => {
    const res = await get(`app://console/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('returns the exact bytes of a binary file', async () => {
    const res = await get('app://console/assets/marker.png');
    expect(Array.from(new Uint8Array(await res.arrayBuffer()))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://console/assets/index-abc.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('falls back to index.html for extension-less client routes, 404 for missing assets', async () => {
    const route = await get('app://console/customers/360');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toContain('text/html');
    const missing = await get('app://console/assets/gone-123.js');
    expect(missing.status).toBe(404);
  });

  it('refuses writes to static paths', async () => {
    expect((await get('app://console/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('refuses other hosts of the scheme', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
  });
});

describe('routeAppRequest: path traversal', () => {
  it.each([
    'app://console/assets/..%2f..%2fsecret.txt',
    'app://console/assets/..%5c..%5csecret.txt',
    'app://console/%2e%2e%2fsecret.txt',
    'app://console/assets/%00.js',
    'app://console/assets/%E0%A4%A.js',
    'app://console/C:%5cWindows%5cwin.ini',
  ])('refuses %s with 403', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('outside the renderer');
  });

  it('never serves a file outside staticDir: dot segments are folded by the URL parser', async () => {
    const res = await get('app://console/../secret.txt');
    expect(await res.text()).not.toContain('outside the renderer');
  });

  it('refuses a symlink that leads outside staticDir', async () => {
    const res = await get('app://console/assets/link.txt');
    expect(res.status).toBe(403);
  });

  it('safeSegments decodes ordinary names and rejects escapes', () => {
    expect(safeSegments('/assets/%E6%B3%89%E5%B7%9E.geojson')).toEqual(['assets', '泉州.geojson']);
    expect(safeSegments('/a/%2e%2e/b')).toBeNull();
    expect(safeSegments('/a/.%2e/b')).toBeNull();
  });
});
