// merchant_month is built by the background step after an import (the merchant indicator family's
// build, indicators/job.ts), not by the first map request; an undo drops and rebuilds the dates it
// touched; a failed build leaves nothing half-written and is the job's reported state.
// Files imported through the API into a real SQLite file (tempApi). Deposit snapshots on 06-30 and
// 07-31 make those the data dates the job builds. M3 is 注销: not in service, so no row.
//   acq1.csv  T1 M1 07-01 120.50 P1 消费     T2 M1 07-02 79.50 P2 消费    T3 M1 07-02 30.00 P1 消费
//             T4 M1 07-03 50.00 P3 退货 (not a 消费: left out)            T5 M1 06-30 100.00 P1 消费
//             T6 M2 07-05 200.00 P9 (no type: counted as 消费)           T7 M3 07-05 10.00 P1 消费
//   acq2.csv  T8 M1 07-31 1,000.00 P4 消费
// By hand, at 2024-07-31 (July 1–31):
//   M1 n = T1, T2, T3, T8 = 4; 分 = 12,050 + 7,950 + 3,000 + 100,000 = 123,000; payers {P1, P2, P4} = 3;
//      days {07-01, 07-02, 07-31} = 3
//   M2 n = 1; 分 = 20,000; payers 1; days 1
// After acq2 is undone: M1 n = 3; 分 = 12,050 + 7,950 + 3,000 = 23,000; payers {P1, P2} = 2; days 2.
// At 2024-06-30 (June 1–30): M1 n = 1 (T5); 分 = 10,000; payers 1; days 1 — acq2 never reaches it.
import { describe, expect, it, vi } from 'vitest';
import type { PointLayer } from '../../../shared/grid.js';
import { apiIdle, indicatorJobOf } from '../../../electron/core/api/index.js';
import { tempApi, type TestApi } from '../api/helpers.js';

const FILES: [string, string][] = [
  ['customer.csv', '客户号,客户名称,客户类型,所属机构号\nC1,张三商行,个体工商户,HQ\n'],
  [
    'merchant.csv',
    'merchant_id,name,owner_cust_id,sign_date,status,lng,lat,org_id\n' +
      'M1,商户一,C1,2024-01-01,正常,118.61,24.91,HQ\nM2,商户二,C1,2024-01-01,正常,118.62,24.91,HQ\nM3,商户三,C1,2024-01-01,注销,118.63,24.91,HQ\n',
  ],
  ['deposit.csv', '数据日期,账号,客户号,账户余额\n2024-06-30,A1,C1,100.00\n2024-07-31,A1,C1,100.00\n'],
  [
    'acq1.csv',
    '交易流水号,商户号,交易时间,交易金额,付款方标识,交易类型\n' +
      'T1,M1,2024-07-01 10:00:00,120.50,P1,消费\nT2,M1,2024-07-02 09:00:00,79.50,P2,消费\nT3,M1,2024-07-02 15:00:00,30.00,P1,消费\n' +
      'T4,M1,2024-07-03 11:00:00,50.00,P3,退货\nT5,M1,2024-06-30 12:00:00,100.00,P1,消费\nT6,M2,2024-07-05 10:00:00,200.00,P9,\n' +
      'T7,M3,2024-07-05 10:00:00,10.00,P1,消费\n',
  ],
  ['acq2.csv', '交易流水号,商户号,交易时间,交易金额,付款方标识,交易类型\nT8,M1,2024-07-31 08:00:00,1000.00,P4,消费\n'],
];

/** Uploads and commits a file as the import screen does; resolves when the import and the background build are done. */
async function upload(t: TestApi, name: string, text: string): Promise<void> {
  const fd = new FormData();
  fd.append('file', new Blob([text], { type: 'text/csv' }), name);
  const up = await t.app.fetch(new Request('http://localhost/api/import/upload', { method: 'POST', headers: t.auth('admin'), body: fd }));
  expect(up.status, await up.clone().text()).toBe(200);
  const { uploadId } = (await up.json()) as { uploadId: string };
  const headers = { ...t.auth('admin'), 'content-type': 'application/json' };
  const commit = await t.app.request('/api/import/commit', { method: 'POST', headers, body: JSON.stringify({ uploadId }) });
  expect(commit.status, await commit.clone().text()).toBe(200);
  await apiIdle(t.app);
  expect(t.db.prepare("SELECT status FROM import_batch WHERE file_name = ?").pluck().get(name)).toBe('committed');
}

