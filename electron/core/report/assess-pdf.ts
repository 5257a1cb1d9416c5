// The assessment documents as A4 PDFs: one sheet, the period's book (a summary, then one object
// per page, each with its signature lines) and a ranking (table with 对标找差 and the distribution
// drawn by ECharts SSR). The book is laid out and written in parts of sheets (writeBookPdf) so its
// memory does not grow with the number of sheets. Figures print through documents/format.ts: money
// in 万元 from integer 分, ratios and completions as %, scores with two decimals.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Content, ContextPageSize, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { AssessResult, RankingRow, Sheet, TargetIndicatorId } from '../../../shared/assessment.js';
import type { ChartSpec } from '../../../shared/dashboard.js';
import { CHART_WIDTH, chartSvg } from '../documents/chart-svg.js';
import { findCjkFont, type CjkFont } from '../documents/font.js';
import { printValue, unitLabel } from '../documents/format.js';
import type { Lang } from '../documents/labels.js';
import { renderPdf } from '../documents/pdf-engine.js';
import { assessWords, indicatorLabel, indicatorUnit } from './assess-words.js';
import { joinPdfs, type Sink } from './pdf-join.js';
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

function summaryTable(sheets: Sheet[], lang: Lang): Content {
  const w = assessWords(lang);
  const body: TableCell[][] = [[th(w.object), th(w.id), th(w.scheme, true), th(w.full, true), th(w.total, true), th(w.rank, true)]];
  for (const s of sheets) body.push([`${s.object.name} · ${w.type[s.object.type]}`, s.object.id, num(`v${s.scheme_version}`), num(String(s.full)), num(pts(s.total)), num(String(s.rank))]);
  return { table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'], body }, layout: COMPACT, fontSize: 8.5 };
}

/** A sheet (one object) or the book (a summary page, then one object per page) as ONE definition:
 *  what a single sheet prints; the book prints in parts (bookPdf) and this is kept for its tests. */
export function assessPdfDefinition(r: AssessResult, head: ReportHead, meta: ReportMeta) {
  const content: Content[] = [];
  if (r.sheets.length > 1) {
    content.push(heading(assessWords(meta.lang).summarySheet, 0), summaryTable(r.sheets, meta.lang));
    r.sheets.forEach((s) => content.push(sheetContent(s, meta.lang, false)));
  } else if (r.sheets.length === 1) content.push(sheetContent(r.sheets[0], meta.lang, true));
  return reportPdf(head, meta, content);
}

export interface BookPdfOptions {
  /** objects per part: one pdfmake layout holds this many sheets' pages at a time */
  sheetsPerPart?: number;
  /** summary rows per part (a part ends its page; the header row repeats on each page anyway) */
  summaryRowsPerPart?: number;
}

// 60 sheets ≈ 60 pages: a part's layout is ~12 MiB (pdfmake ≈ 0.2 MiB a sheet); each part embeds its
// own font subset (~60 KiB more in the file). 1,000 summary rows ≈ 25 pages of one-line rows.
const SHEETS_PER_PART = 60;
const SUMMARY_ROWS_PER_PART = 1000;

type Range = [from: number, to: number];
type Part = { summary?: Range; sheets?: Range };

/** The summary's rows in parts, the last of them also taking the first objects, then the objects. */
function bookParts(n: number, o: BookPdfOptions): Part[] {
  const rows = o.summaryRowsPerPart ?? SUMMARY_ROWS_PER_PART;
  const per = o.sheetsPerPart ?? SHEETS_PER_PART;
  const parts: Part[] = [];
  for (let i = 0; i < n; i += rows) parts.push({ summary: [i, Math.min(n, i + rows)] });
  for (let i = 0; i < n; i += per) {
    const sheets: Range = [i, Math.min(n, i + per)];
    if (i === 0) parts[parts.length - 1].sheets = sheets;
    else parts.push({ sheets });
  }
  return parts;
}

function partContent(r: AssessResult, p: Part, lang: Lang): Content[] {
  const out: Content[] = [];
  if (p.summary) {
    if (p.summary[0] === 0) out.push(heading(assessWords(lang).summarySheet, 0));
    out.push(summaryTable(r.sheets.slice(...p.summary), lang));
  }
  if (p.sheets) r.sheets.slice(...p.sheets).forEach((s, i) => out.push(sheetContent(s, lang, !p.summary && i === 0)));
  return out;
}

/** A part's page count from its layout alone: pdfmake lays out every page (and asks for the footers
 *  with the count) before it cuts the pages to `maxPagesNumber` and draws; zero pages are drawn. */
async function countPages(def: TDocumentDefinitions, font: CjkFont): Promise<number> {
  let counted: number | null = null;
  // maxPagesNumber is read by pdfmake's Printer but missing from its type definitions
  const counting: TDocumentDefinitions & { maxPagesNumber: number } = { ...def, maxPagesNumber: 0, footer: (_p: number, pages: number) => ((counted = pages), '') };
  await renderPdf(counting, font);
  if (counted === null) throw new Error('assessment book PDF: the counting pass asked for no footer (pdfmake no longer numbers pages this way)');
  return counted;
}

let fullGc: (() => void) | null = null;
let settled = 0;

/**
 * V8 paces its full collections by how the heap grew, not by what is live: between two parts only
 * ~50 MiB is live, but the parts' dead layouts piled up to 450 MiB RSS (whole book) and 560 (4×)
 * before V8 collected. A full collection once the heap has grown by ~one part's garbage (64 MiB)
 * over what was live after the last one keeps the peak flat. `--expose-gc` set at run time only
 * makes gc() reachable from a new context; nothing else changes.
 */
function collect(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (settled && used - settled < 64 * 1048576) return;
  if (!fullGc) {
    v8.setFlagsFromString('--expose-gc');
    fullGc = vm.runInNewContext('gc') as () => void;
  }
  fullGc();
  settled = v8.getHeapStatistics().used_heap_size;
}

interface VirtualFs {
  existsSync(p: string): boolean;
  writeFileSync(p: string, b: Buffer): void;
  storage: Record<string, Buffer>;
}
let fontLoans = 0;

/**
 * pdfkit reads the font file anew for every document (19 MiB for Noto CJK) and the buffers wait for
 * a full GC: over a book's parts that was most of the peak. pdfmake takes a font path from its
 * virtual file system when it is there, so the file is lent there once for the book, then taken back.
 */
async function withFontRead<T>(font: CjkFont, fn: () => Promise<T>): Promise<T> {
  const vfs = (createRequire(import.meta.url)('pdfmake') as { virtualfs: VirtualFs }).virtualfs;
  if (fontLoans++ === 0 && !vfs.existsSync(font.file)) vfs.writeFileSync(font.file, fs.readFileSync(font.file));
  try {
    return await fn();
  } finally {
    // the store's key is the path without its leading slash (pdfmake's virtual-fs.js)
    if (--fontLoans === 0) delete vfs.storage[font.file.replace(/^\//, '')];
  }
}

/**
 * The book in parts of at most `sheetsPerPart` objects, so memory is one part's layout whatever the
 * number of sheets. Page numbers run over the whole book (共 N 页), so every part but the last is
 * first laid out to count its pages (no drawing); the last part is drawn first, its own count coming
 * with its footers, and held as bytes; then the others are drawn in order, each joined into `sink` as
 * it comes (pdf-join.ts), and the last one after them. Returns the page count.
 */
export async function writeBookPdf(r: AssessResult, head: ReportHead, meta: ReportMeta, sink: Sink, font: CjkFont = findCjkFont(), o: BookPdfOptions = {}): Promise<number> {
  const parts = bookParts(r.sheets.length, o);
  const defOf = (p: Part) => reportPdf(head, meta, partContent(r, p, meta.lang));
  return withFontRead(font, async () => {
    const counts: number[] = [];
    for (const p of parts.slice(0, -1)) {
      counts.push(await countPages(defOf(p), font));
      collect();
    }
    const before = counts.reduce((a, b) => a + b, 0);
    let total = 0;
    const draw = (i: number, offset: number, expected: number | null) => {
      const def = defOf(parts[i]);
      const footer = def.footer as (page: number, pages: number, size: ContextPageSize) => Content;
      def.footer = (page: number, pages: number, size: ContextPageSize) => {
        if (expected === null) total = offset + pages;
        else if (pages !== expected) throw new Error(`assessment book PDF: part ${i + 1} laid out ${pages} pages after counting ${expected}`);
        return footer(offset + page, total, size);
      };
      return renderPdf(def, font).finally(collect);
    };
    const last = await draw(parts.length - 1, before, null);
    async function* drawn(): AsyncGenerator<Buffer> {
      let offset = 0;
      for (let i = 0; i < parts.length - 1; i++) {
        yield await draw(i, offset, counts[i]);
        offset += counts[i];
      }
      yield last;
    }
    const pages = await joinPdfs(drawn(), sink);
    if (pages !== total) throw new Error(`assessment book PDF: joined ${pages} pages, counted ${total}`);
    return pages;
  });
}

export async function assessPdf(r: AssessResult, head: ReportHead, meta: ReportMeta, font: CjkFont = findCjkFont(), o: BookPdfOptions = {}): Promise<Buffer> {
  if (r.sheets.length <= 1) return renderPdf(assessPdfDefinition(r, head, meta), font);
  const out: Buffer[] = [];
  await writeBookPdf(r, head, meta, (b) => void out.push(b), font, o);
  return Buffer.concat(out);
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
