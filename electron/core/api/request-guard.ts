import type { MiddlewareHandler } from 'hono';
import type { ApiError } from '../../../shared/api.js';

export interface SameOriginOptions {
  /** origins trusted besides the request's own, e.g. the desktop app's app://console */
  trustedOrigins?: readonly string[];
  /** paths whose state-changing requests are multipart uploads rather than JSON */
  multipartPaths?: ReadonlySet<string>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** "application/json; charset=utf-8" → "application/json" */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** The origin a URL is served from, also for a custom scheme (URL.origin says "null" for app://). */
export function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/**
 * Only the console's own pages may change anything. A state-changing request must
 * - declare its body as application/json (multipart on the upload routes): a page of another
 *   site can send text/plain, a form or multipart without asking, but JSON only after a CORS
 *   preflight, which this API never grants;
 * - when the browser says where it comes from, come from here: Sec-Fetch-Site same-origin or
 *   none (typed by the user), Origin equal to this server's own origin (or a trusted one).
 * Non-browser clients (the tests, curl) send neither header and are judged by the token alone.
 * Without this, any web page open on a branch PC could set the first administrator password of
 * a fresh web-mode install, or lock the administrator out by failing logins in their name.
 */
export function sameOriginJson(o: SameOriginOptions = {}): MiddlewareHandler {
  const trusted = new Set(o.trustedOrigins ?? []);
  const multipart = o.multipartPaths ?? new Set<string>();
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const foreignOrigin = origin !== undefined && origin !== originOf(c.req.url) && !trusted.has(origin);
    if (foreignSite || foreignOrigin) {
      return c.json<ApiError>({ error: '拒绝跨站请求：请从网点工作台本身的页面操作。 (Cross-origin request refused.)', code: 'cross_origin' }, 403);
    }
    const type = mediaType(c.req.header('content-type'));
    // On an upload route JSON passes too: it is no weaker (a foreign page cannot send it without
    // a preflight) and the route refuses it itself, after the permission check, like any bad body.
    const wanted = multipart.has(c.req.path) ? ['multipart/form-data', 'application/json'] : ['application/json'];
    if (!wanted.includes(type)) {
      return c.json<ApiError>(
        { error: `请求内容类型须为 ${wanted[0]}。 (Content-Type must be ${wanted[0]}.)`, code: 'unsupported_media_type' },
        415,
      );
    }
    return next();
  };
}
