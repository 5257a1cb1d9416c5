// The loan rules on a bank built by hand and imported through the real importer, with the
// arithmetic in comments: the case each rule must catch, the decoy it must leave, and each
// parameter just inside and just outside its boundary.
//
// Loan snapshots are monthly (05-31, 06-30, 07-31), as in the demo bank; deposit snapshots are
// 05-31 and then daily from 06-20 to 07-31.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importFile } from '../../../electron/core/import/index.js';
import { PERIOD_END } from '../../../electron/core/monitoring/rules/loan/period-end.js';
import { PROCEEDS_BACK } from '../../../electron/core/monitoring/rules/loan/proceeds-back.js';
import { RENEW_TO_REPAY } from '../../../electron/core/monitoring/rules/loan/renew-to-repay.js';
import { SEVERAL_MANAGERS } from '../../../electron/core/monitoring/rules/loan/several-managers.js';
import type { Finding } from '../../../electron/core/monitoring/rule.js';
import { addDays } from '../../../shared/dates.js';

const JUNE = { from: '2024-06-01', to: '2024-06-30' };
const JULY = { from: '2024-07-01', to: '2024-07-31' };

// 借据: [no, customer, issue, amount, manager, org, {snapshot: [balance, overdue days]}]
type Loan = [string, string, string, number, string, string, Record<string, [number, number]>];
const LOANS: Loan[] = [
  // period_end — caught: issued 06-29, gone by 07-31; C1's deposits 20,000 → 520,000 on 06-29 → 20,000 on 07-03
  ['L1', 'C1', '2024-06-29', 500_000, 'E1', 'S11', { '2024-06-30': [500_000, 0] }],
  // decoy: issued on the 30th and kept (still in 07-31); C2's deposits never move
  ['L2', 'C2', '2024-06-30', 400_000, 'E2', 'B1', { '2024-06-30': [400_000, 0], '2024-07-31': [400_000, 0] }],
  // issue_days boundary: issued 06-27 = the 4th day from the end; deposits up 06-27 … 07-03, back 07-04
  ['L3', 'C3', '2024-06-27', 300_000, 'E2', 'B1', { '2024-06-30': [300_000, 0] }],
  // repay_days boundary: proceeds leave on 07-10 = M + 10
  ['L4', 'C4', '2024-06-30', 300_000, 'E2', 'B1', { '2024-06-30': [300_000, 0] }],
  // left_share boundary: 800,000 of 1,000,000 parked 06-30 … 07-01 and gone 07-02 (exactly 0.8)
  ['L5', 'C5', '2024-06-30', 1_000_000, 'E2', 'B1', { '2024-06-30': [1_000_000, 0] }],
  // proceeds_back — days boundary: issued 07-10, C6's deposits up 200,000 from 07-13 (= issue + 3) and staying
  ['L6', 'C6', '2024-07-10', 200_000, 'E3', 'B2', { '2024-07-31': [200_000, 0] }],
  // share boundary: issued 07-12 for 100,000, deposits up 120,000 the same day (1.2 × the amount)
  ['L7', 'C7', '2024-07-12', 100_000, 'E3', 'B2', { '2024-07-31': [100_000, 0] }],
  // min_amount boundary: 40,000, deposits up 40,000 on 07-05
  ['L8', 'C8', '2024-07-05', 40_000, 'E3', 'B2', { '2024-07-31': [40_000, 0] }],
  // renew_to_repay — caught: O1 overdue 45 days on 06-30 and gone by 07-31; N1 issued 07-15 for 300,000
  ['O1', 'C9', '2023-06-01', 300_000, 'E1', 'S11', { '2024-05-31': [300_000, 15], '2024-06-30': [300_000, 45] }],
  ['N1', 'C9', '2024-07-15', 300_000, 'E1', 'S11', { '2024-07-31': [300_000, 0] }],
  // decoy: the old loan was not overdue
  ['O2', 'C10', '2023-07-01', 200_000, 'E2', 'B1', { '2024-05-31': [200_000, 0], '2024-06-30': [200_000, 0] }],
  ['N2', 'C10', '2024-07-15', 200_000, 'E2', 'B1', { '2024-07-31': [200_000, 0] }],
  // days_apart boundary: O3 gone by 06-30 (repaid in 06-01 … 06-30), N3 issued 07-03: 3 days apart at least
  ['O3', 'C11', '2023-05-01', 100_000, 'E2', 'B1', { '2024-05-31': [100_000, 10] }],
  ['N3', 'C11', '2024-07-03', 100_000, 'E2', 'B1', { '2024-07-31': [100_000, 0] }],
  // several_managers — caught: C12 (管户 E1) with loans under E1 and E2; K3 under E3 is 结清 (balance 0)
  ['K1', 'C12', '2024-03-01', 100_000, 'E1', 'S11', { '2024-07-31': [100_000, 0] }],
  ['K2', 'C12', '2024-03-01', 50_000, 'E2', 'B1', { '2024-07-31': [50_000, 0] }],
  ['K3', 'C12', '2024-03-01', 80_000, 'E3', 'B2', { '2024-07-31': [0, 0] }],
  // decoy: two loans, one manager
  ['K4', 'C13', '2024-03-01', 100_000, 'E1', 'S11', { '2024-07-31': [100_000, 0] }],
  ['K5', 'C13', '2024-04-01', 100_000, 'E1', 'S11', { '2024-07-31': [100_000, 0] }],
  // proceeds_back, no balance before: issued 05-28, before the first deposit snapshot (05-31), where
  // C14 holds 120,000 (1.2 × the amount): the rise from an unknown balance is not judged
  ['L9', 'C14', '2024-05-28', 100_000, 'E3', 'B2', { '2024-05-31': [100_000, 0] }],
];

