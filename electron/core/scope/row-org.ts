// Which org a row belongs to: the one rule of DATA.md ("A row without 所属机构号 belongs to its
// customer's 所属机构号"), written once. The figures (metrics), the customer screens (crm) and the
// data scope (scope.ts) all read it from here, so a branch's figures and what its staff may see
// are decided by the same rule.
//
// - customer: its own 所属机构号 (customer.org_id, required by the layout).
// - deposit, loan, card, signing: its own 所属机构号 when present, else its customer's (cust_id).
// - merchant: its own, else its 法人客户号's (owner_cust_id).
// - acq_txn: its merchant's org (a transaction has no org column of its own).
// - visit: its customer's org (a visit has no org column); a visit to a prospect (no customer)
//   belongs to the org of its grid, else of the staff member who made it.
// - grid: its own 所属机构号 only (a grid has no customer).
// A present org that is not loaded does not fall back to the customer's: the row belongs to that
// unknown org, and only a whole-bank scope sees it (metrics/stats.ts totals such rows as
// "unassigned"). The importer fills a missing org from the customer's when the customer is known
// at import time (import/rows.ts), so the fallback here matters for rows imported before their
// customer.

/** Datasets whose rows carry an org of their own and name a customer, and the customer column. */
export const CUSTOMER_COLUMN = {
  deposit: 'cust_id',
  loan: 'cust_id',
  card: 'cust_id',
  signing: 'cust_id',
  merchant: 'owner_cust_id',
} as const;
export type OwnedDataset = keyof typeof CUSTOMER_COLUMN;

/**
 * SQL for the org a row belongs to: its own org_id when present, else its customer's. `row` is
 * the alias of the row's table, `cust` the alias of its customer, joined (LEFT JOIN, so a row of
 * an unknown customer still counts, with the org it names or none) on the dataset's customer
 * column (see customerJoin).
 */
export function rowOrgSql(row: string, cust = 'c'): string {
  return `COALESCE(NULLIF(${row}.org_id, ''), ${cust}.org_id)`;
}

/** The row carries an org of its own (present and not empty): where rowOrgSql takes the row's
 *  org rather than its customer's. For queries that split the rule in two passes to use an index
 *  on the row's org (metrics/balances.ts); `NOT hasOwnOrgSql(row)` is the other pass. */
export function hasOwnOrgSql(row: string): string {
  return `(${row}.org_id IS NOT NULL AND ${row}.org_id <> '')`;
}

/** `LEFT JOIN customer <cust> ON …` for a row of an owned dataset. */
export function customerJoin(dataset: OwnedDataset, row: string, cust = 'c'): string {
  return `LEFT JOIN customer ${cust} ON ${cust}.cust_id = ${row}.${CUSTOMER_COLUMN[dataset]}`;
}

/** The same rule for a row already read: its own org, else its customer's; null when neither. */
export function rowOrgOf(ownOrg: string | null | undefined, customerOrg: string | null | undefined): string | null {
  if (ownOrg !== null && ownOrg !== undefined && ownOrg !== '') return ownOrg;
  return customerOrg === undefined || customerOrg === '' ? null : customerOrg;
}

/** A visit's org (it has no org column): its customer's; for a prospect its grid's, else its staff member's. */
export function visitOrgSql(visit: string): string {
  return `COALESCE(
    (SELECT vc.org_id FROM customer vc WHERE vc.cust_id = ${visit}.cust_id),
    (SELECT NULLIF(vg.org_id, '') FROM grid vg WHERE vg.grid_id = ${visit}.grid_id),
    (SELECT vs.org_id FROM staff vs WHERE vs.staff_id = ${visit}.staff_id))`;
}

/** A transaction's org: its merchant's (own org, else the 法人客户号's). */
export function txnOrgSql(txn: string): string {
  return `(SELECT ${rowOrgSql('tm', 'tc')} FROM merchant tm ${customerJoin('merchant', 'tm', 'tc')} WHERE tm.merchant_id = ${txn}.merchant_id)`;
}
