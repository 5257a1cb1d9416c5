// A small sheet of official figures (机构号, 指标, 数值, optional 数据日期), CSV or XLSX, read by the
// importer's own sniffing and readers, checked whole before anything is stored: one bad cell and
// the sheet is refused with every problem named by file, row and column, and nothing is kept.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { join } from 'node:path';
import { isDay } from '../../../shared/dates.js';
import type { OfficialImportResult } from '../../../shared/reconcile.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import { openCsv } from '../import/readers/csv.js';
import type { RecordReader } from '../import/readers/types.js';
import { openXlsx } from '../import/readers/xlsx.js';
import { detectEncoding, detectKind, FileError, looksBinary, readHead } from '../import/sniff.js';
import { parseDate, ValueError } from '../import/values.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { coversOrg, type Scope } from '../scope/index.js';
import { newBatchId, storeFigures, type NewFigure } from './store.js';
import { indicatorOf, readValue } from './values.js';

type Col = 'org' | 'indicator' | 'value' | 'date';

/** Header spellings: the Chinese the bank's sheet uses, and the English keys. */
const HEADERS: Record<string, Col> = {
  机构号: 'org',
  机构编号: 'org',
  org_id: 'org',
  指标: 'indicator',
  指标名称: 'indicator',
  指标编号: 'indicator',
  indicator: 'indicator',
  数值: 'value',
  指标值: 'value',
  value: 'value',
  数据日期: 'date',
  data_date: 'date',
};
const LABEL: Record<Col, string> = { org: '机构号', indicator: '指标', value: '数值', date: '数据日期' };

export interface SheetIssue {
  file: string;
  row: number | null;
  column: string | null;
  reason: string;
}

/** The sheet was refused; `issues` names each problem (at most MAX_ISSUES of them). */
export class SheetError extends UserInputError {
  constructor(readonly issues: SheetIssue[]) {
    super(`对账表未导入（整张表未保存任何数字）：${issues.map(issueText).join('；')}`, 'bad_sheet');
  }
}

export function issueText(i: SheetIssue): string {
  const where = [i.file, i.row === null ? null : `第 ${i.row} 行`, i.column === null ? null : `“${i.column}”列`].filter(Boolean).join(' ');
  return `${where}：${i.reason}`;
}

const MAX_ISSUES = 20;
/** An official sheet is a few hundred figures at most; a bigger file is some other export. */
const MAX_ROWS = 5000;

async function openSheet(path: string, fileName: string): Promise<RecordReader> {
  const stat = await fs.stat(path);
  if (stat.size === 0) throw new FileError('文件为空');
  const head = await readHead(path);
  const kind = detectKind(fileName, head);
  if (kind === 'xlsx') return openXlsx(path, stat.size);
  if (kind === 'geojson') throw new FileError('对账表应为 CSV 或 XLSX，不是 GeoJSON');
  if (looksBinary(head)) throw new FileError('不是文本文件（含二进制内容），无法作为 CSV 读取');
  return openCsv(path, detectEncoding(head), stat.size);
}

/**
 * Reads and checks every row: an unknown or out-of-scope org, an unknown indicator, an unreadable
 * number or date, a figure given twice. Returns the figures only when there is no problem at all.
 */