/** the borrowers' current accounts: balance in 元 on a day */
const DEPOSITS: Record<string, (d: string) => number> = {
  C1: (d) => (d >= '2024-06-29' && d <= '2024-07-02' ? 520_000 : 20_000),
  C2: () => 20_000,
  C3: (d) => (d >= '2024-06-27' && d <= '2024-07-03' ? 320_000 : 20_000),
  C4: (d) => (d >= '2024-06-30' && d <= '2024-07-09' ? 320_000 : 20_000),
  C5: (d) => (d === '2024-06-30' || d === '2024-07-01' ? 800_000 : 0),
  C6: (d) => (d >= '2024-07-13' ? 220_000 : 20_000),
  C7: (d) => (d >= '2024-07-12' ? 140_000 : 20_000),
  C8: (d) => (d >= '2024-07-05' ? 60_000 : 20_000),
  C14: () => 120_000,
};

function files(): Record<string, string> {
  const custs = Array.from({ length: 14 }, (_, i) => `C${i + 1}`);
  let loan = '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,逾期天数,经办客户经理号,所属机构号\n';
  for (const [no, cust, issue, amount, mgr, org, snaps] of LOANS)
    for (const [date, [bal, od]] of Object.entries(snaps)) loan += `${date},${no},${cust},${issue},${amount.toFixed(2)},${bal.toFixed(2)},${od},${mgr},${org}\n`;
  let deposit = '数据日期,账号,客户号,存款种类,账户余额,归属客户经理号\n';
  const days = ['2024-05-31'];
  for (let d = '2024-06-20'; d <= '2024-07-31'; d = addDays(d, 1)) days.push(d);
  for (const d of days) for (const [cust, bal] of Object.entries(DEPOSITS)) deposit += `${d},P${cust},${cust},活期,${bal(d).toFixed(2)},E2\n`;
  return {
    'org.csv': '机构号,机构名称,上级机构号,机构层级\nH,总行,,总行\nB1,一支行,H,支行\nS11,一分理处,B1,分理处\nB2,二支行,H,支行\n',
    'staff.csv': '员工号,姓名,所属机构号,岗位\nE1,甲,S11,客户经理\nE2,乙,B1,客户经理\nE3,丙,B2,客户经理\n',
    'customer.csv': '客户号,客户名称,客户类型,所属机构号,管户客户经理号\n' + custs.map((c) => `${c},客户${c},小微企业,B1,${c === 'C12' ? 'E1' : 'E2'}`).join('\n') + '\n',
    'loan.csv': loan,
    'deposit.csv': deposit,
  };
}

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-loan-'));
  db = openDb(path.join(dir, 'bank.sqlite'));
  for (const [name, body] of Object.entries(files())) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    const r = await importFile(db, file, { username: 'test' });
    if (r.error) throw new Error(r.error);
  }
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const subjects = (f: Finding[]) => f.map((x) => x.subject.id).sort();

