// `branch-console dashboard` on the small demo bank (a real seed through the real importer): the
// PDF and the XLSX the command writes, read back, carry the figures plain SQL gives for the rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoBank } from '../../../electron/core/first-run.js';
import { openDb } from '../../../electron/core/db/connection.js';
import { cli } from '../cli/run-cli.js';
import { pdfFonts, pdfLines, pdfText } from './poppler.js';

const DATE = '2024-07-31';
const BRANCH = 'QZ300';
let dir: string;
let dbFile: string;
/** Σ 账户余额 on DATE in 分 by plain SQL (DATA.md deposit_balance): the bank, and BRANCH's subtree by each row's org (its own, else its customer's) */
let bankFen: number;
let branchFen: number;
let branchName: string;

/** 分 → the 万元 text the PDF prints: 四舍五入 to 2 decimals, thousands grouped (worked on integers, not the code's formatter). */
function wan(fen: number): string {
  const hundredths = Math.floor((fen + 5000) / 10000); // 1 万元 = 1,000,000 分, so 0.01 万元 = 10,000 分; rounded half up (fen ≥ 0)
  const int = Math.floor(hundredths / 100).toLocaleString('en-US');
  return `${int}.${String(hundredths % 100).padStart(2, '0')}`;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-cli-'));
  dbFile = path.join(dir, 'bank.sqlite');
  await seedDemoBank({ outDir: path.join(dir, 'exports'), dbFile, scale: 'small' });
  const db = openDb(dbFile);
  try {
    bankFen = db.prepare('SELECT SUM(balance) FROM deposit WHERE data_date = ?').pluck().get(DATE) as number;
    branchFen = db
      .prepare(
        `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT o.org_id FROM org o JOIN sub ON o.parent_id = sub.id)
         SELECT SUM(d.balance) FROM deposit d LEFT JOIN customer c ON c.cust_id = d.cust_id
         WHERE d.data_date = ? AND COALESCE(d.org_id, c.org_id) IN (SELECT id FROM sub)`,
      )
      .pluck()
      .get(BRANCH, DATE) as number;
    branchName = db.prepare('SELECT name FROM org WHERE org_id = ?').pluck().get(BRANCH) as string;
  } finally {
    db.close();
  }
}, 600_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('writes the 总览 PDF of the bank: title block, the deposit figure in 万元, charts, the CJK font embedded', () => {
  const out = path.join(dir, '总览.pdf');
  const r = cli('dashboard', '--db', dbFile, '--id', 'overview', '--date', DATE, '--base', 'prev_month_end', '--format', 'pdf', '--out', out);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain(out);
  const pdf = fs.readFileSync(out);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf, 1);
  // prev_month_end of 2024-07-31 is 2024-06-30; the command line exports as 'cli'
  expect(text).toMatch(/^总览范围：全行.*数据日期：2024-07-31比较基准日：2024-06-30导出人：cli导出时间：\d{4}-\d{2}-\d{2}\d{2}:\d{2}:\d{2}（北京时间）/);
  expect(pdfLines(pdf).find((l) => l.startsWith('各项存款余额'))).toMatch(new RegExp(`^各项存款余额${wan(bankFen).replace(/\./g, '\\.')}万元`));
  expect(text).toMatch(/第1页\/共\d+页/);
  expect(pdfFonts(pdf).every((f) => f.embedded && f.subset)).toBe(true);
}, 120_000);

it('writes the XLSX of a 支行 in English, with the 支行\'s deposits as a number in 元', async () => {
  const out = path.join(dir, 'branch.xlsx');
  const r = cli('dashboard', '--db', dbFile, '--id', 'overview', '--date', DATE, '--org', BRANCH, '--lang', 'en', '--format', 'xlsx', '--out', out);
  expect(r.status, r.stderr).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
  const cover = wb.worksheets[0];
  expect(cover.name).toBe('Cover');
  expect(cover.getCell(2, 2).text).toBe(`Org: ${branchName} (${BRANCH})`);
  expect(cover.getCell(3, 2).text).toBe(DATE);
  expect(cover.getCell(4, 2).text).toBe('none');
  const kpis = wb.getWorksheet('Key figures')!;
  const row = kpis.getRows(2, kpis.rowCount - 1)!.find((x) => x.getCell(1).text === 'Deposits')!;
  expect(Math.round((row.getCell(3).value as number) * 100)).toBe(branchFen);
  expect(wb.worksheets.length).toBeGreaterThan(2);
}, 120_000);

it('refuses what it cannot do with a sentence and exit status 2, writing nothing', () => {
  const out = path.join(dir, 'never.pdf');
  const bad = cli('dashboard', '--db', dbFile, '--id', 'nosuch', '--date', DATE, '--format', 'pdf', '--out', out);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('没有这个看板：nosuch');
  const noOrg = cli('dashboard', '--db', dbFile, '--id', 'overview', '--date', DATE, '--org', 'NOPE', '--format', 'pdf', '--out', out);
  expect(noOrg.status).toBe(2);
  expect(noOrg.stderr).toContain('机构 NOPE 不存在');
  const noFormat = cli('dashboard', '--db', dbFile, '--id', 'overview', '--date', DATE, '--format', 'docx', '--out', out);
  expect(noFormat.status).toBe(2);
  expect(noFormat.stderr).toContain('--format 应为 pdf 或 xlsx');
  expect(fs.existsSync(out)).toBe(false);
}, 120_000);

it('records each export in the audit log as the command line', () => {
  const db = openDb(dbFile);
  try {
    const rows = db.prepare("SELECT username, source, target FROM audit_log WHERE action = 'export' ORDER BY id").all() as { username: string; source: string; target: string }[];
    expect(rows).toEqual([
      { username: 'cli', source: 'cli', target: 'dashboard.overview.pdf' },
      { username: 'cli', source: 'cli', target: 'dashboard.overview.xlsx' },
    ]);
  } finally {
    db.close();
  }
});
