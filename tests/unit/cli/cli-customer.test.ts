// `branch-console customer` as a child process on a bank written here as export files. Which of
// the 18 items (DATA.md) each customer holds is worked out by hand in the comments.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_ITEMS } from '../../../shared/crm.js';
import { tmpDir, write } from '../import/helpers.js';
import { cli } from './run-cli.js';

let db: string;
beforeAll(() => {
  const dir = tmpDir('bc-cli-customer-');
  write(dir, 'in/org.csv', '机构号,机构名称,上级机构号,机构层级\nQZ000,总行,,总行\nQZ100,鲤城支行,QZ000,支行\nQZ200,晋江支行,QZ000,支行\n');
  write(
    dir,
    'in/customer.csv',
    '客户号,客户名称,客户类型,证件号码,手机号码,所属机构号\n' +
      'C001,张秀英,个人,350502199001011234,13800000001,QZ100\n' +
      'C002,曾小明,个人,,13800000002,QZ100\n',
  );
  // C001: 60,000 元 every day of July (the 06-30 snapshot carries to 07-30) → 3★ (5万–20万)
  write(
    dir,
    'in/deposit.csv',
    '数据日期,账号,客户号,存款种类,账户余额,账户状态\n' +
      '2024-06-30,A1,C001,活期,10000.00,正常\n2024-06-30,A2,C001,定期,50000.00,正常\n' +
      '2024-07-31,A1,C001,活期,10000.00,正常\n2024-07-31,A2,C001,定期,50000.00,正常\n' +
      '2024-07-31,A3,C002,活期,0.00,销户\n',
  );
  write(dir, 'in/loan.csv', '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,担保方式,是否线上贷款\n2024-07-31,L1,C002,2024-03-01,5000,5000,信用,是\n');
  write(
    dir,
    'in/card.csv',
    '卡号,客户号,卡种,发卡日期,卡状态\n' +
      '6228480000001234,C001,借记卡,2020-01-01,正常\n6228480000005678,C002,贷记卡,2020-01-01,正常\n6228480000009999,C002,社保卡,2020-01-01,挂失\n',
  );
  write(
    dir,
    'in/signing.csv',
    '签约流水号,客户号,业务类型,签约日期,解约日期,状态\n' +
      'S1,C001,手机银行,2023-01-01,,有效\nS2,C001,代发工资,2023-01-01,,有效\n' +
      'S3,C002,手机银行,2023-01-01,2024-07-01,已解约\nS4,C002,电费代扣,2024-08-01,,有效\nS5,C002,水费代扣,2024-01-01,,有效\n',
  );
  write(dir, 'in/merchant.csv', '商户号,商户名称,法人客户号,签约日期,状态\nM1,小明商店,C002,2024-01-01,正常\n');
  db = path.join(dir, 'bank.db');
  const r = cli('import', '--db', db, path.join(dir, 'in'));
  expect(r.status, r.stderr).toBe(0);
});

const items = (held: number[]) => DEFAULT_ITEMS.map((i) => ({ id: i.id, name: i.name, held: held.includes(i.id) }));

it('looks queries up as the search box does and prints each match’s 18 items', () => {
  const r = cli('customer', '--db', db, '--json', '13800000001', 'zxm', '13999999999');
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    results: [
      // C001: 活期 (1), 定期 (2), 借记卡 (7), 手机银行 (10), 代发工资 (15)
      { query: '13800000001', matches: [{ cust_id: 'C001', name: '张*英', star: 3, coverage: 5, items: items([1, 2, 7, 10, 15]) }] },
      // C002 by the initials of 曾 read as a surname (zeng): a credit online loan with balance
      // (4, 5, 6), 贷记卡 (9), a merchant (14), 水费 (16). Not: 活期 销户, 社保卡 挂失, 手机银行 解约,
      // 电费 signed after the date. Deposits 0 → 1★.
      { query: 'zxm', matches: [{ cust_id: 'C002', name: '曾*明', star: 1, coverage: 6, items: items([4, 5, 6, 9, 14, 16]) }] },
      { query: '13999999999', matches: [] },
    ],
  });
});

it('takes a date', () => {
  const r = cli('customer', '--db', db, '--date', '2024-06-30', '--json', 'C002');
  expect(r.status, r.stderr).toBe(0);
  // no loan snapshot on or before 06-30: only the card, the merchant and 水费
  expect(JSON.parse(r.stdout).results[0].matches).toEqual([{ cust_id: 'C002', name: '曾*明', star: 1, coverage: 3, items: items([9, 14, 16]) }]);
});

it('prints a readable table, masked, and says who is not a customer', () => {
  const r = cli('customer', '--db', db, '1234', '13999999999');
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain('数据日期 2024-07-31');
  expect(r.stdout).toMatch(/C001\s+张\*英\s+★★★\s+已办 5\/18/);
  expect(r.stdout).toContain('非我行客户');
  expect(r.stdout).not.toContain('张秀英');
});

it('refuses a missing query or a malformed date', () => {
  expect(cli('customer', '--db', db).status).toBe(2);
  const bad = cli('customer', '--db', db, '--date', '2024-7-31', 'x');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/YYYY-MM-DD/);
});

it('looks up inside one org and the orgs below it with --org', () => {
  // both customers are 鲤城's (QZ100): 晋江 (QZ200) finds nobody, and does not call the phone "not a customer"
  const jj = cli('customer', '--db', db, '--org', 'QZ200', '--json', '13800000001');
  expect(jj.status, jj.stderr).toBe(0);
  expect(JSON.parse(jj.stdout)).toEqual({ results: [{ query: '13800000001', matches: [] }] });
  expect(cli('customer', '--db', db, '--org', 'QZ200', '13800000001').stdout).not.toContain('非我行客户');
  const lc = JSON.parse(cli('customer', '--db', db, '--org', 'QZ100', '--json', '13800000001').stdout);
  expect(lc.results[0].matches.map((m: { cust_id: string }) => m.cust_id)).toEqual(['C001']);
});
