// The monitoring API over a real SQLite file and the real rules (api-fixture.ts's bank): runs after
// imports and on request, the alerts in the caller's scope, the decisions, 回测 and rule versions.
//
// Expected alerts, by hand (rules-deposit.test.ts works the same figures): with the default 3%
// threshold and 最低月日均 1,000,000 元, June's 存款偏离度 is over it for 一分理处 S11 and for its
// 客户经理 E1 alone (D1: 1,100,000 on 06-30 against a month average of 1,003,333.33 → 9.63%);
// B1 (2.41%), B2 (2.90%), H (2.47%), E2 (0) and E3 (2.90%, average 500,500 < 1,000,000) are not.
// So a run over June raises exactly two alerts: org S11 and staff E1, both of org S11.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Alert, RuleInfo } from '../../../shared/monitoring.js';
import type { DashboardSpec } from '../../../shared/dashboard.js';
import { apiIdle, monitorJobOf } from '../../../electron/core/api/index.js';
import { insertUser, getUser, hashPassword } from '../../../electron/core/auth/index.js';
import type { BacktestResult, MonitorJobStatus } from '../../../electron/core/monitoring/runs.js';
import { tempApi, type TestApi } from '../api/helpers.js';
import { depositCsv, importBank, plantAlert } from './api-fixture.js';

const HASH = await hashPassword('password1');

let t: TestApi;
/** a user of the org, with its own token */
function userAt(org: string, role: 'branch_manager' | 'performance_officer' | 'lobby_manager' = 'branch_manager'): { authorization: string } {
  const name = `${role}_${org}`;
  if (!getUser(t.db, name)) insertUser(t.db, { username: name, displayName: name, role, orgId: org }, HASH);
  return { authorization: `Bearer ${t.sessions.create(getUser(t.db, name)!)}` };
}
const admin = () => t.auth('admin');

async function call<T>(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.app.request(url, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T };
}

async function runJune(): Promise<MonitorJobStatus> {
  const r = await call<MonitorJobStatus>('POST', '/api/monitoring/run', admin(), { from: '2024-06-01', to: '2024-06-30' });
  expect(r.status).toBe(202);
  await apiIdle(t.app);
  return monitorJobOf(t.app)!.status();
}

const list = async (q = '', headers = admin()) => (await call<{ total: number; alerts: Alert[] }>('GET', `/api/monitoring/alerts${q}`, headers)).body;
const count = (table: string) => t.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

beforeEach(async () => {
  t = tempApi({ userOrg: 'H' });
  await importBank(t.db, t.dir);
});

