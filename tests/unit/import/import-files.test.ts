// The importer on real files in a real SQLite database: recognition, encodings, snapshots,
// idempotence, duplicates, warnings, undo.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection.js';
import { batchIssues, importFile, importPaths, listBatches, undoBatch } from '../../../electron/core/import/index.js';
import { count, CUSTOMER_CSV, newDb, ORG_CSV, snapshot, STAFF_CSV, write } from './helpers.js';

let db: Db;
let dir: string;

async function base() {
  for (const [n, t] of [['org.csv', ORG_CSV], ['staff.csv', STAFF_CSV], ['customer.csv', CUSTOMER_CSV]]) {
    const r = await importFile(db, write(dir, n, t));
    expect(r.error).toBeUndefined();
  }
}

beforeEach(() => {
  ({ db, dir } = newDb());
});

describe('recognition and reading', () => {
  it('recognises datasets from Chinese headers, English keys and EAST codes in any order', async () => {
    await base();
    const east = write(dir, 'x1.csv', 'DKYE,XDJJH,CJRQ,KHTYBH,FFRQ,DKJE,DKWJFL\n"1,000.50",L1,20240731,C001,2024-01-02,2000,3\n');
    const r = await importFile(db, east);
    expect(r).toMatchObject({ dataset: 'loan', imported: 1, rejected: 0 });
    expect(db.prepare('SELECT balance, amount, class5, data_date, issue_date, org_id FROM loan').get()).toEqual({
      balance: 100050, amount: 200000, class5: '次级', data_date: '2024-07-31', issue_date: '2024-01-02',
      org_id: 'QZ101', // no 所属机构号 in the file: the customer's
    });
  });

  it('reads GBK, UTF-8 with BOM, and sniffs | ; and tab delimiters', async () => {
    await base();
    const gbk = write(dir, 'd1.txt', '数据日期|账号|客户号|账户余额|存款种类\r\n2024-07-31|A1|C001|100.00|活期\r\n', 'gbk');
    const bom = write(dir, 'd2.csv', '数据日期;账号;客户号;账户余额;存款种类\n2024-07-31;A2;C002;200;定期\n', 'utf-8-bom');
    const tab = write(dir, 'd3.tsv', 'data_date\tacct_no\tcust_id\tbalance\tkind\n2024-07-31\tA3\tC003\t300\t大额存单\n');
    for (const f of [gbk, bom, tab]) expect((await importFile(db, f)).imported).toBe(1);
    expect(snapshot(db, 'deposit').map((r: any) => [r.acct_no, r.kind, r.balance])).toEqual([
      ['A1', '活期', 10000], ['A2', '定期', 20000], ['A3', '大额存单', 30000],
    ]);
    expect(listBatches(db).find((b) => b.file === 'd1.txt')?.encoding).toBe('gb18030');
  });

  it('keeps quoted delimiters, quotes and newlines inside fields; keeps unknown columns aside', async () => {
    const f = write(dir, 'org.csv', '机构号,机构名称,地址,备用字段\nQZ000,"总行, 本部","泉州市""丰泽区""\n田安路",abc\n');
    expect((await importFile(db, f)).imported).toBe(1);
    expect(db.prepare('SELECT name, address, extra FROM org').get()).toEqual({
      name: '总行, 本部', address: '泉州市"丰泽区"\n田安路', extra: JSON.stringify({ 备用字段: 'abc' }),
    });
  });

  it('imports the first sheet of an XLSX with the header in the first non-empty row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('员工');
    ws.addRow([]);
    ws.addRow(['员工号', '姓名', '所属机构号', '岗位']);
    ws.addRow(['S100', '王芳', 'QZ100', '大堂经理']);
    ws.addRow(['S101', '李强', 'QZ100', '客户经理']);
    wb.addWorksheet('说明').addRow(['这一页不是数据']);
    const f = path.join(dir, 'staff.xlsx');
    await wb.xlsx.writeFile(f);
    await importFile(db, write(dir, 'org.csv', ORG_CSV));
    const r = await importFile(db, f);
    expect(r).toMatchObject({ dataset: 'staff', rows: 2, imported: 2, warnings: 0 });
    expect(batchIssues(db, r.batchId!)).toEqual([]);
  });

  it('reads XLSX date cells as dates and number cells as exact amounts', async () => {
    await base();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('存款');
    ws.addRow(['数据日期', '账号', '客户号', '账户余额']);
    ws.addRow([new Date(Date.UTC(2024, 6, 31)), 'X1', 'C001', 1234.5]);
    ws.addRow(['2024/7/31', 'X2', 'C002', '2,000.10']);
    ws.getColumn(1).numFmt = 'yyyy-mm-dd';
    const f = path.join(dir, 'dep.xlsx');
    await wb.xlsx.writeFile(f);
    expect(await importFile(db, f)).toMatchObject({ imported: 2, rejected: 0 });
    expect(db.prepare('SELECT data_date, acct_no, balance FROM deposit ORDER BY acct_no').all()).toEqual([
      { data_date: '2024-07-31', acct_no: 'X1', balance: 123450 },
      { data_date: '2024-07-31', acct_no: 'X2', balance: 200010 },
    ]);
  });

  it('imports GeoJSON grids and rejects a feature that is not a polygon', async () => {
    const poly = { type: 'Polygon', coordinates: [[[118.5, 24.9], [118.6, 24.9], [118.6, 25], [118.5, 24.9]]] };
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 网格编号: 'G1', 网格名称: '东街社区', 网格类型: '社区', 户数: 320 }, geometry: poly },
        { type: 'Feature', properties: { 网格编号: 'G2', 网格名称: '坏网格' }, geometry: { type: 'Point', coordinates: [1, 2] } },
      ],
    };
    const r = await importFile(db, write(dir, 'grid.geojson', JSON.stringify(fc)));
    expect(r).toMatchObject({ dataset: 'grid', imported: 1, rejected: 1 });
    expect(JSON.parse(db.prepare('SELECT geometry FROM grid').pluck().get() as string)).toEqual(poly);
    expect(batchIssues(db, r.batchId!)[0]).toMatchObject({ row: 2, level: 'rejected' });
  });
});

