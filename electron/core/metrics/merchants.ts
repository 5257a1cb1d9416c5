// 收单 figures: merchants in service (rules/in-service.ts) and, among them, 高质量商户 (DATA.md, "Indicators").
import type { Db } from '../db/connection.js';
import { customerJoin, managerScopeSql, rowOrgSql, wholeBankScope, type Scope } from '../scope/index.js';
import { addDays, monthStart } from '../../../shared/dates.js';
import { inServiceSql } from '../rules/in-service.js';
import type { DirectByOrg } from './figures.js';

/** 高质量商户 thresholds over the month up to the date (DATA.md; a future setting). */
export const HIGH_QUALITY = { activeDays: 20, transactions: 100, payers: 30 } as const;

/**
 * Per merchant in service, one correlated subquery over only its own transactions of the month:
 * a range seek on acq_txn_merchant_time (merchant_id, txn_time), so the millions of other rows
 * are never read whatever the planner's statistics (a join let it scan the whole index when the
 * database had not been ANALYZEd). txn_time is 'YYYY-MM-DD HH:MM:SS', so the half-open string
 * range [first of month, day after date) is the month up to and including the date.
 */
export const merchantSql = (scope: Scope): string => `
  WITH live AS (
    SELECT m.merchant_id, ${rowOrgSql('m', 'c')} AS org,
           (SELECT COUNT(*) >= @minTxns
                   AND COUNT(DISTINCT substr(t.txn_time, 1, 10)) >= @minDays
                   AND COUNT(DISTINCT t.payer) >= @minPayers
              FROM acq_txn t
             WHERE t.merchant_id = m.merchant_id AND t.txn_time >= @from AND t.txn_time < @to
               AND (t.txn_type = '消费' OR t.txn_type IS NULL)) AS hq
      FROM merchant m ${customerJoin('merchant', 'm', 'c')}
     WHERE ${inServiceSql.merchant('m', '@date')}
       AND ${managerScopeSql(scope).sql}
  )
  SELECT org, COUNT(*) AS merchants, SUM(hq) AS hq FROM live GROUP BY org`;

/** The whole bank's statement (the query-plan test reads it). */
export const MERCHANT_SQL = merchantSql(wholeBankScope());

export function addMerchants(db: Db, date: string, out: DirectByOrg, scope: Scope): void {
  const stmt = db.prepare(merchantSql(scope));
  const params = {
    ...managerScopeSql(scope).params,
    date,
    from: monthStart(date),
    to: addDays(date, 1),
    minDays: HIGH_QUALITY.activeDays,
    minTxns: HIGH_QUALITY.transactions,
    minPayers: HIGH_QUALITY.payers,
  };
  for (const r of stmt.iterate(params) as Iterable<{ org: string | null; merchants: number; hq: number }>) {
    const t = out.get(r.org);
    t.merchants += r.merchants;
    t.hqMerchants += r.hq;
  }
}
