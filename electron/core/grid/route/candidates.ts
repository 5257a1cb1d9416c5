// Who a staff member should visit (issue 11, item 5): their customers (管户客户经理号) inside the
// caller's scope, in the grids they are responsible for (grid.owner_staff_id) — or, when they are
// responsible for none, in the grids of their customers — with coordinates, not visited by anyone
// in the 90 days up to the date, most missing items of the 18 first (the holdings of crm/, not
// recomputed), at most `max`. A customer's grid is its 网格编号, else the grid its point lies in
// (grid/assign.ts). Points are read in the exports' system (the map setting) and given in WGS-84. The reasons are the recommendation rules' offers for each (crm/recommend.ts).
import type { Db } from '../../db/connection.js';
import { NotFoundError } from '../../auth/errors.js';
import { UserInputError } from '../../errors.js';
import { getCatalog, getRules } from '../../crm/catalog.js';
import { ensureHoldings } from '../../crm/holdings.js';
import { recommend } from '../../crm/recommend.js';
import { customerScopeSql, type Scope } from '../../scope/index.js';
import { addDays } from '../../../../shared/dates.js';
import { maskCustomerName } from '../../../../shared/masking.js';
import { ASSIGNMENT_JOIN, CUSTOMER_GRID_SQL, ensureGridAssignment } from '../assign.js';
import { convertPoint } from '../coords.js';
import { exportsSystem } from '../settings.js';

/** Days of the "not visited recently" window, the date included. */
export const NOT_VISITED_DAYS = 90;
export const DEFAULT_MAX_STOPS = 15;

export interface RouteStaff {
  staff_id: string;
  name: string;
  org_id: string;
}

export interface CandidateStop {
  cust_id: string;
  lng: number;
  lat: number;
  reasons: string[];
  /** masked */
  name: string;
}

/**
 * The staff member if the caller may plan for them: their org inside the scope (as resolveTarget
 * judges a staff member), and a 客户经理 limited to their own customers only for themselves.
 * Anything else is a 404 that does not say whether they exist elsewhere.
 */
export function routeStaff(db: Db, scope: Scope, staffId: string): RouteStaff {
  const s = db.prepare('SELECT staff_id, name, org_id FROM staff WHERE staff_id = ?').get(staffId) as RouteStaff | undefined;
  const inScope = s !== undefined && (scope.managerId !== null ? scope.managerId === staffId : scope.orgIds === null || scope.orgIds.includes(s.org_id));
  // the id is not echoed: the request carries it in its body, and a reply naming it would be all a
  // caller outside the scope learns
  if (!inScope) throw new NotFoundError('员工不存在。 (No such staff member.)', 'no_staff');
  return s;
}

/** The route's start and end: the staff member's org, which must have coordinates. */
export function routeStart(db: Db, staff: RouteStaff): { org_id: string; lng: number; lat: number } {
  const o = db.prepare('SELECT org_id, name, lng, lat FROM org WHERE org_id = ?').get(staff.org_id) as
    | { org_id: string; name: string; lng: number | null; lat: number | null }
    | undefined;
  if (!o) throw new UserInputError(`员工 ${staff.staff_id} 所属机构 ${staff.org_id} 未导入，无法确定路线起点。 (The org ${staff.org_id} of staff ${staff.staff_id} is not loaded: no start point.)`, 'no_start');
  if (o.lng === null || o.lat === null || !Number.isFinite(o.lng) || !Number.isFinite(o.lat)) {
    throw new UserInputError(
      `机构 ${o.name}（${o.org_id}）没有经纬度，无法作为路线起点；请在机构文件中补充经度、纬度后重新导入。 (Org ${o.org_id} has no coordinates: the route cannot start there.)`,
      'no_start',
    );
  }
  const [lng, lat] = convertPoint([o.lng, o.lat], exportsSystem(db), 'WGS84');
  return { org_id: o.org_id, lng, lat };
}

interface Row {
  cust_id: string;
  name: string;
  cust_type: string | null;
  lng: number;
  lat: number;
  mask: number | null;
  star: number | null;
}

/** The reasons for each row: the recommendation rules' offers, best first, as item names. */
function withReasons(db: Db, rows: Row[]): CandidateStop[] {
  const system = exportsSystem(db);
  const catalog = getCatalog(db);
  const rules = getRules(db);
  return rows.map((r) => {
    const held = new Set(catalog.filter((i) => ((r.mask ?? 0) & (1 << (i.id - 1))) !== 0).map((i) => i.id));
    const reasons = recommend(held, { star: r.star ?? 0, custType: r.cust_type }, rules, catalog).map((x) => x.itemName);
    const [lng, lat] = convertPoint([r.lng, r.lat], system, 'WGS84');
    return { cust_id: r.cust_id, lng, lat, reasons, name: maskCustomerName(r.name, r.cust_type) ?? '' };
  });
}

