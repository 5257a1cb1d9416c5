// Every field of a mapping profile applies exactly as written, on files written here and
// imported into a real SQLite file. Each test states the field it is about.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import path from 'node:path';
import type { MappingProfile } from '../../../shared/api.js';
import { importFile, importPaths, parseProfile, loadProfileFile } from '../../../electron/core/import/index.js';
import { count, newDb, ORG_CSV, tmpDir, write } from './helpers.js';

const profile = (p: Partial<MappingProfile> & Pick<MappingProfile, 'dataset' | 'columns'>): MappingProfile =>
  parseProfile({ name: 'p', ...p });

const ORG_PROFILE = { dataset: 'org' as const, columns: { BR: 'org_id', NAME: 'name', UP: 'parent_id' } };

describe('mapping profile fields', () => {
  it('encoding: a GBK file read as the profile says, not as detected', async () => {
    const { db, dir } = newDb();
    // "鲤城" in GBK happens to be valid UTF-8? No: but a short GBK sample can pass a strict UTF-8
    // check when its bytes form valid sequences. The profile removes the guess either way.
    const f = path.join(dir, 'org.csv');
    fs.writeFileSync(f, iconv.encode('BR,NAME,UP\nX0,泉州总行,\nX1,鲤城支行,X0\n', 'gbk'));
    const r = await importFile(db, f, { profile: profile({ ...ORG_PROFILE, encoding: 'gbk' }) });
    expect(r).toMatchObject({ imported: 2, rejected: 0, warnings: 0 });
    expect(db.prepare("SELECT name FROM org WHERE org_id = 'X1'").pluck().get()).toBe('鲤城支行');
    // and a UTF-8 file forced through GB18030 is misread, which shows the field is applied
    const u = write(dir, 'org-utf8.csv', 'BR,NAME,UP\nX2,泉州总行,\n');
    await importFile(db, u, { profile: profile({ ...ORG_PROFILE, encoding: 'gb18030' }) });
    expect(db.prepare("SELECT name FROM org WHERE org_id = 'X2'").pluck().get()).not.toBe('泉州总行');
  });

  it('delimiter: `;` even where the header alone would suggest another', async () => {
    const { db, dir } = newDb();
    // the names hold commas, so sniffing the header line (no commas) is fine, but a value line
    // has more commas than semicolons; the profile's delimiter is what counts
    const f = write(dir, 'org.txt', 'BR;NAME;UP\nX0;"总行,本部";\nX1;一支行,营业部;X0\n');
    const r = await importFile(db, f, { profile: profile({ ...ORG_PROFILE, delimiter: ';' }) });
    expect(r).toMatchObject({ imported: 2, rejected: 0 });
    expect(db.prepare("SELECT name FROM org ORDER BY org_id").pluck().all()).toEqual(['总行,本部', '一支行,营业部']);
  });

  it('delimiter: "tab" and "\\t" both mean a tab', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'org.tsv', 'BR\tNAME\tUP\nX0\t总行\t\n');
    expect(await importFile(db, f, { profile: profile({ ...ORG_PROFILE, delimiter: 'tab' }) })).toMatchObject({ imported: 1 });
    const g = write(dir, 'org2.tsv', 'BR\tNAME\tUP\nX1\t支行\tX0\n');
    expect(await importFile(db, g, { profile: profile({ ...ORG_PROFILE, delimiter: '\t' }) })).toMatchObject({ imported: 1 });
  });

  it('skipRows: title lines above the header are skipped, and row numbers stay those of the file', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'org.csv', '机构清单\n导出时间: 2024-08-01\nBR,NAME,UP\nX0,总行,\nX1,,X0\n');
    const r = await importFile(db, f, { profile: profile({ ...ORG_PROFILE, skipRows: 2 }) });
    expect(r).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    // the row without a name is line 5 of the file (2 titles, the header, X0, X1)
    expect(db.prepare('SELECT row_no, column_name FROM import_issue').all()).toEqual([{ row_no: 5, column_name: 'NAME' }]);
  });

  it('skipRows: a blank line where the header should be is an error naming the line', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'org.csv', '标题\n\nBR,NAME,UP\nX0,总行,\n');
    const r = await importFile(db, f, { profile: profile({ ...ORG_PROFILE, skipRows: 1 }) });
    expect(r.error).toMatch(/第 2 行：第 2 行应为表头.*skipRows = 1/);
    expect(count(db, 'org')).toBe(0);
  });

  it('header: replaces the file header of the same width', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'org.csv', 'a,b,c\nX0,总行,\n');
    const p = profile({ ...ORG_PROFILE, header: ['BR', 'NAME', 'UP'] });
    expect(await importFile(db, f, { profile: p })).toMatchObject({ imported: 1 });
    const wide = write(dir, 'wide.csv', 'a,b,c,d\nX1,支行,X0,?\n');
    expect((await importFile(db, wide, { profile: p })).error).toMatch(/header 有 3 列，文件的表头（第 1 行）有 4 列/);
  });

  it('noHeader: every line is data, named by header', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'org.csv', 'X0,总行,\nX1,支行,X0\n');
    const p = profile({ ...ORG_PROFILE, header: ['BR', 'NAME', 'UP'], noHeader: true });
    const r = await importFile(db, f, { profile: p });
    expect(r).toMatchObject({ rows: 2, imported: 2 });
    expect(db.prepare('SELECT org_id, parent_id FROM org ORDER BY org_id').all()).toEqual([
      { org_id: 'X0', parent_id: null },
      { org_id: 'X1', parent_id: 'X0' },
    ]);
    expect(() => parseProfile({ name: 'x', ...ORG_PROFILE, noHeader: true })).toThrow(/noHeader.*header/);
  });

  it('columns: one source column feeds several keys', async () => {
    const { db, dir } = newDb();
    await importFile(db, write(dir, 'org.csv', ORG_CSV));
    const f = write(dir, 'loan.csv', 'id,who,day,amt\nL1,C1,2024-07-31,"1,000.50"\n');
    const p = profile({
      dataset: 'loan',
      columns: { id: 'loan_no', who: 'cust_id', day: ['data_date', 'issue_date'], amt: ['amount', 'balance'] },
    });
    expect(await importFile(db, f, { profile: p })).toMatchObject({ imported: 1, rejected: 0 });
    expect(db.prepare('SELECT data_date, issue_date, amount, balance FROM loan').get()).toEqual({
      data_date: '2024-07-31', issue_date: '2024-07-31', amount: 100050, balance: 100050, // 1,000.50 元 = 100,050 分
    });
  });

  it('ignore: a source column is dropped entirely, and a standard name listed there is not auto-mapped', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'org.csv', 'BR,NAME,UP,地址,secret\nX0,总行,,泉州市,42\n');
    const p = profile({ ...ORG_PROFILE, ignore: ['地址', 'secret'] });
    expect(await importFile(db, f, { profile: p })).toMatchObject({ imported: 1 });
    expect(db.prepare('SELECT address, extra FROM org').get()).toEqual({ address: null, extra: null });
    // without the profile's ignore, 地址 is the standard address column and secret is kept aside
    const g = write(dir, 'org2.csv', 'BR,NAME,UP,地址,secret\nX1,支行,X0,泉州市,42\n');
    await importFile(db, g, { profile: profile(ORG_PROFILE) });
    expect(db.prepare("SELECT address, extra FROM org WHERE org_id = 'X1'").get()).toEqual({ address: '泉州市', extra: '{"secret":"42"}' });
  });

  it('values: coded values map to accepted ones, and a code missing from the map is rejected naming the map', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'loan.csv', 'id,who,day,bal,st\nL1,C1,20240731,10,A\nL2,C1,20240731,20,D\nL3,C1,20240731,30,E\n');
    const p = profile({
      dataset: 'loan',
      columns: { id: 'loan_no', who: 'cust_id', day: ['data_date', 'issue_date'], bal: ['amount', 'balance'], st: 'class5' },
      values: { class5: { A: '正常', B: '损失', C: '正常', D: '次级' } },
    });
    const r = await importFile(db, f, { profile: p });
    expect(r).toMatchObject({ imported: 2, rejected: 1 });
    expect(db.prepare('SELECT loan_no, class5 FROM loan ORDER BY loan_no').all()).toEqual([
      { loan_no: 'L1', class5: '正常' },
      { loan_no: 'L2', class5: '次级' },
    ]);
    expect(r.firstRejected).toEqual([
      expect.objectContaining({ row: 4, column: 'st', value: 'E', reason: expect.stringMatching(/映射方案「p」的取值对照 values\.class5.*A\/B\/C\/D/) }),
    ]);
  });

  it('constants: a value for every row of a key the file lacks, validated when the profile is read', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'loan.csv', 'id,who,issued,bal\nL1,C1,2024-07-01,10\n');
    const p = profile({
      dataset: 'loan',
      columns: { id: 'loan_no', who: 'cust_id', issued: 'issue_date', bal: ['amount', 'balance'] },
      constants: { data_date: '1998-12-31', guarantee: '信用' },
    });
    expect(await importFile(db, f, { profile: p })).toMatchObject({ imported: 1 });
    expect(db.prepare('SELECT data_date, guarantee FROM loan').get()).toEqual({ data_date: '1998-12-31', guarantee: '信用' });
    expect(() => parseProfile({ ...p, name: 'x', constants: { data_date: '1998-02-30' } })).toThrow(/constants 中「data_date」的值「1998-02-30」无法读取/);
    expect(() => parseProfile({ ...p, name: 'x', constants: { loan_no: 'L' } })).toThrow(/字段「loan_no」被填了两次/);
  });

  it('dateFormats: YYMMDD per column, and a value in another form is rejected', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'loan.csv', 'id,who,d,issued,bal\nL1,C1,981231,930705,10\nL2,C1,981231,1993-07-05,10\n');
    const p = profile({
      dataset: 'loan',
      columns: { id: 'loan_no', who: 'cust_id', d: 'data_date', issued: 'issue_date', bal: ['amount', 'balance'] },
      dateFormats: { data_date: 'YYMMDD', issue_date: 'YYMMDD' },
    });
    const r = await importFile(db, f, { profile: p });
    expect(r).toMatchObject({ imported: 1, rejected: 1 });
    expect(db.prepare('SELECT data_date, issue_date FROM loan').get()).toEqual({ data_date: '1998-12-31', issue_date: '1993-07-05' });
    expect(r.firstRejected?.[0]).toMatchObject({ row: 3, column: 'issued', reason: expect.stringContaining('YYMMDD') });
    expect(() => parseProfile({ ...p, name: 'x', dateFormats: { data_date: 'YY/MM' } })).toThrow(/格式「YY\/MM」不受支持/);
    expect(() => parseProfile({ ...p, name: 'x', dateFormats: { balance: 'YYMMDD' } })).toThrow(/不是日期或时间字段/);
  });

  it('without a declared format, a six-digit date is refused, not read as a year, month and day', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'loan.csv', 'id,who,d,issued,bal\nL1,C1,981231,930705,10\n');
    const p = profile({ dataset: 'loan', columns: { id: 'loan_no', who: 'cust_id', d: 'data_date', issued: 'issue_date', bal: ['amount', 'balance'] } });
    const r = await importFile(db, f, { profile: p });
    expect(r).toMatchObject({ imported: 0, rejected: 1 });
    expect(count(db, 'loan')).toBe(0);
  });

  it.each([
    ['元', '1.5', 150],
    ['万元', '1.5', 1_500_000],
    ['千元', '1.5', 150_000],
    ['分', '150', 150],
  ] as const)('moneyUnit %s: %s is %i 分', async (unit, text, fen) => {
    const { db, dir } = newDb();
    const f = write(dir, 'dep.csv', `acct,who,day,bal\nA1,C1,2024-07-31,${text}\n`);
    const p = profile({ dataset: 'deposit', columns: { acct: 'acct_no', who: 'cust_id', day: 'data_date', bal: 'balance' }, moneyUnit: unit });
    expect(await importFile(db, f, { profile: p })).toMatchObject({ imported: 1 });
    expect(db.prepare('SELECT balance FROM deposit').pluck().get()).toBe(fen);
  });

  it('unknown fields are errors naming them, and so is an unreadable profile file', async () => {
    expect(() => parseProfile({ name: 'x', ...ORG_PROFILE, delimeter: ';', skip: 1 })).toThrow(/未知字段 「delimeter」、「skip」/);
    expect(() => parseProfile({ name: 'x', ...ORG_PROFILE, encoding: 'latin1' })).toThrow(/encoding/);
    const dir = tmpDir();
    const bad = write(dir, 'bad.json', '{"name": "x", "dataset": "org",');
    await expect(loadProfileFile(bad)).rejects.toThrow(new RegExp(`映射方案文件 ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 不是有效的 JSON`));
    await expect(loadProfileFile(path.join(dir, 'none.json'))).rejects.toThrow(/none\.json 无法读取：文件不存在/);
  });

  it('a profile that forces a dataset turns off header recognition: its message speaks of that dataset', async () => {
    const { db, dir } = newDb();
    // a standard customer header, forced to be read as loans: never "无法识别的数据集"
    const f = write(dir, 'x.csv', '客户号,客户名称,所属机构号\nC1,张三,QZ100\n');
    const r = await importFile(db, f, { profile: profile({ dataset: 'loan', columns: { 客户号: 'cust_id' } }) });
    expect(r.error).toMatch(/按映射方案「p」读作贷款借据时缺少必填列 数据日期（data_date）/);
    expect(r.error).not.toMatch(/无法识别的数据集/);
  });
});

