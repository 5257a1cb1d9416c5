// The alert list as a file (预警列表 导出): exactly the alerts of the list's filter and scope, in the
// list's order, as CSV (UTF-8 with BOM) or XLSX, text neutralised against formulas
// (shared/csv-safe.ts), the filter and the scope written in: the drill and gap lists' conventions.
// Summaries and evidence are stored masked by the rules, so nothing here needs unmasking rules of
// its own. The caller checks the permission and audits; this module only writes.
import ExcelJS from 'exceljs';
import { csvLine, neutraliseCell } from '../../../shared/csv-safe.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import { FAMILY_LABELS, STATUS_LABELS, type Alert } from '../../../shared/monitoring.js';
import type { Db } from '../db/connection.js';
import type { Scope } from '../scope/index.js';
import { listAlerts, type AlertFilter } from './alerts.js';
import { ruleDef } from './rules/index.js';

const PAGE = 2000;

const COLUMNS: { zh: string; width: number; cell: (a: Alert) => string | number | null }[] = [
  { zh: '预警编号', width: 10, cell: (a) => a.id },
  { zh: '业务类别', width: 10, cell: (a) => FAMILY_LABELS[a.family].zh },
  { zh: '规则', width: 22, cell: (a) => ruleDef(a.rule)?.zh ?? a.rule },
  { zh: '规则编号', width: 24, cell: (a) => a.rule },
  { zh: '规则版本', width: 8, cell: (a) => a.ruleVersion },
  { zh: '对象类型', width: 10, cell: (a) => a.subject.type },
  { zh: '对象', width: 20, cell: (a) => a.subject.id },
  { zh: '期间', width: 9, cell: (a) => a.period },
  { zh: '分值', width: 7, cell: (a) => Math.round(a.score) },
  { zh: '状态', width: 8, cell: (a) => STATUS_LABELS[a.status].zh },
  { zh: '机构号', width: 10, cell: (a) => a.org_id },
  { zh: '机构', width: 14, cell: (a) => a.orgName },
  { zh: '员工号', width: 10, cell: (a) => a.staff_id },
  { zh: '员工', width: 10, cell: (a) => a.staffName },
  { zh: '摘要', width: 60, cell: (a) => a.summary },
  { zh: '理由', width: 30, cell: (a) => a.reason },
  { zh: '处理人', width: 10, cell: (a) => a.decidedBy },
  { zh: '处理时间', width: 20, cell: (a) => (a.decidedAt ? shanghaiDateTime(new Date(a.decidedAt)) : null) },
  { zh: '证据已变化', width: 10, cell: (a) => (a.evidenceChanged ? '是' : '') },
];

/** The filter in words for the file and the audit: 「业务类别：存款；状态：待核实；期间：2024-07 至 2024-07」. */
export function describeAlertFilter(f: AlertFilter): string {
  const parts: string[] = [];
  if (f.family) parts.push(`业务类别：${FAMILY_LABELS[f.family].zh}`);
  if (f.rule) parts.push(`规则：${ruleDef(f.rule)?.zh ?? f.rule}`);
  if (f.status) parts.push(`状态：${STATUS_LABELS[f.status].zh}`);
  if (f.staff) parts.push(`员工：${f.staff}`);
  if (f.periodFrom || f.periodTo) parts.push(`期间：${f.periodFrom ?? '…'} 至 ${f.periodTo ?? '…'}`);
  return parts.length ? parts.join('；') : '全部预警';
}

function* allAlerts(db: Db, scope: Scope, f: AlertFilter): Generator<Alert> {
  for (let offset = 0; ; offset += PAGE) {
    const page = listAlerts(db, scope, f, { limit: PAGE, offset });
    yield* page.alerts;
    if (page.alerts.length < PAGE) return;
  }
}

export interface AlertExportMeta {
  username: string;
  scopeText: string;
  now?: Date;
}

/** Writes the file to a buffer and says how many alerts it holds and the filter text. */
export async function exportAlerts(db: Db, scope: Scope, f: AlertFilter, format: 'csv' | 'xlsx', meta: AlertExportMeta): Promise<{ bytes: Buffer; rows: number; filter: string }> {
  const filter = `${describeAlertFilter(f)}；${meta.scopeText}`;
  let n = 0;
  if (format === 'csv') {
    let text = '\uFEFF' + csvLine(['筛选条件', filter]) + csvLine(COLUMNS.map((c) => c.zh));
    for (const a of allAlerts(db, scope, f)) {
      text += csvLine(COLUMNS.map((c) => c.cell(a)));
      n++;
    }
    return { bytes: Buffer.from(text, 'utf8'), rows: n, filter };
  }
  const chunks: Buffer[] = [];
  const { Writable } = await import('node:stream');
  const out = new Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet('预警', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c, i) => ({ header: c.zh, key: `c${i}`, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const a of allAlerts(db, scope, f)) {
    sheet.addRow(COLUMNS.map((c) => {
      const v = c.cell(a);
      return typeof v === 'string' ? neutraliseCell(v) : v;
    })).commit();
    n++;
  }
  sheet.commit();
  const about = wb.addWorksheet('筛选条件');
  about.columns = [{ width: 12 }, { width: 80 }];
  for (const r of [
    ['筛选条件', filter],
    ['导出行数', String(n)],
    ['导出人', meta.username],
    ['导出时间', `${shanghaiDateTime(meta.now)}（北京时间）`],
    ['脱敏', '是（证据与摘要中的个人信息已脱敏）'],
  ]) about.addRow(r.map((v) => neutraliseCell(v))).commit();
  about.commit();
  await wb.commit();
  return { bytes: Buffer.concat(chunks), rows: n, filter };
}
