// The 考核目标 import (DATA.md "target"): 考核期 2024-07 / 2024Q3 / 2024 only (stored canonical),
// 对象类型 机构/员工, 指标 a target-table id or Chinese name (an unknown one rejected, never matched to
// a near name), 目标值 a number, not negative, a ratio a fraction. Real files: an XLSX written with
// exceljs (as the bank's spreadsheet) and a CSV; each bad row is an issue naming the file, the
// spreadsheet row and the column as the file headed it.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { batchIssues, importFile } from '../../../electron/core/import/index.js';
import { parsePeriod } from '../../../electron/core/assess/period.js';
import { readTargets } from '../../../electron/core/assess/targets.js';
import { newDb, ORG_CSV, STAFF_CSV, write } from '../import/helpers.js';

const HEADER = ['考核期', '对象类型', '对象编号', '指标', '目标值'];

async function xlsx(dir: string, rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核目标');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, '考核目标_202407.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('考核目标 import', () => {
  it('XLSX: good rows kept (period canonical, 2% read as 0.02), each bad row rejected with file, row and column named', async () => {
    const { db, dir } = newDb();
    await importFile(db, write(dir, 'org.csv', ORG_CSV));
    await importFile(db, write(dir, 'staff.csv', STAFF_CSV));
    // spreadsheet rows: the header is row 1, so the n-th data row is row n + 1
    const f = await xlsx(dir, [
      ['2024-07', '机构', 'QZ100', '各项贷款余额', 1_000_000], // row 2  kept
      ['2024q3', '员工', 'S001', 'visits', 30], //                 row 3  kept, period 2024Q3
      [2024, '机构', 'QZ100', '不良贷款率', '2%'], //                  row 4  kept, a number cell 2024; 2% = 0.02
      ['2024-7', '机构', 'QZ100', '存款日均', 500], //                row 5  rejected: 考核期
      ['202407', '机构', 'QZ100', '存款日均', 500], //                row 6  rejected: 考核期
      ['2024-07', '部门', 'QZ100', '存款日均', 500], //               row 7  rejected: 对象类型
      ['2024-07', '机构', 'QZ100', '贷款余额', 500], //               row 8  rejected: 指标 (not 各项贷款余额)
      ['2024-07', '机构', 'QZ100', '存款日均', '五百万'], //           row 9  rejected: 目标值
      ['2024-07', '机构', 'QZ100', '存款日均', -1], //                row 10 rejected: negative
      ['2024-07', '机构', 'QZ100', 'npl_ratio', 2], //               row 11 rejected: a ratio above 1
      ['2024-07', '机构', 'QZ100', '走访次数', 0], //                 row 12 kept, warned: 0 completes at the cap
      ['2024-07', '机构', 'QZ999', '走访次数', 10], //                row 13 kept, warned: unknown org
    ]);
    const r = await importFile(db, f);
    // rows 12 · kept 2, 3, 4, 12, 13 = 5 · rejected 5–11 = 7 · warned rows 12, 13 = 2
    expect(r).toMatchObject({ rows: 12, imported: 5, rejected: 7, warnings: 2 });
    const issues = batchIssues(db, r.batchId!, { limit: 100 });
    expect(new Set(issues.map((i) => i.file))).toEqual(new Set(['考核目标_202407.xlsx']));
    const at = issues.map((i) => [i.level, i.row, i.column, i.value]);
    expect(at).toEqual([
      ['rejected', 5, '考核期', '2024-7'],
      ['rejected', 6, '考核期', '202407'],
      ['rejected', 7, '对象类型', '部门'],
      ['rejected', 8, '指标', '贷款余额'],
      ['rejected', 9, '目标值', '五百万'],
      ['rejected', 10, '目标值', '-1'],
      ['rejected', 11, '目标值', '2'],
      ['warning', 12, '目标值', '0'],
      ['warning', 13, '对象编号', 'QZ999'],
    ]);
    expect(issues.find((i) => i.row === 5)!.reason).toBe('考核期应为月 2024-07、季度 2024Q3 或年 2024 之一');
    expect(issues.find((i) => i.row === 8)!.reason).toMatch(/^不是考核指标.*各项贷款余额/);
    expect(issues.find((i) => i.row === 11)!.reason).toMatch(/不良贷款率是比率.*0\.02/);

    const stored = db.prepare('SELECT period, subject_type, subject_id, indicator, target_value FROM target ORDER BY rowid').all();
    expect(stored).toEqual([
      { period: '2024-07', subject_type: '机构', subject_id: 'QZ100', indicator: '各项贷款余额', target_value: 1_000_000 },
      { period: '2024Q3', subject_type: '员工', subject_id: 'S001', indicator: 'visits', target_value: 30 },
      { period: '2024', subject_type: '机构', subject_id: 'QZ100', indicator: '不良贷款率', target_value: 0.02 },
      { period: '2024-07', subject_type: '机构', subject_id: 'QZ100', indicator: '走访次数', target_value: 0 },
      { period: '2024-07', subject_type: '机构', subject_id: 'QZ999', indicator: '走访次数', target_value: 10 },
    ]);
    // what the sheets read: no problem left for the target screen, the ratio under its id
    const year = readTargets(db, parsePeriod('2024'));
    expect(year).toEqual({ problems: [], cells: [expect.objectContaining({ object_id: 'QZ100', indicator: 'npl_ratio', value: 0.02 })] });
  });

  it('CSV: the same rules; 2024q3 and 2024Q3 of one object and indicator are one key, so the second row is a duplicate in the file', async () => {
    const { db, dir } = newDb();
    await importFile(db, write(dir, 'org.csv', ORG_CSV));
    const csv = `${HEADER.join(',')}
2024Q3,机构,QZ100,存款日均,800000
2024q3,机构,QZ100,存款日均,800000
2024Q5,机构,QZ100,存款日均,800000
`;
    const r = await importFile(db, write(dir, 'targets.csv', csv, 'utf-8-bom'));
    // row 2 kept; row 3 reads as the same key 2024Q3 (a duplicate of row 2); row 4: no 5th quarter
    expect(r).toMatchObject({ rows: 3, imported: 1, rejected: 2 });
    const issues = batchIssues(db, r.batchId!, { limit: 100 });
    expect(issues.map((i) => [i.file, i.row, i.column])).toEqual([
      ['targets.csv', 3, null],
      ['targets.csv', 4, '考核期'],
    ]);
    expect(db.prepare('SELECT period FROM target').pluck().all()).toEqual(['2024Q3']);
  });
});
