// The data scope of the map's rows, from electron/core/scope (nothing is decided here that the
// scope module does not say):
// - a grid is seen when its own org (row-org.ts: a grid's org is its own 所属机构号) is in the
//   scope; a 客户经理 limited to their customers sees the grids they are 网格责任人 of and the grids
//   their customers are in;
// - a customer by customerScopeSql; a deposit/loan row by rowScopeSql;
// - a visit to a customer by its customer; a visit to a prospect (no known customer) by its org
//   (row-org.ts visitOrgSql: its grid's, else its staff member's) and, for a 客户经理 so limited,
//   only the visits they made.
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
