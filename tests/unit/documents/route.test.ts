// GET /api/dashboards/:id/export over the real API on a hand-built bank: the file, its Chinese
// name per RFC 5987, the audit row, the caller's scope, and the refusals.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { importPaths } from '../../../electron/core/import/index.js';
import { attachment } from '../../../electron/core/api/document-routes.js';
import { tempApi, type TestApi } from '../api/helpers.js';
import { pdfText } from './poppler.js';

async function bank(userOrg = 'HQ'): Promise<TestApi> {
  const api = tempApi({ userOrg });
  const dir = path.join(api.dir, 'in');
  fs.mkdirSync(dir);
  const files: Record<string, string> = {
    'org.csv': '机构号,机构名称,上级机构号,机构层级\nHQ,测试农商银行,,总行\nB1,城东支行,HQ,支行\nB2,城西支行,HQ,支行\n',
    'customer.csv': '客户号,客户名称,客户类型,所属机构号\nC1,张三,个人,B1\nC2,李四,个人,B2\n',
    // B1 1,000.10 元 + B2 2,345,678.90 元 = 2,346,679.00 元 = 234.67 万元 (234.6679 rounded)
    'deposit.csv': '数据日期,账号,客户号,存款种类,账户余额,所属机构号\n2024-07-31,A1,C1,活期,1000.10,B1\n2024-07-31,A2,C2,定期,2345678.90,B2\n',
  };
  const results = await importPaths(api.db, Object.entries(files).map(([name, text]) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name))));
  for (const r of results) if (r.error) throw new Error(r.error);
  return api;
}

const get = (api: TestApi, url: string, role: 'admin' | 'branch_manager' = 'admin') =>
  api.app.fetch(new Request(`http://localhost${url}`, { headers: api.auth(role) }));

it('sends the PDF with its Chinese file name and audits what was exported', async () => {
  const api = await bank();
  const res = await get(api, '/api/dashboards/overview/export?format=pdf&date=2024-07-31&base=2024-06-30');
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const cd = res.headers.get('content-disposition')!;
  // 总览 is E6 80 BB E8 A7 88 in UTF-8; 测试农商银行 the whole bank's name
  expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''%E6%80%BB%E8%A7%88_/);
  expect(decodeURIComponent(cd.split("UTF-8''")[1])).toMatch(/^总览_测试农商银行_2024-07-31_\d{8}_\d{6}\.pdf$/);
  const pdf = Buffer.from(await res.arrayBuffer());
  const text = pdfText(pdf);
  expect(text).toContain('导出人：t_admin');
  expect(text).toContain('各项存款余额234.67万元');
  const row = api.db.prepare("SELECT username, target, detail FROM audit_log WHERE action = 'export'").get() as { username: string; target: string; detail: string };
  expect(row.username).toBe('t_admin');
  expect(row.target).toBe('dashboard.overview.pdf');
  expect(JSON.parse(row.detail)).toMatchObject({ dashboard: '总览', date: '2024-07-31', base: '2024-06-30', target: { type: 'bank', id: null }, bytes: pdf.length });
}, 120_000);

it('exports only inside the caller\'s scope: a 支行 user gets their 支行, another 支行 is a 404', async () => {
  const api = await bank('B1');
  const res = await get(api, '/api/dashboards/overview/export?format=xlsx&date=2024-07-31', 'branch_manager');
  expect(res.status, await res.clone().text()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  expect(wb.worksheets[0].getCell(2, 2).text).toBe('机构：城东支行 (B1)');
  const kpi = wb.getWorksheet('主要指标')!.getRows(2, 20)!.find((r) => r.getCell(1).text === '各项存款余额')!;
  expect(kpi.getCell(3).value).toBe(1000.1);
  expect((await get(api, '/api/dashboards/overview/export?format=xlsx&date=2024-07-31&org=B2', 'branch_manager')).status).toBe(404);
}, 120_000);

it('refuses a bad format, dashboard, date or base with 400', async () => {
  const api = await bank();
  for (const q of ['nosuch/export?format=pdf&date=2024-07-31', 'overview/export?format=docx&date=2024-07-31', 'overview/export?format=pdf&date=2024-02-30', 'overview/export?format=pdf&date=2024-07-31&base=yesterday']) {
    expect((await get(api, `/api/dashboards/${q}`)).status, q).toBe(400);
  }
  expect(api.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export'").pluck().get()).toBe(0);
});

it('writes the Content-Disposition of RFC 6266 / 5987', () => {
  expect(attachment("总览(1)'s.pdf")).toBe(`attachment; filename="__(1)'s.pdf"; filename*=UTF-8''%E6%80%BB%E8%A7%88%281%29%27s.pdf`);
});
