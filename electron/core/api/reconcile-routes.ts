// 对账 (reconciliation): the bank's official figures beside the console's. Reading needs data:read,
// entering, importing and deleting import:write; every org is checked against the caller's scope
// in the core (404 outside it).
import { z } from 'zod';
import { deleteFigure, enterFigure, importSheetBytes, reconcile } from '../reconcile/index.js';
import { isoDate, jsonBody, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const ReadQuery = z.object({ date: isoDate.optional() });
const Entry = z
  .object({ date: isoDate, org: z.string().trim().min(1).max(64), indicator: z.string().trim().min(1).max(64), value: z.string().max(64), source: z.string().max(100).optional() })
  .strict();
const Sheet = z
  .object({ fileName: z.string().trim().min(1).max(200), content: z.string().max(1_000_000), date: isoDate, source: z.string().max(100).optional() })
  .strict();
const IdParam = z.coerce.number().int().positive();

export function reconcileRoutes(r: Router): void {
  const { db, dataDir } = r.rt;
  r.route('get', '/api/reconcile', 'data:read', (c, user) => c.json(reconcile(db, scopeOf(c, db, user), queryOf(c, ReadQuery).date)));
  r.route('post', '/api/reconcile', 'import:write', async (c, user) => {
    const body = await jsonBody(c, Entry);
    return c.json(await enterFigure(db, scopeOf(c, db, user), body, user.username), 201);
  });
  // a small sheet, base64 in JSON (the 1 MB body limit is far above an official sheet)
  r.route('post', '/api/reconcile/import', 'import:write', async (c, user) => {
    const body = await jsonBody(c, Sheet);
    const result = await importSheetBytes(db, scopeOf(c, db, user), Buffer.from(body.content, 'base64'), { ...body, dataDir, username: user.username });
    return c.json(result, 201);
  });
  r.route('delete', '/api/reconcile/:id', 'import:write', async (c, user) => {
    await deleteFigure(db, scopeOf(c, db, user), IdParam.parse(c.req.param('id')), user.username);
    return c.json({ ok: true });
  });
}
