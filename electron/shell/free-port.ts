// Port choice for web mode: the preferred port if it is free, else one the OS hands out.
import net from 'node:net';

function tryListen(host: string, port: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(null);
      else reject(err);
    });
    srv.listen({ host, port, exclusive: true }, () => {
      const addr = srv.address();
      const got = typeof addr === 'object' && addr ? addr.port : null;
      srv.close(() => resolve(got));
    });
  });
}

/**
 * There is a window between this check and the server's own listen in which another process
 * could take the port; for a console started by hand that is acceptable, and the server's listen
 * error is still reported if it happens.
 */
export async function pickPort(host: string, preferred: number): Promise<{ port: number; preferredWasBusy: boolean }> {
  const got = await tryListen(host, preferred);
  if (got !== null) return { port: got, preferredWasBusy: false };
  const any = await tryListen(host, 0);
  if (any === null) throw new Error(`no free port on ${host}`);
  return { port: any, preferredWasBusy: true };
}

export function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT must be an integer 0–65535, got "${raw}"`);
  return n;
}
