// Desktop import by local path: files picked in the native dialog are previewed and imported
// where they are; web mode refuses to read server paths named by a browser.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { apiIdle } from '../../../electron/core/api/index.js';
import { tempApi, tempDir } from './helpers.js';

function folder(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'exports'));
  fs.writeFileSync(path.join(dir, 'exports', 'customer.csv'), '客户号,客户名称,所属机构号\nC1,甲,QZ000\n');
  fs.writeFileSync(path.join(dir, 'exports', 'org.csv'), '机构号,机构名称\nQZ000,总行\n');
  return path.join(dir, 'exports');
}

it('web mode refuses local paths', async () => {
  const t = tempApi();
  const res = await t.app.request('/api/import/local', {
    method: 'POST',
    headers: { ...t.auth('admin'), 'content-type': 'application/json' },
    body: JSON.stringify({ paths: [folder()] }),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { code: string }).code).toBe('no_local');
});

it('the desktop app previews a folder in dependency order, imports it, and leaves the files in place', async () => {
  const t = tempApi({ localFiles: true });
  const dir = folder();
  const res = await t.app.request('/api/import/local', {
    method: 'POST',
    headers: { ...t.auth('admin'), 'content-type': 'application/json' },
    body: JSON.stringify({ paths: [dir] }),
  });
  expect(res.status).toBe(200);
  const staged = (await res.json()) as { uploadId: string; previews: { file: string; dataset: string; willImport: number; willWarn: number }[] };
  expect(staged.previews.map((p: { file: string; dataset: string; willImport: number; willWarn: number }) => [p.file, p.dataset, p.willImport, p.willWarn])).toEqual([
    ['exports/org.csv', 'org', 1, 0],
    ['exports/customer.csv', 'customer', 1, 0],
  ]);
  const commit = await t.app.request('/api/import/commit', {
    method: 'POST',
    headers: { ...t.auth('admin'), 'content-type': 'application/json' },
    body: JSON.stringify({ uploadId: staged.uploadId }),
  });
  expect(commit.status).toBe(200);
  await apiIdle(t.app);
  await apiIdle(t.app); // the customer views are rebuilt in the queue right after the import
  expect(t.db.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(1);
  expect(t.db.prepare("SELECT name FROM customer_search WHERE cust_id = 'C1'").pluck().get()).toBe('甲');
  expect(fs.readdirSync(dir).sort()).toEqual(['customer.csv', 'org.csv']);
});

it('a lobby manager is refused a local import too', async () => {
  const t = tempApi({ localFiles: true });
  const res = await t.app.request('/api/import/local', {
    method: 'POST',
    headers: { ...t.auth('lobby_manager'), 'content-type': 'application/json' },
    body: JSON.stringify({ paths: [folder()] }),
  });
  expect(res.status).toBe(403);
});
