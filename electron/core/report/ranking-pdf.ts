// 排名与对标 as an A4 PDF: rank, value, gaps to the best and to the average, the change of rank, and
// the distribution drawn by ECharts SSR with the average as a dashed line.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { RankingRow, TargetIndicatorId } from '../../../shared/assessment.js';
import type { ChartSpec } from '../../../shared/dashboard.js';
import { CHART_WIDTH, chartSvg } from '../documents/chart-svg.js';
import { findCjkFont, type CjkFont } from '../documents/font.js';
import { printValue, unitLabel } from '../documents/format.js';
import type { Lang } from '../documents/labels.js';
import { renderPdf } from '../documents/pdf-engine.js';
import { assessWords, indicatorLabel, indicatorUnit } from './assess-words.js';
import { COMPACT, CONTENT_WIDTH, heading, num, reportPdf, signatureLines, th, type ReportHead, type ReportMeta } from './layout.js';

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
