import type { AuditEntry, AuditPage } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';

export type { AuditEntry, AuditPage };

export interface AuditInput {
  username: string | null;
  /** a short stable verb: login, login_failed, logout, setup, import, undo, export, ... */
  action: string;
  target?: string | null;
  /** free text or an object (stored as JSON); never a password or a full personal-data value */
  detail?: string | Record<string, unknown> | null;
}

type Row = [at: string, username: string | null, action: string, target: string | null, detail: string | null];
const pending = new WeakMap<Db, Row[]>();
const retrying = new WeakSet<Db>();

/**
 * Appends one row to the audit log (append-only: nothing in the console updates or deletes it).
 *
 * An import holds SQLite's write lock on its own connection for as long as a file takes, and
 * better-sqlite3 waits for a lock synchronously, on the thread that also drives the import: a
 * plain insert here would freeze the whole process for the busy timeout and then fail. So the row
 * is tried without waiting and, when the database is busy, kept in memory and written as soon as
 * the lock is free.
 */
export function audit(db: Db, e: AuditInput): void {
  const detail = e.detail == null ? null : typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail);
  const queue = pending.get(db) ?? [];
  queue.push([new Date().toISOString(), e.username, e.action, e.target ?? null, detail]);
  pending.set(db, queue);
  flush(db);
}

function flush(db: Db): void {
  const queue = pending.get(db);
  if (!queue?.length || !db.open) return;
  const insert = db.prepare('INSERT INTO audit_log (at, username, action, target, detail) VALUES (?, ?, ?, ?, ?)');
  const write = () => {
    for (const row of queue) insert.run(...row);
    queue.length = 0;
  };
  // Inside the caller's own transaction the row belongs to it (and is undone with it).
  if (db.inTransaction) return write();
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.transaction(write)();
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') {
      queue.length = 0;
      throw err;
    }
    if (!retrying.has(db)) {
      retrying.add(db);
      setTimeout(() => {
        retrying.delete(db);
        flush(db);
      }, 200).unref();
    }
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Rows still waiting for the write lock (see audit). */
export function pendingAudit(db: Db): number {
  return pending.get(db)?.length ?? 0;
}

export interface AuditQuery {
  limit?: number;
  offset?: number;
  username?: string;
  action?: string;
}

/** Newest first. */
export function listAudit(db: Db, q: AuditQuery = {}): AuditPage {
  flush(db);
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.username) {
    where.push('username = ?');
    args.push(q.username);
  }
  if (q.action) {
    where.push('action = ?');
    args.push(q.action);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 100), 1), 1000);
  const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
  const items = db
    .prepare(`SELECT id, at, username, action, target, detail FROM audit_log ${w} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...args, limit, offset) as AuditEntry[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${w}`).get(...args) as { n: number }).n;
  return { items, total };
}
