// A dashboard as an A4 PDF: the title block at the top of every page, page numbers at the foot,
// the KPIs as a table, then each chart (ECharts SSR SVG) with its numbers in a small table below.
// A chart with nothing to draw prints its `empty` sentence instead of empty axes.
import type { Content, TableCell, TableLayout, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { ChartSpec, DashboardSpec, Kpi } from '../../../shared/dashboard.js';
import { CHART_WIDTH, chartSvg } from './chart-svg.js';
import { findCjkFont, type CjkFont } from './font.js';
import { baseUnit, printChange, printValue, unitLabel } from './format.js';
import { wordsOf, type Lang } from './labels.js';
import { titleBlock, type DocMeta } from './meta.js';
import { renderPdf } from './pdf-engine.js';
import { chartTable } from './tables.js';

const MARGIN_X = 40;
const HEADER_H = 64;
const A4_WIDTH = 595.28;
const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN_X;
const MUTED = '#666666';

function header(spec: DashboardSpec, meta: DocMeta): TDocumentDefinitions['header'] {
  const [title, ...pairs] = titleBlock(spec, meta);
  const sep = meta.lang === 'zh' ? '：' : ': ';
  const line = pairs.map(([k, v]) => `${k}${sep}${v}`).join('    ');
  return () => ({
    margin: [MARGIN_X, 22, MARGIN_X, 0],
    stack: [
      { text: title[1], fontSize: 13, bold: true },
      { text: line, fontSize: 7.5, color: MUTED, margin: [0, 3, 0, 4] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#999999' }] },
    ],
  });
}

function footer(lang: Lang): TDocumentDefinitions['footer'] {
  const w = wordsOf(lang);
  return (page: number, pages: number) => ({ text: w.page(page, pages), alignment: 'center', fontSize: 8, color: MUTED, margin: [0, 12, 0, 0] });
}

/** Thin rules between rows and little padding: a chart's numbers stay a small table. */
const COMPACT: TableLayout = {
  hLineWidth: (i, node) => (i === 1 ? 0.8 : i === 0 || i === node.table.body.length ? 0 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (i) => (i === 1 ? '#666666' : '#dddddd'),
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

const num = (text: string): TableCell => ({ text, alignment: 'right' });
const head = (text: string, right = false): TableCell => ({ text, bold: true, fillColor: '#f2f4f7', alignment: right ? 'right' : 'left' });

function kpiTable(kpis: Kpi[], lang: Lang): Content {
  const w = wordsOf(lang);
  const body: TableCell[][] = [[head(w.indicator), head(w.value, true), head(w.unit), head(w.baseValue, true), head(w.change, true), head(w.completion, true)]];
  for (const k of kpis) {
    const u = baseUnit(k.unit);
    body.push([
      k.label,
      num(printValue(k.value, u)),
      { text: unitLabel(u, lang), color: MUTED },
      num(printValue(k.base, u)),
      num(printChange(k.change, u, lang)),
      num(k.target ? printValue(k.target.completion, 'ratio') : '—'),
    ]);
  }
  return { table: { headerRows: 1, keepWithHeaderRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'], body }, layout: 'lightHorizontalLines', fontSize: 9 };
}

function numbersTable(chart: ChartSpec, lang: Lang): Content {
  const w = wordsOf(lang);
  const t = chartTable(chart, chart.kind === 'matrix' ? '' : w.category);
  const unitNote = (i: number) => (t.units[i] === 'yuan' || t.units[i] === 'ratio' ? `（${unitLabel(t.units[i], lang)}）` : '');
  const body: TableCell[][] = [t.columns.map((c, i) => (i === 0 ? head(c) : head(`${c}${unitNote(i - 1)}`, true)))];
  for (const r of t.rows) body.push([r.label, ...r.values.map((v, i) => num(printValue(v, t.units[i])))]);
  const extra: Content[] = chart.threshold
    ? [{ text: `${chart.threshold.label}${lang === 'zh' ? '：' : ': '}${printValue(chart.threshold.value, baseUnit(chart.unit))}`, fontSize: 8, color: MUTED, margin: [0, 2, 0, 0] }]
    : [];
  return {
    stack: [{ table: { headerRows: 1, keepWithHeaderRows: 1, widths: ['*', ...t.units.map(() => 'auto' as const)], body }, layout: COMPACT, fontSize: 8 }, ...extra],
  };
}

function chartBlock(chart: ChartSpec, lang: Lang): Content {
  const title: Content = { text: chart.title, fontSize: 11, bold: true, margin: [0, 14, 0, 6] };
  if (chart.empty !== undefined) return { stack: [title, { text: chart.empty, color: MUTED, fontSize: 9, margin: [0, 0, 0, 4] }], unbreakable: true };
  const drawn = chartSvg(chart, lang);
  const picture: Content[] = drawn ? [{ svg: drawn.svg, width: Math.min(CONTENT_WIDTH, CHART_WIDTH), margin: [0, 0, 0, 6] }] : [];
  // the heading stays with its drawing; the numbers may run on to the next page (header row repeated)
  return { stack: [{ stack: [title, ...picture], unbreakable: true }, numbersTable(chart, lang)] };
}

/** The document definition (exported for tests that look at the layout without a font). */
export function dashboardPdfDefinition(spec: DashboardSpec, meta: DocMeta): TDocumentDefinitions {
  const w = wordsOf(meta.lang);
  const content: Content[] = [];
  if (spec.empty) content.push({ text: spec.empty, fontSize: 10, margin: [0, 0, 0, 8] });
  if (spec.kpis.length) content.push({ text: w.kpis, fontSize: 11, bold: true, margin: [0, 0, 0, 6] }, kpiTable(spec.kpis, meta.lang));
  for (const chart of spec.charts) content.push(chartBlock(chart, meta.lang));
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_X, HEADER_H + 22, MARGIN_X, 40],
    info: { title: `${spec.title} ${spec.date}`, author: meta.user, creator: 'Branch Console', producer: 'Branch Console (pdfmake)' },
    header: header(spec, meta),
    footer: footer(meta.lang),
    content,
    defaultStyle: { fontSize: 9, lineHeight: 1.15 },
  };
}

/** The PDF as bytes; `font` defaults to the system's CJK font (a clear error when there is none). */
export async function dashboardPdf(spec: DashboardSpec, meta: DocMeta, font: CjkFont = findCjkFont()): Promise<Buffer> {
  return renderPdf(dashboardPdfDefinition(spec, meta), font);
}
