// Failed sign-ins are counted per source per minute: a flood of guesses adds a bounded number of
// rows however many attempts it makes, and no attempt goes uncounted. Real SQLite file; the clock
// is the log's injected one, so windows are crossed without waiting.
import { describe, expect, it } from 'vitest';
import { FailedLoginLog, OVERFLOW_NAME } from '../../../electron/core/audit/failed-logins.js';
import { listAudit } from '../../../electron/core/audit/index.js';
import { tempDb } from '../auth/helpers.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 7, 1, 2, 0, 0); // 2024-08-01 10:00:00 in Shanghai, on a minute boundary

function rows(db: Parameters<typeof listAudit>[0]) {
  return db.prepare("SELECT username, action, client, detail FROM audit_log WHERE action LIKE 'login_%' ORDER BY id").all() as {
    username: string;
    action: string;
    client: string;
    detail: string;
  }[];
}
const total = (rs: { detail: string }[]) => rs.reduce((s, r) => s + (JSON.parse(r.detail) as { count: number }).count, 0);

describe('failed sign-ins', () => {
  it('one row per source per minute, with the count and the times in Shanghai', async () => {
    const { db } = tempDb();
    let now = T0;
    const log = new FailedLoginLog(db, { now: () => now, timers: false });
    const from = (client: string) => ({ source: 'web' as const, client });
    for (let i = 0; i < 7; i++) log.record('login_failed', 'admin', from('10.0.0.5'));
    now = T0 + 30_000;
    log.record('login_failed', 'admin', from('10.0.0.6'));
    log.record('login_locked', 'admin', from('10.0.0.5'));
    expect(rows(db)).toEqual([]); // nothing yet: the minute is still running
    now = T0 + MINUTE; // the next minute: the first is written when its first attempt comes
    log.record('login_failed', 'admin', from('10.0.0.5'));
    await log.flush(); // and the second on demand (the timer's job in the console)
    expect(rows(db).map((r) => [r.client, r.action, JSON.parse(r.detail)])).toEqual([
      ['10.0.0.5', 'login_failed', { count: 7, from: '2024-08-01 10:00:00', to: '2024-08-01 10:00:00' }],
      ['10.0.0.6', 'login_failed', { count: 1, from: '2024-08-01 10:00:30', to: '2024-08-01 10:00:30' }],
      ['10.0.0.5', 'login_locked', { count: 1, from: '2024-08-01 10:00:30', to: '2024-08-01 10:00:30' }],
      ['10.0.0.5', 'login_failed', { count: 1, from: '2024-08-01 10:01:00', to: '2024-08-01 10:01:00' }],
    ]);
  });

  it('a flood of 20,000 guesses with random names from 50 addresses over 10 minutes stays bounded', async () => {
    const { db } = tempDb();
    let now = T0;
    const maxSources = 100;
    const log = new FailedLoginLog(db, { now: () => now, timers: false, maxSources });
    const attempts = 20_000;
    for (let i = 0; i < attempts; i++) {
      now = T0 + Math.floor((i * 10 * MINUTE) / attempts); // spread evenly over 10 minutes
      log.record('login_failed', `guess${i}`, { source: 'web', client: `10.0.1.${i % 50}` });
    }
    await log.flush();
    const all = rows(db);
    // every attempt counted: 20,000
    expect(total(all)).toBe(attempts);
    // at most maxSources named rows + 1 overflow row per minute, 10 minutes: ≤ 10 × 101 = 1,010
    expect(all.length).toBeLessThanOrEqual(10 * (maxSources + 1));
    // and here exactly that: 2,000 distinct names a minute is far over the cap in every minute
    expect(all.length).toBe(10 * (maxSources + 1));
    const overflow = all.filter((r) => r.username === OVERFLOW_NAME);
    expect(overflow).toHaveLength(10);
    // each minute: 2,000 attempts, 100 under their own name, 1,900 in the overflow row
    expect(overflow.map((r) => JSON.parse(r.detail).count)).toEqual(Array(10).fill(1900));
  });

  it('a window whose rows cannot be written is kept and written later, not dropped', async () => {
    const { db } = tempDb();
    let now = T0;
    const log = new FailedLoginLog(db, { now: () => now, timers: false });
    db.exec("CREATE TRIGGER full_disk BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    for (let i = 0; i < 3; i++) log.record('login_failed', 'admin', { source: 'web', client: '10.0.0.5' });
    await log.flush();
    expect(rows(db)).toEqual([]);
    expect(log.pending).toBe(1);
    db.exec('DROP TRIGGER full_disk');
    now = T0 + MINUTE;
    log.record('login_failed', 'admin', { source: 'web', client: '10.0.0.5' });
    await log.flush();
    expect(total(rows(db))).toBe(4);
  });
});
