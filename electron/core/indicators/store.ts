// The materialised cells: built on demand or by the background job (job.ts), and invalidated by
// the writers (import, undo, catalog changes) inside their own transaction, so a reader never sums
// cells older than the rows they summarise.
import { invalidateMigration } from './migration.js';
import type { Db } from '../db/connection.js';
import type { DatasetId } from '../../../shared/datasets.js';
import { FAMILIES, FAMILIES_OF_DATASET, FAMILY_IDS, type FamilyId } from './families/index.js';
import { MerchantBag } from './families/merchant.js';
import { dropMerchantMonth, storeMerchantMonth } from '../grid/merchant-month.js';

/** Is (date, family) built? */
function isBuilt(db: Db, date: string, family: FamilyId): boolean {
  return db.prepare('SELECT 1 FROM ind_state WHERE data_date = ? AND family = ?').get(date, family) !== undefined;
}

/** Computes and stores one family of one date (replacing whatever was there); returns the ms it took. */
export function buildFamily(db: Db, date: string, family: FamilyId): number {
  return db
    .transaction((): number => {
      const t0 = performance.now();
      const bag = FAMILIES[family].compute(db, date);
      db.prepare('DELETE FROM ind_cell WHERE data_date = ? AND family = ?').run(date, family);
      db.prepare('DELETE FROM ind_overlap WHERE data_date = ? AND family = ?').run(date, family);
      const cell = db.prepare('INSERT INTO ind_cell (data_date, family, org_id, staff_id, measure, value) VALUES (?, ?, ?, ?, ?, ?)');
      for (const r of bag.rows()) cell.run(date, family, r.org, r.staff, r.measure, r.value);
      const overlap = db.prepare('INSERT INTO ind_overlap (data_date, family, measure, cust_id, org_id, staff_id) VALUES (?, ?, ?, ?, ?, ?)');
      for (const r of bag.overlaps()) overlap.run(date, family, r.measure, r.cust, r.org, r.staff);
      // the map's merchant layer reads the per-merchant months of the same pass (grid/merchant-month.ts)
      if (bag instanceof MerchantBag) storeMerchantMonth(db, date, bag.months);
      const ms = Math.round(performance.now() - t0);
      db.prepare(
        `INSERT INTO ind_state (data_date, family, built_at, ms) VALUES (?, ?, datetime('now', 'localtime'), ?)
         ON CONFLICT(data_date, family) DO UPDATE SET built_at = excluded.built_at, ms = excluded.ms`,
      ).run(date, family, ms);
      return ms;
    })
    .immediate();
}

/** Builds the family of the date unless it is built. A reader calls this before summing. */
export function ensureFamily(db: Db, date: string, family: FamilyId): void {
  if (!isBuilt(db, date, family)) buildFamily(db, date, family);
}

/** Builds the family at every one of the dates not built yet (one query to find them). */
export function ensureFamilyDates(db: Db, dates: readonly string[], family: FamilyId): void {
  if (!dates.length) return;
  const built = new Set(
    db.prepare('SELECT data_date FROM ind_state WHERE family = ? AND data_date IN (SELECT value FROM json_each(?))').pluck().all(family, JSON.stringify(dates)) as string[],
  );
  for (const d of dates) if (!built.has(d)) buildFamily(db, d, family);
}

/** Drops the families at the dates ≥ since (all dates when null); the next read or the job rebuilds them. */
export function invalidateFamilies(db: Db, families: readonly FamilyId[], since: string | null): void {
  for (const f of families) {
    for (const table of ['ind_cell', 'ind_overlap', 'ind_state']) {
      if (since === null) db.prepare(`DELETE FROM ${table} WHERE family = ?`).run(f);
      else db.prepare(`DELETE FROM ${table} WHERE family = ? AND data_date >= ?`).run(f, since);
    }
    // the migration matrix reads the loans (and their customers' orgs) as the loan family does
    if (f === 'loan') invalidateMigration(db, since);
    // the map's merchant layer stores its months with the merchant family's cells
    if (f === 'merchant') dropMerchantMonth(db, since);
  }
}

/** The first day a batch's rows speak for, per dated dataset (null: the rows are not dated, so every date). */
const FIRST_DAY_SQL: Partial<Record<DatasetId, string>> = {
  deposit: 'SELECT MIN(data_date) FROM deposit WHERE batch_id = ?',
  loan: 'SELECT MIN(data_date) FROM loan WHERE batch_id = ?',
  acq_txn: 'SELECT substr(MIN(txn_time), 1, 10) FROM acq_txn WHERE batch_id = ?',
  visit: 'SELECT substr(MIN(visit_time), 1, 10) FROM visit WHERE batch_id = ?',
};

/**
 * After a batch's rows are written, inside its transaction: the families its dataset feeds, from
 * the first day its rows speak for (its snapshot or transaction dates) on; every date for a
 * dataset without dates, and every date for an undo (`batchId` null), whose rows are gone.
 */
export function invalidateAfterWrite(db: Db, dataset: DatasetId, batchId: number | null): void {
  const families = FAMILIES_OF_DATASET[dataset];
  if (!families.length) return;
  const sql = FIRST_DAY_SQL[dataset];
  const since = sql && batchId !== null ? ((db.prepare(sql).pluck().get(batchId) as string | null) ?? null) : null;
  // dated rows yet none found (nothing imported): nothing changed
  if (sql && batchId !== null && since === null) return;
  // from `since` on: the 18 items (customer family) of later days read the latest snapshot ≤ each day
  invalidateFamilies(db, families, since);
}

/** Everything, for a change of rules (the 18-item catalog) rather than of rows. */
export function invalidateAll(db: Db, families: readonly FamilyId[] = FAMILY_IDS): void {
  invalidateFamilies(db, families, null);
}
