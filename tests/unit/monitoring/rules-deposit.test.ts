// The deposit rules on banks built by hand and imported through the real importer, with the
// arithmetic in comments: the case each rule must catch, the decoy it must leave, and the boundary
// of each parameter (just inside / just outside).
//
//   H 总行 ── B1 支行 ── S11 分理处
//          └─ B2 支行
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importFile } from '../../../electron/core/import/index.js';
import { readIndicators, resolveTarget } from '../../../electron/core/indicators/index.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
import { saveIndicatorSettings } from '../../../electron/core/settings/indicators.js';
import { DEVIATION, judgedDays } from '../../../electron/core/monitoring/rules/deposit/deviation.js';
import { WINDOW_DRESSING } from '../../../electron/core/monitoring/rules/deposit/window-dressing.js';
import type { Finding } from '../../../electron/core/monitoring/rule.js';
import { addDays } from '../../../shared/dates.js';

const ORGS = '机构号,机构名称,上级机构号,机构层级\nH,总行,,总行\nB1,一支行,H,支行\nS11,一分理处,B1,分理处\nB2,二支行,H,支行\n';
const STAFF = '员工号,姓名,所属机构号,岗位\nE1,甲,S11,客户经理\nE2,乙,B1,客户经理\nE3,丙,B2,客户经理\n';

/** account → [customer, kind, org, manager, balance in 元 on a day (null: no row, the account not open yet)] */
type Account = [string, string, string, string, (day: string) => number | null];

function depositCsv(accounts: Record<string, Account>, from: string, to: string, skip: string[] = []): string {
  let csv = '数据日期,账号,客户号,存款种类,账户余额,所属机构号,归属客户经理号\n';
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (skip.includes(d)) continue;
    for (const [no, [cust, kind, org, mgr, bal]] of Object.entries(accounts)) {
      const v = bal(d);
      if (v !== null) csv += `${d},${no},${cust},${kind},${v.toFixed(2)},${org},${mgr}\n`;
    }
  }
  return csv;
}

async function bank(files: Record<string, string>): Promise<{ db: Db; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-dep-'));
  const db = openDb(path.join(dir, 'bank.sqlite'));
  for (const [name, body] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    const r = await importFile(db, file, { username: 'test' });
    if (r.error) throw new Error(r.error);
  }
  return { db, dir };
}

const between = (from: string, to: string, inside: number, outside: number) => (d: string) => (d >= from && d <= to ? inside : outside);

