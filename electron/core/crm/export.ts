// Export of the gap list as shown: every row of the filter (all pages), masked, with formula-like
// text neutralised and the filter written into the file, streamed as CSV or XLSX. A user with
// customer:reveal may ask for names and phones unmasked (a call list), with a stated purpose the
// file carries. The caller checks the permission and audits; this module only writes.
// Times are the bank's local time (Asia/Shanghai), whatever the machine's zone.
import ExcelJS from 'exceljs';
import type { GapQuery, ItemDef } from '../../../shared/crm.js';
import { csvLine, neutraliseCell } from '../../../shared/csv-safe.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import { maskCustomerName, maskPhone } from '../../../shared/masking.js';
import type { Db } from '../db/connection.js';
import { scopeText, type Scope } from '../scope/index.js';
import { getCatalog } from './catalog.js';
import { ageAt, gapDetails, gapKeys, type GapDetail } from './gaps.js';
import { MAX_GAP_LIMIT } from './gaps-query.js';

export { describeGapQuery, type FilterNames } from './export-describe.js';
import { describeGapQuery, type FilterNames } from './export-describe.js';

const FIXED_HEADERS = ['客户号', '客户名称', '手机号码', '星级', '已办项数', '月日均金融资产（元）', '所属机构', '客户经理', '网格编号', '年龄', '客户类型'];

/** 分 → "1234.50", from the integer (no floating-point formatting of money). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

type Cell = string | number | null;

function rowCells(d: GapDetail, date: string, items: ItemDef[], masked: boolean): { cells: Cell[]; avgCol: number } {
  const cells: Cell[] = [
    d.custId,
    masked ? maskCustomerName(d.name, d.custType) : d.name,
    masked ? maskPhone(d.phone) : d.phone,
    d.star,
    d.coverage,
    yuanText(d.avgAssets),
    d.orgName,
    d.managerName,
    d.gridId,
    ageAt(d.birthDate, date),
    d.custType,
  ];
  for (const it of items) cells.push((d.mask & (1 << (it.id - 1))) !== 0 ? '已办' : '未办');
  return { cells, avgCol: 5 };
}

/** Names of the org, manager and grid a filter names, for the human-readable text (the file's
 *  filter line and the audit row); null for an id that names nothing. */
export function filterNames(db: Db, q: GapQuery): FilterNames {
  const one = (sql: string, id: string | undefined) => (id === undefined ? undefined : ((db.prepare(sql).pluck().get(id) as string | undefined) ?? null));
  return {
    org: one('SELECT name FROM org WHERE org_id = ?', q.orgId),
    manager: one('SELECT name FROM staff WHERE staff_id = ?', q.managerId),
    grid: one('SELECT name FROM grid WHERE grid_id = ?', q.gridId),
  };
}

/** Every page of the filter, from the first whatever `after` says, at one resolved date. */
function* allRows(db: Db, q: GapQuery, scope: Scope, pageSize = MAX_GAP_LIMIT): Generator<{ date: string; detail: GapDetail }> {
  let query: GapQuery = { ...q, after: undefined, limit: pageSize };
  for (;;) {
    const page = gapKeys(db, query, scope);
    for (const d of gapDetails(db, page.date, page.keys)) yield { date: page.date, detail: d };
    if (page.next === null) return;
    query = { ...query, date: page.date, after: page.next };
  }
}

