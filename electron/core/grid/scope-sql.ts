// The data scope of the map's rows, from electron/core/scope (nothing is decided here that the
// scope module does not say):
// - a grid is seen when its own org (row-org.ts: a grid's org is its own 所属机构号) is in the
//   scope; a 客户经理 limited to their customers sees the grids they are 网格责任人 of and the grids
//   their customers are in;
// - a customer by customerScopeSql; a deposit/loan row by rowScopeSql;
// - a visit to a customer by its customer; a visit to a prospect (no known customer) by its org
//   (row-org.ts visitOrgSql: its grid's, else its staff member's) and, for a 客户经理 so limited,
//   only the visits they made.
// The console's staff context (?staff=) narrows the layers further, inside the scope, to what
// DATA.md names the staff member for: grids by 网格责任人, customers by 管户客户经理号, merchants by
// 拓展客户经理号 (not their 法人客户's manager: the merchant's own column says who signed it).
import type { Db } from '../db/connection.js';
import { resolveTarget } from '../indicators/target.js';
import { customerScopeSql, orgInScopeSql, visitOrgSql, type Scope, type SqlPart } from '../scope/index.js';
import { ASSIGNMENT_JOIN, CUSTOMER_GRID_SQL } from './assign.js';

/** Grids (alias g) inside the scope. */
export function gridScopeSql(s: Scope, g = 'g'): SqlPart {
  const org = orgInScopeSql(s, `${g}.org_id`);
  if (s.managerId === null) return org;
  return {
    sql: `(${org.sql}) AND (${g}.owner_staff_id = @scope_manager OR ${g}.grid_id IN (
            SELECT ${CUSTOMER_GRID_SQL} FROM customer c ${ASSIGNMENT_JOIN} WHERE c.manager_id = @scope_manager))`,
    params: { ...org.params, scope_manager: s.managerId },
  };
}

/** Visits (alias v, its customer LEFT JOINed as c) inside the scope. */
export function visitScopeSql(s: Scope): SqlPart {
  const cust = customerScopeSql(s, 'c');
  const org = orgInScopeSql(s, visitOrgSql('v'));
  const mine = s.managerId === null ? '1' : 'v.staff_id = @scope_manager';
  if (cust.sql === '1' && org.sql === '1' && mine === '1') return { sql: '1', params: {} };
  return {
    sql: `((c.cust_id IS NOT NULL AND ${cust.sql}) OR (c.cust_id IS NULL AND ${org.sql} AND ${mine}))`,
    params: { ...cust.params, ...org.params, ...(s.managerId === null ? {} : { scope_manager: s.managerId }) },
  };
}

const ALL: SqlPart = Object.freeze({ sql: '1', params: Object.freeze({}) }) as SqlPart;

/**
 * The staff member the map is narrowed to, by the dashboards' rule (indicators/target.ts): one
 * outside the scope is a 404 (`no_staff`, not saying whether they exist elsewhere), and a
 * 客户经理 limited to their own customers is themselves whoever they name. null: none asked.
 */
export function mapStaff(db: Db, s: Scope, staff: string | undefined): string | null {
  if (staff === undefined || staff === '') return null;
  return resolveTarget(db, s, { staff }).staffId;
}

/** Grids (alias g) whose 网格责任人 is the staff member; every grid when none. */
export function gridStaffSql(staff: string | null, g = 'g'): SqlPart {
  return staff === null ? ALL : { sql: `${g}.owner_staff_id = @map_staff`, params: { map_staff: staff } };
}

/** Customers (alias c) whose 管户客户经理号 is the staff member; every customer when none. */
export function customerStaffSql(staff: string | null, c = 'c'): SqlPart {
  return staff === null ? ALL : { sql: `${c}.manager_id = @map_staff`, params: { map_staff: staff } };
}

/** Merchants (alias m) whose 拓展客户经理号 is the staff member; every merchant when none. */
export function merchantStaffSql(staff: string | null, m = 'm'): SqlPart {
  return staff === null ? ALL : { sql: `${m}.manager_id = @map_staff`, params: { map_staff: staff } };
}
