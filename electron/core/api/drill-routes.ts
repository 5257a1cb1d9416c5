import { z } from 'zod';
import { DRILL_LISTS } from '../../../shared/dashboard.js';
import { DRILL_PAGE_MAX } from '../../../shared/drill.js';
import { audit } from '../audit/index.js';
import { requirePermission } from '../auth/permission.js';
import { drillList } from '../drill/index.js';
import { exportDrill } from '../drill/export.js';
import { resolveTarget } from '../indicators/index.js';
import { scopeText } from '../scope/index.js';
import { collector, contentDisposition, stamp } from './crm-routes.js';
import { isoDate, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

// Drill-down lists (issue 9 item 3): the rows behind a figure, for the figure's target (?org= /
// ?staff=, inside the caller's scope: 404 outside) and date. Names masked; ?reveal=1 shows them
// to a user with customer:reveal, audited. The export is the whole list, masked, audited.

const ListParam = z.object({ list: z.enum(DRILL_LISTS) });
const Filter = z.object({
  key: z.string().trim().min(1).max(64),
  cat: z.string().max(100).optional(),
  date: isoDate,
  org: z.string().trim().max(64).optional(),
  staff: z.string().trim().max(64).optional(),
});
const PageQuery = Filter.extend({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(DRILL_PAGE_MAX).optional(),
  reveal: z.enum(['0', '1']).optional(),
});
const ExportQuery = Filter.extend({ format: z.enum(['csv', 'xlsx']) });

const blank = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);

export function drillRoutes(r: Router): void {
  const { db } = r.rt;

  r.route('get', '/api/drill/:list', 'data:read', async (c, user) => {
    const { list } = ListParam.parse(c.req.param());
    const q = queryOf(c, PageQuery);
    const reveal = q.reveal === '1';
    if (reveal) requirePermission(user, 'customer:reveal');
    const scope = scopeOf(c, db, user);
    const target = resolveTarget(db, scope, { org: blank(q.org), staff: blank(q.staff) });
    const page = drillList(db, target, list, { key: q.key, cat: blank(q.cat) ?? null, date: q.date }, { after: blank(q.after), limit: q.limit, reveal, viewer: scope });
    // names shown unmasked are recorded before they are given
    if (reveal) await audit(db, { username: user.username, action: 'customer_reveal', target: `drill.${list}`, detail: { key: q.key, cat: q.cat ?? null, date: q.date, target: target.id, rows: page.rows.length } });
    return c.json(page);
  });

  r.route('get', '/api/drill/:list/export', 'export', async (c, user) => {
    const { list } = ListParam.parse(c.req.param());
    const q = queryOf(c, ExportQuery);
    const scope = scopeOf(c, db, user);
    const target = resolveTarget(db, scope, { org: blank(q.org), staff: blank(q.staff) });
    const sink = collector();
    const now = new Date();
    const { rows, filter } = await exportDrill(db, target, list, { key: q.key, cat: blank(q.cat) ?? null, date: q.date }, q.format, sink.out, {
      username: user.username,
      scopeText: scopeText(db, scope),
      now,
      viewer: scope,
    });
    await audit(db, { username: user.username, action: 'export', target: `drill.${list}.${q.format}`, detail: { filter, rows, masked: true } });
    const type = q.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    return new Response(new Uint8Array(sink.bytes()), {
      headers: { 'content-type': type, 'content-disposition': contentDisposition(`明细_${list}_${q.key}_${stamp(now)}.${q.format}`), 'x-row-count': String(rows) },
    });
  });
}