describe('several profiles in one import', () => {
  const loanProfile: MappingProfile = parseProfile({
    name: '他行贷款',
    dataset: 'loan',
    columns: { loan_id: 'loan_no', client: 'cust_id', date: ['data_date', 'issue_date'], amount: ['amount', 'balance'] },
    dateFormats: { data_date: 'YYMMDD', issue_date: 'YYMMDD' },
  });
  const depProfile: MappingProfile = parseProfile({
    name: '他行存款',
    dataset: 'deposit',
    columns: { acct: 'acct_no', client: 'cust_id', date: 'data_date', bal: 'balance' },
    dateFormats: { data_date: 'YYMMDD' },
  });

  it('applies each profile to the files it fits, and standard files need none', async () => {
    const { db, dir } = newDb();
    write(dir, 'in/org.csv', ORG_CSV);
    write(dir, 'in/loans.csv', 'loan_id,client,date,amount\nL1,C1,980101,100\n');
    write(dir, 'in/deps.csv', 'acct,client,date,bal\nA1,C1,980101,7\n');
    const r = await importPaths(db, [path.join(dir, 'in')], { profiles: [{ profile: loanProfile }, { profile: depProfile }] });
    expect(r.map((x) => [x.file, x.dataset, x.imported, x.error ?? null])).toEqual([
      ['org.csv', 'org', 3, null],
      ['deps.csv', 'deposit', 1, null],
      ['loans.csv', 'loan', 1, null],
    ]);
    expect(db.prepare('SELECT profile FROM import_batch WHERE dataset = ?').pluck().get('loan')).toBe('他行贷款');
    expect(db.prepare('SELECT profile FROM import_batch WHERE dataset = ?').pluck().get('org')).toBeNull();
  });

  it('FILE:PATTERN names its files; two profiles that both fit a file are not guessed between', async () => {
    const { db, dir } = newDb();
    const f = write(dir, 'loans_1998.csv', 'loan_id,client,date,amount\nL1,C1,980101,100\n');
    const twin = parseProfile({ ...loanProfile, name: '他行贷款2' });
    const ambiguous = await importPaths(db, [f], { profiles: [{ profile: loanProfile }, { profile: twin }] });
    expect(ambiguous[0].error).toMatch(/多个映射方案都适用（「他行贷款」、「他行贷款2」）.*方案文件:文件名模式/);
    expect(count(db, 'loan')).toBe(0);
    const named = await importPaths(db, [f], { profiles: [{ profile: loanProfile, pattern: 'deps*.csv' }, { profile: twin, pattern: 'loans_*.csv' }] });
    expect(named[0]).toMatchObject({ imported: 1 });
    expect(db.prepare('SELECT profile FROM import_batch WHERE status = ?').pluck().get('committed')).toBe('他行贷款2');
  });
});