describe('runs', () => {
  it('a run over June stores the two deviation alerts, with progress to the end', async () => {
    const s = await runJune();
    expect(s).toMatchObject({ state: 'idle', done: 1, total: 1, error: null, last: { from: '2024-06-01', to: '2024-06-30', trigger: 'manual', alerts: 2 } });
    const l = await list();
    expect(l.total).toBe(2);
    expect(l.alerts.map((a) => `${a.subject.type}:${a.subject.id}:${a.org_id}:${a.period}`).sort()).toEqual(['org:S11:S11:2024-06', 'staff:E1:S11:2024-06']);
    // no version was saved: the run stored the defaults it used as version 1 (settings.ts pinRuleSettings)
    expect(l.alerts.every((a) => a.status === 'pending' && a.rule === 'deposit.deviation' && a.ruleVersion === 1)).toBe(true);
  });

  it('an import through the API re-runs the months it touched, and an undo again', async () => {
    expect(count('monitor_alert')).toBe(0);
    // a correction of D1 on 06-30 only (1,050,000 元): the batch speaks for June 30 → May (whose
    // month-end cases June's days judge: runs.ts batchReach) and June are run; May holds nothing.
    // D1's average (29 × 1,000,000 + 1,050,000) / 30 = 1,001,666.67, 06-30 is 4.83% above it: S11
    // and E1 again; B1 4,050,000 against 4,001,666.67 (1.21%) and H 4,565,000 against
    // 4,502,166.67 (1.40%) stay under 3%
    const form = new FormData();
    const rows = depositCsv('2024-06-30', '2024-06-30', () => 1_050_000);
    form.append('file', new Blob([rows], { type: 'text/csv' }), 'deposit_fix.csv');
    const up = await t.app.request('/api/import/upload', { method: 'POST', headers: admin(), body: form });
    expect(up.status).toBe(200);
    const { uploadId } = (await up.json()) as { uploadId: string };
    const commit = await call<{ jobId: string }>('POST', '/api/import/commit', admin(), { uploadId });
    expect(commit.status).toBe(200);
    await apiIdle(t.app);
    const s = monitorJobOf(t.app)!.status();
    expect(s.last).toMatchObject({ from: '2024-05-01', to: '2024-06-30', trigger: 'import', alerts: 2 });
    expect((await list()).total).toBe(2);
    // dismissing one, then undoing the correction: May and June run again (trigger undo); the dismissed
    // alert stays dismissed, the pending one is refreshed
    const e1 = (await list('?staff=E1')).alerts[0];
    expect((await call('POST', `/api/monitoring/alerts/${e1.id}/decide`, admin(), { status: 'dismissed', reason: '月末大额为客户正常收款' })).status).toBe(200);
    const batch = t.db.prepare("SELECT MAX(batch_id) FROM import_batch WHERE dataset = 'deposit'").pluck().get() as number;
    expect((await call('POST', `/api/import/batches/${batch}/undo`, admin(), {})).status).toBe(200);
    await apiIdle(t.app);
    expect(monitorJobOf(t.app)!.status().last).toMatchObject({ trigger: 'undo', from: '2024-05-01' });
    const after = (await call<Alert>('GET', `/api/monitoring/alerts/${e1.id}`, admin())).body;
    expect(after.status).toBe('dismissed');
    // the evidence is June's daily totals: 06-30 went back from 1,050,000 to 1,100,000 for D1
    expect(after.evidenceChanged).toBe(true);
  });

  it('a re-run keeps a dismissed alert dismissed; the evidence unchanged is not flagged', async () => {
    await runJune();
    const org = (await list('?staff=')).alerts.find((a) => a.subject.type === 'org')!;
    const d = await call<Alert>('POST', `/api/monitoring/alerts/${org.id}/decide`, admin(), { status: 'dismissed', reason: '核实为正常业务' });
    expect(d.body).toMatchObject({ status: 'dismissed', reason: '核实为正常业务', decidedBy: 't_admin', evidenceChanged: false });
    await runJune();
    const again = (await call<Alert>('GET', `/api/monitoring/alerts/${org.id}`, admin())).body;
    expect(again).toMatchObject({ id: org.id, status: 'dismissed', reason: '核实为正常业务', evidenceChanged: false });
    expect((await list('?status=pending')).total).toBe(1);
    expect((await list('?status=dismissed')).total).toBe(1);
  });
});

