// The audit page's API: filters (user, action, object, source, Shanghai days), keyset pages,
// Asia/Shanghai times, where a request came from, and the export (itself audited).
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../shared/audit.js';
import { listAudit } from '../../../electron/core/audit/index.js';
import { startServer } from '../../../electron/server.js';
import { tempApi } from '../api/helpers.js';

/** Rows written as the log would hold them, at chosen instants (UTC). */
function seed(db: ReturnType<typeof tempApi>['db']) {
  const ins = db.prepare('INSERT INTO audit_log (at, username, action, target, detail, source, client) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // 2024-07-31T15:59:59Z is 23:59:59 on 7-31 in Shanghai; 16:00:00Z is already 08-01 00:00:00 there
  ins.run('2024-07-31T15:59:59.000Z', 'li', 'customer_reveal', 'C001', null, 'web', '10.0.0.7');
  ins.run('2024-07-31T16:00:00.000Z', 'li', 'export', 'gaps.xlsx', '{"rows":3}', 'desktop', null);
  ins.run('2024-08-01T02:00:00.000Z', 'wang', 'customer_view', 'C0012', null, 'web', '10.0.0.8');
  ins.run('2024-08-02T01:00:00.000Z', 'wang', 'customer_view', 'C002', null, 'web', '10.0.0.8');
  ins.run('2024-08-02T01:00:01.000Z', 'li', 'customer_view', 'C001', '=HYPERLINK("x")', 'cli', null);
}

async function page(api: ReturnType<typeof tempApi>, query: string): Promise<AuditPage> {
  const res = await api.app.request(`/api/audit?${query}`, { headers: api.auth('branch_manager') });
  expect(res.status).toBe(200);
  return (await res.json()) as AuditPage;
}

describe('audit page', () => {
  it('shows each entry in Asia/Shanghai time with where it came from', async () => {
    const api = tempApi({ headOffice: true });
    seed(api.db);
    const p = await page(api, 'user=li');
    expect(p.items.map((e) => [e.atLocal, e.action, e.target, e.source, e.client])).toEqual([
      ['2024-08-02 09:00:01', 'customer_view', 'C001', 'cli', null],
      ['2024-08-01 00:00:00', 'export', 'gaps.xlsx', 'desktop', null],
      ['2024-07-31 23:59:59', 'customer_reveal', 'C001', 'web', '10.0.0.7'],
    ]);
  });

  it('filters by action, object prefix, source and Shanghai days (both ends included)', async () => {
    const api = tempApi({ headOffice: true });
    seed(api.db);
    const ids = async (q: string) => (await page(api, q)).items.map((e) => e.target);
    expect(await ids('action=customer_view')).toEqual(['C001', 'C002', 'C0012']);
    expect(await ids('object=C001')).toEqual(['C001', 'C0012', 'C001']); // a prefix: C001 and C0012
    expect(await ids('source=web')).toEqual(['C002', 'C0012', 'C001']);
    // 8-01 in Shanghai runs from 07-31T16:00Z to 08-01T16:00Z: the export and the 10:00 view
    expect(await ids('from=2024-08-01&to=2024-08-01')).toEqual(['C0012', 'gaps.xlsx']);
    expect(await ids('to=2024-07-31')).toEqual(['C001']);
    expect(await ids('user=wang&object=C002&from=2024-08-02')).toEqual(['C002']);
    expect(await ids('user=&action=')).toHaveLength(5); // emptied boxes filter nothing
    const bad = await api.app.request('/api/audit?from=2024-02-30', { headers: api.auth('branch_manager') });
    expect(bad.status).toBe(400);
    const reversed = await api.app.request('/api/audit?from=2024-08-02&to=2024-08-01', { headers: api.auth('branch_manager') });
    expect(reversed.status).toBe(400);
  });

  it('pages by keyset: each page starts below the last id of the one before, without gaps or repeats', async () => {
    const api = tempApi({ headOffice: true });
    seed(api.db);
    const seen: string[] = [];
    let q = 'limit=2';
    for (let guard = 0; guard < 5; guard++) {
      const p = await page(api, q);
      seen.push(...p.items.map((e) => e.atLocal));
      if (p.next === null) break;
      q = `limit=2&before=${p.next}`;
    }
    // 5 rows in pages of 2, 2, 1
    expect(seen).toEqual(['2024-08-02 09:00:01', '2024-08-02 09:00:00', '2024-08-01 10:00:00', '2024-08-01 00:00:00', '2024-07-31 23:59:59']);
  });

  it('exports the filtered rows as CSV and XLSX, neutralised, and records the export', async () => {
    const api = tempApi({ headOffice: true });
    seed(api.db);
    const csvRes = await api.app.request('/api/audit/export?format=csv&user=li', { headers: api.auth('branch_manager') });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('x-row-count')).toBe('3');
    expect(decodeURIComponent(csvRes.headers.get('content-disposition')!)).toMatch(/审计日志_\d{8}_\d{6}\.csv/);
    const text = (await csvRes.text()).replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
    expect(rows[0].slice(0, 2)).toEqual(['筛选条件', '用户 li']);
    expect(rows[1]).toEqual(['编号', '时间（北京时间）', '用户', '操作', '操作代码', '对象', '来源', '客户端地址', '详情']);
    expect(rows.slice(2).map((r) => [r[1], r[3], r[6], r[7], r[8]])).toEqual([
      ['2024-08-02 09:00:01', '查看客户360', '命令行', '', `'=HYPERLINK("x")`],
      ['2024-08-01 00:00:00', '导出', '桌面版', '', '{"rows":3}'],
      ['2024-07-31 23:59:59', '查看完整信息', '网页版', '10.0.0.7', ''],
    ]);
    const recorded = listAudit(api.db, { action: 'audit_export' }).items;
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ username: 't_branch_manager', target: 'audit.csv' });
    expect(JSON.parse(recorded[0].detail!)).toEqual({ filter: '用户 li', rows: 3 });

    const xlsxRes = await api.app.request('/api/audit/export?format=xlsx&action=customer_view&to=2024-08-01', { headers: api.auth('branch_manager') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.rowCount).toBe(2); // header + the 8-01 10:00 view of C0012
    expect(sheet.getRow(2).getCell(6).value).toBe('C0012');
    // the export of the export: a second audit_export row, newest first
    expect(listAudit(api.db, { action: 'audit_export' }).items.map((e) => e.target)).toEqual(['audit.xlsx', 'audit.csv']);
  });

  it('records the client address of a web-mode request from the socket, and the source', async () => {
    const api = tempApi({ headOffice: true });
    const server = await startServer({ db: api.db, dataDir: api.dir, port: 0, sessions: api.sessions });
    try {
      const res = await fetch(`${server.url}/api/customers/search?q=zhang`, { headers: api.auth('branch_manager') });
      expect([200, 409]).toContain(res.status); // an empty bank answers 409 before searching
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ username: 't_branch_manager', password: 'password1' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await server.close();
    }
    const row = listAudit(api.db, { action: 'login' }).items[0];
    // the socket's address, never a header the client wrote
    expect([row.source, row.client]).toEqual(['web', '127.0.0.1']);
  });
});
