// Every kind of bad input the importer handles: a clear message naming the file, row and column,
// and nothing already stored changes.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection.js';
import { batchIssues, importFile, writeIssuesCsv } from '../../../electron/core/import/index.js';
import { CUSTOMER_CSV, newDb, ORG_CSV, STAFF_CSV, write } from './helpers.js';

let db: Db;
let dir: string;

/** Everything stored in the data tables, to prove a failed file changed none of it. */
function dataState(): string {
  const tables = ['org', 'staff', 'customer', 'deposit', 'loan', 'card', 'signing', 'merchant', 'acq_txn', 'grid', 'visit', 'referral', 'target'];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
}

beforeEach(async () => {
  ({ db, dir } = newDb());
  for (const [n, t] of [['org.csv', ORG_CSV], ['staff.csv', STAFF_CSV], ['customer.csv', CUSTOMER_CSV]]) {
    await importFile(db, write(dir, n, t));
  }
});

async function expectFileRefused(file: string, message: RegExp) {
  const before = dataState();
  const r = await importFile(db, file);
  expect(r.error).toMatch(message);
  expect(r.error).toContain(path.basename(file));
  expect(r.imported).toBe(0);
  expect(dataState()).toBe(before);
  return r;
}

describe('files that cannot be read at all', () => {
  it('empty file', () => expectFileRefused(write(dir, 'empty.csv', ''), /文件为空/));
  it('only blank lines', () => expectFileRefused(write(dir, 'blank.csv', '\n\n  \n'), /文件为空/));
  it('unknown dataset header', () => expectFileRefused(write(dir, 'x.csv', 'foo,bar\n1,2\n'), /无法识别的数据集/));
  it('a required column missing names the column', async () => {
    const r = await expectFileRefused(write(dir, 'dep.csv', '数据日期,账号,客户号\n2024-07-31,A1,C001\n'), /账户余额/);
    expect(r.error).toMatch(/存款分户/);
  });
  it('a binary file named .csv', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    const f = path.join(dir, 'photo.csv');
    fs.writeFileSync(f, bytes);
    return expectFileRefused(f, /不是文本文件/);
  });
  it('a non-zip file named .xlsx', () => expectFileRefused(write(dir, 'fake.xlsx', '客户号,客户名称\nC9,x\n'), /XLSX/));
  it('a truncated .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['客户号', '客户名称', '所属机构号']);
    for (let i = 0; i < 2000; i++) ws.addRow([`T${i}`, `客户${i}`, 'QZ100']);
    const full = path.join(dir, 'full.xlsx');
    await wb.xlsx.writeFile(full);
    const cut = path.join(dir, 'cut.xlsx');
    const bytes = fs.readFileSync(full);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectFileRefused(cut, /XLSX 文件已损坏或不完整/);
  });
  it('a 100 MB line names the line and stores nothing of the rows before it', async () => {
    const f = path.join(dir, 'huge.csv');
    const fd = fs.openSync(f, 'w');
    fs.writeSync(fd, '客户号,客户名称,所属机构号\nH1,好行,QZ100\nH2,也好,QZ100\nH3,');
    const block = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 100; i++) fs.writeSync(fd, block);
    fs.writeSync(fd, ',QZ100\nH4,后面,QZ100\n');
    fs.closeSync(fd);
    const r = await expectFileRefused(f, /第 4 行超过 8 MiB/);
    expect(r.error).toContain('huge.csv');
  });
});

