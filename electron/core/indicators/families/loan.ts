// Loans of one snapshot (数据日期 = date), per org × 经办客户经理 (DATA.md "Indicator keys"): balance,
// 不良 (次级/可疑/损失), 信用, 普惠小微, 线上, 逾期 and its buckets, structure by 担保方式 / 产品 / 五级,
// the loans with a balance, and 贷款户数 (distinct customers with 贷款余额 > 0).
import type { Db } from '../../db/connection.js';
import { customerJoin, rowOrgSql } from '../../scope/index.js';
import { OVERDUE_BUCKETS, type OverdueBucket } from '../../../../shared/indicators.js';
import { CellBag } from '../cells.js';
import { UNFILLED } from './deposit.js';

export const NPL_CLASSES: readonly string[] = ['次级', '可疑', '损失'];

/** DATA.md's buckets 1–30, 31–60, 61–90, 91–180, 181–360, >360 (days > 0 only). */
export function overdueBucket(days: number): OverdueBucket {
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  if (days <= 180) return '91-180';
  if (days <= 360) return '181-360';
  return '>360';
}
void OVERDUE_BUCKETS;

interface LoanRow {
  org: string | null;
  staff: string | null;
  cust: string;
  balance: bigint;
  guarantee: string | null;
  product: string | null;
  class5: string | null;
  overdue_days: bigint | null;
  is_inclusive: bigint | null;
  is_online: bigint | null;
}

export function loanCells(db: Db, date: string): CellBag {
  const bag = new CellBag();
  const rows = db
    .prepare(
      `SELECT ${rowOrgSql('l', 'c')} AS org, l.manager_id AS staff, l.cust_id AS cust, l.balance, l.guarantee, l.product,
              l.class5, l.overdue_days, l.is_inclusive, l.is_online
         FROM loan l ${customerJoin('loan', 'l', 'c')}
        WHERE l.data_date = ?`,
    )
    .safeIntegers(true)
    .iterate(date) as Iterable<LoanRow>;
  for (const r of rows) {
    const add = (m: string, v: bigint) => bag.add(r.org, r.staff, m, v);
    add('loan_bal', r.balance);
    if (r.balance > 0n) {
      add('loan_cnt', 1n);
      bag.distinct(r.org, r.staff, 'loan_cust', r.cust);
    }
    if (r.class5 !== null && NPL_CLASSES.includes(r.class5)) add('npl_bal', r.balance);
    if (r.guarantee === '信用') add('credit_bal', r.balance);
    if (r.is_inclusive === 1n) add('incl_bal', r.balance);
    if (r.is_online === 1n) add('online_bal', r.balance);
    if (r.overdue_days !== null && r.overdue_days > 0n) {
      add('overdue_bal', r.balance);
      add(`od:${overdueBucket(Number(r.overdue_days))}`, r.balance);
    }
    add(`guar:${r.guarantee ?? UNFILLED}`, r.balance);
    add(`prod:${r.product ?? UNFILLED}`, r.balance);
    add(`class:${r.class5 ?? UNFILLED}`, r.balance);
  }
  return bag;
}