export async function readSheet(db: Db, scope: Scope, path: string, o: { fileName: string; date: string; source?: string }): Promise<NewFigure[]> {
  const file = o.fileName;
  if (!isDay(o.date)) throw new UserInputError(`数据日期应为 YYYY-MM-DD 的有效日期：${o.date}`, 'bad_date');
  let reader: RecordReader;
  try {
    reader = await openSheet(path, file);
  } catch (e) {
    if (e instanceof FileError) throw new SheetError([{ file, row: e.row, column: null, reason: e.message }]);
    throw e;
  }
  const cols = new Map<Col, number>();
  reader.header.forEach((h, i) => {
    const c = HEADERS[h.trim()] ?? HEADERS[h.trim().toLowerCase()];
    if (c && !cols.has(c)) cols.set(c, i);
  });
  const missing = (['org', 'indicator', 'value'] as const).filter((c) => !cols.has(c));
  if (missing.length) {
    throw new SheetError([
      { file, row: reader.headerRow || null, column: null, reason: `表头缺少 ${missing.map((c) => LABEL[c]).join('、')} 列（应有 机构号、指标、数值，可选 数据日期）` },
    ]);
  }
  const tree = loadOrgTree(db);
  const issues: SheetIssue[] = [];
  const figures: NewFigure[] = [];
  const seen = new Map<string, number>();
  const source = o.source?.trim() || file;
  let rows = 0;
  await reader.read((cells, rowNo) => {
    if (++rows > MAX_ROWS) {
      if (rows === MAX_ROWS + 1) issues.push({ file, row: rowNo, column: null, reason: `对账表超过 ${MAX_ROWS} 行，不像是对账表` });
      return;
    }
    const cell = (c: Col) => (cols.has(c) ? (cells[cols.get(c)!] ?? '').trim() : '');
    const bad = (c: Col, reason: string) => issues.push({ file, row: rowNo, column: LABEL[c], reason });
    const before = issues.length;
    const org = cell('org');
    if (org === '') bad('org', '机构号为空');
    // an org outside the scope reads as unknown: the sheet does not learn what exists elsewhere
    else if (!tree.byId.has(org) || !coversOrg(scope, org)) bad('org', `机构号“${org}”不存在或不在您的数据范围内`);
    const ind = indicatorOf(cell('indicator'));
    if (ind instanceof ValueError) bad('indicator', cell('indicator') === '' ? '指标为空' : ind.reason);
    let date = o.date;
    if (cell('date') !== '') {
      const d = parseDate(cell('date'));
      if (d instanceof ValueError) bad('date', `${d.reason}：${cell('date')}`);
      else date = d;
    }
    const value = ind instanceof ValueError ? null : readValue(cell('value'), ind.unit);
    if (value instanceof ValueError) bad('value', `“${cell('value')}”${value.reason}`);
    if (issues.length > before || ind instanceof ValueError || value === null || value instanceof ValueError) return;
    const key = `${date}\u0000${org}\u0000${ind.key}`;
    const first = seen.get(key);
    if (first !== undefined) return void bad('indicator', `与第 ${first} 行重复（同一日期、机构、指标只能有一个数）`);
    seen.set(key, rowNo);
    figures.push({ date, orgId: org, key: ind.key, value, source });
  });
  if (issues.length) throw new SheetError(issues.slice(0, MAX_ISSUES));
  if (!figures.length) throw new SheetError([{ file, row: null, column: null, reason: '表中没有数据行' }]);
  return figures;
}

/** Reads, checks and stores a sheet as one batch, audited; nothing is stored when any row is bad. */
export async function importSheet(
  db: Db,
  scope: Scope,
  path: string,
  o: { fileName: string; date: string; source?: string; username: string },
): Promise<OfficialImportResult> {
  const figures = await readSheet(db, scope, path, o);
  const batch = newBatchId();
  await storeFigures(db, figures, { username: o.username, action: 'reconcile_import', target: `official_file:${o.fileName}`, batch });
  return { file: o.fileName, stored: figures.length, batch };
}

/** The same for a sheet received as bytes (the API): written to a temporary file for the readers, removed after. */
export async function importSheetBytes(
  db: Db,
  scope: Scope,
  bytes: Buffer,
  o: { dataDir: string; fileName: string; date: string; source?: string; username: string },
): Promise<OfficialImportResult> {
  if (bytes.length === 0) throw new SheetError([{ file: o.fileName, row: null, column: null, reason: '文件为空' }]);
  const dir = join(o.dataDir, 'tmp');
  await fs.mkdir(dir, { recursive: true });
  const file = join(dir, `reconcile-${randomUUID()}`);
  await fs.writeFile(file, bytes, { mode: 0o600 });
  try {
    return await importSheet(db, scope, file, o);
  } finally {
    await fs.rm(file, { force: true });
  }
}
