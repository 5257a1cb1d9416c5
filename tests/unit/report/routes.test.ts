// The report routes over the real API on a hand-built bank: the 业务通报's figures (worked out
// below from the rows), its PDF and XLSX read back, the caller's scope, the audit row; an
// assessment sheet's export whose total is the core's (GET /api/assess) and the hand-worked one.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { AssessResult } from '../../../shared/assessment.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { parsePeriod, setTarget } from '../../../electron/core/assess/index.js';
import type { BulletinData } from '../../../electron/core/report/index.js';
import { tempApi, type TestApi } from '../api/helpers.js';
import { pdfLines, pdfText } from '../documents/poppler.js';

async function bank(userOrg = 'HQ'): Promise<TestApi> {
  const api = tempApi({ userOrg });
  const dir = path.join(api.dir, 'in');
  fs.mkdirSync(dir);
  const files: Record<string, string> = {
    'org.csv': '机构号,机构名称,上级机构号,机构层级\nHQ,测试农商银行,,总行\nB1,城东支行,HQ,支行\nB2,城西支行,HQ,支行\n',
    'customer.csv': '客户号,客户名称,客户类型,所属机构号\nC1,张三,个人,B1\nC2,李四,个人,B2\n',
    // 06-30: B1 900.10, B2 2,000,000.00 (Σ 2,000,900.10); 07-31: B1 1,000.10, B2 2,345,678.90 (Σ 2,346,679.00)
    'deposit.csv':
      '数据日期,账号,客户号,存款种类,账户余额,所属机构号\n2024-06-30,A1,C1,活期,900.10,B1\n2024-06-30,A2,C2,定期,2000000.00,B2\n2024-07-31,A1,C1,活期,1000.10,B1\n2024-07-31,A2,C2,定期,2345678.90,B2\n',
  };
  const results = await importPaths(api.db, Object.entries(files).map(([name, text]) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name))));
  for (const r of results) if (r.error) throw new Error(r.error);
  return api;
}

const get = (api: TestApi, url: string, role: 'admin' | 'branch_manager' = 'admin') => api.app.fetch(new Request(`http://localhost${url}`, { headers: api.auth(role) }));

it('the bulletin: headline changes against 上日/上月末/年初, the branch table, a ranking, as data, PDF and XLSX, audited', async () => {
  const api = await bank();
  const res = await get(api, '/api/report/bulletin?date=2024-07-31');
  expect(res.status, await res.clone().text()).toBe(200);
  const d = (await res.json()) as BulletinData;
  expect(d.bases.map((b) => b.date)).toEqual(['2024-07-30', '2024-06-30', '2023-12-31']);
  const dep = d.headline.find((f) => f.key === 'deposit_balance')!;
  expect(dep.value).toBe(2346679);
  // 2,346,679.00 − 2,000,900.10 = 345,778.90 against 06-30, also 上日 (07-30 still stands on the 06-30 snapshot); no 2023 data: no change
  expect(dep.changes).toEqual([345778.9, 345778.9, null]);
  expect(d.units.map((u) => u.name)).toEqual(['城东支行', '城西支行']);
  // 比上月增量: B1 1,000.10 − 900.10 = 100.00; B2 2,345,678.90 − 2,000,000.00 = 345,678.90 → B2 first
  const mtd = d.rankings.find((r) => r.key === 'deposit_balance_mtd_change')!;
  expect(mtd.rows.map((r) => [r.name, r.value, r.rank])).toEqual([['城西支行', 345678.9, 1], ['城东支行', 100, 2]]);

  const pdfRes = await get(api, '/api/report/bulletin/export?format=pdf&date=2024-07-31');
  expect(pdfRes.status).toBe(200);
  expect(decodeURIComponent(pdfRes.headers.get('content-disposition')!.split("UTF-8''")[1])).toMatch(/^业务通报_测试农商银行_2024-07-31_\d{8}_\d{6}\.pdf$/);
  const pdf = Buffer.from(await pdfRes.arrayBuffer());
  expect(pdfText(pdf, 1)).toContain('业务通报（2024-07-31）银行：测试农商银行');
  // 2,346,679.00 元 = 234.67 万元 (234.6679); 345,778.90 元 = 34.58 万元
  expect(pdfLines(pdf)).toContain('各项存款余额234.67万元+34.58+34.58—');
  expect(pdfText(pdf)).toContain('制表：');

  const xRes = await get(api, '/api/report/bulletin/export?format=xlsx&date=2024-07-31&lang=en');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xRes.arrayBuffer()) as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['Cover', 'Key figures', 'By unit', 'Rankings', 'Alerts']);
  const row = wb.getWorksheet('Key figures')!.getRows(2, 20)!.find((r) => r.getCell(1).text === 'Deposits')!;
  expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value]).toEqual([2346679, 345778.9, 345778.9, null]);
  expect(row.getCell(3).numFmt).toBe('#,##0.00"元"');

  const audits = api.db.prepare("SELECT target, detail FROM audit_log WHERE action = 'export' ORDER BY id").all() as { target: string; detail: string }[];
  expect(audits.map((a) => a.target)).toEqual(['report.bulletin.pdf', 'report.bulletin.xlsx']);
  expect(JSON.parse(audits[0].detail)).toMatchObject({ date: '2024-07-31', target: { type: 'bank', id: null }, bytes: pdf.length });
}, 120_000);

it('a 支行 user gets their 支行\'s bulletin; another 支行 is a 404', async () => {
  const api = await bank('B1');
  const d = (await (await get(api, '/api/report/bulletin?date=2024-07-31', 'branch_manager')).json()) as BulletinData;
  expect(d.scope).toEqual({ type: 'org', id: 'B1', name: '城东支行' });
  expect(d.headline.find((f) => f.key === 'deposit_balance')!.value).toBe(1000.1);
  expect((await get(api, '/api/report/bulletin/export?format=pdf&date=2024-07-31&org=B2', 'branch_manager')).status).toBe(404);
}, 120_000);

it('an assessment sheet\'s export carries the core\'s total, worked out by hand', async () => {
  const api = await bank();
  setTarget(api.db, parsePeriod('2024-07'), { object_type: 'org', object_id: 'B1', indicator: 'deposit_avg', value: 1000 }, 'test');
  // B1's July 日均: 30 days on the 06-30 snapshot (900.10) + 07-31 (1,000.10) = 28,003.10 ÷ 31 = 903.3258 → 903.33 元;
  // completion 903.33 / 1,000 = 90.333% (above the 60% floor) → 30 × 0.90333 = 27.0999; no other target: 满分 30
  const core = (await (await get(api, '/api/assess?period=2024-07&org=B1')).json()) as AssessResult;
  expect(core.sheets[0].total).toBeCloseTo(27.0999, 10);
  const res = await get(api, '/api/report/assessment/export?format=xlsx&period=2024-07&org=B1');
  expect(res.status, await res.clone().text()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['封面', '城东支行']);
  const s = wb.getWorksheet('城东支行')!;
  const total = s.getRows(1, s.rowCount)!.find((r) => r.getCell(1).text === '总分')!;
  expect(total.getCell(7).value).toBe(core.sheets[0].total);
  const pdf = Buffer.from(await (await get(api, '/api/report/assessment/export?format=pdf&period=2024-07&all=1')).arrayBuffer());
  const text = pdfText(pdf);
  expect(text).toContain('绩效考核汇总（2024-07）');
  expect(text).toContain('总分：27.10/满分30');
  expect(text).toContain('城西支行（B2）·机构');
}, 120_000);
