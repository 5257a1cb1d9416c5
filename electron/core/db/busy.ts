// Writing on the API's connection while an import holds SQLite's write lock on its own one.
//
// better-sqlite3 waits for a lock synchronously, on the thread that also drives the import: a
// write that waits (busy_timeout) freezes the whole process, import included, until it times out.
// So a write here never waits inside SQLite: it is tried with busy_timeout 0 and, while the
// database is locked, tried again after a pause during which the event loop (and the import) run.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from './connection.js';

export const isBusyError = (err: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown })?.code ?? ''));

export class StillBusyError extends Error {
  constructor() {
    super('database locked');
  }
}

/**
 * Runs `work` (synchronous: a statement or a better-sqlite3 transaction) once the write lock is
 * free, for at most `waitMs`; `onBusy` is told each time it has to wait. Errors other than
 * "busy" are thrown at once; the wait running out throws StillBusyError.
 */
export async function whenWritable<T>(db: Db, work: () => T, waitMs: number, onBusy?: () => void): Promise<T> {
  const deadline = Date.now() + waitMs;
  let pause = 5;
  for (;;) {
    try {
      return withoutWaiting(db, work);
    } catch (err) {
      if (!isBusyError(err)) throw err;
      onBusy?.();
      const left = deadline - Date.now();
      if (left <= 0) throw new StillBusyError();
      await sleep(Math.min(pause, left));
      pause = Math.min(pause * 2, 200);
    }
  }
}

function withoutWaiting<T>(db: Db, work: () => T): T {
  // Inside a transaction already open on this connection the lock is ours: no waiting to avoid.
  if (db.inTransaction) return work();
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
