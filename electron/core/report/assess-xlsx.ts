// The assessment documents as workbooks, streamed (exceljs WorkbookWriter: each row is committed
// as written, so the whole period's book keeps memory flat): a cover with the title block and the
// signature lines, a summary of every object, then one sheet per object; a ranking as one sheet.
// Figures are numbers: money in 元 under #,##0.00, completions and ratios unrounded under 0.00%,
// scores unrounded under 0.00. Every text cell is neutralised (documents/xlsx.ts putRow).
import type { AssessResult, RankingRow, Sheet, TargetIndicatorId } from '../../../shared/assessment.js';
import { unitLabel, type BaseUnit } from '../documents/format.js';
import type { Lang } from '../documents/labels.js';
import { addSheet, putRow, sheetName, type Value } from '../documents/xlsx.js';
import { assessWords, indicatorLabel, indicatorUnit, lockLine, periodLine } from './assess-words.js';
import { objectLine } from './assess-pdf.js';
import { rankChange } from './ranking-pdf.js';
import { coverSheet, type Book, type ReportHead, type ReportMeta } from './layout.js';

const unitWord = (u: BaseUnit, lang: Lang) => (u === 'yuan' ? assessWords(lang).unitYuan : u === 'ratio' ? '%' : u === 'avg' ? '' : unitLabel(u, lang));

function summarySheet(wb: Book, r: AssessResult, lang: Lang, taken: Set<string>): void {
  const w = assessWords(lang);
  const sheet = addSheet(wb, sheetName(w.summarySheet, taken), 1);
  sheet.columns = [{ width: 8 }, { width: 14 }, { width: 24 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 8 }];
  putRow(sheet, [w.object, w.id, w.name, w.scheme, w.full, w.deductions, w.adjustments, w.total, w.rank], [], true);
  for (const s of r.sheets) {
    putRow(sheet, [w.type[s.object.type], s.object.id, s.object.name, s.scheme_version, s.full, s.deductions, s.adjustments, s.total, s.rank], [null, null, null, null, 'avg', 'avg', 'avg', 'avg', null]);
  }
  sheet.commit();
}

/** One object's sheet. Rows: its line, the header (both frozen), the indicators, then the totals and the items. */
export function objectSheet(wb: Book, s: Sheet, lang: Lang, taken: Set<string>): void {
  const w = assessWords(lang);
  const sheet = addSheet(wb, sheetName(`${s.object.name}${s.object.type === 'staff' ? `(${s.object.id})` : ''}`, taken), 2);
  sheet.columns = [{ width: 22 }, { width: 8 }, { width: 18 }, { width: 18 }, { width: 10 }, { width: 8 }, { width: 10 }];
  putRow(sheet, [objectLine(s, lang), `${w.scheme} v${s.scheme_version}`], [], true);
  putRow(sheet, [w.indicator, w.unit, w.target, w.actual, w.completion, w.weight, w.score], [], true);
  for (const row of s.rows) {
    const u = indicatorUnit(row.indicator);
    putRow(sheet, [indicatorLabel(row.indicator, lang), unitWord(u, lang), row.target ?? w.noTarget, row.actual, row.completion, row.weight, row.score], [null, null, u, u, 'ratio', null, 'avg']);
  }
  const subtotal = s.rows.reduce((sum, r) => sum + r.score, 0);
  const pointRow = (label: string, v: number) => putRow(sheet, [label, '', null, null, null, null, v], [null, null, null, null, null, null, 'avg'], label === w.total);
  pointRow(w.subtotal, subtotal);
  pointRow(w.deductions, -s.deductions);
  pointRow(w.adjustments, s.adjustments);
  pointRow(w.total, s.total);
  putRow(sheet, [w.full, '', null, null, null, null, s.full]);
  putRow(sheet, [w.rank, '', null, null, null, null, s.rank]);
  if (s.deduction_items.length) {
    putRow(sheet, []);
    putRow(sheet, [w.deductionItems], [], true);
    putRow(sheet, [w.alert, w.rule, w.summary, '', '', '', w.points], [], true);
    for (const d of s.deduction_items) putRow(sheet, [d.alert_id, d.rule, d.summary, null, null, null, d.points], [null, null, null, null, null, null, 'avg']);
  }
  if (s.adjustment_items.length) {
    putRow(sheet, []);
    putRow(sheet, [w.adjustmentItems], [], true);
    putRow(sheet, [w.reason, w.by, w.at, '', '', '', w.points], [], true);
    for (const a of s.adjustment_items) putRow(sheet, [a.reason, a.by, a.at.replace('T', ' ').slice(0, 19), null, null, null, a.points], [null, null, null, null, null, null, 'avg']);
  }
  sheet.commit();
}

/**
 * A sheet (one object) or the book (summary + one sheet per object), written into `wb`. Each
 * committed sheet is a zip entry the writer compresses on later turns of the event loop: written
 * in one go, all of them waited in memory (4× the medium book: 62 MiB more than the whole book),
 * so the loop gets a turn after every sheet.
 */
export async function writeAssessBook(wb: Book, r: AssessResult, head: ReportHead, meta: ReportMeta): Promise<void> {
  const w = assessWords(meta.lang);
  const taken = new Set<string>();
  coverSheet(wb, head, meta, taken, [periodLine(r, meta.lang), `${w.locked}${meta.lang === 'zh' ? '：' : ': '}${lockLine(r, meta.lang)}`, w.note]);
  if (r.sheets.length > 1) summarySheet(wb, r, meta.lang, taken);
  for (const s of r.sheets) {
    objectSheet(wb, s, meta.lang, taken);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export function writeRankingBook(wb: Book, rows: RankingRow[], indicator: TargetIndicatorId | 'total', head: ReportHead, meta: ReportMeta): void {
  const w = assessWords(meta.lang);
  const taken = new Set<string>();
  coverSheet(wb, head, meta, taken, [w.note]);
  const u = indicatorUnit(indicator);
  const sheet = addSheet(wb, sheetName(indicatorLabel(indicator, meta.lang), taken), 1);
  sheet.columns = [{ width: 8 }, { width: 14 }, { width: 24 }, { width: 18 }, { width: 16 }, { width: 16 }, { width: 10 }, { width: 10 }];
  const unit = u === 'yuan' ? `（${w.unitYuan}）` : '';
  putRow(sheet, [w.rank, w.id, w.name, `${w.value}${unit}`, `${w.gapBest}${unit}`, `${w.gapAvg}${unit}`, w.prevRank, w.rankChange], [], true);
  for (const r of rows) putRow(sheet, [r.rank, r.object.id, r.object.name, r.value, r.gap_to_best, r.gap_to_avg, r.prev_rank, rankChange(r)] as Value[], [null, null, null, u, u, u, null, null]);
  sheet.commit();
}
