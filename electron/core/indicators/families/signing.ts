// Signings as of the date, per org × 营销人员 (DATA.md): active signings by 业务类型 (rules/in-service.ts),
// new signings of the month by type, those used within the 90 days ending on the date, and
// 中间业务有效客户: distinct customers with an active 代/付 signing of the listed types used in those 90 days.
import type { Db } from '../../db/connection.js';
import { customerJoin, rowOrgSql } from '../../scope/index.js';
import { addDays, monthStart } from '../../../../shared/dates.js';
import { inService } from '../../rules/in-service.js';
import { CellBag } from '../cells.js';

/** DATA.md intermediate_active_customers: the 代/付 signing types that count. */
export const INTERMEDIATE_TYPES: ReadonlySet<string> = new Set([
  '手机银行',
  '微信银行绑卡',
  '微信支付绑卡',
  '支付宝绑卡',
  '云闪付绑卡',
  '代发工资',
  '代发养老金',
  '水费代扣',
  '电费代扣',
  '社保代缴',
  '医保代缴',
]);

export function signingCells(db: Db, date: string): CellBag {
  const bag = new CellBag();
  const from90 = addDays(date, -89);
  const month = monthStart(date);
  const rows = db
    .prepare(
      `SELECT ${rowOrgSql('s', 'c')} AS org, s.staff_id AS staff, s.cust_id AS cust, s.biz_type, s.status, s.sign_date, s.cancel_date, s.last_used_date
         FROM signing s ${customerJoin('signing', 's', 'c')}
        WHERE s.sign_date <= ?`,
    )
    .iterate(date) as Iterable<{
    org: string | null;
    staff: string | null;
    cust: string;
    biz_type: string;
    status: string | null;
    sign_date: string;
    cancel_date: string | null;
    last_used_date: string | null;
  }>;
  for (const r of rows) {
    if (r.sign_date >= month) bag.add(r.org, r.staff, `sign_new:${r.biz_type}`, 1);
    if (!inService.signing(r, date)) continue;
    bag.add(r.org, r.staff, `sign:${r.biz_type}`, 1);
    const used = r.last_used_date !== null && r.last_used_date >= from90 && r.last_used_date <= date;
    if (!used) continue;
    bag.add(r.org, r.staff, `sign_used90:${r.biz_type}`, 1);
    if (INTERMEDIATE_TYPES.has(r.biz_type)) bag.distinct(r.org, r.staff, 'ima_cust', r.cust);
  }
  return bag;
}
