// The audit log as a file: the rows of the page's filter, newest first, with times in Asia/Shanghai
// and the filter written in, as CSV (UTF-8 with BOM) or XLSX. The caller audits the export.
import ExcelJS from 'exceljs';
import { AUDIT_SOURCE_LABELS, auditActionLabel, type AuditEntry, type AuditFilter } from '../../../shared/audit.js';
import { csvLine, neutraliseCell } from '../../../shared/csv-safe.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import { BadRequestError } from '../auth/errors.js';
import type { Db } from '../db/connection.js';
import { auditRows, countAudit } from './query.js';
import { wholeBankScope, type Scope } from '../scope/scope.js';

/** More rows than this is not a file anyone reads: narrow the filter (a time range) instead. */
export const AUDIT_EXPORT_MAX_ROWS = 200_000;

const HEADERS = ['编号', '时间（北京时间）', '用户', '操作', '操作代码', '对象', '来源', '客户端地址', '详情'];

function cells(e: AuditEntry): (string | number)[] {
  return [
    e.id,
    e.atLocal,
    e.username ?? '',
    auditActionLabel(e.action, 'zh'),
    e.action,
    e.target ?? '',
    e.source ? AUDIT_SOURCE_LABELS[e.source]?.zh ?? e.source : '',
    e.client ?? '',
    e.detail ?? '',
  ];
}

/** The filter in words, for the file and for the audit row of the export. */
export function describeAuditFilter(f: AuditFilter): string {
  const parts: string[] = [];
  if (f.user) parts.push(`用户 ${f.user}`);
  if (f.action) parts.push(`操作 ${auditActionLabel(f.action, 'zh')}`);
  if (f.object) parts.push(`对象以 ${f.object} 开头`);
  if (f.source) parts.push(`来源 ${AUDIT_SOURCE_LABELS[f.source].zh}`);
  if (f.from || f.to) parts.push(`时间 ${f.from ?? '最早'} 至 ${f.to ?? '最新'}（北京时间）`);
  return parts.length ? parts.join('；') : '全部';
}

function write(out: NodeJS.WritableStream, s: string): Promise<void> | null {
  return out.write(s) ? null : new Promise((resolve) => out.once('drain', () => resolve()));
}

/**
 * Writes the filter's rows to `out` and resolves with their count once the file is complete.
 * Refused (400) above AUDIT_EXPORT_MAX_ROWS rows, before anything is written.
 */
export async function exportAudit(
  db: Db,
  filter: AuditFilter,
  format: 'xlsx' | 'csv',
  out: NodeJS.WritableStream,
  meta: { username: string; scope?: Scope },
): Promise<{ rows: number }> {
  const scope = meta.scope ?? wholeBankScope();
  const f: AuditFilter = { ...filter, before: undefined, limit: undefined };
  // Pinned to the newest row now, so the rows written while the file is made are not in it and
  // the count in its header is the count of its rows.
  const newest = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null;
  const pinned: AuditFilter = { ...f, before: newest === null ? undefined : newest + 1 };
  if (countAudit(db, pinned, AUDIT_EXPORT_MAX_ROWS, scope) > AUDIT_EXPORT_MAX_ROWS) {
    throw new BadRequestError(
      `符合条件的审计记录超过 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小时间范围后再导出。 (More than ${AUDIT_EXPORT_MAX_ROWS} rows: narrow the time range.)`,
      'too_many_rows',
    );
  }
  const described = describeAuditFilter(f);
  const made = shanghaiDateTime();
  let n = 0;
  if (format === 'csv') {
    let buf = '\uFEFF' + csvLine(['筛选条件', described, '导出人', meta.username, '导出时间（北京时间）', made]) + '\r\n' + csvLine(HEADERS);
    for (const e of auditRows(db, pinned, 1000, scope)) {
      buf += csvLine(cells(e));
      n++;
      if (buf.length > 64 * 1024) {
        const pending = write(out, buf);
        buf = '';
        if (pending) await pending;
      }
    }
    const pending = write(out, buf);
    if (pending) await pending;
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
    return { rows: n };
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as import('stream').Stream, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((h, i) => ({ header: h, key: `c${i}`, width: [8, 20, 12, 14, 16, 20, 10, 16, 60][i] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const e of auditRows(db, pinned, 1000, scope)) {
    sheet.addRow(cells(e).map((v) => (typeof v === 'string' ? neutraliseCell(v) : v))).commit();
    n++;
  }
  sheet.commit();
  const info = wb.addWorksheet('筛选条件');
  info.columns = [{ width: 20 }, { width: 80 }];
  for (const r of [['筛选条件', described], ['导出行数', String(n)], ['导出人', meta.username], ['导出时间（北京时间）', made]]) {
    info.addRow(r.map((v) => neutraliseCell(v))).commit();
  }
  info.commit();
  await wb.commit();
  return { rows: n };
}
