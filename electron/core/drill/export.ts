// A drill-down list as a file: exactly the rows of the list (every page, in the list's order),
// masked, with formula-like text neutralised and the filter written in, as CSV (UTF-8 with BOM)
// or XLSX: the gap list's export conventions (crm/export.ts). The caller checks the permission
// and audits; this module only writes.
import ExcelJS from 'exceljs';
import { csvLine, neutraliseCell } from '../../../shared/csv-safe.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import type { DrillCell, DrillPage } from '../../../shared/drill.js';
import type { Db } from '../db/connection.js';
import { yuanText } from '../crm/export.js';
import type { Target } from '../indicators/index.js';
import type { Scope } from '../scope/index.js';
import { drillList, drillSource, hiddenFrom, namesOf, pageOf, type DrillQuery } from './index.js';
import { LISTS, visibleCells } from './lists.js';

const EXPORT_PAGE = 2000;

export interface DrillExportMeta {
  username: string;
  /** what the caller's data scope is, in words (scope/describe.ts scopeText) */
  scopeText: string;
  now?: Date;
  /** rows read per page (tests use small pages to cross page boundaries) */
  pageSize?: number;
  /** the caller's data scope (rows of customers outside it are written without who they are) */
  viewer?: Scope;
}

/** The list in words, for the file and the audit: 「各项存款余额；存款种类：活期；数据日期：2024-07-31；对象：鲤城支行（QZ100）」. */
export function describeDrill(head: Pick<DrillPage, 'total' | 'cat' | 'date' | 'snapshot' | 'target'>): string {
  const parts = [head.total.zh];
  if (head.cat !== null) parts.push(`分类：${head.cat}`);
  parts.push(`数据日期：${head.date}`);
  if (head.snapshot !== null && head.snapshot !== head.date) parts.push(`快照日期：${head.snapshot}`);
  const t = head.target;
  parts.push(`对象：${t.type === 'bank' ? t.name : `${t.name}（${t.id}）`}${t.type === 'org' ? '及下属机构' : t.type === 'staff' ? '（员工）' : ''}`);
  return parts.join('；');
}

/** Every row's cells, page after page, in the list's order, masked. */
function* allCells(db: Db, target: Target, list: string, q: DrillQuery, pageSize: number, viewer?: Scope): Generator<DrillCell[]> {
  const { def, src } = drillSource(db, target, list, q);
  const l = LISTS[def.list];
  const names = namesOf(db);
  let after: string | null = null;
  for (;;) {
    const page = pageOf(db, def.list, src, after, pageSize);
    for (const r of page.rows) yield visibleCells(l, l.cells(r, names, true), hiddenFrom(viewer, r));
    if (page.next === null) return;
    after = page.next;
  }
}

function write(out: NodeJS.WritableStream, s: string): Promise<void> | null {
  if (out.write(s)) return null;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

/** CSV text of a cell: 分 as 元 written from the integer, never through floating point. */
const csvCell = (v: DrillCell, kind: string): string | number | null => (kind === 'fen' && typeof v === 'number' ? yuanText(v) : v);

/**
 * Writes the whole list to `out` and resolves with its row count, the filter text and the total,
 * once the file is complete (CSV ends the stream; XLSX commits the workbook).
 */
export async function exportDrill(
  db: Db,
  target: Target,
  list: string,
  q: DrillQuery,
  format: 'csv' | 'xlsx',
  out: NodeJS.WritableStream,
  meta: DrillExportMeta,
): Promise<{ rows: number; filter: string; head: DrillPage }> {
  const head = drillList(db, target, list, q, { limit: 1, viewer: meta.viewer }); // checks the query; the total and the count
  const filter = `${describeDrill(head)}；${meta.scopeText}`;
  const cols = head.columns;
  const pageSize = meta.pageSize ?? EXPORT_PAGE;
  const totalText = head.total.value === null ? '—' : head.total.unit === 'yuan' ? `${head.total.value.toFixed(2)} 元` : String(head.total.value);
  let n = 0;
  if (format === 'csv') {
    let pending = write(out, '\uFEFF' + csvLine(['筛选条件', filter]) + csvLine(['合计', `${head.total.zh}：${totalText}`]) + csvLine(cols.map((c) => c.zh)));
    if (pending) await pending;
    let buf = '';
    for (const cells of allCells(db, target, list, q, pageSize, meta.viewer)) {
      buf += csvLine(cells.map((v, i) => csvCell(v, cols[i].kind)));
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
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
    return { rows: n, filter, head };
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as import('stream').Stream, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = cols.map((c, i) => ({ header: c.zh, key: `c${i}`, width: c.kind === 'text' ? 16 : 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const cells of allCells(db, target, list, q, pageSize, meta.viewer)) {
    // amounts as numbers (元), so Excel can sum and sort them; text neutralised against formulas
    const row = sheet.addRow(cells.map((v, i) => (cols[i].kind === 'fen' && typeof v === 'number' ? v / 100 : typeof v === 'string' ? neutraliseCell(v) : v)));
    cols.forEach((c, i) => {
      if (c.kind === 'fen') row.getCell(i + 1).numFmt = '#,##0.00';
    });
    row.commit();
    n++;
  }
  sheet.commit();
  const about = wb.addWorksheet('筛选条件');
  about.columns = [{ width: 12 }, { width: 80 }];
  for (const r of [
    ['筛选条件', filter],
    ['合计', `${head.total.zh}：${totalText}`],
    ['导出行数', String(n)],
    ['导出人', meta.username],
    ['导出时间', `${shanghaiDateTime(meta.now)}（北京时间）`],
    ['脱敏', '是（客户姓名已脱敏，卡号仅显示前六后四位）'],
  ]) {
    about.addRow(r.map((v) => neutraliseCell(v))).commit();
  }
  about.commit();
  await wb.commit();
  return { rows: n, filter, head };
}
