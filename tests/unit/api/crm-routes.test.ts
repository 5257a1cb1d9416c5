// The customer routes over a real SQLite bank built here from a handful of CSV files: four
// customers in two branches, three with hostile names. Expected figures are counted by hand from
// the rows below.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/permissions.js';
import type { CoverageTable, Customer360, GapPage, QuickCheck, SearchResult } from '../../../shared/crm.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { listAudit } from '../../../electron/core/audit/index.js';
import { tempApi, type TestApi } from './helpers.js';

const HTML = '<img src=x onerror="alert(1)">';
const FORMULA = '=HYPERLINK("http://x","点我")';
const QUOTES = `张"引'号"三`;

const csv = (rows: (string | number)[][]) =>
  rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';

const FILES: Record<string, (string | number)[][]> = {
  'org.csv': [
    ['机构号', '机构名称', '上级机构号', '机构层级'],
    ['001', '测试农商银行', '', '总行'],
    ['101', '城东支行', '001', '支行'],
    ['102', '城西支行', '001', '支行'],
  ],
  'staff.csv': [
    ['员工号', '姓名', '所属机构号', '岗位'],
    ['S01', '王经理', '101', '客户经理'],
    ['S02', '李经理', '102', '客户经理'],
  ],
  'customer.csv': [
    ['客户号', '客户名称', '客户类型', '证件类型', '证件号码', '性别', '出生日期', '手机号码', '联系地址', '所属机构号', '管户客户经理号'],
    ['C001', HTML, '个人', '身份证', '350502199001011234', '男', '1990-01-01', '13800000001', '泉州市鲤城区某某路1号', '101', 'S01'],
    ['C002', FORMULA, '个人', '身份证', '350502198502023456', '女', '1985-02-02', '13800000002', '泉州市丰泽区某某路2号', '101', 'S01'],
    ['C003', QUOTES, '个人', '身份证', '350502197003034567', '男', '1970-03-03', '13800000003', '泉州市晋江市某某路3号', '102', 'S02'],
    ['C004', '李四', '个人', '身份证', '350502196004045678', '女', '1960-04-04', '13800000004', '泉州市南安市某某路4号', '102', 'S02'],
  ],
  'deposit.csv': [
    ['数据日期', '账号', '客户号', '存款种类', '开户日期', '账户余额', '账户状态', '所属机构号'],
    ['2024-07-31', 'A001', 'C001', '活期', '2020-01-01', '1000.00', '正常', '101'],
    ['2024-07-31', 'A002', 'C002', '活期', '2021-01-01', '500.00', '正常', '101'],
    ['2024-07-31', 'A003', 'C003', '定期', '2022-01-01', '200000.00', '正常', '102'],
  ],
  'signing.csv': [
    ['签约流水号', '客户号', '业务类型', '签约日期', '状态'],
    ['G001', 'C001', '手机银行', '2024-01-01', '有效'],
    ['G002', 'C002', '电费代扣', '2024-02-01', '有效'],
    ['G003', 'C003', '电费代扣', '2024-03-01', '有效'],
    ['G004', 'C003', '水费代扣', '2024-03-01', '有效'],
  ],
};

async function bank(): Promise<TestApi> {
  // the users sit at the head office, so their data scope is the whole bank (tests/unit/scope walks the narrower ones)
  const api = tempApi({ userOrg: '001' });
  const dir = path.join(api.dir, 'exports');
  fs.mkdirSync(dir);
  const paths = Object.entries(FILES).map(([name, rows]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, csv(rows));
    return p;
  });
  const results = await importPaths(api.db, paths);
  for (const r of results) expect(r.error, r.file).toBeUndefined();
  return api;
}

let api: TestApi;
beforeEach(async () => {
  api = await bank();
});

const call = (role: Role, url: string, init: RequestInit = {}) =>
  api.app.fetch(new Request(`http://localhost${url}`, { ...init, headers: { ...api.auth(role), 'content-type': 'application/json' } }));
const auditOf = (action: string) => listAudit(api.db, { action }).items;

