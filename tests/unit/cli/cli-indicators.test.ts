// `branch-console indicators` and `migration`: the JSON contract of issue 9 on a bank built by hand
// (figures worked out in the comments), and the command line's refusals.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { tmpDir, write } from '../import/helpers.js';
import { cli } from './run-cli.js';

let db: string;

beforeAll(() => {
  const dir = tmpDir();
  write(dir, 'in/org.csv', '机构号,机构名称,上级机构号,机构层级\nH,总行,,总行\nB1,一支行,H,支行\nS11,一分理处,B1,分理处\nB2,二支行,H,支行\n');
  write(dir, 'in/staff.csv', '员工号,姓名,所属机构号\nE1,甲,S11\nE2,乙,B2\n');
  write(dir, 'in/customer.csv', '客户号,客户名称,所属机构号,管户客户经理号\nC1,客户一,S11,E1\nC2,客户二,B2,E2\n');
  write(dir, 'in/deposit.csv', '数据日期,账号,客户号,账户余额,归属客户经理号\n2024-07-31,D1,C1,100.10,E1\n2024-07-31,D2,C2,200.20,E2\n');
  write(
    dir,
    'in/loan.csv',
    '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,担保方式,五级分类,逾期天数,经办客户经理号\n' +
      '2024-06-30,L1,C1,2024-01-01,1000,900,信用,正常,0,E1\n' +
      '2024-07-31,L1,C1,2024-01-01,1000,600,信用,关注,35,E1\n' +
      '2024-07-31,L2,C2,2024-07-05,400,400,抵押,正常,0,E2\n',
  );
  db = path.join(dir, 'bank.sqlite');
  const r = cli('import', '--db', db, path.join(dir, 'in'));
  expect(r.status, r.stderr).toBe(0);
});

it('prints {date, scope, indicators} for the bank with DATA.md keys, money in 元 and ratios unrounded', () => {
  const r = cli('indicators', '--db', db, '--date', '2024-07-31', '--json');
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.date).toBe('2024-07-31');
  expect(out.scope).toEqual({ type: 'bank', id: null });
  const i = out.indicators;
  // 100.10 + 200.20 = 300.30; loans 600 + 400 = 1000
  expect(i.deposit_balance).toBe(300.3);
  expect(i.loan_balance).toBe(1000);
  expect(i.loan_customers).toBe(2);
  // L1 is 35 days overdue: 600 in 31–60; 逾期率 600 / 1000
  expect(i.overdue_buckets).toEqual({ '1-30': 0, '31-60': 600, '61-90': 0, '91-180': 0, '181-360': 0, '>360': 0 });
  expect(i.overdue_ratio).toBe(0.6);
  // 存贷比 1000 / 300.30, unrounded
  expect(i.loan_to_deposit_ratio).toBe(100000 / 30030);
  // no snapshot on or before 2023-12-31
  expect(i.loan_balance_ytd_change).toBeNull();
  for (const k of ['deposit_avg_month', 'deposit_avg_year', 'deposit_deviation', 'credit_loan_ratio', 'inclusive_loan_balance', 'online_loan_balance', 'npl_balance', 'npl_ratio', 'loan_deviation', 'intermediate_active_customers', 'merchants', 'effective_merchants', 'high_quality_merchants', 'acq_txn_count', 'acq_txn_amount', 'credit_cards_issued', 'credit_card_activation_rate', 'credit_card_sleep_rate', 'visits', 'visited_customers', 'avg_items_per_customer']) {
    expect(i, k).toHaveProperty(k);
  }
});

it('--org rolls up the orgs below it; --staff reads the rows naming the staff member', () => {
  const b1 = JSON.parse(cli('indicators', '--db', db, '--date', '2024-07-31', '--org', 'B1', '--json').stdout);
  expect(b1.scope).toEqual({ type: 'org', id: 'B1' });
  // C1's D1 through S11
  expect(b1.indicators.deposit_balance).toBe(100.1);
  const e2 = JSON.parse(cli('indicators', '--db', db, '--date', '2024-07-31', '--staff', 'E2', '--json').stdout);
  expect(e2.scope).toEqual({ type: 'staff', id: 'E2' });
  expect(e2.indicators.loan_balance).toBe(400);
  expect(e2.indicators.deposit_balance).toBe(200.2);
});

it('migration prints the matrix: L1 正常→关注 at 900 (its balance on 06-30), L2 新发放→正常 at 400', () => {
  const r = cli('migration', '--db', db, '--from', '2024-06-30', '--to', '2024-07-31', '--json');
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.from).toBe('2024-06-30');
  expect(out.to).toBe('2024-07-31');
  expect(out.matrix['正常']['关注']).toEqual({ balance: 900, count: 1 });
  expect(out.matrix['新发放']['正常']).toEqual({ balance: 400, count: 1 });
  expect(out.matrix['正常']['结清']).toEqual({ balance: 0, count: 0 });
});

it('refuses what it cannot answer, with exit 2 and a sentence', () => {
  const both = cli('indicators', '--db', db, '--date', '2024-07-31', '--org', 'B1', '--staff', 'E1', '--json');
  expect(both.status).toBe(2);
  expect(both.stderr).toMatch(/--org 与 --staff/);
  const badDate = cli('indicators', '--db', db, '--date', '2024-02-30', '--json');
  expect(badDate.status).toBe(2);
  expect(badDate.stderr).toMatch(/2024-02-30/);
  const noStaff = cli('indicators', '--db', db, '--date', '2024-07-31', '--staff', 'E9', '--json');
  expect(noStaff.status).toBe(2);
  expect(noStaff.stderr).toMatch(/E9/);
  const noOrg = cli('migration', '--db', db, '--from', '2024-06-30', '--to', '2024-07-31', '--org', 'ZZ', '--json');
  expect(noOrg.status).toBe(2);
  const missing = cli('indicators', '--db', path.join(path.dirname(db), 'none.sqlite'), '--date', '2024-07-31');
  expect(missing.status).toBe(2);
});
