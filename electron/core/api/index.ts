import { Hono } from 'hono';
import type { ApiError } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';
import { SessionStore } from '../auth/session.js';
import { authRoutes } from './auth-routes.js';
import { crmRoutes } from './crm-routes.js';
import { dataRoutes } from './data-routes.js';
import { errorResponse } from './errors.js';
import { importRoutes } from './import-routes.js';
import { Router } from './route.js';

export { routesOf, type RouteDef, type Access } from './route.js';

const IDLE = new WeakMap<Hono, () => Promise<void>>();

/** Resolves once the import jobs started so far have finished: for tests and a clean shutdown. */
export function apiIdle(app: Hono): Promise<void> {
  return IDLE.get(app)?.() ?? Promise.resolve();
}

export interface ApiContext {
  db: Db;
  dataDir: string;
  sessions?: SessionStore;
  /** true in the desktop app only */
  localFiles?: boolean;
}

/**
 * The whole HTTP API as one Hono app over web-standard Request/Response: Electron's protocol
 * handler and the Node server of web mode both just call its fetch.
 */
export function createApi(ctx: ApiContext): Hono {
  const app = new Hono();
  const r = new Router(app, { db: ctx.db, dataDir: ctx.dataDir, sessions: ctx.sessions ?? new SessionStore(), localFiles: ctx.localFiles });
  authRoutes(r);
  dataRoutes(r);
  crmRoutes(r);
  const jobs = importRoutes(r);
  IDLE.set(app, () => jobs.idle());
  app.notFound((c) => c.json<ApiError>({ error: '接口不存在。 (No such API route.)', code: 'not_found' }, 404));
  app.onError(errorResponse);
  return app;
}
