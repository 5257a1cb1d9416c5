// `branch-console assess`: the JSON contract of issue 12 on the hand-built bank of
// tests/unit/assess/bank.ts (figures worked out there and below), and the command line's refusals.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { tmpDir, write } from '../import/helpers.js';
import { FILES } from '../assess/bank.js';
import { cli } from './run-cli.js';
import { pdfPages, pdfText } from '../documents/poppler.js';

let db: string;

beforeAll(() => {
  const dir = tmpDir();
  for (const [name, body] of Object.entries(FILES)) write(dir, `in/${name}`, body);
  db = path.join(dir, 'bank.sqlite');
  const r = cli('import', '--db', db, path.join(dir, 'in'));
  expect(r.status, r.stderr).toBe(0);
});

it('prints {period, as_of, sheets} with the contract fields, money in 元 and ratios unrounded', () => {
  const r = cli('assess', '--db', db, '--period', '2024-07', '--org', 'B1', '--json');
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.period).toBe('2024-07');
  expect(out.as_of).toBe('2024-07-31');
  expect(out.sheets).toHaveLength(1);
  const s = out.sheets[0];
  expect(s.object).toEqual({ type: 'org', id: 'B1', name: '一支行' });
  expect(s.scheme_version).toBe(0);
  for (const k of ['rows', 'deductions', 'adjustments', 'total', 'full', 'rank']) expect(s, k).toHaveProperty(k);
  for (const row of s.rows) expect(Object.keys(row).sort()).toEqual(['actual', 'completion', 'indicator', 'score', 'target', 'weight']);
  const row = (id: string) => s.rows.find((x: { indicator: string }) => x.indicator === id);
  // 日均 (30 × 3000 + 3310) / 31 = 3010 元; 不良率 200 / 10000 = 0.02 unrounded; loans 10000 / 8000 = 1.25 (capped in the score only)
  expect(row('deposit_avg')).toMatchObject({ target: 2800, actual: 3010 });
  expect(row('npl_ratio').actual).toBe(0.02);
  expect(row('loan_balance')).toMatchObject({ completion: 1.25, score: 30 });
  // no alerts in this bank: 32.25 + 30 + 11.25 + 0
  expect(s.deductions).toBe(0);
  expect(s.total).toBeCloseTo(73.5, 12);
  expect(s.full).toBe(75);
});

it('--all lists every org then every staff member; without a choice the head office alone', () => {
  const all = JSON.parse(cli('assess', '--db', db, '--period', '2024-07', '--all', '--json').stdout);
  expect(all.sheets.map((s: { object: { id: string } }) => s.object.id)).toEqual(['H', 'B1', 'S11', 'B2', 'B3', 'E1', 'E2', 'E3']);
  // 支行 totals: B1 73.5, B2 55, B3 73 → B1 1, B3 2, B2 3
  const rank = (id: string) => all.sheets.find((s: { object: { id: string } }) => s.object.id === id).rank;
  expect([rank('B1'), rank('B3'), rank('B2')]).toEqual([1, 2, 3]);
  const one = JSON.parse(cli('assess', '--db', db, '--period', '2024-07', '--json').stdout);
  expect(one.sheets.map((s: { object: { id: string } }) => s.object.id)).toEqual(['H']);
  const staff = JSON.parse(cli('assess', '--db', db, '--period', '2024Q3', '--staff', 'E3', '--json').stdout);
  expect(staff).toMatchObject({ period: '2024Q3', as_of: '2024-07-31', progress: true });
});

it('refuses a bad period, a period without data, both --org and --staff, and unknown objects, by name', () => {
  const bad = cli('assess', '--db', db, '--period', '2024-7', '--json');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/考核期“2024-7”无效/);
  expect(cli('assess', '--db', db, '--period', '2024-09').stderr).toMatch(/没有任何数据日期/);
  expect(cli('assess', '--db', db, '--period', '2024-07', '--org', 'B1', '--staff', 'E1').stderr).toMatch(/只能选一个/);
  expect(cli('assess', '--db', db, '--period', '2024-07', '--org', 'NOPE').stderr).toMatch(/机构 NOPE 不存在/);
  expect(cli('assess', '--db', db, '--period', '2024-07', '--staff', 'NOPE').stderr).toMatch(/员工 NOPE 不存在/);
  expect(cli('assess', '--db', db).stderr).toMatch(/缺少参数 --period/);
  // the text form names the sheet and 未设目标
  const text = cli('assess', '--db', db, '--period', '2024-07', '--org', 'B1');
  expect(text.stdout).toMatch(/机构 B1 一支行/);
  expect(text.stdout).toMatch(/未设目标/);
});

it('`report --kind assessment` without an object writes the whole book as the scheduler would: one PDF, the summary and every sheet, numbered over the book', () => {
  const out = path.join(path.dirname(db), 'book.pdf');
  const r = cli('report', '--db', db, '--kind', 'assessment', '--period', '2024-07', '--format', 'pdf', '--out', out);
  expect(r.status, r.stderr).toBe(0);
  const pdf = fs.readFileSync(out);
  // 8 objects (H, B1, S11, B2, B3, E1, E2, E3), one page each after the summary's page
  expect(pdfPages(pdf)).toBe(9);
  expect(pdfText(pdf, 1)).toContain('第1页/共9页');
  // the order of --all: B1 is the second object, on page 3, with its total 73.50 of 75 and rank 1
  expect(pdfText(pdf, 3)).toContain('一支行（B1）·机构');
  expect(pdfText(pdf, 3)).toContain('总分：73.50/满分75名次：1');
  expect(pdfText(pdf, 9)).toContain('丙（E3）·员工');
  expect(pdfText(pdf, 9)).toContain('第9页/共9页');
});
