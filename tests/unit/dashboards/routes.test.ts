// The dashboard routes over a real API and a hand-built bank of two branches with deposits and no
// loans: what they answer inside the caller's scope, 400 for bad input, 404 outside the scope, and
// the empty states of an empty bank, of a bank without loans, and of a date before any data.
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPaths, undoBatch } from '../../../electron/core/import/index.js';
import { openDb } from '../../../electron/core/db/connection.js';
import { resolveTarget } from '../../../electron/core/indicators/index.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
import { dashboardSpec } from '../../../electron/core/dashboards/index.js';
import { saveIndicatorSettings } from '../../../electron/core/settings/indicators.js';
import { DASHBOARD_IDS, type IndicatorsResult } from '../../../shared/indicators.js';
import type { DashboardSpec } from '../../../shared/dashboard.js';
import { tempApi, tempDir, type TestApi } from '../api/helpers.js';
import { checkShape } from './checks.js';

const ORG = '机构号,机构名称,上级机构号,机构层级\nHQ,测试农商银行,,总行\nB1,城东支行,HQ,支行\nB2,城西支行,HQ,支行\n';
const STAFF = '员工号,姓名,所属机构号,岗位\nS01,王经理,B1,客户经理\nS02,李经理,B2,客户经理\n';
const CUSTOMER = '客户号,客户名称,客户类型,所属机构号,管户客户经理号\nC001,张三,个人,B1,S01\nC002,李四,个人,B2,S02\n';
// B1: 1,000.00 + 234.56 on 07-31 (1,000.00 on 06-30); B2: 5,000.00 on 07-31
const DEPOSIT =
  '数据日期,账号,客户号,存款种类,账户余额,账户状态,所属机构号,归属客户经理号\n' +
  '2024-06-30,A001,C001,活期,1000.00,正常,B1,S01\n' +
  '2024-07-31,A001,C001,活期,1000.00,正常,B1,S01\n' +
  '2024-07-31,A002,C001,定期,234.56,正常,B1,S01\n' +
  '2024-07-31,A003,C002,活期,5000.00,正常,B2,S02\n';

async function bank(): Promise<TestApi> {
  const api = tempApi({ userOrg: 'B1' });
  const dir = path.join(api.dir, 'files');
  fs.mkdirSync(dir);
  const files = Object.entries({ 'org.csv': ORG, 'staff.csv': STAFF, 'customer.csv': CUSTOMER, 'deposit.csv': DEPOSIT }).map(([n, t]) => {
    fs.writeFileSync(path.join(dir, n), t);
    return path.join(dir, n);
  });
  for (const r of await importPaths(api.db, files)) if (r.error) throw new Error(`${r.file}: ${r.error}`);
  return api;
}

const get = (api: TestApi, url: string) => api.app.fetch(new Request(`http://localhost${url}`, { headers: api.auth('branch_manager') }));