describe('rows that are rejected with file, row and column', () => {
  it('header only: read, nothing imported, said plainly', async () => {
    const r = await importFile(db, write(dir, 'h.csv', '客户号,客户名称,所属机构号\n'));
    expect(r).toMatchObject({ rows: 0, imported: 0 });
    expect(r.error).toBeUndefined();
    expect(batchIssues(db, r.batchId!)[0].reason).toMatch(/只有表头/);
  });

  it('a header with more names than the rows have fields, and fewer', async () => {
    const more = await importFile(db, write(dir, 'more.csv', '客户号,客户名称,所属机构号,性别\nM1,甲,QZ100\n'));
    expect(more).toMatchObject({ rows: 1, imported: 0, rejected: 1 });
    expect(batchIssues(db, more.batchId!)[0]).toMatchObject({ row: 2, file: 'more.csv' });
    expect(batchIssues(db, more.batchId!)[0].reason).toMatch(/本行有 3 个字段，表头有 4 个/);
    const fewer = await importFile(db, write(dir, 'fewer.csv', '客户号,客户名称,所属机构号\nF1,乙,QZ100,多余\nF2,丙,QZ100\n'));
    expect(fewer).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    expect(batchIssues(db, fewer.batchId!)[0].reason).toMatch(/本行有 4 个字段，表头有 3 个/);
  });

  it('unbalanced quotes: the row where the quote opens is rejected and named', async () => {
    const r = await importFile(db, write(dir, 'q.csv', '客户号,客户名称,所属机构号\nQ1,正常,QZ100\nQ2,"没有闭合,QZ100\nQ3,后面,QZ100\n'));
    expect(r.imported).toBe(1);
    const issue = batchIssues(db, r.batchId!).find((i) => i.level === 'rejected')!;
    expect(issue).toMatchObject({ row: 3, file: 'q.csv' });
    expect(issue.reason).toMatch(/引号不配对/);
  });

  it('a GBK file with a few invalid bytes: the cells are kept with a warning naming row and column', async () => {
    const good = iconv.encode('客户号,客户名称,所属机构号\nG1,陈秀英,QZ100\nG2,', 'gbk');
    const bad = Buffer.from([0x81, 0x20]); // a GBK lead byte followed by a byte that cannot trail it
    const rest = iconv.encode('林丽,QZ100\n', 'gbk');
    const f = path.join(dir, 'gbk.csv');
    fs.writeFileSync(f, Buffer.concat([good, bad, rest]));
    const r = await importFile(db, f);
    expect(r).toMatchObject({ imported: 2, warnings: 1 });
    expect(batchIssues(db, r.batchId!)[0]).toMatchObject({ level: 'warning', row: 3, column: '客户名称' });
    expect(db.prepare("SELECT name FROM customer WHERE cust_id = 'G1'").pluck().get()).toBe('陈秀英');
  });
});

describe('hostile text', () => {
  const hostile = ['=HYPERLINK("http://x.example","点我")', '+86 123', '-2+3', '@SUM(A1)', '<script>alert(1)</script>'];

  it('stores formula-like and HTML text as it is', async () => {
    const rows = hostile.map((n, i) => `X${i},"${n.replace(/"/g, '""')}",QZ100`).join('\n');
    const r = await importFile(db, write(dir, 'hostile.csv', `客户号,客户名称,所属机构号\n${rows}\n`));
    expect(r.imported).toBe(hostile.length);
    const names = db.prepare("SELECT name FROM customer WHERE cust_id LIKE 'X%' ORDER BY cust_id").pluck().all();
    expect(names).toEqual(hostile);
  });

  it('neutralises formulas in the CSV of rejected rows and warnings', async () => {
    // the birth-date cell holds the hostile text, so each row is rejected with that value listed
    const rows = hostile.map((n, i) => `Y${i},名${i},QZ100,"${n.replace(/"/g, '""')}"`).join('\n');
    const r = await importFile(db, write(dir, 'h2.csv', `客户号,客户名称,所属机构号,出生日期\n${rows}\n`));
    expect(r.rejected).toBe(hostile.length);
    let csv = '';
    writeIssuesCsv(db, r.batchId!, (c) => (csv += c));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(hostile.length);
    for (const line of lines) {
      const value = line.split(',')[3]; // file, row, column, value, …
      expect(value).toMatch(/^"?'[=+\-@]|^"?<script>/);
    }
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example"",""点我"")"`);
  });
});
