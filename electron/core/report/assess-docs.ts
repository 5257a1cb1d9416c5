// The assessment documents' title blocks and their bytes, from what the assess core answers
// (AssessResult, RankingRow[]): report/index.ts asks the core and comes here, for the app's buttons,
// the desktop print and the `report` command alike.
import type { Writable } from 'node:stream';
import type { AssessResult, RankingRow, TargetIndicatorId } from '../../../shared/assessment.js';
import type { DocumentFormat } from '../documents/dashboard.js';
import { sheetPdf } from './assess-pdf.js';
import { rankingPdf } from './ranking-pdf.js';
import { assessWords, indicatorLabel, periodLine, schemeLine } from './assess-words.js';
import { bookPdfOffThread } from './book-thread.js';
import { writeAssessBook, writeRankingBook } from './assess-xlsx.js';
import { bookBuffer, madeBy, openBook, type ReportHead, type ReportMeta } from './layout.js';

export type AssessDocKind = 'sheet' | 'book' | 'ranking';

export function assessHead(kind: AssessDocKind, r: AssessResult, bank: string, scope: string, meta: ReportMeta, indicator?: TargetIndicatorId | 'total'): ReportHead {
  const w = assessWords(meta.lang);
  const base = kind === 'sheet' ? w.sheetTitle : kind === 'book' ? w.bookTitle : w.rankingTitle;
  const what = kind === 'sheet' && r.sheets.length === 1 ? ` · ${r.sheets[0].object.name}` : kind === 'ranking' && indicator ? ` · ${indicatorLabel(indicator, meta.lang)}` : '';
  const title = meta.lang === 'zh' ? `${base}（${r.period}）${what}` : `${base} (${r.period})${what}`;
  return {
    title,
    pairs: [[w.bank, bank], [w.period, periodLine(r, meta.lang)], [w.scope, scope], [w.scheme, schemeLine(r, meta.lang)], ...madeBy(meta)],
  };
}

/** A sheet or the book as bytes. */
export async function assessBytes(r: AssessResult, head: ReportHead, meta: ReportMeta, format: DocumentFormat): Promise<Buffer> {
  if (format === 'pdf') return r.sheets.length > 1 ? bookPdfOffThread(r, head, meta) : sheetPdf(r, head, meta);
  return bookBuffer(meta, (wb) => writeAssessBook(wb, r, head, meta));
}

/** The book's workbook streamed into `sink` (a file): nothing of it is held whole in memory. */
export async function streamAssessXlsx(r: AssessResult, head: ReportHead, meta: ReportMeta, sink: Writable): Promise<void> {
  const wb = openBook(sink, meta);
  await writeAssessBook(wb, r, head, meta);
  await wb.commit();
}

export async function rankingBytes(rows: RankingRow[], indicator: TargetIndicatorId | 'total', head: ReportHead, meta: ReportMeta, format: DocumentFormat): Promise<Buffer> {
  if (format === 'pdf') return rankingPdf(rows, indicator, head, meta);
  return bookBuffer(meta, (wb) => writeRankingBook(wb, rows, indicator, head, meta));
}