describe('dashboard routes', () => {
  it('answer inside the caller\'s scope: a B1 user reads B1 (1,234.56 元), a staff member of B1, and the change since 上月末', async () => {
    const api = await bank();
    const ind = (await (await get(api, '/api/indicators?date=2024-07-31')).json()) as IndicatorsResult;
    expect(ind.scope).toEqual({ type: 'org', id: 'B1' });
    expect(ind.indicators.deposit_balance).toBe(1234.56);
    const staff = (await (await get(api, '/api/indicators?date=2024-07-31&staff=S01')).json()) as IndicatorsResult;
    expect(staff.scope).toEqual({ type: 'staff', id: 'S01' });
    const res = await get(api, '/api/dashboards/deposit?date=2024-07-31&base=prev_month_end');
    expect(res.status).toBe(200);
    const spec = (await res.json()) as DashboardSpec;
    expect(spec.base).toBe('2024-06-30');
    expect(spec.scope).toEqual({ type: 'org', id: 'B1', name: '城东支行' });
    const k = spec.kpis.find((x) => x.key === 'deposit_balance')!;
    // 1,234.56 − 1,000.00, worked by hand
    expect([k.value, k.base, k.change]).toEqual([1234.56, 1000, 234.56]);
    const days = (await (await get(api, '/api/indicators/days')).json()) as { date: string; deposit: boolean; loan: boolean }[];
    expect(days).toEqual([
      { date: '2024-06-30', deposit: true, loan: false, acq_txn: false, visit: false },
      { date: '2024-07-31', deposit: true, loan: false, acq_txn: false, visit: false },
    ]);
    const en = (await (await get(api, '/api/dashboards/overview?date=2024-07-31&lang=en')).json()) as DashboardSpec;
    expect(en.title).toBe('Overview');
    expect(en.base).toBeNull();
  });

  it('figures kept between requests give way to an import and to its undo', async () => {
    const api = await bank();
    const balance = async () => ((await (await get(api, '/api/dashboards/deposit?date=2024-07-31')).json()) as DashboardSpec).kpis.find((k) => k.key === 'deposit_balance')!.value;
    expect(await balance()).toBe(1234.56);
    expect(await balance()).toBe(1234.56);
    const file = path.join(api.dir, 'files', 'fix.csv');
    // a correction of one account: 234.56 → 300.00, so B1 holds 1,300.00
    fs.writeFileSync(file, '数据日期,账号,客户号,存款种类,账户余额,账户状态,所属机构号,归属客户经理号\n2024-07-31,A002,C001,定期,300.00,正常,B1,S01\n');
    const [r] = await importPaths(api.db, [file]);
    expect(await balance()).toBe(1300);
    undoBatch(api.db, r.batchId!, null);
    expect(await balance()).toBe(1234.56);
  });

  it('存款偏离度 per staff member against the threshold setting as it is now', async () => {
    const api = await bank();
    const chart = async () => ((await (await get(api, '/api/dashboards/deposit?date=2024-07-31')).json()) as DashboardSpec).charts.find((c) => c.id === 'deposit_deviation_by_unit')!;
    const c = await chart();
    // B1 has no child org: one bar per staff member. S01's month: 30 days at 1,000.00 and one at
    // 1,234.56 → average 3,123,456 分 / 31 = 100,756.6… → 100,757 分; deviation (123,456 − 100,757) / 100,757
    expect(c.categories).toEqual(['王经理']);
    expect(c.series[0].data[0]).toBe(22_699 / 100_757);
    expect(c.series[0].drill).toEqual([{ kind: 'scope', staff: 'S01' }]);
    expect(c.threshold).toEqual({ value: 0.03, label: '阈值 3%' });
    saveIndicatorSettings(api.db, { deviationThreshold: 0.04 }, 'tester');
    expect((await chart()).threshold).toEqual({ value: 0.04, label: '阈值 4%' });
  });

  it('400 for a bad date, base, dashboard, language or range', async () => {
    const api = await bank();
    for (const url of [
      '/api/indicators?date=2024-02-30',
      '/api/indicators',
      '/api/dashboards/overview?date=20240731',
      '/api/dashboards/overview?date=2024-07-31&base=last_week',
      '/api/dashboards/overview?date=2024-07-31&base=custom',
      '/api/dashboards/overview?date=2024-07-31&base=2024-13-01',
      '/api/dashboards/overview?date=2024-07-31&lang=fr',
      '/api/dashboards/nosuch?date=2024-07-31',
      '/api/migration?from=2024-07-31&to=2024-06-30',
      '/api/migration?from=2024-06-31&to=2024-07-31',
    ]) {
      const res = await get(api, url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(((await res.json()) as { error: string }).error.length, url).toBeGreaterThan(0);
    }
  });

  it('404 for an org or staff member outside the caller\'s scope, or unknown', async () => {
    const api = await bank();
    for (const url of [
      '/api/indicators?date=2024-07-31&org=B2',
      '/api/indicators?date=2024-07-31&staff=S02',
      '/api/dashboards/overview?date=2024-07-31&org=HQ',
      '/api/dashboards/overview?date=2024-07-31&staff=S02',
      '/api/dashboards/overview?date=2024-07-31&staff=NOBODY',
      '/api/migration?from=2024-06-30&to=2024-07-31&org=B2',
    ]) {
      expect({ url, status: (await get(api, url)).status }).toEqual({ url, status: 404 });
    }
  });

  it('a bank with deposits and no loans: every loan chart says no loans are loaded, deposit charts draw', async () => {
    const api = await bank();
    for (const id of ['loan', 'quality'] as const) {
      const spec = (await (await get(api, `/api/dashboards/${id}?date=2024-07-31`)).json()) as DashboardSpec;
      expect(spec.empty).toBeUndefined();
      for (const c of spec.charts) {
        checkShape(c, id);
        expect(c.empty, `${id} ${c.id}`).toContain('尚未导入贷款数据');
      }
    }
    const en = (await (await get(api, '/api/dashboards/loan?date=2024-07-31&lang=en')).json()) as DashboardSpec;
    for (const c of en.charts) expect(c.empty, c.id).toMatch(/No loan data/);
    const dep = (await (await get(api, '/api/dashboards/deposit?date=2024-07-31')).json()) as DashboardSpec;
    for (const c of dep.charts) checkShape(c, 'deposit');
    expect(dep.charts.find((c) => c.id === 'deposit_trend')!.empty).toBeUndefined();
  });

  it('a date before any data: the dashboard names the first data date and draws nothing', async () => {
    const api = await bank();
    const spec = (await (await get(api, '/api/dashboards/overview?date=2024-06-29')).json()) as DashboardSpec;
    expect(spec.empty).toContain('2024-06-30');
    expect(spec.charts).toEqual([]);
  });

  it('an empty bank: every dashboard says nothing has been imported, in either language', () => {
    const db = openDb(path.join(tempDir(), 'empty.db'));
    try {
      const target = resolveTarget(db, wholeBankScope());
      for (const id of DASHBOARD_IDS) {
        const zh = dashboardSpec(db, id, { date: '2024-07-31', base: '2024-06-30', target, lang: 'zh' });
        expect(zh.empty, id).toContain('尚未导入任何数据');
        expect([zh.kpis, zh.charts]).toEqual([[], []]);
        expect(dashboardSpec(db, id, { date: '2024-07-31', base: null, target, lang: 'en' }).empty).toMatch(/No data has been imported/);
      }
    } finally {
      db.close();
    }
  });
});