describe('rejections and warnings as DATA.md defines them', () => {
  it('rejects missing required values, unreadable values and repeated keys; warns on references, ids and phones', async () => {
    await base();
    const f = write(
      dir,
      'dep.csv',
      [
        '数据日期,账号,客户号,账户余额,存款种类',
        '2024-07-31,A1,C001,100,活期', // row 2 ok
        '2024-07-31,A2,,100,活期', // row 3: 客户号 missing
        '20240230,A3,C001,100,活期', // row 4: no such day
        '2024-07-31,A4,C001,1a0,活期', // row 5: amount
        '2024-07-31,A5,C001,100,外币', // row 6: enumeration
        '2024-07-31,A1,C002,999,活期', // row 7: repeats row 2's key → rejected, first stays
        '2024-07-31,A6,C404,50,活期', // row 8: unknown customer → kept with a warning
      ].join('\n'),
    );
    const r = await importFile(db, f);
    expect(r).toMatchObject({ rows: 7, imported: 2, rejected: 5, warnings: 1 });
    const issues = batchIssues(db, r.batchId!);
    expect(issues.map((i) => [i.level, i.row, i.column])).toEqual([
      ['rejected', 3, '客户号'],
      ['rejected', 4, '数据日期'],
      ['rejected', 5, '账户余额'],
      ['rejected', 6, '存款种类'],
      ['rejected', 7, null],
      ['warning', 8, '客户号'],
    ]);
    expect(issues.every((i) => i.file === 'dep.csv' && i.reason.length > 3)).toBe(true);
    expect(db.prepare("SELECT cust_id, balance FROM deposit WHERE acct_no = 'A1'").get()).toEqual({ cust_id: 'C001', balance: 10000 });
    expect(db.prepare("SELECT org_id FROM deposit WHERE acct_no = 'A6'").pluck().get()).toBeNull();
  });

  it('warns about a wrong 身份证 check digit, a 10-digit phone and an unknown manager, and keeps the rows', async () => {
    await importFile(db, write(dir, 'org.csv', ORG_CSV));
    await importFile(db, write(dir, 'staff.csv', STAFF_CSV));
    const r = await importFile(db, write(dir, 'customer.csv', CUSTOMER_CSV));
    expect(r).toMatchObject({ imported: 3, rejected: 0, warnings: 2 });
    expect(batchIssues(db, r.batchId!).map((i) => [i.row, i.column, i.value]).sort()).toEqual([
      [3, '证件号码', '110105194912310021'],
      [4, '手机号码', '1380000003'],
      [4, '管户客户经理号', 'S999'],
    ]);
  });
});

