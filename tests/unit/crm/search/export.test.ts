import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_ITEMS, type GapQuery } from '../../../../shared/crm.js';
import { describeGapQuery, exportGaps } from '../../../../electron/core/crm/export.js';
import { gapList } from '../../../../electron/core/crm/gaps.js';
import { tempBank } from './bank.js';
import { wholeBankScope } from '../../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

let t: ReturnType<typeof tempBank>;
beforeAll(() => {
  t = tempBank();
});
afterAll(() => t.close());

async function exportTo(q: GapQuery, format: 'csv' | 'xlsx', pageSize?: number): Promise<{ file: string; rows: number }> {
  const file = path.join(t.dir, `out-${format}-${Math.random().toString(36).slice(2)}.${format}`);
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve) => out.on('close', () => resolve()));
  const { rows } = await exportGaps(t.db, q, ALL, format, out, { username: 'alice', pageSize });
  await done;
  return { file, rows };
}

const HEADER = [
  '客户号', '客户名称', '手机号码', '星级', '已办项数', '月日均金融资产（元）', '所属机构', '客户经理', '网格编号', '年龄', '客户类型',
  ...DEFAULT_ITEMS.map((i) => i.name),
];
const items = (held: number[]) => Array.from({ length: 18 }, (_, i) => (held.includes(i + 1) ? '已办' : '未办'));

// 城西支行 and below, holding 手机银行: …08 …09 …12 …13 (bank.ts)
const Q: GapQuery = { orgId: 'B2', has: [10] };
const FILTER = '数据日期：2024-07-31；已办：手机银行；机构：城西支行（B2）及下属机构；数据范围：全行';
const hostileName = '=HYPERLINK("http://evil.example","点我")';
const EXPECTED_ROWS = [
  ['6200000008', '李*英', '138****0008', '4', '4', '250000.00', '西一分理处', '陈经理', 'G2', '46', '个人', ...items([1, 2, 3, 10])],
  // formula-like text after masking still starts with = and +: neutralised with a leading '
  ['6200000009', `'=${'*'.repeat(hostileName.length - 2)})`, "'+86*******0009", '1', '1', '500.00', '城西支行', '陈经理', '', '25', '个人', ...items([10])],
  ['6200000012', '单*芳', '138****0012', '3', '2', '60000.00', '城西支行', '陈经理', 'G2', '90', '个人', ...items([1, 10])],
  ['6200000013', '张**华', '138****0013', '5', '9', '800000.00', '西一分理处', '陈经理', 'G2', '44', '个人', ...items([1, 2, 3, 5, 7, 10, 11, 12, 15])],
];

it('describes a filter in Chinese', () => {
  expect(describeGapQuery({}, DEFAULT_ITEMS)).toBe('数据日期：最新；全部客户');
  expect(
    describeGapQuery({ date: '2024-07-31', has: [15], lacks: [10], stars: [3, 4], ageMin: 30, ageMax: 50, custTypes: ['个人'], sort: 'avg_assets', desc: true }, DEFAULT_ITEMS),
  ).toBe('数据日期：2024-07-31；已办：代发工资/养老金；未办：手机银行；星级：3星、4星；年龄：30–50岁；客户类型：个人；排序：月日均金融资产从高到低');
  expect(describeGapQuery({ orgId: 'B2', managerId: 'M3' }, DEFAULT_ITEMS, { org: '城西支行', manager: null })).toBe(
    '数据日期：最新；机构：城西支行（B2）及下属机构；客户经理：M3',
  );
});

it('exports CSV: the filter row, a blank row, Chinese headers, exactly the filtered rows, masked and neutralised', async () => {
  const { file, rows } = await exportTo(Q, 'csv', 2); // pages of 2: the export must cross page boundaries
  expect(rows).toBe(4);
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.startsWith('#')).toBe(false);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false }).data.filter((r, i, a) => !(i === a.length - 1 && r.length === 1 && r[0] === ''));
  expect(parsed[0]).toEqual(['筛选条件', FILTER]);
  expect(parsed[1]).toEqual(['']);
  expect(parsed[2]).toEqual(HEADER);
  expect(parsed.slice(3)).toEqual(EXPECTED_ROWS);
  // the same customers as the list shows, page by page
  expect(parsed.slice(3).map((r) => r[0])).toEqual(gapList(t.db, Q, ALL).rows.map((r) => r.custId));
});

it('exports XLSX: the same rows, numbers as numbers, and the filter on its own sheet', async () => {
  const { file, rows } = await exportTo({ ...Q, after: 'ignored-by-export' }, 'xlsx', 3);
  expect(rows).toBe(4);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['营销清单', '筛选条件']);
  const sheet = wb.getWorksheet('营销清单')!;
  const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
  expect(values(1)).toEqual(HEADER);
  expect(sheet.rowCount).toBe(5);
  for (let i = 0; i < 4; i++) {
    const want: unknown[] = EXPECTED_ROWS[i].map((v, col) => ([3, 4, 5, 9].includes(col) && v !== '' ? Number(v) : v === '' ? undefined : v));
    const got = values(i + 2);
    while (got.length < want.length) got.push(undefined);
    expect(got).toEqual(want);
  }
  const meta = wb.getWorksheet('筛选条件')!;
  expect((meta.getRow(1).values as unknown[]).slice(1)).toEqual(['筛选条件', FILTER]);
  expect((meta.getRow(3).values as unknown[]).slice(1)).toEqual(['导出人', 'alice']);
  // no formula cell anywhere
  sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
});
