// The preview of an upload (its first issues and sample rows) and the results of an import job
// (the first rejected rows) carry cells as the file wrote them. Like the issue list, they are
// masked for a user without customer:reveal (绩效专员) and shown as written to one with it (行长);
// a scope narrower than the whole bank gets no issue values and masked samples.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportJob, ImportPreview, UploadResult } from '../../../shared/api.js';
import { apiIdle } from '../../../electron/core/api/index.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { ORG_CSV, STAFF_CSV, tmpDir, write } from '../import/helpers.js';
import { tempApi, type TestApi } from './helpers.js';

// C001 is clean; C002 has a wrong 身份证 check digit and a 10-digit phone (2 warnings);
// C003's birth date 1990-02-30 does not exist (rejected).
const CUSTOMERS = `客户号,客户名称,证件类型,证件号码,出生日期,手机号码,所属机构号,管户客户经理号
C001,张秀英,身份证,11010519491231002X,1949-12-31,13800000001,QZ101,S001
C002,林小明,身份证,110105194912310021,,1380000002,QZ100,S001
C003,陈一,身份证,,1990-02-30,,QZ100,S001
`;

// masked forms worked out by hand from shared/masking.ts (as in import-issues-masking.test.ts):
// ID: region 6 + 8 stars + last 4; an 11-digit phone 3 + 4 stars + 4, a 10-digit one 2 + 4 + 4;
// a person's name of 3: first + star + last, of 2: first + star; a birth date: the year.
const ISSUES_CLEAR = [['证件号码', '110105194912310021'], ['手机号码', '1380000002'], ['出生日期', '1990-02-30']];
const ISSUES_MASKED = [['证件号码', '110105********0021'], ['手机号码', '13****0002'], ['出生日期', '1990']];
const SAMPLE_C001_CLEAR = { name: '张秀英', id_no: '11010519491231002X', birth_date: '1949-12-31', phone: '13800000001' };
const SAMPLE_C001_MASKED = { name: '张*英', id_no: '110105********002X', birth_date: '1949', phone: '138****0001' };

let t: TestApi;
beforeEach(async () => {
  t = tempApi({ userOrg: 'QZ000' }); // the head office: the whole bank
  const dir = tmpDir();
  await importPaths(t.db, [write(dir, 'org.csv', ORG_CSV), write(dir, 'staff.csv', STAFF_CSV)], { username: 'seed' });
});

async function preview(role: 'performance_officer' | 'branch_manager'): Promise<{ uploadId: string; p: ImportPreview }> {
  const fd = new FormData();
  fd.append('file', new Blob([CUSTOMERS], { type: 'text/csv' }), 'customer.csv');
  const res = await t.app.fetch(new Request('http://localhost/api/import/upload', { method: 'POST', headers: t.auth(role), body: fd }));
  expect(res.status).toBe(200);
  const body = (await res.json()) as UploadResult;
  return { uploadId: body.uploadId, p: body.previews[0] };
}

const issuePairs = (p: ImportPreview) => (p.issues ?? []).map((i) => [i.column, i.value]);
const c001 = (p: ImportPreview) => {
  const row = p.sample!.find((r) => r.cust_id === 'C001')!;
  return { name: row.name, id_no: row.id_no, birth_date: row.birth_date, phone: row.phone };
};

describe('preview and job results as the reader may see them', () => {
  it('a user without reveal sees the preview issues and sample masked; one with reveal as written', async () => {
    const officer = (await preview('performance_officer')).p;
    expect(issuePairs(officer)).toEqual(ISSUES_MASKED);
    expect(c001(officer)).toEqual(SAMPLE_C001_MASKED);
    expect(JSON.stringify(officer)).not.toContain('11010519491231002X');

    const manager = (await preview('branch_manager')).p;
    expect(issuePairs(manager)).toEqual(ISSUES_CLEAR);
    expect(c001(manager)).toEqual(SAMPLE_C001_CLEAR);
  });

  it('the first rejected rows of a job are masked for each reader by their own permission', async () => {
    const { uploadId } = await preview('performance_officer');
    const json = { ...t.auth('performance_officer'), 'content-type': 'application/json' };
    const { jobId } = (await (await t.app.request('/api/import/commit', { method: 'POST', headers: json, body: JSON.stringify({ uploadId }) })).json()) as { jobId: string };
    await apiIdle(t.app);
    const job = async (role: 'performance_officer' | 'branch_manager') =>
      (await (await t.app.request(`/api/import/jobs/${jobId}`, { headers: t.auth(role) })).json()) as ImportJob;
    expect((await job('performance_officer')).results[0].firstRejected).toEqual([expect.objectContaining({ row: 4, column: '出生日期', value: '1990' })]);
    expect((await job('branch_manager')).results[0].firstRejected).toEqual([expect.objectContaining({ row: 4, column: '出生日期', value: '1990-02-30' })]);
  });

  it('a branch scope gets no issue values and a masked sample, even with reveal', async () => {
    t = tempApi({ userOrg: 'QZ100' }); // 鲤城支行
    const dir = tmpDir();
    await importPaths(t.db, [write(dir, 'org.csv', ORG_CSV), write(dir, 'staff.csv', STAFF_CSV)], { username: 'seed' });
    const branch = (await preview('branch_manager')).p;
    expect(issuePairs(branch)).toEqual(ISSUES_CLEAR.map(([c]) => [c, null]));
    expect(c001(branch)).toEqual(SAMPLE_C001_MASKED);
  });
});
