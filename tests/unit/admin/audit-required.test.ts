// No record, no action (issue 8): when the audit row of a reveal, a 360 view, a search or an
// export cannot be written, the request answers 503 and hands out no data. And an import's row is
// written inside the import's own transaction. Real situations only: a second connection holding
// the write lock (BEGIN IMMEDIATE) or a trigger that raises.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { importAuditor, listAudit, setAuditWait } from '../../../electron/core/audit/index.js';
import { importFile, importPaths } from '../../../electron/core/import/index.js';
import { cli } from '../cli/run-cli.js';
import { tempApi, tempDir, type TestApi } from '../api/helpers.js';

const FILES: Record<string, string> = {
  'org.csv': '机构号,机构名称,上级机构号,机构层级\n001,测试农商银行,,总行\n101,城东支行,001,支行\n',
  'customer.csv':
    '客户号,客户名称,客户类型,证件类型,证件号码,性别,出生日期,手机号码,联系地址,所属机构号\n' +
    'C001,张三丰,个人,身份证,350502199001011234,男,1990-01-01,13800000001,泉州市鲤城区某某路1号,101\n',
  'deposit.csv': '数据日期,账号,客户号,存款种类,开户日期,账户余额,账户状态,所属机构号\n2024-07-31,A001,C001,活期,2020-01-01,1000.00,正常,101\n',
};

function writeFiles(dir: string): string[] {
  return Object.entries(FILES).map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
}

let api: TestApi;
beforeEach(async () => {
  api = tempApi();
  const dir = path.join(api.dir, 'exports');
  fs.mkdirSync(dir);
  for (const r of await importPaths(api.db, writeFiles(dir))) expect(r.error, r.file).toBeUndefined();
});

const call = (url: string, method = 'GET') =>
  api.app.request(url, { method, headers: { ...api.auth('admin'), 'content-type': 'application/json' } });

describe('an action whose audit row cannot be written fails and returns no data', () => {
  it('reveal: 503 while another connection holds the write lock past the wait; 200 once free', async () => {
    expect((await call('/api/customers/C001/reveal', 'POST')).status).toBe(200); // builds the holdings first
    setAuditWait(api.db, 50);
    const other = new Database(api.db.name);
    other.exec('BEGIN IMMEDIATE');
    const res = await call('/api/customers/C001/reveal', 'POST');
    const text = await res.text();
    other.exec('ROLLBACK');
    other.close();
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({ code: 'audit_unavailable' });
    expect(text).not.toContain('350502199001011234');
    expect(text).not.toContain('13800000001');
    expect(listAudit(api.db, { action: 'customer_reveal' }).items).toHaveLength(1); // the first one only
    expect((await call('/api/customers/C001/reveal', 'POST')).status).toBe(200);
    expect(listAudit(api.db, { action: 'customer_reveal' }).items).toHaveLength(2);
  });

  it('reveal, 360, search and export: 503 with no data when the database refuses the row', async () => {
    expect((await call('/api/customers/C001')).status).toBe(200);
    api.db.exec("CREATE TRIGGER refuse BEFORE INSERT ON audit_log WHEN NEW.action <> 'login' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    for (const [url, method] of [
      ['/api/customers/C001/reveal', 'POST'],
      ['/api/customers/C001', 'GET'],
      ['/api/customers/search?q=13800000001', 'GET'],
      ['/api/gaps/export?format=csv', 'GET'],
      ['/api/audit/export?format=csv', 'GET'],
    ]) {
      const res = await call(url, method);
      const text = await res.text();
      expect(res.status, url).toBe(503);
      expect(res.headers.get('content-type'), url).toMatch(/json/);
      expect(text, url).not.toMatch(/C001|张|13800000001/);
    }
  });
});

describe('imports are audited inside their own transaction', () => {
  it('the row carries the batch and commits with it', async () => {
    const dir = tempDir();
    const [org] = writeFiles(dir);
    const db = api.db;
    const r = await importFile(db, org, { username: 'li', audit: importAuditor('li', { source: 'desktop', client: null }) });
    const row = listAudit(db, { action: 'import', user: 'li' }).items[0];
    expect(row).toMatchObject({ target: 'org.csv', source: 'desktop' });
    expect(JSON.parse(row.detail!)).toMatchObject({ batchId: r.batchId, unchanged: 2 }); // the same two orgs again
  });

  it('no import without its record: when the row cannot be written the file is rolled back', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'org.csv'), '机构号,机构名称,上级机构号,机构层级\n201,新支行,001,支行\n');
    api.db.exec("CREATE TRIGGER refuse_import BEFORE INSERT ON audit_log WHEN NEW.action = 'import' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const r = await importFile(api.db, path.join(dir, 'org.csv'), { username: 'li', audit: importAuditor('li') });
    expect(r.error).toMatch(/refused/);
    expect(api.db.prepare("SELECT count(*) FROM org WHERE org_id = '201'").pluck().get()).toBe(0);
    // the failure is recorded in its place
    expect(listAudit(api.db, { action: 'import_failed' }).items.map((e) => e.target)).toEqual(['org.csv']);
  });

  it('the command line audits each file as source cli, in the file’s transaction', () => {
    const dir = tempDir();
    const files = writeFiles(dir);
    const dbFile = path.join(dir, 'cli.db');
    const res = cli('import', '--db', dbFile, '--user', 'ops', ...files);
    expect(res.status, res.stderr).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    const rows = db.prepare("SELECT a.target, a.source, a.username, b.file_name FROM audit_log a JOIN import_batch b ON b.batch_id = json_extract(a.detail, '$.batchId') WHERE a.action = 'import' ORDER BY a.id").all();
    db.close();
    // dependency order: orgs, then customers, then deposits
    expect(rows).toEqual([
      { target: 'org.csv', source: 'cli', username: 'ops', file_name: 'org.csv' },
      { target: 'customer.csv', source: 'cli', username: 'ops', file_name: 'customer.csv' },
      { target: 'deposit.csv', source: 'cli', username: 'ops', file_name: 'deposit.csv' },
    ]);
  });
});
