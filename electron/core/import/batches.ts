// The import history: batches, their rejected rows and warnings, and the CSV a user downloads.
import { DATASET_BY_ID, type DatasetId } from '../../../shared/datasets.js';
import type { ImportBatch, ImportIssue } from '../../../shared/api.js';
import { csvLine } from '../../../shared/csv-safe.js';
import type { Db } from '../db/connection.js';
import { issueValueFor, issueValueMask, type ValueView } from './issue-mask.js';
import { undoBlocker } from './undo.js';

interface BatchRow {
  batch_id: number; file_name: string; dataset: string; encoding: string | null; min_date: string | null;
  max_date: string | null; rows_read: number; rows_inserted: number; rows_replaced: number; rows_unchanged: number;
  rows_rejected: number; rows_warned: number; status: ImportBatch['status']; username: string | null;
  started_at: string; finished_at: string | null; message: string | null;
}

/** The file name of a batch, or undefined when there is no such batch. */
export function batchFileName(db: Db, batchId: number): string | undefined {
  return db.prepare('SELECT file_name FROM import_batch WHERE batch_id = ?').pluck().get(batchId) as string | undefined;
}

export function listBatches(db: Db, limit = 500): ImportBatch[] {
  const rows = db.prepare('SELECT * FROM import_batch ORDER BY batch_id DESC LIMIT ?').all(limit) as BatchRow[];
  // issue lines per batch (one per cell at fault, plus file-level notes): what the drawer pages over
  const lines = new Map(
    (db
      .prepare('SELECT batch_id, count(*) AS n FROM import_issue WHERE batch_id >= ? GROUP BY batch_id')
      .all(rows.length ? rows[rows.length - 1].batch_id : 0) as { batch_id: number; n: number }[]).map((x) => [x.batch_id, x.n]),
  );
  return rows.map((b) => {
    const blocker = b.status === 'committed' ? undoBlocker(db, b.batch_id) : '该批次未生效';
    return {
      batchId: b.batch_id,
      file: b.file_name,
      dataset: b.dataset as DatasetId,
      datasetName: DATASET_BY_ID[b.dataset as DatasetId]?.zh ?? '未识别',
      encoding: b.encoding,
      minDate: b.min_date,
      maxDate: b.max_date,
      rows: b.rows_read,
      inserted: b.rows_inserted,
      replaced: b.rows_replaced,
      unchanged: b.rows_unchanged,
      rejected: b.rows_rejected,
      warnings: b.rows_warned,
      issues: lines.get(b.batch_id) ?? 0,
      status: b.status,
      username: b.username,
      startedAt: b.started_at,
      finishedAt: b.finished_at,
      canUndo: blocker === null,
      ...(blocker ? { undoBlockedReason: blocker } : {}),
      ...(b.message ? { message: b.message } : {}),
    };
  });
}

/** How issue values are shown: as written, masked (no customer:reveal), or withheld from a
 *  scope narrower than the whole bank (issue-mask.ts says why). */
export type IssueView = ValueView;

/** The value as the reader may see it. */
function issueValue(db: Db, batchId: number, view: IssueView): (column: string | null, value: string | null) => string | null {
  return issueValueFor(view, () => issueValueMask(db, batchId));
}

export function batchIssues(
  db: Db,
  batchId: number,
  q: { level?: 'rejected' | 'warning'; offset?: number; limit?: number } = {},
  view: IssueView = {},
): ImportIssue[] {
  const file = batchFileName(db, batchId);
  if (file === undefined) return [];
  const rows = db
    .prepare(
      `SELECT level, row_no, column_name, value, reason FROM import_issue
       WHERE batch_id = ? AND (? IS NULL OR level = ?) ORDER BY rowid LIMIT ? OFFSET ?`,
    )
    .all(batchId, q.level ?? null, q.level ?? null, q.limit ?? 100, q.offset ?? 0) as {
    level: ImportIssue['level']; row_no: number | null; column_name: string | null; value: string | null; reason: string;
  }[];
  const shown = issueValue(db, batchId, view);
  return rows.map((r) => ({ level: r.level, file, row: r.row_no, column: r.column_name, value: shown(r.column_name, r.value), reason: r.reason }));
}

const LEVEL_ZH = { rejected: '拒绝', warning: '警告' } as const;

/** file, row, column, value, reason — neutralised against formula injection, streamed in pages. */
export function writeIssuesCsv(db: Db, batchId: number, out: (chunk: string) => void, view: IssueView = {}): void {
  const shown = issueValue(db, batchId, view);
  const file = batchFileName(db, batchId);
  out('\uFEFF' + csvLine(['文件 file', '行 row', '列 column', '值 value', '级别 level', '原因 reason']));
  const stmt = db.prepare('SELECT level, row_no, column_name, value, reason FROM import_issue WHERE batch_id = ? ORDER BY rowid');
  let buf = '';
  for (const r of stmt.iterate(batchId) as Iterable<{ level: 'rejected' | 'warning'; row_no: number | null; column_name: string | null; value: string | null; reason: string }>) {
    buf += csvLine([file ?? '', r.row_no, r.column_name, shown(r.column_name, r.value), LEVEL_ZH[r.level], r.reason]);
    if (buf.length > 65536) (out(buf), (buf = ''));
  }
  if (buf) out(buf);
}
