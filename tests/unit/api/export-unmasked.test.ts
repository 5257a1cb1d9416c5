// The gap export over the real routes: masked by default; unmasked (a call list) only for a user
// with customer:reveal and export, only with a stated purpose, audited with it; times in the file
// and its name are Asia/Shanghai. Bank: tests/unit/crm/search/bank.ts.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { Writable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportGaps } from '../../../electron/core/crm/export.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
import { buildBank, DATE } from '../crm/search/bank.js';
import { tempApi, type TestApi } from './helpers.js';

const FILTER = `format=csv&has=10&orgId=B2&date=${DATE}`;
const PURPOSE = '城西支行手机银行客户回访电话';

/** Asia/Shanghai wall clock by the platform's own time-zone data, not by the console's offset. */
function shanghai(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}${p.month}${p.day}_${p.hour}${p.minute}${p.second}`;
}

let t: TestApi;
beforeEach(() => {
  t = tempApi();
  buildBank(t.db);
  // a 行长 at the head office (the whole bank), exporting 城西支行 and below (B2, S21)
  t.tokenFor('branch_manager');
  t.db.prepare("UPDATE app_user SET org_id = 'H' WHERE username = 't_branch_manager'").run();
});

const unmasked = (role: Parameters<TestApi['auth']>[0], body: unknown, query = FILTER) =>
  t.app.request(`/api/gaps/export?${query}`, { method: 'POST', headers: { ...t.auth(role), 'content-type': 'application/json' }, body: JSON.stringify(body) });

const csvRows = async (res: Response) => Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
const exports = () =>
  (t.db.prepare("SELECT username, target, detail FROM audit_log WHERE action = 'export' ORDER BY id").all() as { username: string; target: string; detail: string }[]).map((r) => ({
    ...r,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));

describe('unmasked export', () => {
  it('gives a 行长 the names and phones as stored, says so in the file and its name, and audits the purpose', async () => {
    const before = shanghai(new Date());
    const res = await unmasked('branch_manager', { purpose: `  ${PURPOSE} ` });
    const after = shanghai(new Date());
    expect(res.status).toBe(200);
    const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers.get('content-disposition')!)![1]);
    expect(name).toMatch(/^营销清单_未脱敏_\d{8}_\d{6}\.csv$/);
    const at = name.slice('营销清单_未脱敏_'.length, -4);
    expect(at >= before && at <= after, `${before} ≤ ${at} ≤ ${after}`).toBe(true);

    const rows = await csvRows(res);
    expect(rows[0][1]).toContain(`未脱敏导出，用途：${PURPOSE}`);
    // 城西 and below holding 手机银行 (bank.ts): …08 …09 …12 …13, names and phones as stored;
    // formula-like text is still neutralised with a leading '
    expect(rows.slice(2).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['6200000008', '李秀英', '13800000008'],
      ['6200000009', `'=HYPERLINK("http://evil.example","点我")`, "'+8613800000009"],
      ['6200000012', '单田芳', '13800000012'],
      ['6200000013', '张秀英华', '13800000013'],
    ]);
    expect(exports()).toEqual([
      { username: 't_branch_manager', target: 'gaps.csv', detail: expect.objectContaining({ rows: 4, masked: false, purpose: PURPOSE }) },
    ]);
  });

  it('is refused without a purpose, and to anyone who may not reveal or export', async () => {
    for (const body of [{}, { purpose: '' }, { purpose: '   ' }, { purpose: '回访' }]) {
      expect((await unmasked('branch_manager', body)).status, JSON.stringify(body)).toBe(400);
    }
    // 大堂经理 (neither export nor reveal) and 绩效专员 (export, no reveal)
    expect((await unmasked('lobby_manager', { purpose: PURPOSE })).status).toBe(403);
    expect((await unmasked('performance_officer', { purpose: PURPOSE })).status).toBe(403);
    expect(exports()).toEqual([]);
  });

  it('stays masked by default, for a 行长 too, and says so in the audit', async () => {
    const res = await t.app.request(`/api/gaps/export?${FILTER}`, { headers: t.auth('branch_manager') });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).not.toContain('未脱敏');
    const rows = await csvRows(res);
    expect(rows.slice(2).map((r) => [r[1], r[2]])[0]).toEqual(['李*英', '138****0008']);
    expect(exports()[0]).toMatchObject({ detail: { masked: true } });
  });
});

describe('local time in the file', () => {
  it('writes 导出时间 in Asia/Shanghai: 16:30 UTC on 31 July is 00:30 on 1 August', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) });
    const done = new Promise((resolve) => out.on('finish', resolve));
    await exportGaps(t.db, { has: [10], orgId: 'B2', date: DATE }, wholeBankScope(), 'xlsx', out, {
      username: 'alice',
      now: new Date('2024-07-31T16:30:00Z'),
      unmasked: { purpose: PURPOSE },
    });
    await done;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const about = new Map<string, string>();
    wb.getWorksheet('筛选条件')!.eachRow((r) => about.set(String(r.getCell(1).value), String(r.getCell(2).value)));
    expect(about.get('导出时间')).toBe('2024-08-01 00:30:00（北京时间）');
    expect(about.get('脱敏')).toBe(`否：未脱敏导出，用途：${PURPOSE}`);
    expect(about.get('导出人')).toBe('alice');
  });
});
