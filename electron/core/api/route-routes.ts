// Visit routes (issue 11, item 5): plan a route for a staff member of the caller's scope, and
// export its 走访清单 (audited before the file leaves). Thin: validate, scope, call the core.
import { z } from 'zod';
import { audit } from '../audit/index.js';
import { resolveDate } from '../crm/holdings.js';
import { ROUTE_FORMATS, routeDocument } from '../grid/route/document.js';
import { planRoute } from '../grid/route/plan.js';
import { MAX_ROUTE_STOPS } from '../grid/route/stops-input.js';
import { scopeText } from '../scope/index.js';
import { attachment } from './document-routes.js';
import { isoDate, jsonBody } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const Id = z.string().trim().min(1).max(64);

const RouteBody = z
  .object({
    staff: Id,
    date: isoDate,
    max: z.number().int().min(1).max(MAX_ROUTE_STOPS).optional(),
    // read by the core, whose messages name the entry
    stops: z.array(z.unknown()).max(MAX_ROUTE_STOPS).optional(),
    add: z.array(Id).max(MAX_ROUTE_STOPS).optional(),
    remove: z.array(Id).max(MAX_ROUTE_STOPS).optional(),
  })
  .strict();

const ExportBody = z
  .object({
    plan: z.object({
      staff: Id,
      stops: z.array(z.object({ cust_id: Id, lng: z.number(), lat: z.number() }).passthrough()).max(MAX_ROUTE_STOPS),
    }).passthrough(),
    format: z.enum(ROUTE_FORMATS),
    date: isoDate.optional(),
    lang: z.enum(['zh', 'en']).default('zh'),
  })
  .strict();

export function routeRoutes(r: Router): void {
  const { db } = r.rt;
  r.route('post', '/api/map/route', 'data:read', async (c, user) => {
    const body = await jsonBody(c, RouteBody);
    const scope = scopeOf(c, db, user);
    return c.json(planRoute(db, scope, body));
  });

  r.route('post', '/api/map/route/export', 'export', async (c, user) => {
    const body = await jsonBody(c, ExportBody);
    const scope = scopeOf(c, db, user);
    const date = resolveDate(db, body.date);
    const doc = await routeDocument(db, scope, { plan: body.plan, date, format: body.format, lang: body.lang, user: user.username });
    await audit(db, {
      username: user.username,
      action: 'export',
      target: `route.${body.format}`,
      detail: {
        staff: doc.plan.staff,
        date,
        scope: scopeText(db, scope),
        stops: doc.plan.stops.map((s) => s.cust_id),
        total_m: Math.round(doc.plan.total_m),
        lang: body.lang,
        bytes: doc.body.length,
      },
    });
    return new Response(new Uint8Array(doc.body), {
      headers: { 'content-type': doc.contentType, 'content-disposition': attachment(doc.fileName), 'content-length': String(doc.body.length) },
    });
  });
}