describe('loan.period_end', () => {
  const run = (params: Record<string, number> = {}) => PERIOD_END.run({ db, period: JULY, params });

  it('catches L1, L4, L5 (month end 06-30) and leaves the loan kept (L2) and the one issued on the 27th (L3)', () => {
    const found = run();
    expect(subjects(found)).toEqual(['L1', 'L4', 'L5']);
    const l1 = found.find((f) => f.subject.id === 'L1')!;
    expect(l1).toMatchObject({ period: '2024-06', org_id: 'S11', staff_id: 'E1', subject: { type: 'loan', id: 'L1' } });
    // proceeds: C1 520,000 on 06-30, 20,000 on 07-03 → 500,000 left that day
    expect(l1.evidence[0].fields).toMatchObject({ issue_date: '2024-06-29', amount: 500_000, last_standing: '2024-06-30', gone_in: '2024-07-31', proceeds_left_on: '2024-07-03' });
    expect(l1.evidence[1]).toMatchObject({ kind: 'account', id: 'PC1' });
    // the loan stands in loan_balance on the days its 06-30 snapshot stands for: 06-30 … 07-30
    expect(l1.effects).toEqual([{ key: 'loan_balance', from: '2024-06-30', to: '2024-07-30', org_id: 'S11', staff_id: 'E1', value: 500_000 }]);
    expect(l1.summary).toContain('7月3日 借款人存款转出 50 万元');
  });

  it('issue_days: L3 (issued 06-27) is inside at 4 days, outside at 3', () => {
    expect(subjects(run({ issue_days: 4 }))).toContain('L3');
    expect(subjects(run({ issue_days: 3 }))).not.toContain('L3');
  });

  it('repay_days: L4 (proceeds leave 07-10) is inside at 10 days, outside at 9', () => {
    expect(subjects(run({ repay_days: 10 }))).toContain('L4');
    expect(subjects(run({ repay_days: 9 }))).not.toContain('L4');
  });

  it('left_share: L5 (800,000 of 1,000,000 parked and leaving) is inside at 0.8, outside at 0.81', () => {
    expect(subjects(run({ left_share: 0.8 }))).toContain('L5');
    expect(subjects(run({ left_share: 0.81 }))).not.toContain('L5');
  });

  it('min_amount: L4 (300,000) is inside at 300,000, outside at 300,000.01', () => {
    expect(subjects(run({ min_amount: 300_000 }))).toContain('L4');
    expect(subjects(run({ min_amount: 300_000.01 }))).not.toContain('L4');
  });
});

describe('loan.proceeds_back', () => {
  const run = (period = JULY, params: Record<string, number> = {}) => PROCEEDS_BACK.run({ db, period, params });

  it('June: the proceeds of L1, L3, L4, L5 came back; L2’s did not (its borrower’s deposits never moved)', () => {
    // rises over the day before issue: L1 500,000 (= amount), L3 300,000, L4 300,000, L5 800,000 (0.8)
    expect(subjects(run(JUNE))).toEqual(['L1', 'L3', 'L4', 'L5']);
  });

  it('May: L9, issued 05-28 before the first deposit snapshot (05-31), is not judged (its balance before is unknown, not 0)', () => {
    expect(subjects(run({ from: '2024-05-01', to: '2024-05-31' }))).toEqual([]);
    // with a snapshot before it the same 120,000 over 0 would be a rise of 1.2 × the amount: in at share 0.8
  });

  it('July: catches L6 and L7 with their figures; the renewals and L8 (below 50,000) are left', () => {
    const found = run();
    expect(subjects(found)).toEqual(['L6', 'L7']);
    const l6 = found.find((f) => f.subject.id === 'L6')!;
    expect(l6).toMatchObject({ period: '2024-07', org_id: 'B2', staff_id: 'E3' });
    expect(l6.evidence[0].fields).toMatchObject({ deposits_before: 20_000, back_on: '2024-07-13', deposit_rise: 200_000, gone_on: null });
    // still on the account at the end of the data: out of deposit_balance from 07-13 to 07-31
    expect(l6.effects).toEqual([{ key: 'deposit_balance', from: '2024-07-13', to: '2024-07-31', org_id: 'B1', staff_id: 'E2', value: 200_000 }]);
    expect(l6.summary).toContain('7月13日 借款人存款较放款前增加 20 万元');
  });

  it('days: L6 (deposits up 3 days after the issue) is inside at 3, outside at 2', () => {
    expect(subjects(run(JULY, { days: 3 }))).toContain('L6');
    expect(subjects(run(JULY, { days: 2 }))).not.toContain('L6');
  });

  it('share: L7 (rise 1.2 × the amount) is inside at 0.8 (band 0.8–1.2), outside at 0.81 (0.81–1.19)', () => {
    expect(subjects(run(JULY, { share: 0.8 }))).toContain('L7');
    expect(subjects(run(JULY, { share: 0.81 }))).not.toContain('L7');
  });

  it('min_amount: L8 (40,000) is inside at 40,000, outside at 40,000.01', () => {
    expect(subjects(run(JULY, { min_amount: 40_000 }))).toContain('L8');
    expect(subjects(run(JULY, { min_amount: 40_000.01 }))).not.toContain('L8');
  });
});