describe('deposit.deviation', () => {
  // June 2024, daily snapshots but for 06-10 (carried from 06-09: the same balances). Month average = Σ daily totals / 30.
  //   D1 (S11, E1): 1,000,000 every day, 1,100,000 on 06-30
  //     avg = (29 × 1,000,000 + 1,100,000) / 30 = 1,003,333.33 (分: 100,333,333.33 → 100,333,333)
  //     dev = (110,000,000 − 100,333,333) / 100,333,333 = 9,666,667 / 100,333,333 ≈ 9.63 %  > 3 %
  //   D2 (B1, E2): 3,000,000 every day                         → dev 0
  //   D3 (B2, E3): 500,000, 515,000 on 06-30: avg = (29 × 500,000 + 515,000) / 30 = 500,500
  //     dev = 14,500 / 500,500 ≈ 2.897 %                       < 3 %
  //   S11 = D1 → 9.63 %;  B1 = D1 + D2: 9,666,667 / 400,333,333 ≈ 2.41 %;  B2 = D3 ≈ 2.897 %
  //   H = all: (461,500,000 − 450,383,333) / 450,383,333 ≈ 2.47 %
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await bank({
      'org.csv': ORGS,
      'staff.csv': STAFF,
      'customer.csv': '客户号,客户名称,所属机构号,管户客户经理号\nC1,客户一,S11,E1\nC2,客户二,B1,E2\nC3,客户三,B2,E3\n',
      'deposit.csv': depositCsv(
        {
          D1: ['C1', '活期', 'S11', 'E1', between('2024-06-30', '2024-06-30', 1_100_000, 1_000_000)],
          D2: ['C2', '定期', 'B1', 'E2', () => 3_000_000],
          D3: ['C3', '活期', 'B2', 'E3', between('2024-06-30', '2024-06-30', 515_000, 500_000)],
        },
        '2024-06-01',
        '2024-06-30',
        ['2024-06-10'],
      ),
    }));
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const june = { from: '2024-06-01', to: '2024-06-30' };
  const ids = (f: Finding[]) => f.map((x) => `${x.subject.type}:${x.subject.id}`).sort();

  it('flags S11 and E1 (9.63 %) and leaves B1 (2.41 %), B2 and E3 (2.90 %), H (2.47 %) and E2 (0)', () => {
    const found = DEVIATION.run({ db, period: june, params: {} });
    expect(ids(found)).toEqual(['org:S11', 'staff:E1']);
    const s11 = found.find((f) => f.subject.id === 'S11')!;
    expect(s11.org_id).toBe('S11');
    expect(s11.staff_id).toBeNull();
    expect(s11.period).toBe('2024-06');
    const fig = s11.evidence[0];
    expect(fig.fields.deposit_balance).toBe(1_100_000);
    expect(fig.fields.deposit_avg_month).toBe(1_003_333.33);
    expect(fig.fields.deposit_deviation).toBe(9_666_667 / 100_333_333);
    // the daily totals of the month: 30 days, the last one 1,100,000
    expect(fig.series).toHaveLength(30);
    expect(fig.series![29]).toEqual({ date: '2024-06-30', value: 1_100_000 });
    expect(s11.summary).toContain('9.6%');
    const e1 = found.find((f) => f.subject.id === 'E1')!;
    expect([e1.org_id, e1.staff_id]).toEqual(['S11', 'E1']);
    expect(s11.effects).toEqual([]);
  });

  it('reports the dashboards’ own figure (readIndicators) for the org and the staff member', () => {
    const found = DEVIATION.run({ db, period: june, params: {} });
    const s11 = readIndicators(db, '2024-06-30', resolveTarget(db, wholeBankScope(), { org: 'S11' }));
    const e1 = readIndicators(db, '2024-06-30', resolveTarget(db, wholeBankScope(), { staff: 'E1' }));
    expect(found.find((f) => f.subject.id === 'S11')!.evidence[0].fields.deposit_deviation).toBe(s11.deposit_deviation);
    expect(found.find((f) => f.subject.id === 'E1')!.evidence[0].fields.deposit_deviation).toBe(e1.deposit_deviation);
  });

  it('threshold setting: at 2.89 % B2 and E3 (2.897 %) are over it, at 2.9 % they are not', () => {
    // B2's average (500,500) is below the default min_avg (1,000,000): judged only without it
    expect(ids(DEVIATION.run({ db, period: june, params: {} }))).toEqual(['org:S11', 'staff:E1']);
    saveIndicatorSettings(db, { deviationThreshold: 0.0289 }, 'test');
    expect(ids(DEVIATION.run({ db, period: june, params: {} }))).toEqual(['org:S11', 'staff:E1']);
    expect(ids(DEVIATION.run({ db, period: june, params: { min_avg: 0 } }))).toEqual(['org:B2', 'org:S11', 'staff:E1', 'staff:E3']);
    saveIndicatorSettings(db, { deviationThreshold: 0.029 }, 'test');
    expect(ids(DEVIATION.run({ db, period: june, params: { min_avg: 0 } }))).toEqual(['org:S11', 'staff:E1']);
    saveIndicatorSettings(db, { deviationThreshold: 0.03 }, 'test');
  });

  it('min_avg: S11/E1 average 1,003,333.33 is judged at that minimum, not a 分 above it', () => {
    expect(ids(DEVIATION.run({ db, period: june, params: { min_avg: 1_003_333.33 } }))).toEqual(['org:S11', 'staff:E1']);
    expect(ids(DEVIATION.run({ db, period: june, params: { min_avg: 1_003_333.34 } }))).toEqual([]);
  });

  it('min_coverage: 29 of June’s 30 days have a snapshot: judged at 0.96 (28.8 days), not at 0.97 (29.1)', () => {
    expect(ids(DEVIATION.run({ db, period: june, params: { min_coverage: 0.96 } }))).toEqual(['org:S11', 'staff:E1']);
    expect(ids(DEVIATION.run({ db, period: june, params: { min_coverage: 0.97 } }))).toEqual([]);
  });

  it('judges each month end, or the last day of a month not over, at the last day with data', () => {
    expect(judgedDays(db, { from: '2024-06-01', to: '2024-06-15' })).toEqual(['2024-06-15']);
    // July has no snapshot of its own: nothing to judge there
    expect(judgedDays(db, { from: '2024-06-01', to: '2024-07-20' })).toEqual(['2024-06-30']);
    // mid-June every balance equals its average: no alert
    expect(DEVIATION.run({ db, period: { from: '2024-06-01', to: '2024-06-15' }, params: {} })).toEqual([]);
  });
});

