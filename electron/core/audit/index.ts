import { EventEmitter } from 'node:events';
import type { ImportFileResult } from '../../../shared/api.js';
import { HttpError } from '../auth/errors.js';
import { whenWritable } from '../db/busy.js';
import type { Db } from '../db/connection.js';
import { currentOrigin, type AuditOrigin } from './origin.js';

export { listAudit, auditRows } from './query.js';
export { currentOrigin, withAuditOrigin, type AuditOrigin, type AuditSource } from './origin.js';
export type { AuditEntry, AuditPage, AuditFilter } from '../../../shared/audit.js';

export interface AuditInput {
  username: string | null;
  /** a short stable verb from shared/audit.ts AUDIT_ACTIONS */
  action: string;
  target?: string | null;
  /** free text or an object (stored as JSON); never a password or a full personal-data value */
  detail?: string | Record<string, unknown> | null;
  /** where the action came from; by default the request being served (origin.ts) */
  origin?: AuditOrigin;
}

/**
 * The audit row an action needs could not be written, so the action is not carried out (its
 * data is not returned): a bank may not show personal data it has not recorded showing.
 */
export class AuditUnavailableError extends HttpError {
  constructor(readonly reason: string) {
    super(
      503,
      '审计日志暂时无法写入，本次操作未执行，请稍后重试；如持续出现请联系管理员。 (The audit log could not be written, so the action was not carried out. Try again later.)',
      'audit_unavailable',
    );
  }
}

/** How long a write waits for another connection's write lock before the action fails. An
 *  import holds the lock for the whole of one file, so this covers an ordinary file. */
export const DEFAULT_AUDIT_WAIT_MS = 30_000;
const waits = new WeakMap<Db, number>();

/** Sets how long audit writes on this connection wait for the lock (the API's tests shorten it). */
export function setAuditWait(db: Db, ms: number): void {
  waits.set(db, ms);
}

/** Emits 'busy' (db) each time a write finds the database locked and waits: a test's signal that
 *  the write is waiting, and an operator's hint in the log. */
export const auditEvents = new EventEmitter();

type Row = [at: string, username: string | null, action: string, target: string | null, detail: string | null, source: string, client: string | null];

function rowOf(e: AuditInput): Row {
  const detail = e.detail == null ? null : typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail);
  // taken now, synchronously: the caller's request context, not whatever runs when a retry fires
  const o = e.origin ?? currentOrigin();
  return [new Date().toISOString(), e.username, e.action, e.target ?? null, detail, o.source, o.client];
}

const INSERT = 'INSERT INTO audit_log (at, username, action, target, detail, source, client) VALUES (?, ?, ?, ?, ?, ?, ?)';

/**
 * Writes the row inside the caller's open transaction, so it commits or rolls back with the work
 * it records (an import, a user change, a settings save). Throws when it cannot be written,
 * which rolls that work back too.
 */
export function auditInTransaction(db: Db, e: AuditInput): void {
  if (!db.inTransaction) throw new Error('auditInTransaction: no open transaction');
  db.prepare(INSERT).run(...rowOf(e));
}

/**
 * Appends one row (append-only: triggers of migration 006 refuse UPDATE and DELETE) and resolves
 * once it is committed. The caller awaits it BEFORE handing out what it records: if the row
 * cannot be written the promise rejects with AuditUnavailableError (HTTP 503) and the action fails.
 *
 * An import holds SQLite's write lock on its own connection for as long as a file takes, and
 * better-sqlite3 waits for a lock synchronously, on the thread that also drives the import: a
 * plain insert would freeze the process for the busy timeout. So each try does not wait
 * (busy_timeout 0), and between tries the event loop runs, until the lock is free or the wait
 * (setAuditWait) is over. Any other error (a read-only file, a full disk) fails at once.
 */
export function audit(db: Db, e: AuditInput): Promise<void> {
  const p = write(db, rowOf(e));
  // A caller that forgot to await must not crash the process on a rejection; one that awaits
  // still receives it.
  p.catch((err: unknown) => console.error(`[audit] ${e.action} not written:`, (err as AuditUnavailableError).reason ?? err));
  return p;
}

async function write(db: Db, row: Row): Promise<void> {
  if (!db.open) throw new AuditUnavailableError('database closed');
  try {
    await whenWritable(db, () => db.prepare(INSERT).run(...row), waits.get(db) ?? DEFAULT_AUDIT_WAIT_MS, () => auditEvents.emit('busy', db));
  } catch (err) {
    throw new AuditUnavailableError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The importer's audit callback (ImportOptions.audit): the row of a file goes in with the file's
 * own transaction; a failed file's row is written on its own.
 */
export function importAuditor(username: string | null, origin?: AuditOrigin): (db: Db, result: ImportFileResult) => void {
  const at = origin ?? currentOrigin();
  return (db, result) => {
    const { file, ...detail } = result;
    const e: AuditInput = { username, action: result.error ? 'import_failed' : 'import', target: file, detail: { ...detail }, origin: at };
    if (db.inTransaction) auditInTransaction(db, e);
    else db.transaction(() => auditInTransaction(db, e))();
  };
}