const HAS_POINT = 'c.lng IS NOT NULL AND c.lat IS NOT NULL AND c.lng BETWEEN -180 AND 180 AND c.lat BETWEEN -90 AND 90';

/** The default candidate set, ranked, at most max. */
export function routeCandidates(db: Db, scope: Scope, staff: RouteStaff, date: string, max: number): CandidateStop[] {
  const day = ensureHoldings(db, date);
  ensureGridAssignment(db);
  const inScope = customerScopeSql(scope, 'c');
  const owns = db.prepare('SELECT 1 FROM grid WHERE owner_staff_id = ? LIMIT 1').get(staff.staff_id) !== undefined;
  // no grid of their own: the grids their customers sit in, i.e. any of their customers with a grid
  const grids = owns ? `${CUSTOMER_GRID_SQL} IN (SELECT grid_id FROM grid WHERE owner_staff_id = @staff)` : `${CUSTOMER_GRID_SQL} IS NOT NULL`;
  const rows = db
    .prepare(
      `SELECT c.cust_id, c.name, c.cust_type, c.lng, c.lat, h.mask, h.star
       FROM customer c
       ${ASSIGNMENT_JOIN}
       LEFT JOIN customer_holding h ON h.data_date = @day AND h.cust_id = c.cust_id
       WHERE c.manager_id = @staff AND ${inScope.sql} AND ${grids} AND ${HAS_POINT}
         AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.cust_id = c.cust_id
                          AND substr(v.visit_time, 1, 10) BETWEEN @from AND @day)
       ORDER BY COALESCE(h.coverage, 0) ASC, COALESCE(h.star, 0) DESC, c.cust_id
       LIMIT @max`,
    )
    .all({ ...inScope.params, staff: staff.staff_id, day, from: addDays(day, -(NOT_VISITED_DAYS - 1)), max }) as Row[];
  return withReasons(db, rows);
}

/** Customers by id inside the scope with their point (added by hand); 404 outside, 400 without a point. */
export function customersAsStops(db: Db, scope: Scope, ids: readonly string[], date: string): CandidateStop[] {
  if (!ids.length) return [];
  const day = ensureHoldings(db, date);
  const inScope = customerScopeSql(scope, 'c');
  const q = db.prepare(
    `SELECT c.cust_id, c.name, c.cust_type, c.lng, c.lat, h.mask, h.star
     FROM customer c LEFT JOIN customer_holding h ON h.data_date = @day AND h.cust_id = c.cust_id
     WHERE c.cust_id = @id AND ${inScope.sql}`,
  );
  const rows: Row[] = [];
  for (const id of ids) {
    const r = q.get({ ...inScope.params, day, id }) as (Omit<Row, 'lng' | 'lat'> & { lng: number | null; lat: number | null }) | undefined;
    if (!r) throw new NotFoundError(`客户 ${id} 不存在。 (No such customer.)`, 'no_customer');
    if (r.lng === null || r.lat === null) throw new UserInputError(`客户 ${id} 没有经纬度，不能加入路线。 (Customer ${id} has no coordinates.)`, 'no_coordinates');
    rows.push(r as Row);
  }
  return withReasons(db, rows);
}

/** Reasons (and masked names) for ids that are customers inside the scope; others are not customers here. */
export function reasonsOf(db: Db, scope: Scope, ids: readonly string[], date: string): Map<string, { reasons: string[]; name: string }> {
  const out = new Map<string, { reasons: string[]; name: string }>();
  if (!ids.length) return out;
  const day = ensureHoldings(db, date);
  const inScope = customerScopeSql(scope, 'c');
  const q = db.prepare(
    `SELECT c.cust_id, c.name, c.cust_type, 0 AS lng, 0 AS lat, h.mask, h.star
     FROM customer c LEFT JOIN customer_holding h ON h.data_date = @day AND h.cust_id = c.cust_id
     WHERE c.cust_id = @id AND ${inScope.sql}`,
  );
  const rows = ids.map((id) => q.get({ ...inScope.params, day, id }) as Row | undefined).filter((r): r is Row => r !== undefined);
  for (const s of withReasons(db, rows)) out.set(s.cust_id, { reasons: s.reasons, name: s.name });
  return out;
}
