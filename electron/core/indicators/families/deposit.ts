// Deposits of one snapshot (数据日期 = date): balances per org × 归属客户经理, per 存款种类, and the
// current accounts (rules/in-service.ts: not 销户). DATA.md's deposit_balance sums every row of the
// snapshot whatever its status (a 销户 row carries its last balance, normally 0).
import type { Db } from '../../db/connection.js';
import { customerJoin, rowOrgSql } from '../../scope/index.js';
import { inServiceSql } from '../../rules/in-service.js';
import { CellBag } from '../cells.js';

export const UNFILLED = '未填';

export function depositCells(db: Db, date: string): CellBag {
  const bag = new CellBag();
  const rows = db
    .prepare(
      `SELECT ${rowOrgSql('d', 'c')} AS org, d.manager_id AS staff, d.kind AS kind,
              SUM(d.balance) AS fen, SUM(CASE WHEN ${inServiceSql.deposit('d')} THEN 1 ELSE 0 END) AS accts
         FROM deposit d ${customerJoin('deposit', 'd', 'c')}
        WHERE d.data_date = ?
        GROUP BY org, staff, kind`,
    )
    .safeIntegers(true)
    .iterate(date) as Iterable<{ org: string | null; staff: string | null; kind: string | null; fen: bigint; accts: bigint }>;
  for (const r of rows) {
    bag.add(r.org, r.staff, 'dep_bal', r.fen);
    bag.add(r.org, r.staff, 'dep_accts', r.accts);
    bag.add(r.org, r.staff, `dep_kind:${r.kind ?? UNFILLED}`, r.fen);
  }
  return bag;
}
