// Web mode: the same core API as the desktop app, on a Node HTTP server, with the built renderer
// served beside it. Binds 127.0.0.1 unless told otherwise (a branch sharing one instance on its
// intranet passes its own host).
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApi } from './core/api/index.js';
import type { SessionStore } from './core/auth/session.js';
import type { Db } from './core/db/connection.js';
import { allowedHostNames, isAllowedHost, isLoopbackHost } from './host-allow-list.js';
import { buildCsp } from './shell/csp.js';
import { StaticRoot } from './static-root-guard.js';

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
  /** Host names users reach an intranet server by; required when `host` is not loopback */
  allowHosts?: string[];
  /** PEM certificate and key: serve HTTPS instead of HTTP */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** build the indicator cells not built yet in the background at start (web mode; see createApi) */
  materialiseOnStart?: boolean;
}

export interface RunningServer {
  /** a URL that reaches the server from this machine */
  url: string;
  /** bound beyond loopback: other machines of the branch can reach it */
  intranet: boolean;
  close(): Promise<void>;
}

/**
 * Refuses requests whose Host is not one of this server's names: a web page can point its own
 * domain at the console's address (DNS rebinding) and would otherwise reach it from the user's
 * browser as a same-origin page, e.g. the unauthenticated first-run setup.
 */
function knownHostOnly(allowed: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    if (!isAllowedHost(c.req.header('host'), allowed)) {
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
  const api = createApi({ db: o.db, dataDir: o.dataDir, sessions: o.sessions, materialiseOnStart: o.materialiseOnStart });
  const app = new Hono();
  app.use('*', knownHostOnly(allowedHostNames(o.host ?? '127.0.0.1', o.allowHosts)));
  app.use('*', securityHeaders(o.csp ?? buildCsp()));
  // Dispatched rather than mounted so the API keeps its own JSON 404 and error handler, and the
  // request body reaches it as the untouched stream (uploads go straight to disk).
  app.all('/api', (c) => api.fetch(c.req.raw, c.env));
  app.all('/api/*', (c) => api.fetch(c.req.raw, c.env));
  const root = o.staticDir && fs.existsSync(path.join(o.staticDir, 'index.html')) ? new StaticRoot(o.staticDir) : null;
  if (root) {
    app.use('*', root.guard());
    app.use('*', serveStatic({ root: root.root }));
    // Hash history: a reload of a deep path (no file extension) gets the app; a missing asset
    // stays a 404 so a broken build is not served as HTML parsed as JavaScript.
    app.get('*', async (c, next) => {
      if (path.posix.extname(c.req.path) !== '') return next();
      const index = await root.resolve('index.html');
      if (index.kind !== 'file') return c.text(index.kind === 'outside' ? 'Forbidden' : 'Not Found', index.kind === 'outside' ? 403 : 404);
      c.header('Cache-Control', 'no-cache');
      return c.html(await fs.promises.readFile(index.real, 'utf8'));
    });
  }
  app.notFound((c) => c.text('Not Found', 404));
  return app;
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  const app = createWebApp({ ...o, host });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: o.port,
        hostname: host,
        ...(o.tls ? { createServer: https.createServer, serverOptions: { cert: o.tls.cert, key: o.tls.key } } : {}),
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  // Node ends a request after 5 minutes by default; a 2 GiB upload over an office network or a
  // long preview can take longer. Idle sockets still time out (keepAliveTimeout, headersTimeout).
  if ('requestTimeout' in server) server.requestTimeout = 0;
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const scheme = o.tls ? 'https' : 'http';
  return {
    url: `${scheme}://${shown}:${port}`,
    intranet: !isLoopbackHost(host),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
