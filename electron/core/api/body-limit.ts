import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiError } from '../../../shared/api.js';

/** A JSON request of this console is a login, a filter, a settings page: kilobytes. */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Caps request bodies outside the upload routes (which stream to disk under their own limit,
 * upload.ts). Hono's bodyLimit answers from Content-Length before reading a byte, and counts a
 * body sent without one (chunked) as it arrives, stopping at the limit; either way 413.
 */
export function jsonBodyLimit(o: { maxBytes?: number; exempt?: ReadonlySet<string> } = {}): MiddlewareHandler {
  const maxBytes = o.maxBytes ?? MAX_JSON_BYTES;
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json<ApiError>(
        { error: `请求内容过大，不能超过 ${Math.round(maxBytes / 1024)} KB。 (Request body too large.)`, code: 'too_large' },
        413,
      ),
  });
  return (c, next) => (o.exempt?.has(c.req.path) ? next() : limit(c, next));
}
