// GET /api/map/points (PointLayer) and GET /api/map/visits (VisitLayer): compact columns (ids,
// a flat xy array, a class per point), not an object per point, so 100,000 customers fit in a few
// MB and one pass. Coordinates are rounded to 6 decimals (about 0.1 m) after conversion to the
// base layer's system: more digits only cost bytes.
import type { PointColour, PointLayer, VisitLayer } from '../../../shared/grid.js';
import { VISIT_RESULTS } from '../../../shared/grid.js';
import { addDays, monthStart } from '../../../shared/dates.js';
import { inServiceSql } from '../rules/in-service.js';
import type { Db } from '../db/connection.js';
import { getCatalog } from '../crm/catalog.js';
import { ensureHoldings, resolveDate } from '../crm/holdings.js';
import { customerJoin, customerScopeSql, rowScopeSql, type Scope } from '../scope/index.js';
import { UserInputError } from '../errors.js';
import { baseSystem } from './base.js';
import { convertFlat } from './coords.js';
import { exportsSystem } from './settings.js';
import { customerStaffSql, mapStaff, merchantStaffSql, visitScopeSql } from './scope-sql.js';
import { ASSIGNMENT_JOIN } from './assign.js';
import { merchantClassSql } from './merchant-month.js';
import { ensureFamily } from '../indicators/store.js';

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Collects raw points; `done` converts them in one call and rounds them. */
function pusher(db: Db) {
  const from = exportsSystem(db);
  const to = baseSystem(db);
  return {
    system: to,
    push(xy: number[], lng: number, lat: number) {
      xy.push(lng, lat);
    },
    done(xy: number[]) {
      convertFlat(xy, from, to);
      for (let i = 0; i < xy.length; i++) xy[i] = round6(xy[i]);
    },
  };
}

export interface PointQuery {
  kind?: 'customer' | 'merchant';
  date?: string;
  colour?: PointColour;
  /** the console's staff context: the customers they manage, the merchants they signed */
  staff?: string;
}

export function pointLayer(db: Db, s: Scope, q: PointQuery): PointLayer {
  const kind = q.kind ?? 'customer';
  const colour = q.colour ?? 'star';
  const staff = mapStaff(db, s, q.staff);
  return kind === 'customer' ? customerPoints(db, s, q.date, colour, staff) : merchantPoints(db, s, q.date, colour, staff);
}

/** Customers on the books on the date with a holding row: star 0–5, or the items of the catalog missing. */
function customerPoints(db: Db, s: Scope, asked: string | undefined, colour: PointColour, staff: string | null): PointLayer {
  const date = ensureHoldings(db, asked);
  const items = getCatalog(db).length;
  const cs = customerScopeSql(s, 'c');
  const mine = customerStaffSql(staff, 'c');
  const rows = db
    .prepare(
      `SELECT c.cust_id, c.lng, c.lat, h.star, h.coverage FROM customer_holding h JOIN customer c ON c.cust_id = h.cust_id
        WHERE h.data_date = @date AND ${cs.sql} AND ${mine.sql}`,
    )
    .raw(true)
    .iterate({ ...cs.params, ...mine.params, date }) as Iterable<[string, number | null, number | null, number, number]>;
  const p = pusher(db);
  const out: PointLayer = { system: p.system, kind: 'customer', colour, ids: [], xy: [], cls: [], without_coords: 0 };
  for (const [id, lng, lat, star, coverage] of rows) {
    if (lng === null || lat === null) {
      out.without_coords++;
      continue;
    }
    out.ids.push(id);
    p.push(out.xy, lng, lat);
    out.cls.push(colour === 'star' ? star : Math.max(0, items - coverage));
  }
  p.done(out.xy);
  return out;
}

/** Merchants in service on the date (状态 正常, signed ≤ date): 0 normal, 1 有效, 2 高质量 for the month up to the date. */
function merchantPoints(db: Db, s: Scope, asked: string | undefined, colour: PointColour, staff: string | null): PointLayer {
  const date = resolveDate(db, asked);
  // merchant_month is stored with the merchant family's cells: normally built by the job after the
  // import; a date it has not built is built here (grid/merchant-month.ts)
  ensureFamily(db, date, 'merchant');
  const rs = rowScopeSql(s, 'm', 'c');
  const mine = merchantStaffSql(staff, 'm');
  const cls = merchantClassSql('mm');
  const rows = db
    .prepare(
      `SELECT m.merchant_id, m.lng, m.lat, ${cls.sql} FROM merchant m ${customerJoin('merchant', 'm', 'c')}
         LEFT JOIN merchant_month mm ON mm.data_date = @date AND mm.merchant_id = m.merchant_id
        WHERE ${inServiceSql.merchant('m', '@date')} AND ${rs.sql} AND ${mine.sql}`,
    )
    .raw(true)
    .iterate({ ...rs.params, ...mine.params, ...cls.params, date }) as Iterable<[string, number | null, number | null, number]>;
  const p = pusher(db);
  const out: PointLayer = { system: p.system, kind: 'merchant', colour, ids: [], xy: [], cls: [], without_coords: 0 };
  for (const [id, lng, lat, c] of rows) {
    if (lng === null || lat === null) {
      out.without_coords++;
      continue;
    }
    out.ids.push(id);
    p.push(out.xy, lng, lat);
    out.cls.push(c);
  }
  p.done(out.xy);
  return out;
}

export interface VisitQuery {
  date?: string;
  from?: string;
  to?: string;
  staff?: string;
  result?: string;
}

/** Visits in [from, to] (default: the month of the date up to it), at their own point, else their customer's. */
export function visitLayer(db: Db, s: Scope, q: VisitQuery): VisitLayer {
  const date = resolveDate(db, q.date);
  const from = q.from ?? monthStart(date);
  const to = q.to ?? date;
  if (from > to) throw new UserInputError(`起始日期 ${from} 晚于截止日期 ${to}。 (from is after to.)`, 'bad_period');
  if (q.result !== undefined && !(VISIT_RESULTS as readonly string[]).includes(q.result)) {
    throw new UserInputError(`走访结果应为 ${VISIT_RESULTS.join('/')}。 (unknown result)`, 'bad_result');
  }
  const vs = visitScopeSql(s);
  const where = [`v.visit_time >= @from AND v.visit_time < @end`, vs.sql];
  const params: Record<string, unknown> = { ...vs.params, from, end: addDays(to, 1) };
  if (q.staff) (where.push('v.staff_id = @staff'), (params.staff = q.staff));
  if (q.result) (where.push('v.result = @result'), (params.result = q.result));
  const rows = db
    .prepare(
      `SELECT v.visit_id, COALESCE(v.lng, c.lng), COALESCE(v.lat, c.lat), substr(v.visit_time, 1, 10), v.staff_id, v.result
         FROM visit v LEFT JOIN customer c ON c.cust_id = v.cust_id ${ASSIGNMENT_JOIN}
        WHERE ${where.join(' AND ')} ORDER BY v.visit_time, v.visit_id`,
    )
    .raw(true)
    .iterate(params) as Iterable<[string, number | null, number | null, string, string, string | null]>;
  const p = pusher(db);
  const out: VisitLayer = { system: p.system, ids: [], xy: [], day: [], staff: [], result: [] };
  for (const [id, lng, lat, day, staff, result] of rows) {
    if (lng === null || lat === null) continue; // nowhere to draw it
    out.ids.push(id);
    p.push(out.xy, lng, lat);
    out.day.push(day);
    out.staff.push(staff);
    out.result.push(result === null ? -1 : (VISIT_RESULTS as readonly string[]).indexOf(result));
  }
  p.done(out.xy);
  return out;
}

