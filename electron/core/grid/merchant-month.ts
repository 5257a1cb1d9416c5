// The merchants layer classes each merchant in service 普通 / 有效 / 高质量 by its 收单 of the month up
// to the date (DATA.md; the thresholds of indicators/families/merchant.ts and metrics/merchants.ts).
// Those figures are materialised per date in merchant_month (migration 018) and rebuilt when the
// data version moves, as customer_holding is: read per merchant on every request they cost about
// 2.7 s on the medium demo bank (1,326 merchants, 1,000,000 transactions in the month), every time.
//
// The build reads each merchant's month through the (merchant_id, txn_time) index: the rows read
// are the month's, however many months the table holds. (One GROUP BY over the index took 5.9 s,
// its temporary b-trees for the distinct counts being the cost; a full scan 1.6 s but growing with
// every month kept.) It reads inside one read transaction, a consistent snapshot that blocks no
// writer, and stores the result only if the data version is still the one it read.
import { addDays, monthStart } from '../../../shared/dates.js';
import type { Db } from '../db/connection.js';
import { dataVersion } from '../import/data-version.js';
import { EFFECTIVE } from '../indicators/families/merchant.js';
import { HIGH_QUALITY } from '../metrics/merchants.js';
import { inServiceSql } from '../rules/in-service.js';

const stateName = (date: string) => `merchant_month:${date}`;

function builtVersion(db: Db, date: string): number | undefined {
  return db.prepare('SELECT data_version FROM derived_state WHERE name = ?').pluck().get(stateName(date)) as number | undefined;
}

type Month = [id: string, n: bigint, fen: bigint, payers: bigint, days: bigint];

/** Makes merchant_month current for the date (the merchants in service on it); cheap when it is. */
export function ensureMerchantMonth(db: Db, date: string): void {
  if (builtVersion(db, date) === dataVersion(db)) return;
  const read = db.transaction((): { version: number; rows: Month[] } => {
    const version = dataVersion(db);
    const ids = db.prepare(`SELECT m.merchant_id FROM merchant m WHERE ${inServiceSql.merchant('m', '@date')}`).pluck().all({ date }) as string[];
    const month = db
      .prepare(
        `SELECT COUNT(*), COALESCE(SUM(t.amount), 0), COUNT(DISTINCT t.payer), COUNT(DISTINCT substr(t.txn_time, 1, 10))
           FROM acq_txn t WHERE t.merchant_id = @id AND t.txn_time >= @from AND t.txn_time < @end AND (t.txn_type = '消费' OR t.txn_type IS NULL)`,
      )
      .raw(true)
      .safeIntegers(true);
    const span = { from: monthStart(date), end: addDays(date, 1) };
    const rows: Month[] = [];
    for (const id of ids) {
      const [n, fen, payers, days] = month.get({ ...span, id }) as [bigint, bigint, bigint, bigint];
      if (n > 0n) rows.push([id, n, fen, payers, days]);
    }
    return { version, rows };
  });
  const { version, rows } = read.deferred();
  db.transaction(() => {
    // an import landed meanwhile: these figures are already old, and the next reader rebuilds
    if (dataVersion(db) !== version || builtVersion(db, date) === version) return;
    // dates built from older data would only be rebuilt anyway: dropped, so the table holds the dates in use
    db.prepare(
      `DELETE FROM merchant_month WHERE data_date = ?
          OR data_date NOT IN (SELECT substr(name, 16) FROM derived_state WHERE name LIKE 'merchant_month:%' AND data_version = ?)`,
    ).run(date, version);
    const insert = db.prepare('INSERT INTO merchant_month (data_date, merchant_id, n, fen, payers, days) VALUES (?, ?, ?, ?, ?, ?)');
    for (const [id, n, fen, payers, days] of rows) insert.run(date, id, n, fen, payers, days);
    db.prepare(
      `INSERT INTO derived_state (name, data_version, built_at) VALUES (?, ?, datetime('now', 'localtime'))
       ON CONFLICT(name) DO UPDATE SET data_version = excluded.data_version, built_at = excluded.built_at`,
    ).run(stateName(date), version);
  }).immediate();
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
