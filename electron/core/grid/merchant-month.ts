// The merchants layer classes each merchant in service 普通 / 有效 / 高质量 by its 收单 of the month up
// to the date (DATA.md; the thresholds of indicators/families/merchant.ts and metrics/merchants.ts).
// Read per merchant on every request those figures cost about 2.7 s on the medium demo bank
// (1,326 merchants, 1,000,000 transactions in the month), every time; so they are materialised
// per date in merchant_month (migration 018).
//
// They are a by-product of the merchant indicator family, whose one pass over the month already
// groups the transactions per merchant: indicators/store.ts stores them with the family's cells in
// the same transaction, and drops them with the cells when an import or an undo of 商户, 收单 or
// customers touches the date (migration 019 emptied what the earlier per-data-version build had
// left). So the background build after an import (indicators/job.ts) leaves the layer ready, and
// a date the job does not build (a day without a snapshot, a database from an older version
// before the job has run) is built by the first map request, as a dashboard builds its cells.
import type { Db } from '../db/connection.js';
import { EFFECTIVE, type MerchantMonth } from '../indicators/families/merchant.js';
import { HIGH_QUALITY } from '../metrics/merchants.js';

/** Replaces the date's rows (the caller's transaction: the merchant family's build). */
export function storeMerchantMonth(db: Db, date: string, months: readonly MerchantMonth[]): void {
  db.prepare('DELETE FROM merchant_month WHERE data_date = ?').run(date);
  const insert = db.prepare('INSERT INTO merchant_month (data_date, merchant_id, n, fen, payers, days) VALUES (?, ?, ?, ?, ?, ?)');
  for (const [id, n, fen, payers, days] of months) insert.run(date, id, n, fen, payers, days);
}

/** Drops the dates ≥ since (every date when null), as the merchant family's cells are dropped. */
export function dropMerchantMonth(db: Db, since: string | null): void {
  if (since === null) db.prepare('DELETE FROM merchant_month').run();
  else db.prepare('DELETE FROM merchant_month WHERE data_date >= ?').run(since);
}

/**
 * SQL for a merchant's class (0 普通, 1 有效, 2 高质量) from merchant_month joined as `mm` (no row: no
 * transactions, 0), and its parameters; integer comparisons in SQLite, money in 分.
 */
export function merchantClassSql(mm = 'mm'): { sql: string; params: Record<string, bigint | number> } {
  return {
    sql: `CASE WHEN ${mm}.days >= @hq_days AND ${mm}.n >= @hq_n AND ${mm}.payers >= @hq_payers THEN 2
               WHEN ${mm}.n >= @eff_n AND ${mm}.fen >= @eff_fen THEN 1 ELSE 0 END`,
    params: { hq_days: HIGH_QUALITY.activeDays, hq_n: HIGH_QUALITY.transactions, hq_payers: HIGH_QUALITY.payers, eff_n: EFFECTIVE.transactions, eff_fen: EFFECTIVE.amountFen },
  };
}
