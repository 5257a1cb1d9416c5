// The 五级分类 migration matrix between two dates (DATA.md "五级 migration"): rows are each 借据's
// class in the latest loan snapshot ≤ `from`, plus 新发放 for loans absent from it; columns its
// class in the latest snapshot ≤ `to`, plus 结清 for loans absent there or with 贷款余额 0; a cell
// holds Σ 贷款余额 at `from` (at `to` for the 新发放 row) and the number of loans.
//
// Whose loans: a loan belongs to the target by its row at `from` (its org by scope/row-org.ts,
// its 经办客户经理), a 新发放 loan by its row at `to`; a loan moved between orgs stays in the
// matrix of the org it left, which is where its class was when the period began. A class left
// empty in the export is its own row and column, 未填, rather than guessed.
import type { Db } from '../db/connection.js';
import { CLASS5, MIGRATION_NEW, MIGRATION_PAID, type MigrationResult } from '../../../shared/indicators.js';
import { assertDay } from '../../../shared/dates.js';
import { fenToYuan } from '../../../shared/money.js';
import { latestSnapshot } from '../rules/in-service.js';
import { customerJoin, rowOrgSql } from '../scope/index.js';
import { UserInputError } from '../errors.js';
import type { Target } from './target.js';

const UNFILLED = '未填';

interface Row {
  loan_no: string;
  class5: string | null;
  balance: bigint;
  org: string | null;
  staff: string | null;
}

function snapshot(db: Db, date: string | null): Map<string, Row> {
  if (date === null) return new Map();
  const rows = db
    .prepare(`SELECT l.loan_no, l.class5, l.balance, ${rowOrgSql('l', 'c')} AS org, l.manager_id AS staff FROM loan l ${customerJoin('loan', 'l', 'c')} WHERE l.data_date = ?`)
    .safeIntegers(true)
    .all(date) as Row[];
  return new Map(rows.map((r) => [r.loan_no, r]));
}

function inTarget(t: Target, r: Row): boolean {
  if (t.orgIds !== null && (r.org === null || !t.orgIds.includes(r.org))) return false;
  return t.staffId === null || r.staff === t.staffId;
}

export function migrationMatrix(db: Db, from: string, to: string, target: Target): MigrationResult {
  assertDay(from, 'from');
  assertDay(to, 'to');
  if (from > to) throw new UserInputError(`起始日期 ${from} 晚于截止日期 ${to} (from is after to)`, 'bad_range');
  return db.transaction((): MigrationResult => {
    const fromSnap = latestSnapshot(db, 'loan', from);
    const toSnap = latestSnapshot(db, 'loan', to);
    const before = snapshot(db, fromSnap);
    const after = snapshot(db, toSnap);
    const cells = new Map<string, Map<string, { fen: bigint; count: number }>>();
    const add = (row: string, col: string, fen: bigint) => {
      let r = cells.get(row);
      if (!r) cells.set(row, (r = new Map()));
      const c = r.get(col) ?? { fen: 0n, count: 0 };
      c.fen += fen;
      c.count += 1;
      r.set(col, c);
    };
    const colOf = (r: Row | undefined) => (r === undefined || r.balance === 0n ? MIGRATION_PAID : (r.class5 ?? UNFILLED));
    for (const b of before.values()) {
      if (inTarget(target, b)) add(b.class5 ?? UNFILLED, colOf(after.get(b.loan_no)), b.balance);
    }
    for (const a of after.values()) {
      if (!before.has(a.loan_no) && inTarget(target, a)) add(MIGRATION_NEW, colOf(a), a.balance);
    }
    const seen = new Set<string>([...cells.keys(), ...[...cells.values()].flatMap((r) => [...r.keys()])]);
    const classes = [...CLASS5, ...(seen.has(UNFILLED) ? [UNFILLED] : [])];
    const rows = [...classes, MIGRATION_NEW];
    const cols = [...classes, MIGRATION_PAID];
    const matrix: MigrationResult['matrix'] = {};
    for (const r of rows) {
      matrix[r] = {};
      for (const c of cols) {
        const v = cells.get(r)?.get(c);
        matrix[r][c] = { balance: fenToYuan(v?.fen ?? 0n), count: v?.count ?? 0 };
      }
    }
    return { from, to, fromSnapshot: fromSnap, toSnapshot: toSnap, matrix };
  })();
}
