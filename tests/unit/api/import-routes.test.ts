import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportBatch, ImportIssue, ImportJob, ImportPreview } from '../../../shared/api.js';
import { apiIdle } from '../../../electron/core/api/index.js';
import { listAudit } from '../../../electron/core/audit/index.js';
import { tempApi, type TestApi } from './helpers.js';

const ORG_CSV = '机构号,机构名称,上级机构号,机构层级\n900,总行营业部,,总行\n910,城西支行,900,支行\n';
// C2 names an org that does not exist (kept with a warning); C3 has no name (rejected).
const CUSTOMER_CSV = '客户号,客户名称,所属机构号\nC1,张三,910\nC2,李四,999\nC3,,910\n';

function form(files: [name: string, content: string][], fields: Record<string, string> = {}): FormData {
  const fd = new FormData();
  for (const [name, content] of files) fd.append('file', new Blob([content], { type: 'text/csv' }), name);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

function uploadsOf(api: TestApi): string[] {
  const root = path.join(api.dir, 'uploads');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String) : [];
}

async function upload(api: TestApi, role: Parameters<TestApi['auth']>[0], body: FormData) {
  return api.app.fetch(new Request('http://localhost/api/import/upload', { method: 'POST', headers: api.auth(role), body }));
}

describe('import routes', () => {
  it('a lobby manager is refused upload, commit and undo, and nothing reaches the disk', async () => {
    const api = tempApi();
    const res = await upload(api, 'lobby_manager', form([['org.csv', ORG_CSV]]));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden' });
    expect(uploadsOf(api)).toEqual([]);
    const json = { ...api.auth('lobby_manager'), 'content-type': 'application/json' };
    const commit = await api.app.request('/api/import/commit', {
      method: 'POST', headers: json, body: JSON.stringify({ uploadId: crypto.randomUUID() }),
    });
    expect(commit.status).toBe(403);
    expect((await api.app.request('/api/import/batches/1/undo', { method: 'POST', headers: json })).status).toBe(403);
    expect(api.db.prepare('SELECT COUNT(*) FROM import_batch').pluck().get()).toBe(0);
  });

  it('uploads a folder, previews in dependency order, commits, reports, exports issues and undoes', async () => {
    const api = tempApi();
    const res = await upload(api, 'branch_manager', form([
      ['导出/2024-07/客户信息.csv', CUSTOMER_CSV],
      ['导出/2024-07/机构.csv', ORG_CSV],
      ['导出/readme.txt', 'not a data file'],
    ]));
    expect(res.status).toBe(200);
    const { uploadId, previews } = (await res.json()) as { uploadId: string; previews: ImportPreview[] };
    // org before customer whatever the upload order; the unrecognised file last
    expect(previews.map((p) => [p.file, p.dataset])).toEqual([
      ['导出/2024-07/机构.csv', 'org'],
      ['导出/2024-07/客户信息.csv', 'customer'],
      ['导出/readme.txt', null],
    ]);
    expect(previews[1]).toMatchObject({ rows: 3, willReject: 1 });
    // the files sit under uploads/<uploadId>/ with their folder path; nothing imported yet
    expect(fs.readFileSync(path.join(api.dir, 'uploads', uploadId, '导出', '2024-07', '机构.csv'), 'utf8')).toBe(ORG_CSV);
    expect(api.db.prepare('SELECT COUNT(*) FROM customer').pluck().get()).toBe(0);

    const json = { ...api.auth('branch_manager'), 'content-type': 'application/json' };
    const commit = await api.app.request('/api/import/commit', { method: 'POST', headers: json, body: JSON.stringify({ uploadId }) });
    expect(commit.status).toBe(200);
    const { jobId } = (await commit.json()) as { jobId: string };
    await apiIdle(api.app);
    const job = (await (await api.app.request(`/api/import/jobs/${jobId}`, { headers: api.auth('performance_officer') })).json()) as ImportJob;
    expect(job.state).toBe('done');
    expect(job.fileCount).toBe(2);
    expect(job.bytesDone).toBe(Buffer.byteLength(ORG_CSV) + Buffer.byteLength(CUSTOMER_CSV));
    expect(job.results.map((r) => [r.dataset, r.imported, r.rejected])).toEqual([['org', 2, 0], ['customer', 2, 1]]);
    expect(api.db.prepare('SELECT cust_id FROM customer ORDER BY cust_id').pluck().all()).toEqual(['C1', 'C2']);
    expect(fs.existsSync(path.join(api.dir, 'uploads', uploadId))).toBe(false);

    const again = await api.app.request('/api/import/commit', { method: 'POST', headers: json, body: JSON.stringify({ uploadId }) });
    expect(again.status).toBe(404);

    const batches = (await (await api.app.request('/api/import/batches', { headers: api.auth('branch_manager') })).json()) as ImportBatch[];
    const cust = batches.find((b) => b.dataset === 'customer')!;
    expect(cust).toMatchObject({ rows: 3, rejected: 1, status: 'committed', username: 't_branch_manager' });

    const issues = (await (await api.app.request(`/api/import/batches/${cust.batchId}/issues?level=rejected`, {
      headers: api.auth('branch_manager'),
    })).json()) as ImportIssue[];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ level: 'rejected', row: 4 });

    const csv = await api.app.request(`/api/import/batches/${cust.batchId}/issues.csv`, { headers: api.auth('branch_manager') });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.csv"; filename\*=UTF-8''/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).not.toMatch(/^\uFEFF/);
    expect((await api.app.request(`/api/import/batches/999/issues.csv`, { headers: api.auth('branch_manager') })).status).toBe(404);

    const undo = await api.app.request(`/api/import/batches/${cust.batchId}/undo`, { method: 'POST', headers: json });
    expect(undo.status).toBe(200);
    expect(api.db.prepare('SELECT COUNT(*) FROM customer').pluck().get()).toBe(0);
    const twice = await api.app.request(`/api/import/batches/${cust.batchId}/undo`, { method: 'POST', headers: json });
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { error: string }).error).toMatch(/不能撤销/);

    const actions = listAudit(api.db, { limit: 50 }).items.map((e) => `${e.action} ${e.target}`).reverse();
    expect(actions).toEqual([
      `import_upload ${uploadId}`,
      'import 导出/2024-07/机构.csv',
      'import 导出/2024-07/客户信息.csv',
      `import_issues batch:${cust.batchId}`, // reading the issue list is audited
      `export batch:${cust.batchId}`,
      `undo batch:${cust.batchId}`,
    ]);
  });

  it('refuses an upload without files, a non-multipart body and an unknown profile', async () => {
    const api = tempApi();
    expect((await upload(api, 'branch_manager', form([], { profile: 'x' }))).status).toBe(400);
    const notMultipart = await api.app.request('/api/import/upload', {
      method: 'POST', headers: { ...api.auth('branch_manager'), 'content-type': 'application/json' }, body: '{}',
    });
    expect(notMultipart.status).toBe(400);
    const noProfile = await upload(api, 'branch_manager', form([['org.csv', ORG_CSV]], { profile: '不存在的方案' }));
    expect(noProfile.status).toBe(400);
    expect(((await noProfile.json()) as { error: string }).error).toMatch(/映射方案/);
    expect(uploadsOf(api).filter((f) => f.endsWith('.csv'))).toEqual([]);
  });

  it('previews count unknown references and unchanged rows: the same files again need no import', async () => {
    const api = tempApi();
    const files = form([['org.csv', ORG_CSV], ['cust.csv', CUSTOMER_CSV]]);
    const first = (await (await upload(api, 'branch_manager', files)).json()) as { uploadId: string; previews: ImportPreview[] };
    // C2's org 999 is not loaded (kept, with an unknown reference); nothing is unchanged yet
    expect(first.previews.map((p) => [p.file, p.willImport, p.unchanged, p.unknownRefs])).toEqual([
      ['org.csv', 2, 0, { customer: 0, org: 0, staff: 0 }],
      ['cust.csv', 2, 0, { customer: 0, org: 1, staff: 0 }],
    ]);
    const json = { ...api.auth('branch_manager'), 'content-type': 'application/json' };
    await api.app.request('/api/import/commit', { method: 'POST', headers: json, body: JSON.stringify({ uploadId: first.uploadId }) });
    await apiIdle(api.app);
    // the same two files: the 2 orgs and the 2 kept customers are as stored; C3 is still rejected
    const again = (await (await upload(api, 'branch_manager', form([['org.csv', ORG_CSV], ['cust.csv', CUSTOMER_CSV]]))).json()) as { previews: ImportPreview[] };
    expect(again.previews.map((p) => [p.file, p.willImport, p.unchanged, p.willReject])).toEqual([
      ['org.csv', 0, 2, 0],
      ['cust.csv', 0, 2, 1],
    ]);
    const batches = (await (await api.app.request('/api/import/batches', { headers: api.auth('branch_manager') })).json()) as ImportBatch[];
    expect(batches.map((b) => [b.file, b.unchanged])).toEqual([['cust.csv', 0], ['org.csv', 0]]); // previews leave no batch
  });

  it('keeps an uploaded path inside the upload folder', async () => {
    const api = tempApi();
    const res = await upload(api, 'branch_manager', form([['../../../escape/机构.csv', ORG_CSV]]));
    const { uploadId, previews } = (await res.json()) as { uploadId: string; previews: ImportPreview[] };
    expect(previews[0].file).toBe('escape/机构.csv');
    expect(fs.existsSync(path.join(api.dir, 'uploads', uploadId, 'escape', '机构.csv'))).toBe(true);
    expect(fs.existsSync(path.join(api.dir, '..', 'escape'))).toBe(false);
  });

  it('saves, lists and deletes mapping profiles; a bad profile is a 400', async () => {
    const api = tempApi();
    const json = { ...api.auth('performance_officer'), 'content-type': 'application/json' };
    const profile = { name: '他行机构', dataset: 'org', columns: { 'ORG CODE': 'org_id', 'ORG NAME': 'name' } };
    expect((await api.app.request('/api/import/profiles', { method: 'PUT', headers: json, body: JSON.stringify(profile) })).status).toBe(200);
    const bad = { ...profile, name: '坏方案', columns: { X: 'no_such_column' } };
    expect((await api.app.request('/api/import/profiles', { method: 'PUT', headers: json, body: JSON.stringify(bad) })).status).toBe(400);
    const list = (await (await api.app.request('/api/import/profiles', { headers: json })).json()) as { name: string }[];
    expect(list.map((p) => p.name)).toEqual(['他行机构']);
    const del = await api.app.request(`/api/import/profiles?name=${encodeURIComponent('他行机构')}`, { method: 'DELETE', headers: json });
    expect(del.status).toBe(200);
    // gone: no longer listed, and a second delete finds nothing
    const after = (await (await api.app.request('/api/import/profiles', { headers: json })).json()) as { name: string }[];
    expect(after).toEqual([]);
    expect((await api.app.request(`/api/import/profiles?name=${encodeURIComponent('他行机构')}`, { method: 'DELETE', headers: json })).status).toBe(404);
    expect((await api.app.request(`/api/import/profiles?name=x`, { method: 'DELETE', headers: json })).status).toBe(404);
  });
});
