// XLSX export with repeatable bytes: fixed workbook dates and fixed zip entry timestamps.

import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { fixZipTimestamps } from './writers.js';

export async function writeXlsx(
  path: string,
  sheetName: string,
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  opts: { date: string },
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(`${opts.date}T00:00:00Z`);
  wb.creator = '数据平台';
  wb.lastModifiedBy = '数据平台';
  wb.created = fixed;
  wb.modified = fixed;
  wb.lastPrinted = fixed;
  // DATA.md: the header is the first non-empty row of the first sheet, so no title line above it.
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const head = ws.addRow([...header]);
  head.font = { bold: true };
  for (const r of rows) ws.addRow([...r]);
  ws.columns.forEach((c) => {
    c.width = 14;
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  fs.writeFileSync(path, fixZipTimestamps(buf));
}