describe('snapshots, idempotence and undo', () => {
  const day1 = ['数据日期,账号,客户号,账户余额', '2024-07-30,A1,C001,100', '2024-07-30,A2,C002,200', '2024-07-31,A1,C001,110', '2024-07-31,A2,C002,210'].join('\n');

  it('importing the same file twice changes nothing', async () => {
    await base();
    const f = write(dir, 'dep.csv', day1);
    await importFile(db, f);
    const before = snapshot(db, 'deposit');
    const again = await importFile(db, f);
    expect(again).toMatchObject({ rows: 4, inserted: 0, replaced: 0, unchanged: 4, rejected: 0 });
    expect(snapshot(db, 'deposit')).toEqual(before);
  });

  it('a correction file of one row mends one day; undo puts the old value back', async () => {
    await base();
    await importFile(db, write(dir, 'dep.csv', day1));
    const fix = await importFile(db, write(dir, 'fix.csv', '数据日期,账号,客户号,账户余额\n2024-07-31,A2,C002,"1,234.00"\n'));
    expect(fix).toMatchObject({ replaced: 1, inserted: 0 });
    const bal = () => db.prepare('SELECT data_date, acct_no, balance FROM deposit ORDER BY 1, 2').all();
    expect(bal()).toEqual([
      { data_date: '2024-07-30', acct_no: 'A1', balance: 10000 },
      { data_date: '2024-07-30', acct_no: 'A2', balance: 20000 },
      { data_date: '2024-07-31', acct_no: 'A1', balance: 11000 },
      { data_date: '2024-07-31', acct_no: 'A2', balance: 123400 },
    ]);
    undoBatch(db, fix.batchId!, 'tester');
    expect((bal() as { balance: number }[]).map((r) => r.balance)).toEqual([10000, 20000, 11000, 21000]);
    expect(listBatches(db).find((b) => b.batchId === fix.batchId)).toMatchObject({ status: 'undone', canUndo: false });
  });

  it('undo of a batch a later batch corrected is refused until the later one is undone', async () => {
    await base();
    const first = await importFile(db, write(dir, 'dep.csv', day1));
    const fix = await importFile(db, write(dir, 'fix.csv', '数据日期,账号,客户号,账户余额\n2024-07-31,A2,C002,5\n'));
    expect(() => undoBatch(db, first.batchId!, 't')).toThrow(`#${fix.batchId}`);
    expect(listBatches(db).find((b) => b.batchId === first.batchId)?.canUndo).toBe(false);
    undoBatch(db, fix.batchId!, 't');
    undoBatch(db, first.batchId!, 't');
    expect(count(db, 'deposit')).toBe(0);
  });

  it('imports a folder in dependency order whatever the file names', async () => {
    write(dir, 'in/a_deposit_20240731.csv', '数据日期,账号,客户号,账户余额\n2024-07-31,A1,C001,1\n');
    write(dir, 'in/b_customer.csv', CUSTOMER_CSV);
    write(dir, 'in/c_staff.csv', STAFF_CSV);
    write(dir, 'in/d_org.csv', ORG_CSV);
    write(dir, 'in/labels_20240731.json', '[{"model":"x"}]'); // not a dataset: passed over
    const results = await importPaths(db, [path.join(dir, 'in')]);
    expect(results.map((r) => r.dataset)).toEqual(['org', 'staff', 'customer', 'deposit']);
    // nothing refers to an org, staff or customer that is not there yet
    expect(results.find((r) => r.dataset === 'deposit')!.warnings).toBe(0);
  });
});

describe('cards are never stored in full', () => {
  it('stores a keyed hash and the masked number only', async () => {
    await base();
    const no = '6230123456789012345';
    const r = await importFile(db, write(dir, 'card.csv', `卡号,客户号,卡种,发卡日期\n${no},C001,借记卡,2024-01-01\n`));
    expect(r.imported).toBe(1);
    const row = db.prepare('SELECT card_no, card_no_masked FROM card').get() as { card_no: string; card_no_masked: string };
    expect(row.card_no_masked).toBe('623012*********2345');
    expect(row.card_no).not.toContain('6230123456');
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(path.join(dir, 'test.db')).includes(Buffer.from(no))).toBe(false);
    // the same card imports to the same row
    expect((await importFile(db, write(dir, 'card2.csv', `卡号,客户号,卡种,发卡日期\n${no},C001,借记卡,2024-01-01\n`))).unchanged).toBe(1);
  });
});

it('trims values, reads a value of only spaces as empty, and ignores trailing blank lines (DATA.md)', async () => {
  await base();
  const f = write(
    dir,
    'dep.csv',
    [
      '数据日期,账号,客户号,账户余额,存款种类,账户状态',
      ' 2024-07-31 ,  A1 , C001 ,"  1,234.50  ", 活期 , 正常 ', // row 2: every value padded
      '2024-07-31,A2,   ,100,活期,正常', // row 3: 客户号 of spaces only = missing → rejected
      '2024-07-31,A3,C001,100,活期,   ', // row 4: 账户状态 of spaces only = empty, not an unknown label
      '',
      '   ',
      '',
    ].join('\r\n'),
  );
  const r = await importFile(db, f);
  // the three blank lines at the end are no rows at all: neither imported nor rejected
  expect(r).toMatchObject({ rows: 3, imported: 2, rejected: 1, warnings: 0 });
  expect(batchIssues(db, r.batchId!).map((i) => [i.level, i.row, i.column])).toEqual([['rejected', 3, '客户号']]);
  expect(db.prepare('SELECT acct_no, cust_id, balance, kind, status FROM deposit ORDER BY acct_no').all()).toEqual([
    { acct_no: 'A1', cust_id: 'C001', balance: 123_450, kind: '活期', status: '正常' }, // 1,234.50 元 = 123,450 分
    { acct_no: 'A3', cust_id: 'C001', balance: 10_000, kind: '活期', status: null },
  ]);
});

it('every import that changes data and every undo moves the data version on; an unchanged re-import does not', async () => {
  const { dataVersion } = await import('../../../electron/core/import/index.js');
  const v0 = dataVersion(db);
  const f = write(dir, 'org.csv', ORG_CSV);
  const r = await importFile(db, f);
  const v1 = dataVersion(db);
  expect(v1).toBe(v0 + 1);
  await importFile(db, f);
  expect(dataVersion(db)).toBe(v1);
  undoBatch(db, r.batchId!, 't');
  expect(dataVersion(db)).toBe(v1 + 1);
});
