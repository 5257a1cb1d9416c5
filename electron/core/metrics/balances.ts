// Deposit and loan figures from the snapshot tables (see the decisions at the top of stats.ts).
import type { Db } from '../db/connection.js';
import { customerJoin, hasOwnOrgSql, managerScopeSql, rowOrgSql, type Scope } from '../scope/index.js';
import { addDays, daysBetween, monthStart } from '../../../shared/dates.js';
import { latestSnapshot } from '../rules/in-service.js';
import type { DirectByOrg } from './figures.js';

export const NPL_CLASSES = ['次级', '可疑', '损失'] as const;

/**
 * Each deposit snapshot that stands for some day of the month up to `date`, with the number of
 * days it stands for: a snapshot carries forward until the next one (weekends, holidays). Days
 * before the first snapshot have no total and weigh 0 (they still count in the divisor).
 */
export function depositDayWeights(db: Db, date: string): { date: string; days: number }[] {
  const first = monthStart(date);
  const carried = latestSnapshot(db, 'deposit', first);
  const inMonth = (
    db.prepare('SELECT DISTINCT data_date AS d FROM deposit WHERE data_date > ? AND data_date <= ? ORDER BY d').all(first, date) as {
      d: string;
    }[]
  ).map((r) => r.d);
  const snaps = carried ? [carried, ...inMonth] : inMonth;
  return snaps.map((s, i) => {
    const from = s < first ? first : s;
    const to = i + 1 < snaps.length ? addDays(snaps[i + 1], -1) : date;
    return { date: s, days: daysBetween(from, to) + 1 };
  });
}

/**
 * The org rule of scope/row-org.ts, split in two passes for speed: rows with their own org
 * straight from the covering index deposit_date_org (data_date, org_id, balance) of migration
 * 002; the others through their customer's org.
 */
export const DEPOSIT_PASSES = [
  `SELECT d.org_id AS org, d.data_date AS day, SUM(d.balance) AS fen
     FROM deposit d
    WHERE d.data_date >= ? AND d.data_date <= ? AND ${hasOwnOrgSql('d')}
    GROUP BY day, org`,
  `SELECT c.org_id AS org, d.data_date AS day, SUM(d.balance) AS fen
     FROM deposit d ${customerJoin('deposit', 'd', 'c')}
    WHERE d.data_date >= ? AND d.data_date <= ? AND NOT ${hasOwnOrgSql('d')}
    GROUP BY day, org`,
] as const;

/** A scope limited to one 客户经理's customers reads only their rows, from customer_manager and
 *  deposit_cust, in one pass. */
const MANAGED_DEPOSITS = (manager: string) => `
  SELECT ${rowOrgSql('d', 'c')} AS org, d.data_date AS day, SUM(d.balance) AS fen
    FROM customer c JOIN deposit d ON d.cust_id = c.cust_id
   WHERE ${manager} AND d.data_date >= @from AND d.data_date <= @to
   GROUP BY day, org`;

export function addDeposits(db: Db, date: string, out: DirectByOrg, scope: Scope): void {
  const weights = depositDayWeights(db, date);
  if (!weights.length) return;
  const weightOf = new Map(weights.map((w) => [w.date, BigInt(w.days)]));
  const asOf = weights[weights.length - 1].date; // = latest snapshot ≤ date
  const manager = managerScopeSql(scope);
  const passes: [string, unknown[]][] =
    scope.managerId === null
      ? DEPOSIT_PASSES.map((sql) => [sql, [weights[0].date, asOf]])
      : [[MANAGED_DEPOSITS(manager.sql), [{ ...manager.params, from: weights[0].date, to: asOf }]]];
  for (const [sql, params] of passes) {
    const rows = db.prepare(sql).safeIntegers(true).iterate(...params) as Iterable<{ org: string | null; day: string; fen: bigint }>;
    for (const r of rows) {
      const w = weightOf.get(r.day);
      if (w === undefined) continue; // cannot happen: every snapshot in the range has a weight
      const t = out.get(r.org);
      t.depositDaysFen += r.fen * w;
      if (r.day === asOf) t.depositFen += r.fen;
    }
  }
}

export function addLoans(db: Db, date: string, out: DirectByOrg, scope: Scope): void {
  const asOf = latestSnapshot(db, 'loan', date);
  if (!asOf) return;
  const npl = NPL_CLASSES.map((c) => `'${c}'`).join(',');
  const manager = managerScopeSql(scope);
  const stmt = db
    .prepare(
      `SELECT ${rowOrgSql('l', 'c')} AS org,
              SUM(l.balance) AS loan,
              SUM(CASE WHEN l.class5 IN (${npl}) THEN l.balance ELSE 0 END) AS npl,
              SUM(CASE WHEN l.guarantee = '信用' THEN l.balance ELSE 0 END) AS credit,
              SUM(CASE WHEN l.overdue_days > 0 THEN l.balance ELSE 0 END) AS overdue
         FROM loan l ${customerJoin('loan', 'l', 'c')}
        WHERE l.data_date = @asOf AND ${manager.sql}
        GROUP BY org`,
    )
    .safeIntegers(true);
  for (const r of stmt.iterate({ ...manager.params, asOf }) as Iterable<{ org: string | null; loan: bigint; npl: bigint; credit: bigint; overdue: bigint }>) {
    const t = out.get(r.org);
    t.loanFen += r.loan;
    t.nplFen += r.npl;
    t.creditFen += r.credit;
    t.overdueFen += r.overdue;
  }
}