describe('customer 360, reveal and quick check', () => {
  it('shows the 360 masked and audits who viewed which customer', async () => {
    const before = new Date().toISOString();
    const res = await call('branch_manager', '/api/customers/C003');
    const after = new Date().toISOString();
    expect(res.status).toBe(200);
    const v = (await res.json()) as Customer360;
    expect(v.identity.masked).toBe(true);
    expect(v.identity.name).not.toBe(QUOTES);
    expect(v.identity.phone).toBe('138****0003');
    expect(v.identity.idNo).not.toContain('19700303');
    // C003: 定期 (item 2), 电费代扣 (17), 水费代扣 (16)
    expect(v.items.filter((i) => i.held).map((i) => i.id).sort((a, b) => a - b)).toEqual([2, 16, 17]);
    expect(v.coverage).toBe(3);
    const rows = auditOf('customer_view');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: 't_branch_manager', target: 'C003' });
    // recorded while the request was served (ISO strings of one format compare as times)
    expect(rows[0].at >= before && rows[0].at <= after, `${before} ≤ ${rows[0].at} ≤ ${after}`).toBe(true);
  });

  it('reveals to a branch manager, audited, with the hostile name as the exact text', async () => {
    const res = await call('branch_manager', '/api/customers/C001/reveal', { method: 'POST' });
    expect(res.status).toBe(200);
    const v = (await res.json()) as Customer360;
    expect(v.identity.masked).toBe(false);
    expect(v.identity.name).toBe(HTML);
    expect(v.identity.phone).toBe('13800000001');
    expect(auditOf('customer_reveal')).toMatchObject([{ username: 't_branch_manager', target: 'C001' }]);
  });

  it('refuses the reveal to a lobby manager and writes no reveal', async () => {
    const res = await call('lobby_manager', '/api/customers/C001/reveal', { method: 'POST' });
    expect(res.status).toBe(403);
    expect(auditOf('customer_reveal')).toHaveLength(0);
  });

  it('answers the quick check and audits it', async () => {
    const res = await call('lobby_manager', '/api/customers/C002/quick');
    expect(res.status).toBe(200);
    const q = (await res.json()) as QuickCheck;
    expect(q.held.map((i) => i.id).sort((a, b) => a - b)).toEqual([1, 17]);
    expect(q.missing).toHaveLength(16);
    expect(q.name).not.toBe(FORMULA);
    expect(auditOf('customer_quick')).toMatchObject([{ username: 't_lobby_manager', target: 'C002' }]);
  });

  it('says 404 for an unknown customer and 400 for an impossible date', async () => {
    expect((await call('admin', '/api/customers/NOPE')).status).toBe(404);
    expect((await call('admin', '/api/customers/C001?date=2024-02-30')).status).toBe(400);
  });
});

describe('search', () => {
  it('finds by customer number with masked names, and says when a phone is nobody', async () => {
    const r = (await (await call('lobby_manager', '/api/customers/search?q=C002')).json()) as SearchResult;
    expect(r.matches.map((m) => m.custId)).toEqual(['C002']);
    expect(r.matches[0].name).not.toBe(FORMULA);
    expect(r.matches[0].coverage).toBe(2);
    const none = (await (await call('lobby_manager', '/api/customers/search?q=13999999999')).json()) as SearchResult;
    expect(none.matches).toHaveLength(0);
    expect(none.notCustomer).toBe(true);
  });
});

