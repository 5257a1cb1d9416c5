// 收单 of the month up to the date, per org × 拓展客户经理 of the merchant (a transaction belongs to
// its merchant: scope/row-org.ts). DATA.md: merchants in service (状态 正常, signed ≤ date); among
// them 有效 (≥ 30 transactions and ≥ 3,000 元 in the month) and 高质量 (≥ 20 active days, ≥ 100
// transactions, ≥ 30 distinct payers); 交易笔数/金额 of the month over every merchant whatever its
// status. Transactions are 消费 (or of no stated type, as metrics/merchants.ts has always counted
// them). One pass over the month's transactions, grouped per merchant through the
// (merchant_id, txn_time) index. The same pass yields each in-service merchant's month, which the
// map's merchant layer reads from merchant_month (grid/merchant-month.ts): stored by store.ts with
// the cells, so the layer is ready when the background build after an import is.
import type { Db } from '../../db/connection.js';
import { customerJoin, rowOrgSql } from '../../scope/index.js';
import { addDays, monthStart } from '../../../../shared/dates.js';
import { inService } from '../../rules/in-service.js';
import { HIGH_QUALITY } from '../../metrics/merchants.js';
import { CellBag } from '../cells.js';

/** 有效商户 thresholds over the month up to the date (DATA.md). */
export const EFFECTIVE = { transactions: 30, amountFen: 300_000n } as const;

/** A merchant in service on the date with 消费 in its month: [id, transactions, 分, distinct payers, active days]. */
export type MerchantMonth = [id: string, n: bigint, fen: bigint, payers: bigint, days: bigint];

/** The family's cells and, beside them, each in-service merchant's month. */
export class MerchantBag extends CellBag {
  readonly months: MerchantMonth[] = [];
}

interface MerchantRow {
  merchant_id: string;
  org: string | null;
  staff: string | null;
  status: string | null;
  sign_date: string | null;
}

interface MonthRow {
  merchant_id: string;
  n: bigint;
  fen: bigint;
  payers: bigint;
  days: bigint;
  n_day: bigint;
  fen_day: bigint;
}

export function merchantCells(db: Db, date: string): MerchantBag {
  const bag = new MerchantBag();
  const merchants = new Map<string, MerchantRow>();
  const all = db
    .prepare(`SELECT m.merchant_id, ${rowOrgSql('m', 'c')} AS org, m.manager_id AS staff, m.status, m.sign_date FROM merchant m ${customerJoin('merchant', 'm', 'c')}`)
    .iterate() as Iterable<MerchantRow>;
  for (const m of all) {
    merchants.set(m.merchant_id, m);
    if (inService.merchant(m, date)) bag.add(m.org, m.staff, 'mer', 1);
  }
  const month = db
    .prepare(
      `SELECT t.merchant_id, COUNT(*) AS n, SUM(t.amount) AS fen, COUNT(DISTINCT t.payer) AS payers,
              COUNT(DISTINCT substr(t.txn_time, 1, 10)) AS days,
              SUM(t.txn_time >= @day) AS n_day, SUM(CASE WHEN t.txn_time >= @day THEN t.amount ELSE 0 END) AS fen_day
         FROM acq_txn t
        WHERE t.txn_time >= @from AND t.txn_time < @to AND (t.txn_type = '消费' OR t.txn_type IS NULL)
        GROUP BY t.merchant_id`,
    )
    .safeIntegers(true)
    .iterate({ from: monthStart(date), to: addDays(date, 1), day: date }) as Iterable<MonthRow>;
  for (const r of month) {
    // a transaction of a merchant not loaded belongs to no org and no staff member
    const m = merchants.get(r.merchant_id);
    const org = m?.org ?? null;
    const staff = m?.staff ?? null;
    bag.add(org, staff, 'acq_cnt', r.n);
    bag.add(org, staff, 'acq_amt', r.fen);
    bag.add(org, staff, 'acq_cnt_day', r.n_day);
    bag.add(org, staff, 'acq_amt_day', r.fen_day);
    if (!m || !inService.merchant(m, date)) continue;
    bag.months.push([r.merchant_id, r.n, r.fen, r.payers, r.days]);
    if (r.n >= BigInt(EFFECTIVE.transactions) && r.fen >= EFFECTIVE.amountFen) bag.add(org, staff, 'mer_eff', 1);
    if (r.days >= BigInt(HIGH_QUALITY.activeDays) && r.n >= BigInt(HIGH_QUALITY.transactions) && r.payers >= BigInt(HIGH_QUALITY.payers)) {
      bag.add(org, staff, 'mer_hq', 1);
    }
  }
  return bag;
}
