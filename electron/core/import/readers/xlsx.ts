// XLSX, first sheet, streamed with exceljs's WorkbookReader; the header is the first
// non-empty row, unless a profile's skipRows / noHeader say where it is. Cells become the text a user would see, so the same value readers apply.
import ExcelJS from 'exceljs';
import { FileError } from '../sniff.js';
import type { RecordReader } from './types.js';
import { Utf8WorkbookReader } from './xlsx-utf8.js';

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) {
    // exceljs reads date cells as UTC instants of the wall-clock value
    const iso = v.toISOString();
    const time = iso.slice(11, 19);
    return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in v) return '';
  }
  return String(v);
}

function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as ExcelJS.CellValue[]; // 1-based, index 0 unused
  const out: string[] = [];
  for (let i = 1; i < values.length; i++) out.push(cellText(values[i]).trim());
  return out;
}

function xlsxError(e: unknown): FileError {
  const detail = e instanceof Error ? e.message : String(e);
  return new FileError(`XLSX 文件已损坏或不完整，无法读取（${detail}）`);
}

async function* firstSheetRows(path: string): AsyncGenerator<ExcelJS.Row> {
  // not exceljs's own reader: it splits characters that straddle read chunks (see xlsx-utf8.ts)
  const reader = new Utf8WorkbookReader(path, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) yield row;
    return; // first sheet only
  }
}

/** How a profile says a sheet is laid out (rows are spreadsheet rows, counted from row 1). */
export interface XlsxLayout {
  /** rows before the header row, empty or not */
  skipRows?: number;
  /** no header row: every row after skipRows is data (the profile's `header` names the columns) */
  noHeader?: boolean;
}

export async function openXlsx(path: string, size: number, layout: XlsxLayout = {}): Promise<RecordReader> {
  const skip = layout.skipRows;
  let header: string[] = [];
  let headerRow = 0;
  let firstRecord: string[] | undefined;
  try {
    for await (const row of firstSheetRows(path)) {
      if (skip !== undefined && row.number <= skip) continue;
      const cells = rowCells(row);
      const empty = cells.every((c) => c === '');
      if (layout.noHeader) {
        if (empty) continue;
        firstRecord = cells; // the first data row: the profile's header is checked against its width
        headerRow = skip ?? 0;
        break;
      }
      if (skip !== undefined) {
        // a declared layout is taken as written: the header is the very next row
        if (row.number !== skip + 1 || empty) {
          throw new FileError(`第 ${skip + 1} 行应为表头（映射方案 skipRows = ${skip}），但这一行为空`, skip + 1);
        }
      } else if (empty) continue;
      header = cells;
      firstRecord = cells;
      headerRow = row.number;
      break;
    }
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw xlsxError(e);
  }
  if (!firstRecord) {
    throw new FileError(skip ? `跳过映射方案的 skipRows = ${skip} 行后，工作表没有内容了` : 'XLSX 文件的第一个工作表为空');
  }
  return {
    header,
    headerRow,
    firstRecord,
    encoding: 'xlsx',
    bytesTotal: size,
    async read(onRecord, onProgress) {
      let n = 0;
      try {
        for await (const row of firstSheetRows(path)) {
          if (row.number <= headerRow) continue;
          const cells = rowCells(row);
          if (cells.every((c) => c === '')) continue;
          onRecord(cells, row.number);
          if (++n % 5000 === 0) onProgress?.(Math.min(size, Math.round((size * n) / (n + 1000))));
        }
      } catch (e) {
        if (e instanceof FileError || (e as { rowError?: boolean }).rowError) throw e;
        if (e instanceof Error && e.name === 'RowError') throw e;
        throw xlsxError(e);
      }
      onProgress?.(size);
    },
  };
}
