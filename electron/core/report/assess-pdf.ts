// The assessment documents as A4 PDFs: one sheet, the pieces of the period's book (a summary, then
// one object per page, each with its signature lines; put together by book-pdf.ts) and a ranking (table with 对标找差 and the distribution
// drawn by ECharts SSR). Figures print through documents/format.ts: money in 万元 from integer 分,
// ratios and completions as %, scores with two decimals.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { AssessResult, Sheet } from '../../../shared/assessment.js';
import { findCjkFont, type CjkFont } from '../documents/font.js';
import { printValue, unitLabel } from '../documents/format.js';
import type { Lang } from '../documents/labels.js';
import { renderPdf } from '../documents/pdf-engine.js';
import { assessWords, indicatorLabel, indicatorUnit } from './assess-words.js';
import { COMPACT, heading, MUTED, num, reportPdf, signatureLines, th, type ReportHead, type ReportMeta } from './layout.js';

export const pts = (v: number) => printValue(v, 'avg');
const signed = (v: number) => (v > 0 ? `+${pts(v)}` : pts(v));

/** The object line: 城东支行（B1）· 机构. */
export function objectLine(s: Sheet, lang: Lang): string {
  const w = assessWords(lang);
  return lang === 'zh' ? `${s.object.name}（${s.object.id}）· ${w.type[s.object.type]}` : `${s.object.name} (${s.object.id}) · ${w.type[s.object.type]}`;
}

function rowsTable(s: Sheet, lang: Lang): Content {
  const w = assessWords(lang);
  const body: TableCell[][] = [[th(w.indicator), th(w.target, true), th(w.actual, true), th(''), th(w.completion, true), th(w.weight, true), th(w.score, true)]];
  for (const r of s.rows) {
    const u = indicatorUnit(r.indicator);
    body.push([
      indicatorLabel(r.indicator, lang),
      r.target === null ? { text: w.noTarget, alignment: 'right', color: '#b26a00' } : num(printValue(r.target, u)),
      num(printValue(r.actual, u)),
      { text: u === 'ratio' ? '' : unitLabel(u, lang), color: MUTED },
      num(r.target === null ? '—' : printValue(r.completion, 'ratio')),
      num(String(r.weight)),
      num(r.target === null ? '—' : pts(r.score)),
    ]);
  }
  const subtotal = s.rows.reduce((sum, r) => sum + r.score, 0);
  body.push([{ text: w.subtotal, bold: true }, '', '', '', '', num(String(s.full), { bold: true }), num(pts(subtotal), { bold: true })]);
  return { table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'], body }, layout: COMPACT, fontSize: 9 };
}

function totalsLine(s: Sheet, lang: Lang): Content {
  const w = assessWords(lang);
  const sep = lang === 'zh' ? '：' : ': ';
  const parts = [`${w.deductions}${sep}${s.deductions ? `-${pts(s.deductions)}` : pts(0)}`, `${w.adjustments}${sep}${signed(s.adjustments)}`, `${w.total}${sep}${pts(s.total)} / ${w.full} ${s.full}`, `${w.rank}${sep}${s.rank}`];
  return { text: parts.join('    '), bold: true, fontSize: 10, margin: [0, 6, 0, 0] };
}

function itemsTables(s: Sheet, lang: Lang): Content[] {
  const w = assessWords(lang);
  const out: Content[] = [];
  if (s.deduction_items.length) {
    const body: TableCell[][] = [[th(w.alert), th(w.rule), th(w.summary), th(w.points, true)]];
    for (const d of s.deduction_items) body.push([String(d.alert_id), d.rule, d.summary, num(pts(d.points))]);
    out.push(heading(w.deductionItems, 8), { table: { headerRows: 1, widths: ['auto', 'auto', '*', 'auto'], body }, layout: COMPACT, fontSize: 8 });
  }
  if (s.adjustment_items.length) {
    const body: TableCell[][] = [[th(w.points, true), th(w.reason), th(w.by), th(w.at)]];
    for (const a of s.adjustment_items) body.push([num(signed(a.points)), a.reason, a.by, a.at.replace('T', ' ').slice(0, 19)]);
    out.push(heading(w.adjustmentItems, 8), { table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto'], body }, layout: COMPACT, fontSize: 8 });
  }
  return out;
}

/** One object's sheet: heading, rows, totals, deductions and adjustments, signature lines. */
export function sheetContent(s: Sheet, lang: Lang, first: boolean): Content {
  const w = assessWords(lang);
  const sep = lang === 'zh' ? '：' : ': ';
  return {
    stack: [
      { text: objectLine(s, lang), fontSize: 12, bold: true, margin: [0, 0, 0, 2] },
      { text: `${w.scheme}${sep}v${s.scheme_version}`, fontSize: 8, color: MUTED, margin: [0, 0, 0, 6] },
      rowsTable(s, lang),
      totalsLine(s, lang),
      ...itemsTables(s, lang),
      signatureLines(lang),
    ],
    ...(first ? {} : { pageBreak: 'before' as const }),
  };
}

/** The book's first pages: one row per object with its total and rank. */
export function summaryTable(sheets: Sheet[], lang: Lang): Content {
  const w = assessWords(lang);
  const body: TableCell[][] = [[th(w.object), th(w.id), th(w.scheme, true), th(w.full, true), th(w.total, true), th(w.rank, true)]];
  for (const s of sheets) body.push([`${s.object.name} · ${w.type[s.object.type]}`, s.object.id, num(`v${s.scheme_version}`), num(String(s.full)), num(pts(s.total)), num(String(s.rank))]);
  return { table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'], body }, layout: COMPACT, fontSize: 8.5 };
}

/** One object's sheet as a document (the book, more than one, is book-pdf.ts's). */
export async function sheetPdf(r: AssessResult, head: ReportHead, meta: ReportMeta, font: CjkFont = findCjkFont()): Promise<Buffer> {
  return renderPdf(reportPdf(head, meta, r.sheets.length ? [sheetContent(r.sheets[0], meta.lang, true)] : []), font);
}
