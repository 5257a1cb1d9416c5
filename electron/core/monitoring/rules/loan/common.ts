// What the loan rules share: the loan rows of a few snapshots read once and grouped per 借据, when
// a 借据 stood on the books and when it was gone (a snapshot stands for every day until the next;
// a 借据 absent from a later snapshot, or at balance 0 there, was repaid in between), and a 借据 as
// an evidence row (customer name masked).
import type { Db } from '../../../db/connection.js';
import { fenToYuan } from '../../../../../shared/money.js';
import { maskCustomerName } from '../../../../../shared/masking.js';
import type { Evidence } from '../../../../../shared/monitoring.js';
import { snapshotDates } from '../../../indicators/snapshots.js';
import { latestSnapshot } from '../../../rules/in-service.js';

export interface LoanRow {
  loan_no: string;
  data_date: string;
  cust_id: string;
  product: string | null;
  issue_date: string;
  maturity_date: string | null;
  amount: bigint;
  balance: bigint;
  overdue_days: bigint | null;
  class5: string | null;
  manager_id: string | null;
  /** the row's org: its own, else its customer's */
  org: string | null;
  cust_name: string | null;
  cust_type: string | null;
  cust_manager: string | null;
}

const COLUMNS = `l.loan_no, l.data_date, l.cust_id, l.product, l.issue_date, l.maturity_date, l.amount, l.balance, l.overdue_days, l.class5,
  NULLIF(l.manager_id, '') AS manager_id, COALESCE(NULLIF(l.org_id, ''), c.org_id) AS org, c.name AS cust_name, c.cust_type, c.manager_id AS cust_manager`;

/** Loan rows of the snapshots in [from, to] matching `where` (SQL over alias l and c, with named parameters). */
export function loanRows(db: Db, from: string, to: string, where: string, params: Record<string, unknown> = {}): LoanRow[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM loan l LEFT JOIN customer c ON c.cust_id = l.cust_id WHERE l.data_date BETWEEN @from AND @to AND (${where}) ORDER BY l.loan_no, l.data_date`)
    .safeIntegers(true)
    .all({ ...params, from, to }) as LoanRow[];
}

/** The loan rows of the given customers in [from, to] (index loan_cust). */
export function loanRowsOfCustomers(db: Db, custIds: readonly string[], from: string, to: string): LoanRow[] {
  if (!custIds.length) return [];
  return loanRows(db, from, to, 'l.cust_id IN (SELECT value FROM json_each(@custs))', { custs: JSON.stringify(custIds) });
}

export function groupByLoan(rows: readonly LoanRow[]): Map<string, LoanRow[]> {
  const out = new Map<string, LoanRow[]>();
  for (const r of rows) {
    let list = out.get(r.loan_no);
    if (!list) out.set(r.loan_no, (list = []));
    list.push(r);
  }
  return out;
}

/** The loan snapshot dates in [from, to], plus the first one after `to` (null when none is loaded). */
export function loanSnapshots(db: Db, from: string, to: string): { snaps: string[]; after: string | null } {
  const snaps = snapshotDates(db, 'loan', from, to);
  const after = db.prepare('SELECT MIN(data_date) FROM loan WHERE data_date > ?').pluck().get(to) as string | null;
  return { snaps, after };
}

export function latestLoanSnapshot(db: Db, day: string): string | null {
  return latestSnapshot(db, 'loan', day);
}

export interface Standing {
  /** the first snapshot holding the 借据 with a balance */
  firstSeen: string;
  /** the last snapshot holding it with a balance */
  lastStanding: string;
  /** the first snapshot after lastStanding (where it is gone: absent or at 0); null when none is loaded */
  goneIn: string | null;
  /** its row on lastStanding */
  last: LoanRow;
}

/** When a 借据 stood, from its rows (sorted by date) and every snapshot date of the span read. */
export function standing(rows: readonly LoanRow[], snaps: readonly string[]): Standing | null {
  const live = rows.filter((r) => r.balance > 0n);
  if (!live.length) return null;
  const last = live[live.length - 1];
  return { firstSeen: live[0].data_date, lastStanding: last.data_date, goneIn: snaps.find((s) => s > last.data_date) ?? null, last };
}

/** A 借据 as evidence (amounts in 元, the customer's name masked). */
export function loanEvidence(r: LoanRow, extra: Record<string, string | number | null> = {}): Evidence {
  return {
    kind: 'loan',
    id: r.loan_no,
    fields: {
      cust_id: r.cust_id,
      cust_name: maskCustomerName(r.cust_name, r.cust_type),
      product: r.product,
      issue_date: r.issue_date,
      maturity_date: r.maturity_date,
      amount: fenToYuan(r.amount),
      data_date: r.data_date,
      balance: fenToYuan(r.balance),
      overdue_days: r.overdue_days === null ? null : Number(r.overdue_days),
      class5: r.class5,
      manager_id: r.manager_id,
      org_id: r.org,
      ...extra,
    },
  };
}
