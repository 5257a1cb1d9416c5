// The grid map (issue 11): base layer and its settings, grids, customer/merchant points, visits,
// a grid's detail, one marker's popup, and recording a visit. Every layer runs in the caller's
// scope (scope-param.ts) and is converted to the base layer's system in the core (electron/core/grid).
import { z } from 'zod';
import { GRID_MEASURES, POINT_COLOURS } from '../../../shared/grid.js';
import { audit } from '../audit/index.js';
import { NotFoundError } from '../auth/errors.js';
import { mapBase, resetBase, saveBase } from '../grid/base.js';
import { gridDetail, gridLayer } from '../grid/grid-layer.js';
import { pointDetail } from '../grid/point-detail.js';
import { pointLayer, visitLayer } from '../grid/points.js';
import { recordVisit } from '../grid/record-visit.js';
import { mapSettings, saveMapSettings } from '../grid/settings.js';
import { isoDate, jsonBody, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const Id = z.string().trim().min(1).max(64);
const Period = { date: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional() };
// ?staff= is the console's staff context (empty = none), as the dashboards take it
const Staff = z.string().trim().max(64).optional();
const GridsQuery = z.object({ ...Period, staff: Staff, measure: z.enum(GRID_MEASURES).optional(), item: z.string().max(8).optional() }).passthrough();
const PointsQuery = z.object({ kind: z.enum(['customer', 'merchant']).optional(), date: isoDate.optional(), colour: z.enum(POINT_COLOURS).optional(), staff: Staff }).passthrough();
const VisitsQuery = z.object({ ...Period, staff: Id.optional(), result: z.string().max(10).optional() }).passthrough();
const DetailQuery = z.object(Period).passthrough();
const PointParam = z.object({ kind: z.enum(['customer', 'merchant']), id: Id });
const AnyJson = z.unknown();

export function mapRoutes(r: Router): void {
  const { db } = r.rt;

  r.route('get', '/api/map/base', 'data:read', (c) => c.json(mapBase(db)));
  r.route('post', '/api/map/base', 'settings:write', async (c, user) => c.json(saveBase(db, await jsonBody(c, AnyJson), user.username)));
  r.route('delete', '/api/map/base', 'settings:write', (c, user) => c.json(resetBase(db, user.username)));
  r.route('get', '/api/map/settings', 'data:read', (c) => c.json(mapSettings(db)));
  r.route('put', '/api/map/settings', 'settings:write', async (c, user) => c.json(saveMapSettings(db, await jsonBody(c, AnyJson), user.username)));

  r.route('get', '/api/map/grids', 'data:read', (c, user) => {
    const q = queryOf(c, GridsQuery);
    return c.json(gridLayer(db, scopeOf(c, db, user), q));
  });

  r.route('get', '/api/map/grids/:id', 'data:read', (c, user) => {
    const id = Id.parse(c.req.param('id'));
    const q = queryOf(c, DetailQuery);
    return c.json(gridDetail(db, scopeOf(c, db, user), id, q));
  });

  r.route('get', '/api/map/points', 'data:read', (c, user) => {
    const q = queryOf(c, PointsQuery);
    return c.json(pointLayer(db, scopeOf(c, db, user), q));
  });

  // a marker's popup names a customer: a look-up, audited before it is answered (as the 360 is)
  r.route('get', '/api/map/points/:kind/:id', 'data:read', async (c, user) => {
    const { kind, id } = PointParam.parse(c.req.param());
    const { date } = queryOf(c, z.object({ date: isoDate.optional() }).passthrough());
    const found = pointDetail(db, scopeOf(c, db, user), kind, id, date);
    if (!found) throw new NotFoundError(`${kind === 'customer' ? '客户' : '商户'} ${id} 不存在。 (Not found.)`, 'no_point');
    await audit(db, { username: user.username, action: 'map_point', target: `${kind}:${id}` });
    return c.json(found);
  });

  r.route('get', '/api/map/visits', 'data:read', (c, user) => {
    const q = queryOf(c, VisitsQuery);
    return c.json(visitLayer(db, scopeOf(c, db, user), q));
  });

  r.route('post', '/api/map/visits', 'visit:write', async (c, user) => {
    const body = await jsonBody(c, AnyJson);
    return c.json(await recordVisit(db, scopeOf(c, db, user), body, user.username), 201);
  });
}
