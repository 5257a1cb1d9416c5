// `branch-console stats --json` on a bank built by hand from export files; every expected figure
// is worked out in the comments from the rows below, not taken from the program.
import path from 'node:path';
import { expect, it } from 'vitest';
import { tmpDir, write } from '../import/helpers.js';
import { cli } from './run-cli.js';

it('prints every org with figures rolled up over the orgs below it, as DATA.md defines them', () => {
  const dir = tmpDir();
  write(dir, 'in/org.csv', '机构号,机构名称,上级机构号,机构层级\nQZ000,总行,,总行\nQZ100,鲤城支行,QZ000,支行\nQZ101,开元分理处,QZ100,分理处\nQZ200,晋江支行,QZ000,支行\n');
  write(dir, 'in/customer.csv', '客户号,客户名称,所属机构号\nC001,甲,QZ101\nC002,乙,QZ100\nC003,丙,QZ200\n');
  write(
    dir,
    'in/deposit.csv',
    '数据日期,账号,客户号,账户余额\n' +
      '2024-06-30,A1,C001,100.00\n2024-06-30,A2,C002,200.00\n2024-06-30,A3,C003,300.00\n' +
      '2024-07-31,A1,C001,130.00\n2024-07-31,A2,C002,200.00\n2024-07-31,A3,C003,270.00\n',
  );
  write(
    dir,
    'in/loan.csv',
    '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,担保方式,五级分类,逾期天数\n' +
      '2024-06-30,L1,C001,2024-01-01,2000,2000,信用,正常,0\n' + // an older snapshot: not counted
      '2024-07-31,L1,C001,2024-01-01,2000,1000,信用,正常,0\n' +
      '2024-07-31,L2,C002,2024-01-01,800,500,抵押,次级,40\n' +
      '2024-07-31,L3,C003,2024-01-01,300,250,信用,损失,400\n',
  );
  write(dir, 'in/merchant.csv', '商户号,商户名称,法人客户号,签约日期,状态\nM1,甲的店,C001,2024-01-01,正常\nM2,丙的店,C003,2024-01-01,注销\n');
  // M1: 20 days × 5 consumptions = 100 transactions from 30 payers → exactly 高质量
  let txn = '交易流水号,商户号,交易时间,交易金额,付款方标识,交易类型\n';
  let n = 0;
  for (let day = 1; day <= 20; day++) {
    for (let k = 0; k < 5; k++, n++) txn += `T${n},M1,2024-07-${String(day).padStart(2, '0')} 10:0${k}:00,50.00,P${n % 30},消费\n`;
  }
  txn += `T${n},M1,2024-07-21 10:00:00,50.00,P99,退货\n`;
  write(dir, 'in/acq_txn.csv', txn);
  const db = path.join(dir, 'bank.db');
  expect(cli('import', '--db', db, path.join(dir, 'in')).status).toBe(0);

  const r = cli('stats', '--db', db, '--date', '2024-07-31', '--json');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.date).toBe('2024-07-31');
  const by = Object.fromEntries(out.orgs.map((o: { org_id: string }) => [o.org_id, o]));
  expect(Object.keys(by).sort()).toEqual(['QZ000', 'QZ100', 'QZ101', 'QZ200']);

  // July: days 1–30 carry the 06-30 snapshot forward, day 31 is the 07-31 snapshot. Ratios come
  // unrounded (DATA.md): the fraction of the 分 sums, written here as that fraction.
  // QZ101 (A1): (30 × 10,000 + 13,000 分) / 31 = 10,096.77 → 10,097 分 = 100.97 元;
  // deviation (13,000 − 10,097) / 10,097 = 2903 / 10097 (≈ 0.28751)
  expect(by.QZ101).toMatchObject({
    name: '开元分理处', customers: 1, deposit_balance: 130, deposit_avg_month: 100.97, deposit_deviation: 2903 / 10097,
    loan_balance: 1000, npl_balance: 0, npl_ratio: 0, credit_loan_ratio: 1, overdue_balance: 0,
    merchants: 1, high_quality_merchants: 1,
  });
  // QZ100 = QZ100 + QZ101: deposits (30 × 30,000 + 33,000 分) / 31 = 30,096.77 → 30,097 分 = 300.97 元;
  // deviation (33,000 − 30,097) / 30,097 = 2903 / 30097 (≈ 0.09646)
  // loans 1000 + 500 = 1500; NPL 500 (次级) → 1/3; 信用 1000/1500 → 2/3; overdue 500
  expect(by.QZ100).toMatchObject({
    customers: 2, deposit_balance: 330, deposit_avg_month: 300.97, deposit_deviation: 2903 / 30097,
    loan_balance: 1500, npl_balance: 500, npl_ratio: 500 / 1500, credit_loan_ratio: 1000 / 1500, overdue_balance: 500,
    merchants: 1, high_quality_merchants: 1,
  });
  // QZ200: (30 × 30,000 + 27,000 分) / 31 = 29,903.23 → 29,903 分 = 299.03 元;
  // deviation (27,000 − 29,903) / 29,903 = −2903 / 29903 (≈ −0.09708); M2 is 注销
  expect(by.QZ200).toMatchObject({
    customers: 1, deposit_balance: 270, deposit_avg_month: 299.03, deposit_deviation: -2903 / 29903,
    loan_balance: 250, npl_balance: 250, npl_ratio: 1, credit_loan_ratio: 1, overdue_balance: 250,
    merchants: 0, high_quality_merchants: 0,
  });
  // the bank: 600 every day → average 600, deviation 0; loans 1750, NPL 750 → 3/7, 信用 1250 → 5/7
  expect(by.QZ000).toMatchObject({
    customers: 3, deposit_balance: 600, deposit_avg_month: 600, deposit_deviation: 0,
    loan_balance: 1750, npl_balance: 750, npl_ratio: 750 / 1750, credit_loan_ratio: 1250 / 1750, overdue_balance: 750,
    merchants: 1, high_quality_merchants: 1,
  });
});

