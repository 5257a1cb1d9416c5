// Writing converted rows: insert new keys, replace changed ones (keeping what they replaced for
// undo), leave identical ones alone, and reject a key the same file already gave.
import type { DatasetDef } from '../../../shared/datasets.js';
import type { Db } from '../db/connection.js';
import type { Cell } from './values.js';

export type WriteResult = 'inserted' | 'replaced' | 'unchanged' | 'duplicate';

export interface RowWriter {
  write(values: Cell[]): WriteResult;
}

export function rowWriter(db: Db, ds: DatasetDef, columns: string[], batchId: number): RowWriter {
  const t = ds.id;
  const all = [...columns, 'batch_id'];
  const keyWhere = ds.key.map((k) => `${k} = ?`).join(' AND ');
  const keyAt = ds.key.map((k) => columns.indexOf(k));
  const insert = db.prepare(
    `INSERT INTO ${t} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
  );
  const select = db.prepare(`SELECT * FROM ${t} WHERE ${keyWhere}`);
  const update = db.prepare(`UPDATE ${t} SET ${all.map((c) => `${c} = ?`).join(', ')} WHERE ${keyWhere}`);
  const saveOld = db.prepare('INSERT INTO import_replaced (batch_id, dataset, row_json) VALUES (?, ?, ?)');

  return {
    write(values) {
      const row = [...values, batchId];
      if (insert.run(row).changes === 1) return 'inserted';
      const key = keyAt.map((i) => values[i]);
      const old = select.get(key) as Record<string, Cell>;
      if (old.batch_id === batchId) return 'duplicate'; // the first row of the file with this key stays
      let same = true;
      for (let i = 0; i < columns.length; i++) {
        if (!sameCell(old[columns[i]], values[i])) {
          same = false;
          break;
        }
      }
      if (same) return 'unchanged';
      saveOld.run(batchId, t, JSON.stringify(old));
      update.run([...row, ...key]);
      return 'replaced';
    },
  };
}

function sameCell(a: Cell | undefined, b: Cell): boolean {
  if (a === b) return true;
  if (a === undefined || a === null || b === null) return (a ?? null) === b;
  return typeof a === 'number' && typeof b === 'number' ? a === b : String(a) === String(b);
}
