// The background materialisation (indicators/job.ts): what is pending, that the worker builds it
// off the event loop while the API answers, that an import leaves the new date built, and that a
// failure is reported rather than swallowed. Waits on the job's own progress events, never sleeps.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hono } from 'hono';
import { apiIdle, createApi, indicatorJobOf } from '../../../electron/core/api/index.js';
import { SessionStore, getUser, insertUser, hashPassword } from '../../../electron/core/auth/index.js';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { buildPending, pendingWork, type IndicatorJob, type IndicatorJobStatus } from '../../../electron/core/indicators/job.js';
import { FAMILY_IDS } from '../../../electron/core/indicators/families/index.js';
import { addDays } from '../../../shared/dates.js';
import { tempApi, tempDir } from '../api/helpers.js';

const DAILY = ['customer', 'merchant', 'card', 'signing', 'visit'];

/** Resolves with the first status the job reports that satisfies `ok` (its 'progress' events). */
function until(job: IndicatorJob, ok: (s: IndicatorJobStatus) => boolean): Promise<IndicatorJobStatus> {
  return new Promise((resolve) => {
    if (ok(job.status())) return resolve(job.status());
    const on = (s: IndicatorJobStatus) => {
      if (!ok(s)) return;
      job.off('progress', on);
      resolve(s);
    };
    job.on('progress', on);
  });
}

const stateRows = (db: Db, date: string) =>
  (db.prepare('SELECT family FROM ind_state WHERE data_date = ? ORDER BY family').pluck().all(date) as string[]);

describe('pendingWork', () => {
  it('lists snapshot families at their own dates and the daily ones at every data date, latest first', () => {
    const dir = tempDir('bc-job-');
    const db = openDb(path.join(dir, 'x.db'));
    try {
      db.prepare("INSERT INTO org (org_id, name, level) VALUES ('H', '总行', '总行')").run();
      db.prepare("INSERT INTO customer (cust_id, name, org_id) VALUES ('C1', '甲', 'H')").run();
      const dep = db.prepare("INSERT INTO deposit (data_date, acct_no, cust_id, balance) VALUES (?, 'A1', 'C1', 100)");
      dep.run('2024-07-01');
      dep.run('2024-07-03');
      db.prepare("INSERT INTO loan (data_date, loan_no, cust_id, issue_date, amount, balance) VALUES ('2024-07-02', 'L1', 'C1', '2024-01-02', 500, 500)").run();
      // 07-03: deposit + 5 daily · 07-02: loan + 5 daily · 07-01: deposit + 5 daily = 18 pairs
      const expected = [
        ...['deposit', ...DAILY].map((f) => ['2024-07-03', f]),
        ...['loan', ...DAILY].map((f) => ['2024-07-02', f]),
        ...['deposit', ...DAILY].map((f) => ['2024-07-01', f]),
      ];
      const order = (rows: string[][]) => rows.map(([d, f]) => `${d} ${FAMILY_IDS.indexOf(f as never)}`);
      expect(order(pendingWork(db).map((w) => [w.date, w.family]))).toEqual(order(expected));

      const seen: number[] = [];
      expect(buildPending(db, (p) => seen.push(p.done))).toEqual({ done: 18, total: 18, stopped: false });
      expect(seen).toEqual([...Array.from({ length: 18 }, (_, i) => i), 18]);
      expect(pendingWork(db)).toEqual([]);
      expect(stateRows(db, '2024-07-02')).toEqual(['card', 'customer', 'loan', 'merchant', 'signing', 'visit']);

      // a dropped pair (what an import's invalidation does) is pending again, and only it
      db.prepare("DELETE FROM ind_state WHERE data_date = '2024-07-01' AND family = 'visit'").run();
      expect(pendingWork(db)).toEqual([{ date: '2024-07-01', family: 'visit' }]);
      // asked to stop before the first pair, it builds nothing
      expect(buildPending(db, undefined, () => true)).toEqual({ done: 0, total: 1, stopped: true });
    } finally {
      db.close();
    }
  });
});

