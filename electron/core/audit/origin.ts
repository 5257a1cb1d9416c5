// Where an audited action came from. The API sets it once per request (route.ts) and every audit
// row written while serving that request — including by an import job the request started —
// carries it, so no call site has to pass it along.
import { AsyncLocalStorage } from 'node:async_hooks';

export type AuditSource = 'desktop' | 'web' | 'cli' | 'system';

export interface AuditOrigin {
  source: AuditSource;
  /** the remote address in web mode; null on the desktop and the command line */
  client: string | null;
}

const store = new AsyncLocalStorage<AuditOrigin>();

export function withAuditOrigin<T>(origin: AuditOrigin, work: () => T): T {
  return store.run(origin, work);
}

/** The origin of the request being served; 'system' outside any (timers, start-up work). */
export function currentOrigin(): AuditOrigin {
  return store.getStore() ?? { source: 'system', client: null };
}
