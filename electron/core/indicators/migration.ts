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
import { cellFilterSql } from './sums.js';
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

/**
 * Materialises the pair of snapshots: every loan of either snapshot in one cell of its org and
 * 经办客户经理 (at `from`; a 新发放 loan's at `to`), its row class and its column class. Once per pair
 * and data change: the read sums the cells a target takes.
 */
function ensurePair(db: Db, fromSnap: string | null, toSnap: string | null): void {
  const key = [fromSnap ?? '', toSnap ?? ''];
  if (db.prepare('SELECT 1 FROM ind_migration_state WHERE from_snap = ? AND to_snap = ?').get(...key)) return;
  const before = snapshot(db, fromSnap);
  const after = snapshot(db, toSnap);
  const cells = new Map<string, { cell: [string, string, string, string]; fen: bigint; n: number }>();
  const add = (r: Row, row: string, col: string) => {
    const cell: [string, string, string, string] = [r.org ?? '', r.staff ?? '', row, col];
    const k = cell.join('\u0001');
    const c = cells.get(k) ?? { cell, fen: 0n, n: 0 };
    c.fen += r.balance;
    c.n += 1;
    cells.set(k, c);
  };
  const colOf = (r: Row | undefined) => (r === undefined || r.balance === 0n ? MIGRATION_PAID : (r.class5 ?? UNFILLED));
  for (const b of before.values()) add(b, b.class5 ?? UNFILLED, colOf(after.get(b.loan_no)));
  for (const a of after.values()) if (!before.has(a.loan_no)) add(a, MIGRATION_NEW, colOf(a));
  const insert = db.prepare('INSERT INTO ind_migration (from_snap, to_snap, org_id, staff_id, row_class, col_class, fen, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const c of cells.values()) insert.run(...key, ...c.cell, c.fen, c.n);
  db.prepare("INSERT INTO ind_migration_state (from_snap, to_snap, built_at) VALUES (?, ?, datetime('now', 'localtime'))").run(...key);
}

/** Drops the pairs whose later snapshot is on or after `since` (every pair when null): their rows changed. */
export function invalidateMigration(db: Db, since: string | null): void {
  for (const table of ['ind_migration', 'ind_migration_state']) {
    if (since === null) db.prepare(`DELETE FROM ${table}`).run();
    else db.prepare(`DELETE FROM ${table} WHERE to_snap >= ?`).run(since);
  }
}

export function migrationMatrix(db: Db, from: string, to: string, target: Target): MigrationResult {
  assertDay(from, 'from');
  assertDay(to, 'to');
  if (from > to) throw new UserInputError(`起始日期 ${from} 晚于截止日期 ${to} (from is after to)`, 'bad_range');
  return db.transaction((): MigrationResult => {
    const fromSnap = latestSnapshot(db, 'loan', from);
    const toSnap = latestSnapshot(db, 'loan', to);
    ensurePair(db, fromSnap, toSnap);
    const f = cellFilterSql(target);
    const sums = db
      .prepare(
        `SELECT row_class, col_class, SUM(fen) AS fen, SUM(n) AS n FROM ind_migration
         WHERE from_snap = @from AND to_snap = @to AND ${f.sql} GROUP BY row_class, col_class`,
      )
      .safeIntegers(true)
      .all({ ...f.params, from: fromSnap ?? '', to: toSnap ?? '' }) as { row_class: string; col_class: string; fen: bigint; n: bigint }[];
    const cells = new Map<string, { fen: bigint; count: number }>(sums.map((r) => [`${r.row_class}\u0001${r.col_class}`, { fen: r.fen, count: Number(r.n) }]));
    const seen = new Set(sums.flatMap((r) => [r.row_class, r.col_class]));
    const classes = [...CLASS5, ...(seen.has(UNFILLED) ? [UNFILLED] : [])];
    const rows = [...classes, MIGRATION_NEW];
    const cols = [...classes, MIGRATION_PAID];
    const matrix: MigrationResult['matrix'] = {};
    for (const r of rows) {
      matrix[r] = {};
      for (const c of cols) {
        const v = cells.get(`${r}\u0001${c}`);
        matrix[r][c] = { balance: fenToYuan(v?.fen ?? 0n), count: v?.count ?? 0 };
      }
    }
    return { from, to, fromSnapshot: fromSnap, toSnapshot: toSnap, matrix };
  })();
}
