// A dashboard as a workbook: a cover (title block), the KPIs, then one sheet per chart with its
// numbers. Figures are numbers Excel can sum and sort: money in 元 under a 元 format, ratios
// unrounded under a % format. Every text cell is neutralised against formula injection (an org or
// staff name starting with '=' stays text), as the other exports do.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ChartSpec, DashboardSpec, Kpi } from '../../../shared/dashboard.js';
import { neutraliseCell } from '../../../shared/csv-safe.js';
import { baseUnit, unitLabel, xlsxNumFmt, type BaseUnit } from './format.js';
import { wordsOf } from './labels.js';
import { titleBlock, type DocMeta } from './meta.js';
import { chartTable } from './tables.js';

type Sheet = ExcelJS.Worksheet;
export type Value = string | number | null;

const txt = (s: string) => neutraliseCell(s);

/** Width in Excel's character units: a Chinese character takes about two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

export function widths(rows: Value[][], min = 8, max = 48): number[] {
  const n = Math.max(0, ...rows.map((r) => r.length));
  return Array.from({ length: n }, (_, i) => {
    const longest = Math.max(0, ...rows.map((r) => (r[i] === null || r[i] === undefined ? 0 : textWidth(typeof r[i] === 'number' ? (r[i] as number).toFixed(2) : String(r[i])))));
    return Math.min(max, Math.max(min, longest + 2));
  });
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, not blank, unique (case-insensitively). */
export function sheetName(title: string, taken: Set<string>): string {
  const base = (title.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = `(${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

export function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, frozenRows: number): Sheet {
  return wb.addWorksheet(name, { views: frozenRows ? [{ state: 'frozen', ySplit: frozenRows }] : [] });
}

/** One committed row; `units[i]` (when given) formats column i as a figure. */
export function putRow(sheet: Sheet, values: Value[], units: (BaseUnit | null)[] = [], bold = false): void {
  const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? txt(v) : v)));
  units.forEach((u, i) => {
    if (u && typeof values[i] === 'number') row.getCell(i + 1).numFmt = xlsxNumFmt(u);
  });
  if (bold) row.font = { bold: true };
  row.commit();
}

function coverSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: DashboardSpec, meta: DocMeta, taken: Set<string>): void {
  const w = wordsOf(meta.lang);
  const sheet = addSheet(wb, sheetName(w.cover, taken), 0);
  const rows: Value[][] = titleBlock(spec, meta);
  if (spec.empty) rows.push([w.noData, spec.empty]);
  rows.push(['', w.sheetNote]);
  sheet.columns = [{ width: 14 }, { width: 60 }];
  for (const r of rows) putRow(sheet, r);
  sheet.commit();
}

function kpiRow(k: Kpi, lang: DocMeta['lang']): { values: Value[]; units: (BaseUnit | null)[] } {
  const u = baseUnit(k.unit);
  const unitText = u === 'yuan' ? (lang === 'zh' ? '元' : 'yuan') : unitLabel(u, lang);
  return {
    values: [k.label, unitText, k.value, k.base, k.change, k.target?.period ?? null, k.target?.value ?? null, k.target?.completion ?? null],
    units: [null, null, u, u, u, null, u, 'ratio'],
  };
}

function kpiSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: DashboardSpec, meta: DocMeta, taken: Set<string>): void {
  const w = wordsOf(meta.lang);
  const sheet = addSheet(wb, sheetName(w.kpis, taken), 1);
  const head = [w.indicator, w.unit, w.value, w.baseValue, w.change, `${w.target}${meta.lang === 'zh' ? '期间' : ' period'}`, w.target, w.completion];
  const body = spec.kpis.map((k) => kpiRow(k, meta.lang));
  sheet.columns = widths([head, ...body.map((b) => b.values)]).map((width) => ({ width }));
  putRow(sheet, head, [], true);
  for (const b of body) putRow(sheet, b.values, b.units);
  sheet.commit();
}

function chartSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, chart: ChartSpec, meta: DocMeta, taken: Set<string>): void {
  const w = wordsOf(meta.lang);
  const sheet = addSheet(wb, sheetName(chart.title, taken), 1);
  if (chart.empty !== undefined) {
    sheet.columns = [{ width: 60 }];
    putRow(sheet, [chart.title], [], true);
    putRow(sheet, [chart.empty]);
    sheet.commit();
    return;
  }
  const t = chartTable(chart, chart.kind === 'matrix' ? '' : w.category);
  const head = t.columns.map((c, i) => (i === 0 ? c : `${c}${t.units[i - 1] === 'yuan' ? (meta.lang === 'zh' ? '（元）' : ' (yuan)') : ''}`));
  const body = t.rows.map((r) => [r.label, ...r.values] as Value[]);
  sheet.columns = widths([head, ...body]).map((width) => ({ width }));
  putRow(sheet, head, [], true);
  for (const r of body) putRow(sheet, r, [null, ...t.units]);
  if (chart.threshold) {
    putRow(sheet, []);
    putRow(sheet, [chart.threshold.label, chart.threshold.value], [null, baseUnit(chart.unit)]);
  }
  sheet.commit();
}

/** The whole workbook as bytes (a dashboard is a few hundred rows at most). */
export async function dashboardXlsx(spec: DashboardSpec, meta: DocMeta): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = meta.user;
  wb.created = meta.at;
  const taken = new Set<string>();
  coverSheet(wb, spec, meta, taken);
  kpiSheet(wb, spec, meta, taken);
  for (const chart of spec.charts) chartSheet(wb, chart, meta, taken);
  await wb.commit();
  return Buffer.concat(chunks);
}