describe('the job behind the API', () => {
  const apps: { app: Hono; db: Db }[] = [];
  afterEach(async () => {
    for (const { app, db } of apps.splice(0)) {
      indicatorJobOf(app)!.close();
      await apiIdle(app);
      db.close();
    }
  });

  it('builds off the event loop: the API answers while a big build runs, and a shutdown stops it between pairs', async () => {
    // 120 daily deposit snapshots of 300 accounts: 120 × (deposit + 5 daily families) = 720 pairs
    const dir = tempDir('bc-job-big-');
    const db = openDb(path.join(dir, 'bank.db'));
    db.transaction(() => {
      db.prepare("INSERT INTO org (org_id, name, level) VALUES ('H', '总行', '总行')").run();
      const cust = db.prepare("INSERT INTO customer (cust_id, name, org_id) VALUES (?, '客户', 'H')");
      for (let i = 0; i < 300; i++) cust.run(`C${i}`);
      const dep = db.prepare('INSERT INTO deposit (data_date, acct_no, cust_id, balance) VALUES (?, ?, ?, ?)');
      for (let d = 0; d < 120; d++) for (let i = 0; i < 300; i++) dep.run(addDays('2024-03-01', d), `A${i}`, `C${i}`, 100 * i + d);
    })();
    const pending = pendingWork(db).length;
    expect(pending).toBe(120 * 6);
    const sessions = new SessionStore();
    insertUser(db, { username: 'probe', displayName: 'probe', role: 'admin', orgId: null }, await hashPassword('password1'));
    const token = sessions.create(getUser(db, 'probe')!);
    const app = createApi({ db, dataDir: dir, sessions, materialiseOnStart: true });
    apps.push({ app, db });
    const job = indicatorJobOf(app)!;

    // one pair done by the worker, many to go
    await until(job, (s) => s.state === 'running' && s.done >= 1);
    const res = await app.request('/api/indicators/status', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const answered = (await res.json()) as IndicatorJobStatus;
    expect(answered).toMatchObject({ state: 'running', total: pending, error: null });
    expect(answered.current).not.toBeNull();
    expect((await app.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // answered while the worker was still building: the build has not finished since
    expect(job.status().done).toBeLessThan(pending);

    job.close();
    await apiIdle(app);
    const after = job.status();
    expect(after.state).toBe('idle');
    expect(after.done).toBeLessThan(pending);
    // what was built is recorded, the rest is still pending for the next start
    expect(pendingWork(db).length).toBe(pending - after.done);
  });

  it('after an import the new date is built and the status is idle; the next import builds only its own date', async () => {
    const t = tempApi({ headOffice: true });
    const upload = async (name: string, text: string) => {
      const fd = new FormData();
      fd.append('file', new Blob([text], { type: 'text/csv' }), name);
      const up = await t.app.fetch(new Request('http://localhost/api/import/upload', { method: 'POST', headers: t.auth('admin'), body: fd }));
      const { uploadId } = (await up.json()) as { uploadId: string };
      const headers = { ...t.auth('admin'), 'content-type': 'application/json' };
      expect((await t.app.request('/api/import/commit', { method: 'POST', headers, body: JSON.stringify({ uploadId }) })).status).toBe(200);
      await apiIdle(t.app);
    };
    const status = async () => (await (await t.app.request('/api/indicators/status', { headers: t.auth('admin') })).json()) as IndicatorJobStatus;

    await upload('customer.csv', '客户号,客户名称,所属机构号\nC1,张三,HQ\n');
    // customers alone give no data date: nothing to build
    expect(await status()).toEqual({ state: 'idle', done: 0, total: 0, current: null, error: null });

    await upload('deposit.csv', '数据日期,账号,客户号,账户余额\n2024-07-01,A1,C1,100.00\n');
    // the one data date: deposit + the 5 daily families
    expect(await status()).toEqual({ state: 'idle', done: 6, total: 6, current: null, error: null });
    expect(stateRows(t.db, '2024-07-01')).toEqual(['card', 'customer', 'deposit', 'merchant', 'signing', 'visit']);

    await upload('loan.csv', '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额\n2024-07-02,L1,C1,2024-01-02,500.00,500.00\n');
    // a loan of 07-02 touches the loan and customer families from 07-02 on: 07-01 stays built
    expect(await status()).toEqual({ state: 'idle', done: 6, total: 6, current: null, error: null });
    expect(stateRows(t.db, '2024-07-02')).toEqual(['card', 'customer', 'loan', 'merchant', 'signing', 'visit']);
    expect(pendingWork(t.db)).toEqual([]);
  });

  it('a failed build is the job’s state with its reason, and logged', async () => {
    const t = tempApi({ headOffice: true });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    t.db.prepare("INSERT INTO customer (cust_id, name, org_id) VALUES ('C1', '甲', 'HQ')").run();
    t.db.prepare("INSERT INTO deposit (data_date, acct_no, cust_id, balance) VALUES ('2024-07-01', 'A1', 'C1', 100)").run();
    // a table a family reads is gone: the worker's build throws
    t.db.exec('DROP TABLE visit');
    const job = indicatorJobOf(t.app)!;
    await job.schedule();
    const s = job.status();
    expect(s.state).toBe('failed');
    expect(s.error).toMatch(/no such table: visit/);
    expect(log.mock.calls.some((c) => String(c[0]).includes('materialisation failed'))).toBe(true);
    log.mockRestore();
  });
});