describe('gap list and export', () => {
  it('lists the customers holding 电费代扣 (17) but lacking 水费代扣 (16)', async () => {
    const page = (await (await call('lobby_manager', '/api/gaps?has=17&lacks=16')).json()) as GapPage;
    expect(page.total).toBe(1); // C002; C003 has both
    expect(page.rows.map((r) => r.custId)).toEqual(['C002']);
  });

  it('pages by cursor through every match exactly once', async () => {
    const first = (await (await call('admin', '/api/gaps?limit=3')).json()) as GapPage;
    expect(first.total).toBe(4);
    expect(first.rows).toHaveLength(3);
    const second = (await (await call('admin', `/api/gaps?limit=3&after=${first.next}`)).json()) as GapPage;
    expect([...first.rows, ...second.rows].map((r) => r.custId)).toEqual(['C001', 'C002', 'C003', 'C004']);
    expect(second.next).toBeNull();
  });

  it('answers a bad filter with 400 and its sentence', async () => {
    const res = await call('admin', '/api/gaps?stars=9');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/星级/);
  });

  it('refuses the export to a lobby manager', async () => {
    const res = await call('lobby_manager', '/api/gaps/export?format=csv');
    expect(res.status).toBe(403);
    expect(auditOf('export')).toHaveLength(0);
  });

  it('exports CSV of exactly the filter, neutralises formula-like names, and audits the filter text', async () => {
    const res = await call('performance_officer', '/api/gaps/export?format=csv&has=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''.*\.csv$/);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const table = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    const data = table.filter((r) => /^C\d{3}$/.test(r[0] ?? ''));
    expect(data.map((r) => r[0])).toEqual(['C001', 'C002']); // the two with 活期
    for (const row of table) for (const cell of row) expect(cell).not.toMatch(/^[=+@]/);
    const c002 = data.find((r) => r[0] === 'C002')!;
    expect(c002[1].startsWith("'=")).toBe(true);
    expect(text).not.toContain(HTML); // masked, so the raw markup never leaves
    const rows = auditOf('export');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: 't_performance_officer', target: 'gaps.csv' });
    const detail = JSON.parse(rows[0].detail!) as { filter: string; rows: number };
    expect(detail.rows).toBe(2);
    expect(detail.filter).toContain('已办：活期存款');
    expect(detail.filter).toContain('2024-07-31');
  });

  it('exports XLSX whose cells are text, never formulas', async () => {
    const res = await call('branch_manager', '/api/gaps/export?format=xlsx&orgId=101');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0];
    const ids: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
      const id = String(row.getCell(1).value ?? '');
      if (/^C\d{3}$/.test(id)) ids.push(id);
    });
    expect(ids).toEqual(['C001', 'C002']);
    const detail = JSON.parse(auditOf('export')[0].detail!) as { filter: string };
    expect(detail.filter).toContain('城东支行');
  });
});

describe('coverage', () => {
  it('gives per-branch shares counted from the holdings', async () => {
    const t = (await (await call('lobby_manager', '/api/coverage?by=branch')).json()) as CoverageTable;
    const east = t.rows.find((r) => r.key === '101')!;
    const west = t.rows.find((r) => r.key === '102')!;
    expect([east.customers, west.customers]).toEqual([2, 2]);
    expect(east.shares[1]).toBe(1); // C001, C002 活期
    expect(west.shares[1]).toBe(0);
    expect(west.shares[17]).toBe(0.5); // C003 of C003, C004
    expect(east.shares[10]).toBe(0.5); // C001 手机银行
  });
});

describe('crm settings', () => {
  it('reads for everyone, writes for settings:write, and turns invalid input into 400 with the reason', async () => {
    expect((await call('lobby_manager', '/api/settings/crm/stars')).status).toBe(200);
    const body = JSON.stringify([20_000, 60_000, 300_000, 800_000]);
    expect((await call('branch_manager', '/api/settings/crm/stars', { method: 'PUT', body })).status).toBe(403);
    const ok = await call('admin', '/api/settings/crm/stars', { method: 'PUT', body });
    expect(ok.status).toBe(200);
    expect(await (await call('lobby_manager', '/api/settings/crm/stars')).json()).toEqual([20_000, 60_000, 300_000, 800_000]);
    expect(auditOf('settings')).toMatchObject([{ username: 't_admin', target: 'crm.stars' }]);

    const bad = await call('admin', '/api/settings/crm/stars', { method: 'PUT', body: JSON.stringify([5, 4, 3, 2]) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/递增/);
    const items = (await (await call('admin', '/api/settings/crm/items')).json()) as unknown[];
    const short = await call('admin', '/api/settings/crm/items', { method: 'PUT', body: JSON.stringify(items.slice(1)) });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: string }).error).toMatch(/18/);
  });
});
