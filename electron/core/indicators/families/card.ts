// 贷记卡 as of the date, per org × 营销客户经理 (DATA.md "Indicator keys"): issued (发卡日期 ≤ date,
// 卡状态 not 销卡 — an empty status is not 销卡), activated by the date, and asleep: never activated
// and issued more than 90 days before the date, or activated with 最近交易日期 empty or more than 12
// months before the date.
import type { Db } from '../../db/connection.js';
import { customerJoin, rowOrgSql } from '../../scope/index.js';
import { addDays } from '../../../../shared/dates.js';
import { CellBag } from '../cells.js';

/** The same day 12 months earlier (29 February → 28 February). */
export function twelveMonthsBefore(date: string): string {
  const y = +date.slice(0, 4) - 1;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

export function cardCells(db: Db, date: string): CellBag {
  const bag = new CellBag();
  const rows = db
    .prepare(
      `SELECT ${rowOrgSql('k', 'c')} AS org, k.manager_id AS staff,
              COUNT(*) AS issued,
              SUM(k.activate_date IS NOT NULL AND k.activate_date <= @date) AS active,
              SUM(CASE WHEN k.activate_date IS NULL OR k.activate_date > @date THEN k.issue_date < @d90
                       ELSE (k.last_txn_date IS NULL OR k.last_txn_date < @d12m) END) AS asleep
         FROM card k ${customerJoin('card', 'k', 'c')}
        WHERE k.card_type = '贷记卡' AND k.issue_date <= @date AND (k.status IS NULL OR k.status <> '销卡')
        GROUP BY org, staff`,
    )
    .iterate({ date, d90: addDays(date, -90), d12m: twelveMonthsBefore(date) }) as Iterable<{
    org: string | null;
    staff: string | null;
    issued: number;
    active: number;
    asleep: number;
  }>;
  for (const r of rows) {
    bag.add(r.org, r.staff, 'cc_issued', r.issued);
    bag.add(r.org, r.staff, 'cc_active', r.active);
    bag.add(r.org, r.staff, 'cc_sleep', r.asleep);
  }
  return bag;
}
