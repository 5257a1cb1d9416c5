// The layout fields of a mapping profile (skipRows, header, noHeader) apply to XLSX as they do to
// delimited text: rows are spreadsheet rows, counted from row 1 whatever they hold. Workbooks are
// written here with exceljs; row numbers in the expectations are counted by hand from what is
// written (title rows, header, data).
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { MappingProfile } from '../../../shared/api.js';
import { importFile, parseProfile, previewFiles } from '../../../electron/core/import/index.js';
import { count, newDb } from './helpers.js';

const profile = (p: Partial<MappingProfile>): MappingProfile =>
  parseProfile({ name: 'x', dataset: 'org', columns: { BR: 'org_id', NAME: 'name', UP: 'parent_id' }, ...p });

async function xlsx(dir: string, name: string, rows: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机构');
  // addRow on an empty array still advances the row number, so a blank row stays a blank row
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('XLSX honours the layout fields of a profile', () => {
  it('skipRows: title rows above the header are skipped, even when they look like a header', async () => {
    const { db, dir } = newDb();
    // row 1 is a title, row 2 a non-empty note with three cells (would be taken as the header
    // without the profile), row 3 the header, rows 4–5 data
    const f = await xlsx(dir, 'org.xlsx', [['机构清单'], ['导出', '2024-08-01', '备注'], ['BR', 'NAME', 'UP'], ['X0', '总行', null], ['X1', null, 'X0']]);
    const r = await importFile(db, f, { profile: profile({ skipRows: 2 }) });
    expect(r).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    // the row without a name is spreadsheet row 5
    expect(db.prepare('SELECT row_no, column_name FROM import_issue').all()).toEqual([{ row_no: 5, column_name: 'NAME' }]);
  });

  it('skipRows: an empty row where the header should be is an error naming the row', async () => {
    const { db, dir } = newDb();
    const f = await xlsx(dir, 'org.xlsx', [['标题'], [], ['BR', 'NAME', 'UP'], ['X0', '总行', null]]);
    const r = await importFile(db, f, { profile: profile({ skipRows: 1 }) });
    expect(r.error).toMatch(/第 2 行应为表头.*skipRows = 1/);
    expect(count(db, 'org')).toBe(0);
  });

  it('skipRows: more rows skipped than the sheet has is an error', async () => {
    const { db, dir } = newDb();
    const f = await xlsx(dir, 'org.xlsx', [['BR', 'NAME', 'UP'], ['X0', '总行', null]]);
    const r = await importFile(db, f, { profile: profile({ skipRows: 5 }) });
    expect(r.error).toMatch(/skipRows = 5/);
  });

  it('header: replaces the sheet header of the same width, and a different width is refused', async () => {
    const { db, dir } = newDb();
    const f = await xlsx(dir, 'org.xlsx', [['a', 'b', 'c'], ['X0', '总行', null], ['X1', '支行', 'X0']]);
    const r = await importFile(db, f, { profile: profile({ header: ['BR', 'NAME', 'UP'] }) });
    expect(r).toMatchObject({ rows: 2, imported: 2, rejected: 0 });
    expect(db.prepare('SELECT org_id, parent_id FROM org ORDER BY org_id').all()).toEqual([
      { org_id: 'X0', parent_id: null },
      { org_id: 'X1', parent_id: 'X0' },
    ]);
    const wide = await xlsx(dir, 'wide.xlsx', [['a', 'b', 'c', 'd'], ['X2', '支行', 'X0', '?']]);
    expect((await importFile(db, wide, { profile: profile({ header: ['BR', 'NAME', 'UP'] }) })).error).toMatch(
      /header 有 3 列，文件的表头（第 1 行）有 4 列/,
    );
  });

  it('skipRows with header: the header row after the skipped rows is replaced', async () => {
    const { db, dir } = newDb();
    const f = await xlsx(dir, 'org.xlsx', [['某行机构表'], ['编号', '名称', '上级'], ['X0', '总行', null]]);
    const r = await importFile(db, f, { profile: profile({ skipRows: 1, header: ['BR', 'NAME', 'UP'] }) });
    expect(r).toMatchObject({ rows: 1, imported: 1 });
    expect(db.prepare('SELECT name FROM org').pluck().get()).toBe('总行');
  });

  it('noHeader: every row after skipRows is data, named by header, row numbers those of the sheet', async () => {
    const { db, dir } = newDb();
    const f = await xlsx(dir, 'org.xlsx', [['报表标题'], ['X0', '总行', null], ['X1', '支行', 'X0'], ['X2', null, 'X0']]);
    const p = profile({ skipRows: 1, noHeader: true, header: ['BR', 'NAME', 'UP'] });
    const r = await importFile(db, f, { profile: p });
    expect(r).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    expect(db.prepare('SELECT org_id, name, parent_id FROM org ORDER BY org_id').all()).toEqual([
      { org_id: 'X0', name: '总行', parent_id: null },
      { org_id: 'X1', name: '支行', parent_id: 'X0' },
    ]);
    expect(r.firstRejected).toEqual([expect.objectContaining({ row: 4, column: 'NAME' })]);
    // the preview shows the profile's names as the header
    const { db: db2 } = newDb();
    const [pv] = await previewFiles(db2, [{ path: f, fileName: 'org.xlsx' }], { profile: p });
    expect(pv.headerRow).toEqual(['BR', 'NAME', 'UP']);
    expect(pv.willImport).toBe(2);
  });

  it('noHeader: a data row wider than the profile header is refused, not cut', async () => {
    const { db, dir } = newDb();
    const f = await xlsx(dir, 'org.xlsx', [['X0', '总行', null, '多余']]);
    const r = await importFile(db, f, { profile: profile({ noHeader: true, header: ['BR', 'NAME', 'UP'] }) });
    expect(r.error).toMatch(/header 有 3 列.*有 4 列/);
    expect(count(db, 'org')).toBe(0);
  });

  it('encoding and delimiter still cannot apply to XLSX', async () => {
    const { db, dir } = newDb();
    const f = await xlsx(dir, 'org.xlsx', [['BR', 'NAME', 'UP'], ['X0', '总行', null]]);
    const r = await importFile(db, f, { profile: profile({ delimiter: ';' }) });
    expect(r.error).toMatch(/delimiter 只适用于分隔符文本文件/);
  });
});
