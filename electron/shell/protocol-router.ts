// The app:// protocol handler's logic: app://console/api/... goes to the core API (a Hono app's
// fetch), everything else is a file of the built renderer. Plain Request → Response, so it is
// unit-tested without Electron and main.ts only wires it to protocol.handle.
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildCsp } from './csp.js';
import { mimeType } from './mime.js';
import { APP_HOST } from './origin.js';

export interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}

export interface RouteOptions {
  api: FetchHandler;
  /** absolute path of the built renderer (dist/renderer) */
  staticDir: string;
  csp?: string;
}

const API_PREFIX = '/api';

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

export function isApiPath(pathname: string): boolean {
  return pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);
}

/**
 * Turns a URL path into path segments, or null when a segment could escape the folder: the URL
 * parser already folds "/../", but "%2e%2e%2f" or "..%5c" only become dangerous after decoding.
 */
export function safeSegments(pathname: string): string[] | null {
  const out: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '.' || seg === '..' || /[/\\\0:]/.test(seg)) return null;
    out.push(seg);
  }
  return out;
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function statFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Inside a packaged app the renderer lives in app.asar, a read-only archive without symlinks,
 * where realpath may not be supported: there the lexical path already is the real one.
 */
async function realOrSelf(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return p;
  }
}

async function serveFile(root: string, file: string, head: boolean, csp: string): Promise<Response> {
  // A symlink inside dist/renderer must not lead outside it either.
  const real = await realOrSelf(file);
  if (!isInside(await realOrSelf(root), real)) return plain(403, 'Forbidden');
  const body = head ? null : new Uint8Array(await fs.readFile(real));
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': mimeType(real),
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      // files change on every rebuild and are read from local disk: caching buys nothing
      'Cache-Control': 'no-cache',
    },
  });
}

export async function routeAppRequest(request: Request, opts: RouteOptions): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Bad Request');
  }
  if (url.hostname.toLowerCase() !== APP_HOST) return plain(404, 'Not Found');
  if (isApiPath(url.pathname)) return opts.api.fetch(request);

  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
  const segments = safeSegments(url.pathname);
  if (!segments) return plain(403, 'Forbidden');

  const root = path.resolve(opts.staticDir);
  const csp = opts.csp ?? buildCsp();
  const head = request.method === 'HEAD';
  const target = segments.length ? path.join(root, ...segments) : path.join(root, 'index.html');
  if (!isInside(root, target)) return plain(403, 'Forbidden');
  if (await statFile(target)) return serveFile(root, target, head, csp);

  // The renderer routes with hash history, so a deep path without an extension can only be a
  // reload of some client route: answer with the app. A missing asset stays a 404 so a broken
  // build shows up as one instead of as HTML parsed as JavaScript.
  const last = segments[segments.length - 1] ?? '';
  if (path.extname(last) === '') {
    const index = path.join(root, 'index.html');
    if (await statFile(index)) return serveFile(root, index, head, csp);
  }
  return plain(404, 'Not Found');
}
