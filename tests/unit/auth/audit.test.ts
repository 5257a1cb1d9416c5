// The audit log's writer over real SQLite files: append-only in the database itself, never a row
// dropped, and an action whose row cannot be written fails. Locks and failures are real: a second
// connection holding the write lock (BEGIN IMMEDIATE), or a trigger that raises.
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import {
  AuditUnavailableError,
  audit,
  auditEvents,
  auditInTransaction,
  listAudit,
  setAuditWait,
  withAuditOrigin,
} from '../../../electron/core/audit/index.js';
import { tempDb } from './helpers.js';

const actions = (db: Parameters<typeof listAudit>[0]) => listAudit(db, { limit: 100 }).items.map((e) => e.action);

/** Resolves the next time a write on `db` finds it locked and waits. */
function nextBusy(db: object): Promise<void> {
  return new Promise((resolve) => {
    const on = (d: object) => {
      if (d !== db) return;
      auditEvents.off('busy', on);
      resolve();
    };
    auditEvents.on('busy', on);
  });
}

describe('audit log', () => {
  it('appends rows with their origin and the time of the call, newest first, the detail as JSON', async () => {
    const { db } = tempDb();
    // the clock is set, not read: each row must carry the instant its action was recorded
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2024-07-31T06:03:00.123Z'));
      await withAuditOrigin({ source: 'web', client: '10.1.2.3' }, () => audit(db, { username: 'a', action: 'login', target: 'a' }));
      vi.setSystemTime(new Date('2024-07-31T06:04:59.999Z'));
      await audit(db, { username: 'b', action: 'export', target: 'batch:3', detail: { rows: 5 }, origin: { source: 'cli', client: null } });
      vi.setSystemTime(new Date('2024-08-01T00:00:00.000Z'));
      await audit(db, { username: null, action: 'setup' });
    } finally {
      vi.useRealTimers();
    }
    const items = listAudit(db).items;
    expect(items.map((e) => [e.action, e.source, e.client, e.at])).toEqual([
      ['setup', 'system', null, '2024-08-01T00:00:00.000Z'], // outside any request
      ['export', 'cli', null, '2024-07-31T06:04:59.999Z'],
      ['login', 'web', '10.1.2.3', '2024-07-31T06:03:00.123Z'],
    ]);
    expect(items[1].detail).toBe('{"rows":5}');
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    const { db } = tempDb();
    await audit(db, { username: 'a', action: 'login' });
    expect(() => db.prepare("UPDATE audit_log SET username = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(listAudit(db).items.map((e) => e.username)).toEqual(['a']);
  });

  it('waits without blocking while another connection holds the write lock, and writes once it is free', async () => {
    const { db, file } = tempDb();
    const importer = new Database(file);
    importer.exec('BEGIN IMMEDIATE');
    const busy = nextBusy(db);
    let settled = false;
    const written = audit(db, { username: 'u', action: 'customer_reveal', target: 'C001' }).finally(() => (settled = true));
    await busy; // the event loop ran: the write did not block the thread
    expect(settled).toBe(false);
    importer.exec('COMMIT');
    importer.close();
    await written;
    expect(actions(db)).toEqual(['customer_reveal']);
  });

  it('fails the action (503) when the lock is not freed in time, writing nothing', async () => {
    const { db, file } = tempDb();
    setAuditWait(db, 30);
    const importer = new Database(file);
    importer.exec('BEGIN IMMEDIATE');
    const err = await audit(db, { username: 'u', action: 'customer_reveal', target: 'C001' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditUnavailableError);
    expect((err as AuditUnavailableError).status).toBe(503);
    importer.exec('COMMIT');
    importer.close();
    expect(actions(db)).toEqual([]);
  });

  it('a row that cannot be written does not take another user’s waiting row with it (issue 8)', async () => {
    const { db, file } = tempDb();
    // a real failure other than "busy": the database refuses this one action
    db.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON audit_log WHEN NEW.action = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const importer = new Database(file);
    importer.exec('BEGIN IMMEDIATE');
    const busy = nextBusy(db);
    const first = audit(db, { username: 'li', action: 'customer_reveal', target: 'C001' });
    await busy;
    importer.exec('COMMIT');
    importer.close();
    // tried at once, before the waiting row's next try: fails on its own
    const second = audit(db, { username: 'wang', action: 'boom' }).catch((e: unknown) => e);
    expect(await second).toBeInstanceOf(AuditUnavailableError);
    await first;
    expect(listAudit(db).items.map((e) => [e.username, e.action])).toEqual([['li', 'customer_reveal']]);
  });

  it('inside a transaction the row commits or rolls back with the work', async () => {
    const { db } = tempDb();
    db.transaction(() => auditInTransaction(db, { username: 'a', action: 'settings', target: 'crm.items' }))();
    expect(() =>
      db.transaction(() => {
        auditInTransaction(db, { username: 'a', action: 'settings', target: 'crm.rules' });
        throw new Error('the save failed');
      })(),
    ).toThrow('the save failed');
    expect(listAudit(db).items.map((e) => e.target)).toEqual(['crm.items']);
    expect(() => auditInTransaction(db, { username: 'a', action: 'settings' })).toThrow(/no open transaction/);
  });
});
