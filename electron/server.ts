// Web mode: the same core API as the desktop app, on a Node HTTP server, with the built renderer
// served beside it. Binds 127.0.0.1 unless told otherwise (a branch sharing one instance on its
// intranet passes its own host).
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApi } from './core/api/index.js';
import type { SessionStore } from './core/auth/session.js';
import type { Db } from './core/db/connection.js';
import { buildCsp } from './shell/csp.js';

export interface ServerOptions {
  db: Db;
  dataDir: string;
  /** 0 picks a free port (tests) */
  port: number;
  host?: string;
  /** the built renderer (dist/renderer); without it only the API is served */
  staticDir?: string;
  sessions?: SessionStore;
  csp?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The name part of a Host header ("127.0.0.1:5180" → "127.0.0.1", "[::1]:80" → "[::1]"). */
function hostName(header: string): string {
  return header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0];
}

/**
 * On a loopback-bound server, refuse requests whose Host is not a loopback name: a web page can
 * point its own domain at 127.0.0.1 (DNS rebinding) and would otherwise reach the console from
 * the user's browser, e.g. the unauthenticated first-run setup.
 */
function loopbackHostOnly(): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!LOOPBACK.has(hostName(host))) {
      return c.json({ error: '拒绝访问：主机名不正确。 (Host not allowed.)', code: 'bad_host' }, 403);
    }
    await next();
  };
}

function securityHeaders(csp: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // A Response made elsewhere (the API app, a stream) may carry immutable headers.
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set('Content-Security-Policy', csp);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  };
}

/** The web-mode app: API under /api, the renderer (with index.html for client routes) elsewhere. */
export function createWebApp(o: Omit<ServerOptions, 'port'>): Hono {
  const api = createApi({ db: o.db, dataDir: o.dataDir, sessions: o.sessions });
  const app = new Hono();
  if (LOOPBACK.has(o.host ?? '127.0.0.1')) app.use('*', loopbackHostOnly());
  app.use('*', securityHeaders(o.csp ?? buildCsp()));
  // Dispatched rather than mounted so the API keeps its own JSON 404 and error handler, and the
  // request body reaches it as the untouched stream (uploads go straight to disk).
  app.all('/api', (c) => api.fetch(c.req.raw, c.env));
  app.all('/api/*', (c) => api.fetch(c.req.raw, c.env));
  const root = o.staticDir && fs.existsSync(path.join(o.staticDir, 'index.html')) ? path.resolve(o.staticDir) : null;
  if (root) {
    app.use('*', serveStatic({ root }));
    // Hash history: a reload of a deep path (no file extension) gets the app; a missing asset
    // stays a 404 so a broken build is not served as HTML parsed as JavaScript.
    app.get('*', async (c, next) => {
      if (path.posix.extname(c.req.path) !== '') return next();
      c.header('Cache-Control', 'no-cache');
      return c.html(await fs.promises.readFile(path.join(root, 'index.html'), 'utf8'));
    });
  }
  app.notFound((c) => c.text('Not Found', 404));
  return app;
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  const app = createWebApp({ ...o, host });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  // Node ends a request after 5 minutes by default; a 2 GiB upload over an office network or a
  // long preview can take longer. Idle sockets still time out (keepAliveTimeout, headersTimeout).
  if ('requestTimeout' in server) server.requestTimeout = 0;
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