it('refuses a malformed date', () => {
  const r = cli('stats', '--db', path.join(tmpDir(), 'x.db'), '--date', '2024-7-31', '--json');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/YYYY-MM-DD/);
});

it('totals the rows no loaded org owns, says why, and shows them only for the whole bank', () => {
  // the case of issue 6: loans imported before any org or customer file, so "orgs":[] said nothing
  const dir = tmpDir();
  write(
    dir,
    'in/loan.csv',
    '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,所属机构号\n' +
      '2024-07-31,L1,C404,2024-01-01,1000,1000.50,QZ900\n' + // an org nobody imported
      '2024-07-31,L2,C405,2024-01-01,900,899.50,\n', // no org, and its customer is not loaded
  );
  const db = path.join(dir, 'bank.db');
  expect(cli('import', '--db', db, path.join(dir, 'in')).status).toBe(0);
  const bare = JSON.parse(cli('stats', '--db', db, '--date', '2024-07-31', '--json').stdout);
  expect(bare.orgs).toEqual([]);
  // 1000.50 + 899.50 = 1900.00 元, owned by no org
  expect(bare.unassigned).toMatchObject({ customers: 0, deposit_balance: 0, loan_balance: 1900, merchants: 0, unknown_orgs: ['', 'QZ900'] });
  expect(bare.unassigned.reason).toMatch(/尚未导入机构文件/);
  expect(bare.unassigned.reason).toMatch(/客户也未导入/);

  // with the orgs loaded, QZ900 is still unknown: the reason names it
  write(dir, 'org/org.csv', '机构号,机构名称,上级机构号,机构层级\nQZ000,总行,,总行\nQZ100,鲤城支行,QZ000,支行\n');
  expect(cli('import', '--db', db, path.join(dir, 'org')).status).toBe(0);
  const r = cli('stats', '--db', db, '--date', '2024-07-31', '--json');
  const out = JSON.parse(r.stdout);
  expect(out.orgs.map((o: { org_id: string }) => o.org_id)).toEqual(['QZ000', 'QZ100']);
  expect(out.unassigned.loan_balance).toBe(1900);
  expect(out.unassigned.reason).toMatch(/QZ900/);
  const text = cli('stats', '--db', db, '--date', '2024-07-31').stdout;
  expect(text).toMatch(/不属于任何机构\t客户 0\t存款 0\t贷款 1900\t商户 0\t/);

  // --org: that org and the orgs below it; the unassigned rows belong to no org, so not there
  const branch = JSON.parse(cli('stats', '--db', db, '--date', '2024-07-31', '--org', 'QZ100', '--json').stdout);
  expect(branch.orgs.map((o: { org_id: string }) => o.org_id)).toEqual(['QZ100']);
  expect(branch.unassigned).toBeNull();
  const unknown = cli('stats', '--db', db, '--date', '2024-07-31', '--org', 'QZ900', '--json');
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toMatch(/--org：机构 QZ900 不存在/);
});

it('rounds the NPL ratio only in the text line, for reading', () => {
  const dir = tmpDir();
  write(dir, 'in/org.csv', '机构号,机构名称,上级机构号,机构层级\nQZ000,总行,,总行\n');
  write(dir, 'in/customer.csv', '客户号,客户名称,所属机构号\nC001,甲,QZ000\n');
  // NPL 100 of 300 = 1/3: 33.33% in the text, 1/3 unrounded in the JSON
  write(
    dir,
    'in/loan.csv',
    '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,五级分类\n2024-07-31,L1,C001,2024-01-01,200,200,正常\n2024-07-31,L2,C001,2024-01-01,100,100,次级\n',
  );
  const db = path.join(dir, 'bank.db');
  expect(cli('import', '--db', db, path.join(dir, 'in')).status).toBe(0);
  expect(cli('stats', '--db', db, '--date', '2024-07-31').stdout).toMatch(/^QZ000\t总行\t存款 0\t贷款 300\t不良率 33\.33%$/m);
  expect(JSON.parse(cli('stats', '--db', db, '--date', '2024-07-31', '--json').stdout).orgs[0].npl_ratio).toBe(100 / 300);
});
