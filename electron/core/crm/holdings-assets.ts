// 月日均金融资产 of every customer at once. Two ways to the same sums, chosen by cost:
// - index scan: one GROUP BY cust_id over the covering index deposit_cust (cust_id, data_date,
//   balance) of migration 004, weighting each row in SQL. Reads every snapshot the bank holds, so
//   it wins while the month is a good part of them (the demo bank: ~3x faster than the other);
// - month pass: the month's snapshots only, in primary-key order, summed in TS. Its cost does not
//   grow with the years of history a bank keeps.
// Exact either way: balances are integers and every partial sum stays far below 2^53.
import type { Db } from '../db/connection.js';
import { monthWeights, periodDays, snapshotDates, type DayWeight } from './star.js';

export interface AllAssetSums {
  sums: Map<string, number>; // cust_id → Σ(balance × days) in 分·days; absent = 0
  days: number;
  strategy: 'index-scan' | 'month-pass' | 'none';
}

/** Past this share of the bank's snapshots in the month, the full index scan is cheaper. */
const SCAN_SHARE = 1 / 3;

export function allAssetSums(db: Db, date: string, force?: 'index-scan' | 'month-pass'): AllAssetSums {
  const days = periodDays(date);
  const weights = monthWeights(db, date);
  if (!weights.length) return { sums: new Map(), days, strategy: 'none' };
  const strategy = force ?? (weights.length >= SCAN_SHARE * snapshotDates(db, 'deposit', '0000-01-01', '9999-12-31').length ? 'index-scan' : 'month-pass');
  const sums = strategy === 'index-scan' ? indexScan(db, weights) : monthPass(db, weights);
  for (const v of sums.values()) {
    if (!Number.isSafeInteger(v)) throw new RangeError('月日均金融资产超出精确计算范围 (asset sum beyond exact range)');
  }
  return { sums, days, strategy };
}

function indexScan(db: Db, weights: DayWeight[]): Map<string, number> {
  const cases = weights.map(() => 'WHEN ? THEN ?').join(' ');
  const sql = `SELECT cust_id, SUM(balance * CASE data_date ${cases} ELSE 0 END) FROM deposit INDEXED BY deposit_cust
                WHERE data_date >= ? AND data_date <= ? GROUP BY cust_id`;
  const params = [...weights.flatMap((w) => [w.date, w.days]), weights[0].date, weights[weights.length - 1].date];
  return new Map(db.prepare(sql).raw(true).all(...params) as [string, number][]);
}

function monthPass(db: Db, weights: DayWeight[]): Map<string, number> {
  const sums = new Map<string, number>();
  const stmt = db.prepare('SELECT cust_id, balance FROM deposit WHERE data_date = ?').raw(true);
  for (const w of weights) {
    for (const [c, b] of stmt.iterate(w.date) as Iterable<[string, number]>) sums.set(c, (sums.get(c) ?? 0) + b * w.days);
  }
  return sums;
}