describe('deposit.window_dressing', () => {
  // Daily snapshots 2024-06-01 … 2024-07-10. Month end M = 06-30; window_days 3 → window 06-28…06-30;
  // avg_days 20 → average over 06-08…06-27; leave_days 5 → must be back by 07-05.
  // Defaults: ratio 2 (balance ≥ 3 × average), min_amount 100,000, left_share 0.8.
  const base = 10_000;
  const accounts: Record<string, Account> = {
    // caught: 250,000 on 06-28…07-01, back to 10,000 on 07-02. avg 10,000, excess 240,000 (24 ×),
    // left: 10,000 ≤ 10,000 + 0.2 × 240,000 = 58,000 on 07-02
    A1: ['C1', '活期', 'S11', 'E1', between('2024-06-28', '2024-07-01', 250_000, base)],
    // decoy: a quarter-end deposit that stays (250,000 from 06-29 to the end of the data)
    A2: ['C2', '活期', 'B2', 'E3', (d) => (d >= '2024-06-29' ? 250_000 : base)],
    // ratio and amount boundary: avg 50,000, 150,000 on 06-28…06-30 (= 3 × avg; excess 100,000 = min), back on 07-01
    A3: ['C3', '活期', 'B1', 'E2', between('2024-06-28', '2024-06-30', 150_000, 50_000)],
    // leave_days boundary: 200,000 on 06-30, back to 10,000 on 07-05 = M + 5
    A4: ['C4', '活期', 'B1', 'E2', between('2024-06-30', '2024-07-04', 200_000, base)],
    // left_share boundary: 210,000 on 06-30 (excess 200,000), 50,000 from 07-02 on:
    // 50,000 ≤ 10,000 + (1 − 0.8) × 200,000 = 50,000 (inside); at 0.81: bar 48,000 (outside)
    A5: ['C5', '活期', 'B1', 'E2', (d) => (d === '2024-06-30' || d === '2024-07-01' ? 210_000 : d >= '2024-07-02' ? 50_000 : base)],
    // avg_days boundary: 100,000 on 06-08…06-22, 10,000 on 06-23…06-27, 150,000 on 06-28…06-30, 10,000 after
    // avg_days 20: avg = (15 × 100,000 + 5 × 10,000) / 20 = 77,500, 150,000 < 3 × 77,500: no case
    // avg_days 5 (06-23…06-27): avg 10,000, excess 140,000: a case
    A6: ['C6', '活期', 'B1', 'E2', (d) => (d >= '2024-06-28' && d <= '2024-06-30' ? 150_000 : d >= '2024-06-08' && d <= '2024-06-22' ? 100_000 : base)],
    // the customer's own loan (issued 06-29, 300,000) parked on the account: left to the loan rules
    A7: ['C7', '活期', 'B1', 'E2', between('2024-06-29', '2024-07-02', 310_000, base)],
    // a new account (first row 06-20, after the average began on 06-08): no own average to judge by
    A8: ['C1', '活期', 'S11', 'E1', (d) => (d < '2024-06-20' ? null : d >= '2024-06-28' && d <= '2024-07-01' ? 250_000 : base)],
  };
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await bank({
      'org.csv': ORGS,
      'staff.csv': STAFF,
      'customer.csv': '客户号,客户名称,客户类型,所属机构号,管户客户经理号\n' + ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].map((c) => `${c},客户${c},个人,B1,E2`).join('\n') + '\n',
      'deposit.csv': depositCsv(accounts, '2024-06-01', '2024-07-10'),
      'loan.csv': '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,经办客户经理号,所属机构号\n2024-06-30,L7,C7,2024-06-29,300000.00,300000.00,E2,B1\n',
    }));
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const july = { from: '2024-07-01', to: '2024-07-31' };
  const run = (params: Record<string, number> = {}) => WINDOW_DRESSING.run({ db, period: july, params });
  const accts = (f: Finding[]) => f.map((x) => x.subject.id).sort();

  it('catches A1 with its figures and leaves the deposit that stays (A2), the loan proceeds (A7) and the new account (A8)', () => {
    const found = run();
    expect(accts(found)).toEqual(['A1', 'A3', 'A4', 'A5']);
    const a1 = found.find((f) => f.subject.id === 'A1')!;
    expect(a1).toMatchObject({ org_id: 'S11', staff_id: 'E1', period: '2024-06', subject: { type: 'account', id: 'A1' } });
    expect(a1.evidence[0].fields).toMatchObject({ balance_month_end: 250_000, avg_before: 10_000, excess: 240_000, left_on: '2024-07-02', left_amount: 240_000 });
    // the series runs from the average's first day to M + 5: 06-08 … 07-05 = 28 days
    expect(a1.evidence[0].series).toHaveLength(28);
    // the spike out of deposit_balance on the days it stood: 06-28 … 07-01
    expect(a1.effects).toEqual([{ key: 'deposit_balance', from: '2024-06-28', to: '2024-07-01', org_id: 'S11', staff_id: 'E1', value: 240_000 }]);
    expect(a1.summary).toContain('6月28–30日');
    expect(a1.summary).toContain('7月2日 转出 24 万元');
    expect(a1.score).toBeGreaterThanOrEqual(50);
  });

  it('ratio: A3 at exactly 3 × its average is inside at 2, outside at 2.01', () => {
    expect(accts(run({ ratio: 2 }))).toContain('A3');
    expect(accts(run({ ratio: 2.01 }))).not.toContain('A3');
  });

  it('min_amount: A3’s excess of 100,000 is inside at 100,000, outside at 100,000.01', () => {
    expect(accts(run({ min_amount: 100_000 }))).toContain('A3');
    expect(accts(run({ min_amount: 100_000.01 }))).not.toContain('A3');
  });

  it('leave_days: A4 back on 07-05 is inside at 5 days, outside at 4', () => {
    expect(accts(run({ leave_days: 5 }))).toContain('A4');
    expect(accts(run({ leave_days: 4 }))).not.toContain('A4');
  });

  it('left_share: A5 back to 50,000 is inside at 0.8, outside at 0.81', () => {
    expect(accts(run({ left_share: 0.8 }))).toContain('A5');
    expect(accts(run({ left_share: 0.81 }))).not.toContain('A5');
  });

  it('avg_days: A6 is a case against the 5 days before the window, not against 20', () => {
    expect(accts(run({ avg_days: 20 }))).not.toContain('A6');
    expect(accts(run({ avg_days: 5 }))).toContain('A6');
  });

  it('window_days: 2 days moves the window to 06-29…06-30 and the average to 06-09…06-28', () => {
    // A1: avg = (19 × 10,000 + 250,000) / 20 = 22,000; excess 228,000
    const a1 = run({ window_days: 2 }).find((f) => f.subject.id === 'A1')!;
    expect(a1.evidence[0].fields).toMatchObject({ avg_before: 22_000, excess: 228_000, avg_from: '2024-06-09', avg_to: '2024-06-28' });
    expect(a1.effects[0].from).toBe('2024-06-29');
  });
});