describe('alerts in the scope', () => {
  it('B1 (above S11) sees both alerts; B2 sees none and gets 404 for each, list, detail and decision alike', async () => {
    await runJune();
    const [a] = (await list()).alerts;
    expect((await list('', userAt('B1'))).total).toBe(2);
    expect((await list('', userAt('B2'))).total).toBe(0);
    expect((await call('GET', `/api/monitoring/alerts/${a.id}`, userAt('B1'))).status).toBe(200);
    expect((await call('GET', `/api/monitoring/alerts/${a.id}`, userAt('B2'))).status).toBe(404);
    expect((await call('POST', `/api/monitoring/alerts/${a.id}/decide`, userAt('B2'), { status: 'confirmed' })).status).toBe(404);
    // ?org= narrows: the bank's administrator narrowed to B2 sees nothing either
    expect((await list('?org=B2')).total).toBe(0);
    expect((await call('GET', `/api/monitoring/alerts/${a.id}?org=B2`, admin())).status).toBe(404);
    // an org outside the user's scope is a 404, not an empty list
    expect((await call('GET', '/api/monitoring/alerts?org=B1', userAt('B2'))).status).toBe(404);
  });

  it('deciding: confirm, dismiss only with a reason, reopen; each audited; a 大堂经理 may not decide', async () => {
    await runJune();
    const [a, b] = (await list()).alerts;
    expect((await call('POST', `/api/monitoring/alerts/${a.id}/decide`, userAt('B1', 'lobby_manager'), { status: 'confirmed' })).status).toBe(403);
    const c = await call<Alert>('POST', `/api/monitoring/alerts/${a.id}/decide`, userAt('B1', 'performance_officer'), { status: 'confirmed' });
    expect(c.body).toMatchObject({ status: 'confirmed', decidedBy: 'performance_officer_B1' });
    const noReason = await call<{ code: string }>('POST', `/api/monitoring/alerts/${b.id}/decide`, admin(), { status: 'dismissed', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('reason_required');
    expect((await call<Alert>('GET', `/api/monitoring/alerts/${b.id}`, admin())).body.status).toBe('pending');
    expect((await call('POST', `/api/monitoring/alerts/${b.id}/decide`, admin(), { status: 'dismissed', reason: '季末正常' })).status).toBe(200);
    expect((await call('POST', `/api/monitoring/alerts/${a.id}/decide`, admin(), { status: 'pending', reason: '重新核实' })).status).toBe(200);
    const audited = t.db.prepare("SELECT target FROM audit_log WHERE action = 'alert' ORDER BY rowid").pluck().all();
    expect(audited).toEqual([`alert:${a.id}`, `alert:${b.id}`, `alert:${a.id}`]);
  });

  it('the export holds exactly the filtered alerts, formulas neutralised, audited', async () => {
    await runJune();
    t.db.prepare("UPDATE monitor_alert SET summary = '=HYPERLINK(\"x\")' WHERE subject_type = 'staff'").run();
    const res = await t.app.request('/api/monitoring/alerts/export?format=csv&rule=deposit.deviation&staff=E1', { headers: admin() });
    expect(res.status).toBe(200);
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    // the filter line, the header, then one alert: E1's
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('员工：E1');
    expect(lines[2]).toContain(`'=HYPERLINK`);
    expect(res.headers.get('x-row-count')).toBe('1');
    const row = t.db.prepare("SELECT detail FROM audit_log WHERE action = 'export' ORDER BY rowid DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(row)).toMatchObject({ rows: 1 });
    const xlsx = await t.app.request('/api/monitoring/alerts/export?format=xlsx', { headers: admin() });
    expect(xlsx.headers.get('x-row-count')).toBe('2');
  });
});

describe('回测 and rule settings', () => {
  it('a 回测 counts per org with the parameters asked and stores nothing', async () => {
    const before = [count('monitor_alert'), count('monitor_run'), count('monitor_rule_version')];
    const r = await call<BacktestResult>('POST', '/api/monitoring/backtest', admin(), { rule: 'deposit.deviation', from: '2024-06-01', to: '2024-06-30' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rule: 'deposit.deviation', total: 2, byOrg: [{ org: 'S11', name: '一分理处', count: 2 }] });
    // 最低月日均 2,000,000 元: S11's and E1's average (1,003,333.33) is below it → nothing; B1's
    // (4,003,333.33) is above but its deviation 2.41% is under the threshold
    const hi = await call<BacktestResult>('POST', '/api/monitoring/backtest', admin(), { rule: 'deposit.deviation', from: '2024-06-01', to: '2024-06-30', params: { min_avg: 2_000_000 } });
    expect(hi.body).toMatchObject({ total: 0, byOrg: [], params: { min_avg: 2_000_000 } });
    // inside the caller's scope only
    const b2 = await call<BacktestResult>('POST', '/api/monitoring/backtest', userAt('B2'), { rule: 'deposit.deviation', from: '2024-06-01', to: '2024-06-30' });
    expect(b2.body.total).toBe(0);
    expect([count('monitor_alert'), count('monitor_run'), count('monitor_rule_version')]).toEqual(before);
    const bad = await call<{ error: string; code: string }>('POST', '/api/monitoring/backtest', admin(), { rule: 'deposit.deviation', from: '2024-06-01', to: '2024-06-30', params: { min_avg: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('最低月日均');
  });

  it('saving a rule makes a new version; alerts record it; bad parameters are a 400 naming the parameter', async () => {
    const put = (body: unknown) => call<RuleInfo & { error?: string; code?: string }>('PUT', '/api/monitoring/rules/deposit.deviation', admin(), body);
    const v1 = await put({ params: { min_avg: 900_000 } });
    expect(v1.body).toMatchObject({ version: 1, values: { min_avg: 900_000 } });
    const v2 = await put({ params: { min_coverage: 0.5 } });
    expect(v2.body).toMatchObject({ version: 2, values: { min_avg: 900_000, min_coverage: 0.5 } });
    for (const [params, name] of [
      [{ min_coverage: 1.5 }, '本月有数据天数的最低占比'],
      [{ min_avg: 'abc' }, '最低月日均'],
      [{ min_avg: 1.234 }, '最低月日均'],
      [{ no_such: 1 }, 'no_such'],
    ] as const) {
      const r = await put({ params });
      expect(r.status, JSON.stringify(params)).toBe(400);
      expect(r.body.error).toContain(name);
    }
    const rules = (await call<RuleInfo[]>('GET', '/api/monitoring/rules', admin())).body;
    expect(rules.find((x) => x.id === 'deposit.deviation')).toMatchObject({ version: 2, values: { min_avg: 900_000, min_coverage: 0.5 } });
    expect(rules).toHaveLength(17);
    expect((await call('PUT', '/api/monitoring/rules/deposit.deviation', userAt('B1'), { enabled: false })).status).toBe(403);
    await runJune();
    expect((await list()).alerts.every((a) => a.ruleVersion === 2)).toBe(true);
  });
});

describe('剔除 on the dashboards', () => {
  it('excl=1 gives each KPI its figure without what confirmed alerts name, and follows a confirm and a reopen', async () => {
    // June 30: D1 1,100,000 + D2 3,000,000 + D3 515,000 = 4,615,000 元 in the bank. An alert of
    // S11/E1 naming 100,000 元 of deposit_balance on that day takes it out once confirmed: 4,515,000.
    const id = plantAlert(t.db, 'excl', 'S11', 'E1', [{ key: 'deposit_balance', from: '2024-06-30', to: '2024-06-30', org_id: 'S11', staff_id: 'E1', value: 100_000 }]);
    const kpi = async () => {
      const spec = (await call<DashboardSpec>('GET', '/api/dashboards/deposit?date=2024-06-30&excl=1', admin())).body;
      return spec.kpis.find((k) => k.key === 'deposit_balance')!;
    };
    expect(await kpi()).toMatchObject({ value: 4_615_000, excluded: 4_615_000 });
    await call('POST', `/api/monitoring/alerts/${id}/decide`, admin(), { status: 'confirmed' });
    expect(await kpi()).toMatchObject({ value: 4_615_000, excluded: 4_515_000 });
    // B2's dashboard is untouched by an alert of S11
    const b2 = (await call<DashboardSpec>('GET', '/api/dashboards/deposit?date=2024-06-30&excl=1', userAt('B2'))).body;
    expect(b2.kpis.find((k) => k.key === 'deposit_balance')).toMatchObject({ value: 515_000, excluded: 515_000 });
    await call('POST', `/api/monitoring/alerts/${id}/decide`, admin(), { status: 'pending', reason: '重新核实' });
    expect(await kpi()).toMatchObject({ value: 4_615_000, excluded: 4_615_000 });
    // without excl the KPIs carry no 剔除 figure
    const plain = (await call<DashboardSpec>('GET', '/api/dashboards/deposit?date=2024-06-30', admin())).body;
    expect('excluded' in plain.kpis[0]).toBe(false);
  });
});

describe('overview', () => {
  it('counts the month’s alerts by status and family, per org below the target', async () => {
    await runJune();
    const [a] = (await list()).alerts;
    await call('POST', `/api/monitoring/alerts/${a.id}/decide`, admin(), { status: 'confirmed' });
    const spec = (await call<DashboardSpec>('GET', '/api/monitoring/overview?date=2024-06-30', admin())).body;
    expect(Object.fromEntries(spec.kpis.map((k) => [k.key, k.value]))).toEqual({ alerts_pending: 1, alerts_confirmed: 1, alerts_dismissed: 0 });
    const byUnit = spec.charts.find((c) => c.id === 'alerts_by_unit')!;
    // H's children: B1 (S11's alerts roll up to it) and B2
    expect(byUnit.categories).toEqual(['一支行', '二支行']);
    expect(byUnit.series).toEqual([{ name: '存款', data: [2, 0] }]);
    const month = spec.charts.find((c) => c.id === 'alerts_by_month')!;
    expect(month.categories.at(-1)).toBe('2024-06');
    expect(month.series[0].data.at(-1)).toBe(2);
    const top = spec.charts.find((c) => c.id === 'top_confirmed_staff')!;
    expect(top.series[0]?.data ?? []).toEqual(a.staff_id ? [1] : []);
    expect(spec.charts.find((c) => c.id === 'deposit_deviation_by_unit')?.threshold?.value).toBe(0.03);
    // B2's overview: nothing
    const b2 = (await call<DashboardSpec>('GET', '/api/monitoring/overview?date=2024-06-30', userAt('B2'))).body;
    expect(b2.kpis.every((k) => k.value === 0)).toBe(true);
  });
});
