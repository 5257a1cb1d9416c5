import { Hono } from 'hono';
import type { ApiError } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';
import { SessionStore } from '../auth/session.js';
import { adminRoutes } from './admin-routes.js';
import { authRoutes } from './auth-routes.js';
import { jsonBodyLimit } from './body-limit.js';
import { crmRoutes } from './crm-routes.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { documentRoutes } from './document-routes.js';
import { dataRoutes } from './data-routes.js';
import { drillRoutes } from './drill-routes.js';
import { errorResponse } from './errors.js';
import { importRoutes, UPLOAD_ROUTES } from './import-routes.js';
import { assessRoutes } from './assess-routes.js';
import { indicatorJobRoutes } from './indicator-job-routes.js';
import { mapRoutes } from './map-routes.js';
import { monitoringRoutes } from './monitoring-routes.js';
import type { MonitorJob } from '../monitoring/runs.js';
import type { IndicatorJob } from '../indicators/job.js';
import { sameOriginJson } from './request-guard.js';
import { reconcileRoutes } from './reconcile-routes.js';
import { reportRoutes } from './report-routes.js';
import { routeRoutes } from './route-routes.js';
import { Router, type LocalFileGrants } from './route.js';
import { settingsRoutes } from './settings-routes.js';

export { routesOf, type RouteDef, type Access, type LocalFileGrants } from './route.js';

const IDLE = new WeakMap<Hono, () => Promise<void>>();
const INDICATOR_JOB = new WeakMap<Hono, IndicatorJob>();
const MONITOR_JOB = new WeakMap<Hono, MonitorJob>();

/** The app's monitoring runs after imports and on request (tests follow its progress; a shutdown closes it). */
export function monitorJobOf(app: Hono): MonitorJob | undefined {
  return MONITOR_JOB.get(app);
}

/** The app's background materialisation of the indicators (tests follow its progress; a shutdown closes it). */
export function indicatorJobOf(app: Hono): IndicatorJob | undefined {
  return INDICATOR_JOB.get(app);
}

/** Resolves once the import jobs started so far have finished: for tests and a clean shutdown. */
export function apiIdle(app: Hono): Promise<void> {
  return IDLE.get(app)?.() ?? Promise.resolve();
}

export interface ApiContext {
  db: Db;
  dataDir: string;
  sessions?: SessionStore;
  /** the desktop app only: the paths its native dialog returned, which POST /api/import/local may read */
  localFiles?: LocalFileGrants;
  /** origins allowed to change state besides the request's own (the desktop app's app://console) */
  trustedOrigins?: readonly string[];
  /** build the indicator cells not built yet in the background right away (server start; tests leave it off) */
  materialiseOnStart?: boolean;
}

/**
 * The whole HTTP API as one Hono app over web-standard Request/Response: Electron's protocol
 * handler and the Node server of web mode both just call its fetch.
 */
export function createApi(ctx: ApiContext): Hono {
  const app = new Hono();
  // Before any route: Hono runs middleware in the order it was added.
  app.use('*', sameOriginJson({ trustedOrigins: ctx.trustedOrigins, multipartPaths: UPLOAD_ROUTES }));
  app.use('*', jsonBodyLimit({ exempt: UPLOAD_ROUTES }));
  const r = new Router(app, { db: ctx.db, dataDir: ctx.dataDir, sessions: ctx.sessions ?? new SessionStore(), localFiles: ctx.localFiles });
  authRoutes(r);
  adminRoutes(r);
  dataRoutes(r);
  settingsRoutes(r);
  dashboardRoutes(r);
  documentRoutes(r);
  crmRoutes(r);
  drillRoutes(r);
  mapRoutes(r);
  reconcileRoutes(r);
  reportRoutes(r);
  routeRoutes(r);
  assessRoutes(r);
  const { jobs, indicators, monitor } = importRoutes(r);
  indicatorJobRoutes(r, indicators);
  monitoringRoutes(r, monitor);
  INDICATOR_JOB.set(app, indicators);
  MONITOR_JOB.set(app, monitor);
  if (ctx.materialiseOnStart) void indicators.schedule();
  IDLE.set(app, () => jobs.idle());
  app.notFound((c) => c.json<ApiError>({ error: '接口不存在。 (No such API route.)', code: 'not_found' }, 404));
  app.onError(errorResponse);
  return app;
}