describe('loan.renew_to_repay', () => {
  const run = (params: Record<string, number> = {}) => RENEW_TO_REPAY.run({ db, period: JULY, params });

  it('catches N1 (O1 overdue 45 days, gone between 06-30 and 07-31) and leaves N2 (O2 not overdue) and N3 (O3 gone by 06-30)', () => {
    const found = run();
    expect(subjects(found)).toEqual(['N1']);
    const n1 = found[0];
    expect(n1).toMatchObject({ period: '2024-07', org_id: 'S11', staff_id: 'E1', subject: { type: 'loan', id: 'N1' } });
    expect(n1.evidence.map((e) => [e.id, e.fields.role])).toEqual([['N1', 'new'], ['O1', 'old']]);
    expect(n1.evidence[1].fields).toMatchObject({ overdue_days: 45, balance: 300_000, last_standing: '2024-06-30', gone_in: '2024-07-31' });
    // the overdue it hid counts again while N1 stands (a negative value puts it back)
    expect(n1.effects).toEqual([{ key: 'overdue_balance', from: '2024-07-15', to: '2024-07-31', org_id: 'S11', staff_id: 'E1', value: -300_000 }]);
  });

  it('days_apart: N3 (07-03) meets O3’s repayment (by 06-30) at 3 days, not at 2', () => {
    expect(subjects(run({ days_apart: 3 }))).toContain('N3');
    expect(subjects(run({ days_apart: 2 }))).not.toContain('N3');
  });

  it('min_overdue_days: O1 (45 days) is inside at 45, outside at 46', () => {
    expect(subjects(run({ min_overdue_days: 45 }))).toEqual(['N1']);
    expect(subjects(run({ min_overdue_days: 46 }))).toEqual([]);
  });

  it('cover: N1 (300,000) over O1’s balance (300,000) = 1 is inside at 1, outside at 1.01', () => {
    expect(subjects(run({ cover: 1 }))).toEqual(['N1']);
    expect(subjects(run({ cover: 1.01 }))).toEqual([]);
  });
});

describe('loan.several_managers', () => {
  const run = (params: Record<string, number> = {}) => SEVERAL_MANAGERS.run({ db, period: JULY, params });

  it('catches C12 (E1 and E2; E3’s loan is 结清) and leaves C13 (two loans, one manager)', () => {
    const found = run();
    expect(subjects(found)).toEqual(['C12']);
    const c12 = found[0];
    // the customer's own 管户 manager E1 keeps them; E2's 贷款户数 loses one
    expect(c12).toMatchObject({ period: '2024-07', staff_id: 'E1', org_id: 'S11', subject: { type: 'customer', id: 'C12' } });
    expect(c12.evidence.map((e) => e.id)).toEqual(['K1', 'K2']);
    expect(c12.effects).toEqual([{ key: 'loan_customers', from: '2024-07-01', to: '2024-07-31', org_id: 'B1', staff_id: 'E2', value: 1 }]);
    expect(c12.summary).toContain('2 名客户经理');
  });

  it('min_managers: C12 has 2, inside at 2, outside at 3', () => {
    expect(subjects(run({ min_managers: 2 }))).toEqual(['C12']);
    expect(subjects(run({ min_managers: 3 }))).toEqual([]);
  });

  it('min_balance: K2 (50,000) counts at 50,000, not at 50,000.01 (then one manager is left)', () => {
    expect(subjects(run({ min_balance: 50_000 }))).toEqual(['C12']);
    expect(subjects(run({ min_balance: 50_000.01 }))).toEqual([]);
  });
});
