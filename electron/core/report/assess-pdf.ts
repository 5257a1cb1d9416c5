// The assessment documents as A4 PDFs: one sheet, the period's book (a summary, then one object
// per page, each with its signature lines) and a ranking (table with 对标找差 and the distribution
// drawn by ECharts SSR). Figures print through documents/format.ts: money in 万元 from integer 分,
// ratios and completions as %, scores with two decimals.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { AssessResult, RankingRow, Sheet, TargetIndicatorId } from '../../../shared/assessment.js';
import type { ChartSpec } from '../../../shared/dashboard.js';
import { CHART_WIDTH, chartSvg } from '../documents/chart-svg.js';
import { findCjkFont, type CjkFont } from '../documents/font.js';
import { printValue, unitLabel } from '../documents/format.js';
import type { Lang } from '../documents/labels.js';
import { renderPdf } from '../documents/pdf-engine.js';
import { assessWords, indicatorLabel, indicatorUnit } from './assess-words.js';
import { COMPACT, CONTENT_WIDTH, heading, MUTED, num, reportPdf, signatureLines, th, type ReportHead, type ReportMeta } from './layout.js';

const pts = (v: number) => printValue(v, 'avg');
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

function summaryTable(r: AssessResult, lang: Lang): Content {
  const w = assessWords(lang);
  const body: TableCell[][] = [[th(w.object), th(w.id), th(w.scheme, true), th(w.full, true), th(w.total, true), th(w.rank, true)]];
  for (const s of r.sheets) body.push([`${s.object.name} · ${w.type[s.object.type]}`, s.object.id, num(`v${s.scheme_version}`), num(String(s.full)), num(pts(s.total)), num(String(s.rank))]);
  return { table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'], body }, layout: COMPACT, fontSize: 8.5 };
}

/** A sheet (one object) or the book (a summary page, then one object per page). */
export function assessPdfDefinition(r: AssessResult, head: ReportHead, meta: ReportMeta) {
  const content: Content[] = [];
  if (r.sheets.length > 1) {
    content.push(heading(assessWords(meta.lang).summarySheet, 0), summaryTable(r, meta.lang));
    r.sheets.forEach((s) => content.push(sheetContent(s, meta.lang, false)));
  } else if (r.sheets.length === 1) content.push(sheetContent(r.sheets[0], meta.lang, true));
  return reportPdf(head, meta, content);
}

export async function assessPdf(r: AssessResult, head: ReportHead, meta: ReportMeta, font: CjkFont = findCjkFont()): Promise<Buffer> {
  return renderPdf(assessPdfDefinition(r, head, meta), font);
}

/** The ranking's distribution: one bar per object, best first, the average as a dashed line. */
export function rankingChart(rows: RankingRow[], indicator: TargetIndicatorId | 'total', lang: Lang): ChartSpec {
  const u = indicatorUnit(indicator);
  const values = rows.map((r) => r.value).filter((v): v is number => v !== null);
  const avg = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  const w = assessWords(lang);
  return {
    id: 'ranking',
    title: `${indicatorLabel(indicator, lang)} · ${w.distribution}`,
    kind: 'hbar',
    unit: u,
    categories: rows.map((r) => r.object.name),
    series: [{ name: indicatorLabel(indicator, lang), data: rows.map((r) => r.value) }],
    ...(avg !== null ? { threshold: { value: avg, label: lang === 'zh' ? '平均' : 'Average' } } : {}),
  };
}

/** Rank change against the previous period: +2 = up two places; — when there was no previous rank. */
export function rankChange(r: RankingRow): number | null {
  return r.prev_rank === null ? null : r.prev_rank - r.rank;
}

export function rankingPdfDefinition(rows: RankingRow[], indicator: TargetIndicatorId | 'total', head: ReportHead, meta: ReportMeta) {
  const w = assessWords(meta.lang);
  const u = indicatorUnit(indicator);
  const body: TableCell[][] = [[th(w.rank, true), th(w.object), th(w.value, true), th(w.gapBest, true), th(w.gapAvg, true), th(w.prevRank, true), th(w.rankChange, true)]];
  for (const r of rows) {
    const ch = rankChange(r);
    body.push([
      num(String(r.rank)),
      { text: r.object.name, noWrap: true },
      num(printValue(r.value, u)),
      num(printValue(r.gap_to_best, u)),
      num(printValue(r.gap_to_avg, u)),
      num(r.prev_rank === null ? '—' : String(r.prev_rank)),
      num(ch === null ? '—' : ch > 0 ? `↑${ch}` : ch < 0 ? `↓${-ch}` : '0'),
    ]);
  }
  const unitNote = u === 'yuan' || u === 'ratio' ? (meta.lang === 'zh' ? `（单位：${unitLabel(u, meta.lang)}）` : ` (unit: ${unitLabel(u, meta.lang)})`) : '';
  const content: Content[] = [
    heading(`${indicatorLabel(indicator, meta.lang)}${unitNote}`, 0),
    { table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto'], body }, layout: COMPACT, fontSize: 8.5 },
  ];
  const drawn = rows.length ? chartSvg(rankingChart(rows, indicator, meta.lang), meta.lang) : null;
  if (drawn) content.push({ stack: [heading(`${indicatorLabel(indicator, meta.lang)} · ${w.distribution}`), { svg: drawn.svg, width: Math.min(CONTENT_WIDTH, CHART_WIDTH) }], unbreakable: true });
  content.push(signatureLines(meta.lang));
  return reportPdf(head, meta, content);
}

export async function rankingPdf(rows: RankingRow[], indicator: TargetIndicatorId | 'total', head: ReportHead, meta: ReportMeta, font: CjkFont = findCjkFont()): Promise<Buffer> {
  return renderPdf(rankingPdfDefinition(rows, indicator, head, meta), font);
}
