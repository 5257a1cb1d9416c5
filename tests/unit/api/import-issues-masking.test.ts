// Import issue lists and their CSV over the real routes: personal values are masked for a user
// without customer:reveal (绩效专员), shown as written to one with it (行长), and every read is
// in the audit log.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeEach, expect, it } from 'vitest';
import type { ImportIssue } from '../../../shared/api.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { ORG_CSV, STAFF_CSV } from '../import/helpers.js';
import { tempApi, type TestApi } from './helpers.js';

// C002: 身份证 with a wrong check digit (warning); C003: a 10-digit phone (warning) and a manager
// S999 nobody knows (warning, not personal); C004: a name with an undecodable character (warning)
// and a phone number where the manager number goes (warning); C005: 1990-02-30 (rejected).
const CUSTOMERS = `客户号,客户名称,证件类型,证件号码,出生日期,手机号码,所属机构号,管户客户经理号
C001,张秀英,身份证,11010519491231002X,1949-12-31,13800000001,QZ101,S001
C002,林小明,身份证,110105194912310021,,13800000002,QZ100,S001
C003,黄大伟,身份证,,,1380000003,QZ100,S999
C004,张\uFFFD英,身份证,,,,QZ100,13712345601
C005,陈一,身份证,,1990-02-30,,QZ100,S001
`;

// as written → as masked, worked out by hand from shared/masking.ts:
const EXPECTED: [column: string, clear: string, masked: string][] = [
  ['证件号码', '110105194912310021', '110105********0021'], // region 6 + 8 stars + last 4
  ['手机号码', '1380000003', '13****0003'], // 10 digits: first 2 + 4 stars + last 4
  ['管户客户经理号', 'S999', 'S999'], // not personal: as written
  ['客户名称', '张\uFFFD英', '张*英'], // a person's name of 3: first + 1 star + last
  ['管户客户经理号', '13712345601', '137****5601'], // not a personal column, but a mobile number
  ['出生日期', '1990-02-30', '1990'], // the year only, as in the 360
];

let t: TestApi;
let batchId: number;
beforeEach(async () => {
  // the readers sit at the head office (the whole bank): a narrower scope gets no values at all (tests/unit/scope)
  t = tempApi({ userOrg: 'QZ000' });
  const dir = path.join(t.dir, 'files');
  fs.mkdirSync(dir);
  for (const [n, s] of [['org.csv', ORG_CSV], ['staff.csv', STAFF_CSV], ['customer.csv', CUSTOMERS]]) fs.writeFileSync(path.join(dir, n), s);
  const results = await importPaths(t.db, [dir], { username: 'seed' });
  batchId = results.find((r) => r.dataset === 'customer')!.batchId!;
});

const pairs = (issues: { column: string | null; value: string | null }[]) => issues.map((i) => [i.column, i.value]);

it('masks personal values of the issue list for a user without reveal, and shows them to one with it', async () => {
  const as = async (role: 'performance_officer' | 'branch_manager') => {
    const res = await t.app.request(`/api/import/batches/${batchId}/issues?limit=100`, { headers: t.auth(role) });
    expect(res.status).toBe(200);
    return (await res.json()) as ImportIssue[];
  };
  const officer = await as('performance_officer');
  expect(pairs(officer).sort()).toEqual(EXPECTED.map(([c, , m]) => [c, m]).sort());
  const manager = await as('branch_manager');
  expect(pairs(manager).sort()).toEqual(EXPECTED.map(([c, v]) => [c, v]).sort());

  const log = t.db.prepare("SELECT username, target, detail FROM audit_log WHERE action = 'import_issues' ORDER BY id").all() as { username: string; target: string; detail: string }[];
  expect(log.map((l) => [l.username, l.target, JSON.parse(l.detail).masked, JSON.parse(l.detail).rows])).toEqual([
    ['t_performance_officer', `batch:${batchId}`, true, 6],
    ['t_branch_manager', `batch:${batchId}`, false, 6],
  ]);
});

it('masks the issue CSV the same way, with none of the clear values in it, and audits the download', async () => {
  const res = await t.app.request(`/api/import/batches/${batchId}/issues.csv`, { headers: t.auth('performance_officer') });
  expect(res.status).toBe(200);
  const text = (await res.text()).replace(/^\uFEFF/, '');
  const rows = Papa.parse<string[]>(text.trim()).data.slice(1);
  expect(rows.map((r) => [r[2], r[3]]).sort()).toEqual(EXPECTED.map(([c, , m]) => [c, m]).sort());
  for (const [, clear, masked] of EXPECTED) if (clear !== masked) expect(text).not.toContain(clear);

  const row = t.db.prepare("SELECT username, target, detail FROM audit_log WHERE action = 'export' ORDER BY id DESC").get() as { username: string; target: string; detail: string };
  expect(row).toMatchObject({ username: 't_performance_officer', target: `batch:${batchId}` });
  expect(JSON.parse(row.detail)).toEqual({ file: 'import_issues.csv', masked: true });
});
