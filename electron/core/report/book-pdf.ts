// The period's assessment book as one PDF (考核表汇总, then one object per page), laid out in parts
// so its memory does not grow with the number of sheets: pdfmake holds a whole document's layout
// until it is written (≈ 0.2 MiB a sheet: a bank of 2,000 客户经理 would need 400 MiB more on an
// office PC). Each part is laid out, written and dropped; pdf-lib joins the written parts
// (documents/pdf-join.ts). The page numbers (第 n 页 / 共 N 页) run over the whole book, so each
// part's page count is known before the first is drawn (bookPdf). The app runs this in a worker
// thread with a capped heap (book-thread.ts).
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { AssessResult, Sheet } from '../../../shared/assessment.js';
import { findCjkFont, type CjkFont } from '../documents/font.js';
import type { Lang } from '../documents/labels.js';
import { footerOf, layoutPageCount, renderPdf, withFontLoaned } from '../documents/pdf-engine.js';
import { joinPdfs } from '../documents/pdf-join.js';
import { sheetContent, summaryTable } from './assess-pdf.js';
import { assessWords } from './assess-words.js';
import { heading, reportPdf, type ReportHead, type ReportMeta } from './layout.js';

export interface BookPdfOptions {
  /** objects per part: one pdfmake layout holds this many sheets' pages at a time */
  sheetsPerPart?: number;
  /** summary rows per part (each part's table repeats the header row, as every page does anyway) */
  summaryRowsPerPart?: number;
  /** which sheets are taken to print on one page without laying them out (tests: a wrong guess) */
  surelyOnePage?: (s: Sheet) => boolean;
}

// 60 sheets ≈ 60 pages ≈ 12 MiB of layout; each part embeds its own font subset (≈ 60 KiB more in
// the file per part). 1,000 summary rows ≈ 25 pages of one-line rows.
const SHEETS_PER_PART = 60;
const SUMMARY_ROWS_PER_PART = 1000;

type Range = [from: number, to: number];
export type BookPart = { summary: Range } | { sheets: Range };

/** The summary's rows in parts, then the objects in parts; every part starts on a new page. */
export function bookParts(n: number, o: BookPdfOptions = {}): BookPart[] {
  const rows = Math.max(1, o.summaryRowsPerPart ?? SUMMARY_ROWS_PER_PART);
  const per = Math.max(1, o.sheetsPerPart ?? SHEETS_PER_PART);
  const parts: BookPart[] = [];
  for (let i = 0; i < n; i += rows) parts.push({ summary: [i, Math.min(n, i + rows)] });
  for (let i = 0; i < n; i += per) parts.push({ sheets: [i, Math.min(n, i + per)] });
  return parts;
}

function partContent(r: AssessResult, p: BookPart, lang: Lang): Content[] {
  if ('summary' in p) {
    const table = summaryTable(r.sheets.slice(...p.summary), lang);
    return p.summary[0] === 0 ? [heading(assessWords(lang).summarySheet, 0), table] : [table];
  }
  return r.sheets.slice(...p.sheets).map((s, i) => sheetContent(s, lang, i === 0));
}

/** `def` with its footer told the book's page number and count instead of the part's own. */
function numbered(def: TDocumentDefinitions, offset: number, total: (partPages: number) => number): TDocumentDefinitions {
  const footer = footerOf(def);
  if (!footer) return def;
  return { ...def, footer: (page: number, pages: number, size: unknown) => footer(offset + page, total(pages), size) } as TDocumentDefinitions;
}

/**
 * Sheets that surely print on one page each: few lines, none long enough to wrap. 24 lines of
 * items is what one page holds with room to spare (722 pt below the title block: the sheet's fixed
 * lines ≈ 100 pt, an indicator row ≈ 18 pt at 9 pt, a deduction or adjustment row ≈ 16 pt at 8 pt,
 * the two headings ≈ 63 pt: 16 indicators + 8 items ≈ 650 pt). A guess that is wrong costs time,
 * never a wrong page number: the drawing checks every part's count (bookPdf).
 */
export function surelyOnePage(s: Sheet): boolean {
  const items = [...s.deduction_items.map((d) => d.summary + d.rule), ...s.adjustment_items.map((a) => a.reason + a.by)];
  return s.rows.length + items.length <= 24 && items.every((t) => t.length <= 40) && s.object.name.length <= 30;
}

/** A part's pages when they are known without laying it out (each object surely one page), else null. */
function predictedPages(r: AssessResult, p: BookPart, onePage: (s: Sheet) => boolean): number | null {
  if ('summary' in p) return null;
  const sheets = r.sheets.slice(...p.sheets);
  return sheets.every(onePage) ? sheets.length : null;
}

class CountMismatch extends Error {}

/**
 * The book. Page numbers run over the whole book, so a part's page count must be known before the
 * part is drawn, and the book's count before the first page is. A part of short sheets has one
 * page per sheet (surelyOnePage). The first part (the summary's first rows) need not be counted:
 * it is drawn first, and its own layout gives its count, hence the book's. Any other part (more
 * summary rows, a part with a long sheet) is laid out without drawing to count it (about the time
 * of drawing it). The parts are drawn in order and joined as they come. A part that lays out to
 * another count than expected would misnumber every later page: then every part is counted by its
 * layout and the book drawn again; a second mismatch is a bug and stops the export.
 */
export async function bookPdf(r: AssessResult, head: ReportHead, meta: ReportMeta, font: CjkFont = findCjkFont(), o: BookPdfOptions = {}): Promise<Buffer> {
  const parts = bookParts(r.sheets.length, o);
  const defOf = (i: number) => reportPdf(head, meta, partContent(r, parts[i], meta.lang));
  const info = reportPdf(head, meta, []).info ?? {};
  /** every part's count but the first's (null: its layout will tell) */
  const countRest = async (guess: boolean) => {
    const counts: (number | null)[] = [null];
    for (let i = 1; i < parts.length; i++) counts.push((guess ? predictedPages(r, parts[i], o.surelyOnePage ?? surelyOnePage) : null) ?? (await layoutPageCount(defOf(i), font)));
    return counts;
  };
  const draw = async (counts: (number | null)[], final: boolean) => {
    const rest = counts.slice(1).reduce<number>((a, b) => a + b!, 0);
    let total = 0;
    async function* drawn(): AsyncGenerator<Buffer> {
      let offset = 0;
      for (let i = 0; i < parts.length; i++) {
        let pagesHere = counts[i];
        const check = (pages: number) => {
          if (pagesHere === null) {
            pagesHere = pages;
            total = pages + rest;
          }
          if (pages === pagesHere) return total;
          const why = `assessment book PDF: part ${i + 1} laid out ${pages} pages, expected ${pagesHere}`;
          throw final ? new Error(why) : new CountMismatch(why);
        };
        yield await renderPdf(numbered(defOf(i), offset, check), font);
        offset += pagesHere!;
      }
    }
    const joined = await joinPdfs(drawn(), {
      title: info.title ?? head.title,
      author: info.author ?? meta.user,
      creator: info.creator ?? 'Branch Console',
      producer: `${info.producer ?? 'Branch Console'} + pdf-lib`,
      created: meta.at,
    });
    if (joined.pages !== total) throw new Error(`assessment book PDF: joined ${joined.pages} pages, counted ${total}`);
    return joined.bytes;
  };
  return withFontLoaned(font, async () => {
    try {
      return await draw(await countRest(true), false);
    } catch (e) {
      if (!(e instanceof CountMismatch)) throw e;
      return draw(await countRest(false), true);
    }
  });
}