describe('deposit.window_dressing before the next month is loaded', () => {
  // the same kind of accounts, data only up to 07-02 (M + 2 < M + 5)
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await bank({
      'org.csv': ORGS,
      'staff.csv': STAFF,
      'customer.csv': '客户号,客户名称,所属机构号,管户客户经理号\nC1,客户一,S11,E1\nC2,客户二,B2,E3\nC3,客户三,B2,E3\n',
      'deposit.csv': depositCsv(
        {
          A1: ['C1', '活期', 'S11', 'E1', between('2024-06-28', '2024-07-01', 250_000, 10_000)],
          A2: ['C2', '活期', 'B2', 'E3', (d) => (d >= '2024-06-29' ? 250_000 : 10_000)],
          T2: ['C3', '定期', 'B2', 'E3', (d) => (d >= '2024-06-29' ? 250_000 : 10_000)],
        },
        '2024-06-01',
        '2024-07-02',
      ),
    }));
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('A1 left on 07-02: confirmed; the 活期 still up (A2) is raised as not yet confirmed; the 定期 (T2) is not', () => {
    const found = WINDOW_DRESSING.run({ db, period: { from: '2024-07-01', to: '2024-07-31' }, params: {} });
    expect(found.map((f) => f.subject.id).sort()).toEqual(['A1', 'A2']);
    const a2 = found.find((f) => f.subject.id === 'A2')!;
    expect(a2.score).toBeLessThanOrEqual(60);
    expect(a2.summary).toContain('尚未导入');
    expect(a2.evidence[0].fields.left_on).toBeNull();
    // the effect covers the days seen: 06-29 … 07-02
    expect(a2.effects[0]).toMatchObject({ from: '2024-06-29', to: '2024-07-02', value: 240_000 });
  });
});
