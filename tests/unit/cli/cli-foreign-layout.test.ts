// One import of another bank's loan export through the real command line, with a profile using
// every field such a file needs, then `stats --json` for its data date, checked against figures
// worked out by hand below. The file is written here, byte by byte as that bank's system would:
// GB18030, `;` between fields, CRLF line ends, two title lines above a header of its own.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { openDb } from '../../../electron/core/db/connection.js';
import { tmpDir, write } from '../import/helpers.js';
import { cli } from './run-cli.js';

const PROFILE = {
  name: '他行贷款',
  dataset: 'loan',
  encoding: 'gb18030',
  delimiter: ';',
  skipRows: 2, // the title and the export-date line
  // the file's own header line (codes nobody maps) is replaced by these names
  header: ['loan_id', 'account_id', 'date', 'amount', 'duration', 'payments', 'status', 'product'],
  columns: { loan_id: 'loan_no', account_id: 'cust_id', date: 'issue_date', amount: ['amount', 'balance'], status: 'class5', product: 'product' },
  ignore: ['payments'],
  values: { class5: { A: '正常', B: '损失', C: '正常', D: '次级' } },
  constants: { data_date: '2005-06-30' },
  dateFormats: { issue_date: 'YYMMDD' },
  moneyUnit: '元',
};

// Lines 1–2 titles, line 3 the file's header, data from line 4. Quoted fields hold `;` (and a
// doubled quote); dates are YYMMDD: 93 → 1993, 05 → 2005 (00–49 → 20xx, 50–99 → 19xx).
const LINES = [
  '某银行贷款借据明细',
  '导出日期;2005-06-30',
  'JJH;KH;FFRQ;JE;QX;HK;ZT;CP',
  'L1;C1;930705;1000.50;12;96.00;A;"经营贷;个体户"', //  正常, 1,000.50 元, C1 → 鲤城支行
  'L2;C2;971231;2000;24;90;D;消费贷', //               次级, 2,000.00 元, C2 → 鲤城支行
  'L3;C3;980115;3000.25;36;85;B;"农户贷;""旺季"""', //  损失, 3,000.25 元, C3 → 晋江支行
  'L4;C3;050301;500;12;40;C;经营贷', //                正常,   500.00 元, C3 → 晋江支行
  'L5;C1;990101;700;12;60;E;经营贷', //                E is not in the map: rejected
  'L6;C9;980601;100;6;10;A;经营贷', //                 正常,   100.00 元, C9 not loaded: no org owns it
];

it('imports a foreign layout through a profile and its figures are those worked out by hand', () => {
  const dir = tmpDir();
  write(dir, 'in/org.csv', '机构号,机构名称,上级机构号,机构层级\nQZ000,总行,,总行\nQZ100,鲤城支行,QZ000,支行\nQZ200,晋江支行,QZ000,支行\n');
  write(dir, 'in/customer.csv', '客户号,客户名称,所属机构号\nC1,甲,QZ100\nC2,乙,QZ100\nC3,丙,QZ200\n');
  fs.writeFileSync(path.join(dir, 'in/loans_other_bank.txt'), iconv.encode(LINES.join('\r\n') + '\r\n', 'gb18030'));
  const profile = write(dir, 'loan-profile.json', JSON.stringify(PROFILE));
  const db = path.join(dir, 'bank.db');

  const r = cli('import', '--db', db, '--json', '--profile', `${profile}:loans_*.txt`, path.join(dir, 'in'));
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const loans = JSON.parse(r.stdout).files.find((f: { file: string }) => f.file === 'loans_other_bank.txt');
  expect(loans).toEqual({
    file: 'loans_other_bank.txt', dataset: 'loan', rows: 6, imported: 5, unchanged: 0, rejected: 1, warnings: 1,
    unknown_refs: { customer: 1, org: 0, staff: 0 }, // L6's C9
    rejected_rows: [{ row: 8, column: 'status', value: 'E', reason: expect.stringMatching(/values\.class5.*A\/B\/C\/D/) }],
  });

  const stats = JSON.parse(cli('stats', '--db', db, '--date', '2005-06-30', '--json').stdout);
  const by = Object.fromEntries(stats.orgs.map((o: { org_id: string }) => [o.org_id, o]));
  // 鲤城支行: L1 1,000.50 + L2 2,000.00 = 3,000.50 元; NPL = L2 (次级) 2,000.00 → 200,000 / 300,050 分
  expect(by.QZ100).toMatchObject({ loan_balance: 3000.5, npl_balance: 2000 });
  expect(by.QZ100.npl_ratio).toBeCloseTo(200_000 / 300_050, 12);
  // 晋江支行: L3 3,000.25 + L4 500.00 = 3,500.25 元; NPL = L3 (损失) 3,000.25 → 300,025 / 350,025
  expect(by.QZ200).toMatchObject({ loan_balance: 3500.25, npl_balance: 3000.25 });
  expect(by.QZ200.npl_ratio).toBeCloseTo(300_025 / 350_025, 12);
  // 总行 = both: 6,500.75 元; NPL 2,000.00 + 3,000.25 = 5,000.25 → 500,025 / 650,075
  expect(by.QZ000).toMatchObject({ loan_balance: 6500.75, npl_balance: 5000.25 });
  expect(by.QZ000.npl_ratio).toBeCloseTo(500_025 / 650_075, 12);
  // L6 (100.00 元) belongs to no loaded org: counted apart, with the reason
  expect(stats.unassigned).toMatchObject({ loan_balance: 100, unknown_orgs: [''] });

  // the stored rows: the quoted `;` kept inside the value, dates as declared, the amount in both
  // amount and balance (分), duration kept aside, payments (ignored) stored nowhere
  const d = openDb(db);
  expect(d.prepare("SELECT loan_no, data_date, issue_date, amount, balance, class5, product, extra FROM loan WHERE loan_no IN ('L1', 'L3', 'L4') ORDER BY loan_no").all()).toEqual([
    { loan_no: 'L1', data_date: '2005-06-30', issue_date: '1993-07-05', amount: 100050, balance: 100050, class5: '正常', product: '经营贷;个体户', extra: '{"duration":"12"}' },
    { loan_no: 'L3', data_date: '2005-06-30', issue_date: '1998-01-15', amount: 300025, balance: 300025, class5: '损失', product: '农户贷;"旺季"', extra: '{"duration":"36"}' },
    { loan_no: 'L4', data_date: '2005-06-30', issue_date: '2005-03-01', amount: 50000, balance: 50000, class5: '正常', product: '经营贷', extra: '{"duration":"12"}' },
  ]);
  d.close();
});
