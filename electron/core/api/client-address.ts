import type { Context } from 'hono';

/** What the Node server of web mode passes as the app's env (@hono/node-server's bindings). */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The peer address of the request in web mode ("::ffff:10.1.2.3" reported as "10.1.2.3"), or
 * null where there is no network peer: the desktop app's protocol handler passes no env. Taken
 * from the socket, never from a header a client could write (X-Forwarded-For).
 */
export function clientAddress(c: Context): string | null {
  const a = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
  if (!a) return null;
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}
