// The rows of one dataset that a drill target covers (DATA.md "Indicator keys", scope rules of
// docs/ARCHITECTURE.md): an org target covers the rows whose org (scope/row-org.ts) lies in its
// subtree; a staff target the rows naming the staff member in the dataset's own staff column,
// inside the caller's orgs. The org part is the data scope's own SQL (scope/), never a copy.
import type { Target } from '../indicators/index.js';
import { customerJoin, orgInScopeSql, rowOrgSql, visitOrgSql, type SqlPart } from '../scope/index.js';

/** Each dataset a list reads: its table alias, the SQL of its row's org, its staff column, its joins. */
export const ROWS = {
  deposit: { from: `deposit d ${customerJoin('deposit', 'd', 'c')}`, org: rowOrgSql('d', 'c'), staff: 'd.manager_id' },
  loan: { from: `loan l ${customerJoin('loan', 'l', 'c')}`, org: rowOrgSql('l', 'c'), staff: 'l.manager_id' },
  card: { from: `card k ${customerJoin('card', 'k', 'c')}`, org: rowOrgSql('k', 'c'), staff: 'k.manager_id' },
  signing: { from: `signing s ${customerJoin('signing', 's', 'c')}`, org: rowOrgSql('s', 'c'), staff: 's.staff_id' },
  merchant: { from: `merchant m ${customerJoin('merchant', 'm', 'c')}`, org: rowOrgSql('m', 'c'), staff: 'm.manager_id' },
  // a customer's org is its own 所属机构号; its staff member its 管户客户经理
  customer: { from: 'customer c', org: 'c.org_id', staff: 'c.manager_id' },
  visit: { from: `visit v LEFT JOIN customer c ON c.cust_id = v.cust_id`, org: visitOrgSql('v'), staff: 'v.staff_id' },
} as const;
export type DrillDataset = keyof typeof ROWS;

/** `WHERE` part: the dataset's rows inside the target (named parameters prefixed scope_ and t_). */
export function targetSql(t: Target, dataset: DrillDataset): SqlPart {
  const r = ROWS[dataset];
  // the target's orgs as a scope without a manager limit: the staff part is the dataset's column
  const org = orgInScopeSql({ orgIds: t.orgIds, rootOrg: null, managerId: null }, r.org);
  if (t.staffId === null) return org;
  return { sql: `${org.sql} AND ${r.staff} = @t_staff`, params: { ...org.params, t_staff: t.staffId } };
}
