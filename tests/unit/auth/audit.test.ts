import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { audit, listAudit, pendingAudit } from '../../../electron/core/audit/index.js';
import { tempDb } from './helpers.js';

describe('audit log', () => {
  it('appends rows with an ISO time, newest first, paged with a total', () => {
    const { db } = tempDb();
    const before = new Date().toISOString();
    audit(db, { username: 'a', action: 'login', target: 'a' });
    audit(db, { username: 'b', action: 'export', target: 'batch:3', detail: { rows: 5 } });
    audit(db, { username: null, action: 'login_failed', target: 'ghost' });
    const all = listAudit(db, { limit: 10 });
    expect(all.total).toBe(3);
    expect(all.items.map((e) => e.action)).toEqual(['login_failed', 'export', 'login']);
    expect(all.items[1].detail).toBe('{"rows":5}');
    expect(all.items[2].at >= before).toBe(true);
    expect(all.items[2].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const page = listAudit(db, { limit: 1, offset: 1 });
    expect(page.items.map((e) => e.action)).toEqual(['export']);
    expect(page.total).toBe(3);
    expect(listAudit(db, { username: 'a' }).items).toHaveLength(1);
  });

  it('does not block while another connection holds the write lock, and writes the row once it is free', () => {
    const { db, file } = tempDb();
    const importer = new Database(file);
    importer.exec('BEGIN IMMEDIATE');
    const t0 = Date.now();
    audit(db, { username: 'u', action: 'login', target: 'u' });
    // busy_timeout is 5 s: a blocking insert would have waited that long and then thrown
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(pendingAudit(db)).toBe(1);
    importer.exec('COMMIT');
    importer.close();
    expect(listAudit(db).items.map((e) => e.action)).toEqual(['login']);
    expect(pendingAudit(db)).toBe(0);
  });
});