const months = (t: TestApi, date: string) =>
  t.db.prepare('SELECT merchant_id, n, fen, payers, days FROM merchant_month WHERE data_date = ? ORDER BY merchant_id').all(date);

/** A sentinel in the family's build record: a rebuild writes its own ms over it. */
const mark = (t: TestApi, date: string) => t.db.prepare("UPDATE ind_state SET ms = -1 WHERE data_date = ? AND family = 'merchant'").run(date).changes;
const marked = (t: TestApi, date: string) => t.db.prepare("SELECT ms FROM ind_state WHERE data_date = ? AND family = 'merchant'").pluck().get(date) === -1;

describe('merchant_month after imports', () => {
  it('is built by the background step after the import, read (not built) by the map, and follows an undo', async () => {
    const t = tempApi({ headOffice: true });
    for (const [name, text] of FILES) await upload(t, name, text);
    expect(indicatorJobOf(t.app)!.status()).toMatchObject({ state: 'idle', error: null });

    // before any map request
    expect(months(t, '2024-07-31')).toEqual([
      { merchant_id: 'M1', n: 4, fen: 123_000, payers: 3, days: 3 },
      { merchant_id: 'M2', n: 1, fen: 20_000, payers: 1, days: 1 },
    ]);
    expect(months(t, '2024-06-30')).toEqual([{ merchant_id: 'M1', n: 1, fen: 10_000, payers: 1, days: 1 }]);

    // the map only reads what the job stored: the family's record is not rewritten
    expect(mark(t, '2024-07-31')).toBe(1);
    const res = await t.app.request('/api/map/points?kind=merchant&date=2024-07-31', { headers: t.auth('admin') });
    expect(res.status, await res.clone().text()).toBe(200);
    const layer = (await res.json()) as PointLayer;
    // M1 4 < 30 transactions, M2 1: both 普通 (0); M3 not in service, not drawn
    expect(Object.fromEntries(layer.ids.map((id, i) => [id, layer.cls[i]]))).toEqual({ M1: 0, M2: 0 });
    expect(marked(t, '2024-07-31')).toBe(true);

    // undo acq2 (its only transaction is of 07-31): July 31 dropped and rebuilt, June 30 untouched
    expect(mark(t, '2024-06-30')).toBe(1);
    const batch = t.db.prepare("SELECT batch_id FROM import_batch WHERE file_name = 'acq2.csv'").pluck().get() as number;
    const undo = await t.app.request(`/api/import/batches/${batch}/undo`, {
      method: 'POST',
      headers: { ...t.auth('admin'), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(undo.status, await undo.clone().text()).toBe(200);
    await apiIdle(t.app);
    expect(indicatorJobOf(t.app)!.status()).toMatchObject({ state: 'idle', error: null });
    expect(marked(t, '2024-07-31')).toBe(false);
    expect(months(t, '2024-07-31')).toEqual([
      { merchant_id: 'M1', n: 3, fen: 23_000, payers: 2, days: 2 },
      { merchant_id: 'M2', n: 1, fen: 20_000, payers: 1, days: 1 },
    ]);
    expect(marked(t, '2024-06-30')).toBe(true);
    expect(months(t, '2024-06-30')).toEqual([{ merchant_id: 'M1', n: 1, fen: 10_000, payers: 1, days: 1 }]);
  });

  it('a build that fails writes neither the months nor the cells, and the job reports why', async () => {
    const t = tempApi({ headOffice: true });
    for (const [name, text] of FILES.slice(0, 3)) await upload(t, name, text);
    // the family's cells are written before the months: a month refused fails the build after them
    t.db.exec("CREATE TRIGGER refuse BEFORE INSERT ON merchant_month BEGIN SELECT RAISE(ABORT, 'merchant_month refused'); END");
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await upload(t, 'acq1.csv', FILES[3][1]);
    const s = indicatorJobOf(t.app)!.status();
    expect(s.state).toBe('failed');
    expect(s.error).toMatch(/merchant_month refused/);
    expect(log.mock.calls.some((c) => String(c[0]).includes('materialisation failed'))).toBe(true);
    log.mockRestore();
    // the transaction rolled back: no merchant cells at either date, the pairs still pending
    expect(t.db.prepare("SELECT COUNT(*) FROM ind_cell WHERE family = 'merchant'").pluck().get()).toBe(0);
    expect(t.db.prepare("SELECT COUNT(*) FROM ind_state WHERE family = 'merchant'").pluck().get()).toBe(0);
  });
});
