// A killed import leaves the database as it was; previews count exactly what a commit would do
// and change nothing; mapping profiles import a foreign layout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../electron/core/db/connection.js';
import { importFile, previewFiles, saveProfile, getProfile, parseProfile } from '../../../electron/core/import/index.js';
import { count, CUSTOMER_CSV, newDb, ORG_CSV, STAFF_CSV, write } from './helpers.js';

const ROOT = path.resolve(__dirname, '../../..');

describe('a killed process', () => {
  it('leaves no row of the file it was importing', async () => {
    const { db, dir, file } = newDb();
    await importFile(db, write(dir, 'org.csv', ORG_CSV));
    db.close();
    const big = path.join(dir, 'txn.csv');
    const fd = fs.openSync(big, 'w');
    fs.writeSync(fd, '交易流水号,商户号,交易时间,交易金额,交易类型\n');
    let chunk = '';
    for (let i = 0; i < 200_000; i++) {
      chunk += `T${i},M${i % 500},2024-07-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,${(i % 9000) / 100 + 1},消费\n`;
      if (chunk.length > 1 << 20) (fs.writeSync(fd, chunk), (chunk = ''));
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    // the child says "mid" from inside the open transaction, 50,000 rows in, and waits to be killed
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/run-ts.js'), path.join(__dirname, 'kill-child.ts'), file, big, '50000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    const said = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before it was mid-import: ${out}`)));
    });
    expect(said).toMatch(/^mid \d+$/);
    expect(Number(said.split(' ')[1])).toBeGreaterThanOrEqual(50_000);
    // the import's write transaction is open: another writer cannot start one
    const probe = openDb(file);
    probe.pragma('busy_timeout = 0');
    expect(() => probe.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
    probe.close();
    child.kill('SIGKILL');
    await exited;
    const after = openDb(file);
    expect(count(after, 'acq_txn')).toBe(0);
    expect(count(after, 'org')).toBe(3);
    expect(after.prepare("SELECT count(*) FROM import_batch WHERE dataset = 'acq_txn'").pluck().get()).toBe(0);
    expect(after.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'import%'").pluck().get()).toBe(0);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });
});

describe('preview', () => {
  it('counts across the files of a folder and changes nothing', async () => {
    const { db, dir } = newDb();
    const files = [
      { path: write(dir, 'o.csv', ORG_CSV), fileName: 'o.csv' },
      { path: write(dir, 's.csv', STAFF_CSV), fileName: 's.csv' },
      { path: write(dir, 'c.csv', CUSTOMER_CSV), fileName: 'c.csv' },
      { path: write(dir, 'd.csv', '数据日期,账号,客户号,账户余额\n2024-07-31,A1,C001,1\n2024-07-31,A2,C002,x\n'), fileName: 'd.csv' },
      { path: write(dir, 'n.csv', 'a,b\n1,2\n'), fileName: 'n.csv' },
    ];
    const p = await previewFiles(db, files);
    expect(p.map((x) => [x.dataset, x.rows, x.willImport, x.willReject, x.willWarn])).toEqual([
      ['org', 3, 3, 0, 0],
      ['staff', 1, 1, 0, 0],
      ['customer', 3, 3, 0, 2],
      ['deposit', 2, 1, 1, 0], // C001 comes from the customer file of the same preview: no warning
      [null, undefined, undefined, undefined, undefined],
    ]);
    expect(p[3].sample?.[0]).toMatchObject({ acct_no: 'A1', balance: 100 });
    expect(p[3].mapping?.map((m) => m.column)).toEqual(['data_date', 'acct_no', 'cust_id', 'balance']);
    expect(p[4].message).toMatch(/无法识别/);
    expect(p[4].headerRow).toEqual(['a', 'b']); // what a user maps by hand
    for (const t of ['org', 'staff', 'customer', 'deposit', 'import_batch', 'import_issue']) expect(count(db, t)).toBe(0);
  });
});

describe('mapping profiles', () => {
  it('imports a foreign layout through a saved profile, with amounts in 万元', async () => {
    const { db, dir } = newDb();
    await importFile(db, write(dir, 'o.csv', ORG_CSV));
    await importFile(db, write(dir, 'c.csv', CUSTOMER_CSV.replace(/S001|S999/g, '')));
    const foreign = write(dir, 'other-bank.csv', 'ACCT,CUSTNO,BAL_WAN,DT,MEMO\nX1,C001,1.2345,2024/7/31,hello\n');
    const plain = await importFile(db, foreign);
    expect(plain.error).toMatch(/无法识别/);
    saveProfile(db, {
      name: '他行存款',
      dataset: 'deposit',
      columns: { ACCT: 'acct_no', CUSTNO: 'cust_id', BAL_WAN: 'balance', DT: 'data_date' },
      moneyUnit: '万元',
    });
    const r = await importFile(db, foreign, { profile: getProfile(db, '他行存款')! });
    expect(r).toMatchObject({ dataset: 'deposit', imported: 1, rejected: 0 });
    // 1.2345 万元 = 12,345 元 = 1,234,500 分
    expect(db.prepare('SELECT balance, data_date, extra FROM deposit').get()).toEqual({
      balance: 1_234_500, data_date: '2024-07-31', extra: '{"MEMO":"hello"}',
    });
  });

  it('refuses a profile that maps to a column the dataset does not have, or one column twice', () => {
    expect(() => parseProfile({ name: 'x', dataset: 'deposit', columns: { A: 'nope' } })).toThrow(/不是存款分户的字段/);
    expect(() => parseProfile({ name: 'x', dataset: 'deposit', columns: { A: 'balance', B: 'balance' } })).toThrow(/两次/);
    expect(() => parseProfile({ name: '', dataset: 'deposit', columns: {} })).toThrow();
  });
});