function write(out: NodeJS.WritableStream, s: string): Promise<void> | null {
  if (out.write(s)) return null;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

async function exportCsv(db: Db, q: GapQuery, scope: Scope, items: ItemDef[], filterText: string, out: NodeJS.WritableStream, masked: boolean, pageSize?: number): Promise<number> {
  // Excel opens a UTF-8 CSV as UTF-8 only with the BOM. The filter goes in an ordinary first row:
  // a "# …" comment line is no CSV convention Excel knows, and it would be read as data.
  let pending = write(out, '\uFEFF' + csvLine(['筛选条件', filterText]) + '\r\n' + csvLine([...FIXED_HEADERS, ...items.map((i) => i.name)]));
  if (pending) await pending;
  let n = 0;
  let buf = '';
  for (const { date, detail } of allRows(db, q, scope, pageSize)) {
    buf += csvLine(rowCells(detail, date, items, masked).cells);
    n++;
    if (buf.length > 64 * 1024) {
      pending = write(out, buf);
      buf = '';
      if (pending) await pending;
    }
  }
  if (buf) {
    pending = write(out, buf);
    if (pending) await pending;
  }
  return n;
}

const text = (v: Cell): Cell => (typeof v === 'string' ? neutraliseCell(v) : v);

async function exportXlsx(
  db: Db,
  q: GapQuery,
  scope: Scope,
  items: ItemDef[],
  filterText: string,
  out: NodeJS.WritableStream,
  meta: ExportMeta,
): Promise<number> {
  const masked = !meta.unmasked;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as import('stream').Stream, useSharedStrings: false, useStyles: true });
  const headers = [...FIXED_HEADERS, ...items.map((i) => i.name)];
  const sheet = wb.addWorksheet('营销清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h, i) => ({ header: h, key: `c${i}`, width: i === 0 ? 14 : i < FIXED_HEADERS.length ? 12 : 10 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  for (const { date, detail } of allRows(db, q, scope, meta.pageSize)) {
    const { cells, avgCol } = rowCells(detail, date, items, masked);
    // the amount as a number, so Excel can sum and sort it; everything else as shown
    const values = cells.map((v, i) => (i === avgCol ? detail.avgAssets / 100 : text(v)));
    const row = sheet.addRow(values);
    row.getCell(avgCol + 1).numFmt = '0.00';
    row.commit();
    n++;
  }
  sheet.commit();
  const about = wb.addWorksheet('筛选条件');
  about.columns = [{ width: 12 }, { width: 80 }];
  for (const r of [
    ['筛选条件', filterText],
    ['导出行数', String(n)],
    ['导出人', meta.username],
    ['导出时间', `${shanghaiDateTime(meta.now)}（北京时间）`],
    ['脱敏', masked ? '是（姓名、手机号码已脱敏）' : `否：未脱敏导出，用途：${meta.unmasked!.purpose}`],
  ]) {
    about.addRow(r.map((v) => neutraliseCell(v))).commit();
  }
  about.commit();
  await wb.commit();
  return n;
}

export interface ExportMeta {
  username: string;
  /** names and phones as stored; the purpose goes into the file (and, by the caller, the audit) */
  unmasked?: { purpose: string };
  /** the export's moment (tests pin it); now by default */
  now?: Date;
  /** rows read per page (tests use small pages to cross page boundaries) */
  pageSize?: number;
}

/** What the file says of an unmasked export, after the filter: it travels with every copy. */
export function unmaskedNote(meta: Pick<ExportMeta, 'unmasked'>): string {
  return meta.unmasked ? `；未脱敏导出，用途：${meta.unmasked.purpose}` : '';
}

/**
 * Writes every row of the filter inside the scope to `out` (CSV: UTF-8 with BOM; XLSX: sheet
 * 营销清单 and a sheet 筛选条件; both say the scope). Resolves with the number of data rows once
 * the file is complete.
 */
export async function exportGaps(
  db: Db,
  q: GapQuery,
  scope: Scope,
  format: 'xlsx' | 'csv',
  out: NodeJS.WritableStream,
  meta: ExportMeta,
): Promise<{ rows: number }> {
  const items = getCatalog(db);
  const date = gapKeys(db, { ...q, after: undefined, limit: 1 }, scope).date; // resolves and builds the holdings
  const pinned: GapQuery = { ...q, date };
  const filterText = `${describeGapQuery(pinned, items, filterNames(db, pinned))}；${scopeText(db, scope)}${unmaskedNote(meta)}`;
  const rows = format === 'csv'
      ? await exportCsv(db, pinned, scope, items, filterText, out, !meta.unmasked, meta.pageSize)
      : await exportXlsx(db, pinned, scope, items, filterText, out, meta);
  if (format === 'csv') await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
  return { rows };
}
