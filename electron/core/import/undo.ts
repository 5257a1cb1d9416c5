// Undo of a batch: delete the rows it wrote and put back the rows it replaced, in one
// transaction. Refused when a later batch has since replaced rows this one wrote, because
// putting this batch's predecessors back would silently discard that later correction.
import type { DatasetId } from '../../../shared/datasets.js';
import type { Db } from '../db/connection.js';
import { bumpDataVersion } from './data-version.js';
import { invalidateAfterWrite } from '../indicators/store.js';
import { UserInputError } from '../errors.js';

/** Why an undo cannot be done, said to the user (400 in the API). */
class UndoRefused extends UserInputError {
  constructor(message: string) {
    super(message, 'undo_refused');
  }
}

export function undoBlocker(db: Db, batchId: number): string | null {
  const later = db
    .prepare(
      `SELECT r.batch_id FROM import_replaced r JOIN import_batch b ON b.batch_id = r.batch_id
       WHERE r.batch_id > ? AND b.status = 'committed' AND json_extract(r.row_json, '$.batch_id') = ? LIMIT 1`,
    )
    .pluck()
    .get(batchId, batchId) as number | undefined;
  return later === undefined ? null : `批次 #${later} 之后修改了本批次导入的数据，请先撤销批次 #${later}`;
}

export function undoBatch(db: Db, batchId: number, username: string | null): { deleted: number; restored: number } {
  return db.transaction(() => {
    const b = db.prepare('SELECT dataset, status FROM import_batch WHERE batch_id = ?').get(batchId) as
      | { dataset: DatasetId; status: string }
      | undefined;
    if (!b) throw new UndoRefused(`批次 #${batchId} 不存在`);
    if (b.status !== 'committed') throw new UndoRefused(`批次 #${batchId} 状态为 ${b.status}，不能撤销`);
    const blocker = undoBlocker(db, batchId);
    if (blocker) throw new UndoRefused(blocker);
    // before the rows go: their dates say which indicator cells to drop (indicators/store.ts)
    invalidateAfterWrite(db, b.dataset, batchId);
    const deleted = db.prepare(`DELETE FROM ${b.dataset} WHERE batch_id = ?`).run(batchId).changes;
    let restored = 0;
    // pages rather than one iterator: the connection cannot insert while a statement iterates
    const page = db.prepare('SELECT rowid AS id, row_json FROM import_replaced WHERE batch_id = ? AND rowid > ? ORDER BY rowid LIMIT 1000');
    for (let after = 0; ; ) {
      const rows = page.all(batchId, after) as { id: number; row_json: string }[];
      if (!rows.length) break;
      for (const { row_json } of rows) {
        const row = JSON.parse(row_json) as Record<string, unknown>;
        const cols = Object.keys(row);
        db.prepare(`INSERT INTO ${b.dataset} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
          cols.map((c) => row[c]),
        );
        restored++;
      }
      after = rows[rows.length - 1].id;
    }
    bumpDataVersion(db);
    db.prepare("UPDATE import_batch SET status = 'undone', undone_at = ?, undone_by = ? WHERE batch_id = ?").run(
      new Date().toISOString(),
      username,
      batchId,
    );
    return { deleted, restored };
  })();
}
