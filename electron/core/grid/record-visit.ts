// POST /api/map/visits: a 走访 recorded from the map (one not captured by the visit export), stored
// exactly like an imported visit: as its own import batch (dataset visit, file name 地图登记走访), so
// the import history lists it and 撤销 undoes it; the data version is bumped and the indicator cells
// it touches are dropped inside the same transaction (indicators/store.ts), as an import does;
// audited in that transaction too. Coordinates come in the base layer's system (what the map shows)
// and are stored in the exports' system, like the visit file's.
import { z } from 'zod';
import { RECORDED_VISIT_FILE, VISIT_METHODS, VISIT_RESULTS, type RecordedVisit } from '../../../shared/grid.js';
import { auditInTransaction } from '../audit/index.js';
import { HttpError, NotFoundError } from '../auth/errors.js';
import { getCatalog } from '../crm/catalog.js';
import type { Db } from '../db/connection.js';
import { StillBusyError, whenWritable } from '../db/busy.js';
import { UserInputError } from '../errors.js';
import { bumpDataVersion } from '../import/data-version.js';
import { parseDatetime } from '../import/values.js';
import { invalidateAfterWrite } from '../indicators/store.js';
import { coversCustomer, coversOrg, userStaffId, type Scope } from '../scope/index.js';
import { baseSystem } from './base.js';
import { convertPoint } from './coords.js';
import { gridScopeSql } from './scope-sql.js';
import { exportsSystem } from './settings.js';

const Body = z
  .object({
    cust_id: z.string().trim().min(1).max(64).optional(),
    target_name: z.string().trim().min(1).max(100).optional(),
    staff_id: z.string().trim().min(1).max(64).optional(),
    grid_id: z.string().trim().min(1).max(64).optional(),
    lng: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    method: z.enum(VISIT_METHODS),
    result: z.enum(VISIT_RESULTS),
    products: z.array(z.string().trim().min(1).max(40)).max(18).default([]),
    visit_time: z.string().trim().min(8).max(25),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((b) => (b.cust_id === undefined) !== (b.target_name === undefined), { message: '请填写客户号或走访对象（二者选一） (give cust_id or target_name, one of them)', path: ['cust_id'] })
  .refine((b) => (b.lng === undefined) === (b.lat === undefined), { message: '经度和纬度须同时提供 (lng and lat go together)', path: ['lng'] });

function bad(message: string): never {
  throw new UserInputError(message, 'bad_visit');
}

export async function recordVisit(db: Db, s: Scope, body: unknown, username: string): Promise<RecordedVisit> {
  const r = Body.safeParse(body);
  if (!r.success) bad(r.error.issues.map((i) => `${i.path.join('.') || '走访'}: ${i.message}`).join('；'));
  const b = r.data;
  const time = parseDatetime(b.visit_time);
  if (typeof time !== 'string') bad(`visit_time: ${time.reason}`);
  // products: items of the 18-item catalog, by name or by id
  const catalog = getCatalog(db);
  const products = b.products.map((p) => {
    const item = catalog.find((i) => i.name === p || String(i.id) === p);
    if (!item) bad(`products: “${p}”不在 18 项基础业务中 (not an item of the catalog)`);
    return item.name;
  });
  if (b.cust_id !== undefined) {
    const c = db.prepare('SELECT org_id, manager_id FROM customer WHERE cust_id = ?').get(b.cust_id) as { org_id: string; manager_id: string | null } | undefined;
    if (!c || !coversCustomer(s, c)) throw new NotFoundError(`客户 ${b.cust_id} 不存在。 (No such customer.)`, 'no_customer');
  }
  if (b.grid_id !== undefined) {
    const gs = gridScopeSql(s, 'g');
    const seen = db.prepare(`SELECT 1 FROM grid g WHERE g.grid_id = @grid AND ${gs.sql}`).get({ ...gs.params, grid: b.grid_id });
    if (!seen) throw new NotFoundError(`网格 ${b.grid_id} 不存在。 (No such grid.)`, 'no_grid');
  }
  // who made the visit: the user's own 员工号, or (for those who see more than their own) a staff member of the scope
  const own = userStaffId(db, username);
  const staffId = b.staff_id ?? own;
  if (staffId === null) bad('staff_id: 账号未关联员工号，请指明走访人员 (no staff number linked to this account: name the staff member)');
  if (s.managerId !== null && staffId !== s.managerId) bad('staff_id: 只能登记本人的走访 (you can record only your own visits)');
  if (staffId !== own) {
    const st = db.prepare('SELECT org_id FROM staff WHERE staff_id = ?').get(staffId) as { org_id: string } | undefined;
    if (!st || !coversOrg(s, st.org_id)) throw new NotFoundError(`员工 ${staffId} 不存在。 (No such staff member.)`, 'no_staff');
  }
  let lng: number | null = null;
  let lat: number | null = null;
  if (b.lng !== undefined && b.lat !== undefined) [lng, lat] = convertPoint([b.lng, b.lat], baseSystem(db), exportsSystem(db));

  const write = () =>
    db
      .transaction((): RecordedVisit => {
        const now = new Date().toISOString();
        const day = time.slice(0, 10);
        const batchId = Number(
          db
            .prepare(
              `INSERT INTO import_batch (file_name, dataset, status, username, started_at, finished_at, min_date, max_date, rows_read, rows_inserted)
               VALUES (?, 'visit', 'committed', ?, ?, ?, ?, ?, 1, 1)`,
            )
            .run(RECORDED_VISIT_FILE, username, now, now, day, day).lastInsertRowid,
        );
        const visitId = `MAP${String(batchId).padStart(6, '0')}`;
        if (db.prepare('SELECT 1 FROM visit WHERE visit_id = ?').get(visitId)) bad(`走访编号 ${visitId} 已存在 (visit id taken)`);
        db.prepare(
          `INSERT INTO visit (visit_id, visit_time, staff_id, cust_id, target_name, grid_id, lng, lat, method, result, products, note, batch_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(visitId, time, staffId, b.cust_id ?? null, b.target_name ?? null, b.grid_id ?? null, lng, lat, b.method, b.result, products.length ? products.join(';') : null, b.note || null, batchId);
        bumpDataVersion(db);
        invalidateAfterWrite(db, 'visit', batchId);
        auditInTransaction(db, { username, action: 'visit_record', target: visitId, detail: { batch: batchId, cust_id: b.cust_id ?? null, grid_id: b.grid_id ?? null, day } });
        return { visit_id: visitId, batch_id: batchId, visit_time: time };
      })
      .immediate();
  try {
    return await whenWritable(db, write, 30_000);
  } catch (e) {
    if (e instanceof StillBusyError) throw new HttpError(503, '数据库正忙（可能正在导入数据），请稍后重试。 (The database is busy, probably importing; try again.)', 'busy');
    throw e;
  }
}
