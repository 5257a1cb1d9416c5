// The period's book PDF laid out in parts and joined (book-pdf.ts), in its worker thread as the app
// runs it: read back with poppler, page by page, against the same book laid out as ONE pdfmake
// document (the layout the parts must reproduce), and with its page numbers over the whole book.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGET_INDICATORS, type AssessResult, type Sheet } from '../../../shared/assessment.js';
import { findCjkFont } from '../../../electron/core/documents/font.js';
import { renderPdf } from '../../../electron/core/documents/pdf-engine.js';
import { assessHead } from '../../../electron/core/report/assess-docs.js';
import { sheetContent, summaryTable } from '../../../electron/core/report/assess-pdf.js';
import { bookParts, bookPdf, surelyOnePage } from '../../../electron/core/report/book-pdf.js';
import { bookPdfOffThread } from '../../../electron/core/report/book-thread.js';
import { heading, reportPdf } from '../../../electron/core/report/layout.js';
import { pdfFonts, pdfPages, pdfText } from '../documents/poppler.js';

const meta = { user: '绩效专员', at: new Date('2024-08-01T02:03:04Z'), lang: 'zh' as const };

/** 支行k (Bk): one indicator at 100 % of its target → score = weight = 30; rank k. */
const sheet = (k: number): Sheet => ({
  object: { type: 'org', id: `B${k}`, name: `第${k}支行` },
  scheme_version: 1,
  rows: [{ indicator: 'deposit_avg', target: 1_000_000, actual: 1_000_000, completion: 1, weight: 30, score: 30 }],
  deductions: 0,
  deduction_items: [],
  adjustments: 0,
  adjustment_items: [],
  total: 30,
  full: 30,
  rank: k,
});

const seven: AssessResult = { period: '2024-07', as_of: '2024-07-31', progress: false, locked: null, sheets: [1, 2, 3, 4, 5, 6, 7].map(sheet) };
const head = assessHead('book', seven, '测试农商银行', '全行', meta);

function pdfTitle(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'book-info-'));
  try {
    fs.writeFileSync(path.join(dir, 'b.pdf'), pdf);
    return /^Title:\s+(.*)$/m.exec(execFileSync('pdfinfo', [path.join(dir, 'b.pdf')], { encoding: 'utf8' }))?.[1] ?? '';
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same book as ONE pdfmake document: the layout the parts must reproduce page for page. */
async function oneDocument(r: AssessResult): Promise<Buffer> {
  const content = [heading('汇总', 0), summaryTable(r.sheets, 'zh'), ...r.sheets.map((s) => sheetContent(s, 'zh', false))];
  return renderPdf(reportPdf(assessHead('book', r, '测试农商银行', '全行', meta), meta, content), findCjkFont());
}

function expectSamePages(got: Buffer, want: Buffer, pages: number): void {
  expect(pdfPages(got)).toBe(pages);
  for (let p = 1; p <= pages; p++) expect(pdfText(got, p), `page ${p}`).toBe(pdfText(want, p));
}

/** 第4支行 with 40 confirmed alerts behind its deductions: more than a page. */
const long: Sheet = {
  ...sheet(4),
  deductions: 40,
  deduction_items: Array.from({ length: 40 }, (_, i) => ({ alert_id: 100 + i, rule: 'deposit.window_dressing', summary: `月末冲时点 第${i + 1}笔`, points: 1 })),
  total: -10,
};
const withLong: AssessResult = { ...seven, sheets: seven.sheets.map((s, i) => (i === 3 ? long : s)) };

describe('the book in parts', () => {
  it('cuts the summary rows and the objects into parts, in order, each range once', () => {
    expect(bookParts(0)).toEqual([]);
    // 7 objects, summary parts of 4 rows, object parts of 3: rows 0–3 | 4–6, objects 0–2 | 3–5 | 6
    expect(bookParts(7, { summaryRowsPerPart: 4, sheetsPerPart: 3 })).toEqual([{ summary: [0, 4] }, { summary: [4, 7] }, { sheets: [0, 3] }, { sheets: [3, 6] }, { sheets: [6, 7] }]);
    // the defaults: 238 objects (the medium bank) = one summary part, then 60 + 60 + 60 + 58
    expect(bookParts(238).map((p) => ('summary' in p ? `s${p.summary.join('-')}` : p.sheets.join('-')))).toEqual(['s0-238', '0-60', '60-120', '120-180', '180-238']);
  });

  it('joined, reads page for page as the same book laid out as one document, numbered over the whole book', async () => {
    const font = findCjkFont();
    // objects in parts of 3 (1 summary part + 3 object parts): the summary's 7 rows fit on one page
    const parts = await bookPdfOffThread(seven, head, meta, font, { sheetsPerPart: 3 });
    const one = await oneDocument(seven);
    // a summary page + 7 objects, one page each
    expect(pdfPages(one)).toBe(8);
    expectSamePages(parts, one, 8);
    // and what those pages say: the footer counts the whole book; page k+1 is 第k支行's sheet
    expect(pdfText(parts, 1)).toContain('第1页/共8页');
    expect(pdfText(parts, 1)).toMatch(/第7支行·机构B7v13030\.007/);
    expect(pdfText(parts, 5)).toContain('第4支行（B4）·机构');
    expect(pdfText(parts, 5)).toContain('第5页/共8页');
    expect(pdfText(parts, 8)).toContain('第7支行（B7）·机构');
    expect(pdfText(parts, 8)).toContain('第8页/共8页');
    // the document's title, and every part's font embedded (a subset each)
    expect(pdfTitle(parts)).toBe('绩效考核汇总（2024-07）');
    const fonts = pdfFonts(parts);
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    expect(fonts.every((f) => f.embedded && f.subset)).toBe(true);
  }, 120_000);

  it('a summary longer than its part carries on in the next part, numbered on', async () => {
    // summary parts of 4 rows: rows 1–4 on page 1, 5–7 on page 2, then the 7 objects on pages 3–9
    const pdf = await bookPdfOffThread(seven, head, meta, findCjkFont(), { sheetsPerPart: 3, summaryRowsPerPart: 4 });
    expect(pdfPages(pdf)).toBe(9);
    expect(pdfText(pdf, 1)).toContain('第4支行·机构');
    expect(pdfText(pdf, 1)).not.toContain('第5支行·机构');
    expect(pdfText(pdf, 2)).toContain('第5支行·机构');
    expect(pdfText(pdf, 2)).toContain('第2页/共9页');
    expect(pdfText(pdf, 3)).toContain('第1支行（B1）·机构');
    expect(pdfText(pdf, 9)).toContain('第9页/共9页');
  }, 120_000);

  it('takes short sheets for one page each and lays out the others to count them', () => {
    expect(surelyOnePage(sheet(1))).toBe(true);
    // 1 indicator + 40 deduction rows: over the 24 lines a page surely holds
    expect(surelyOnePage(long)).toBe(false);
    const wordy = { ...sheet(2), adjustment_items: [{ id: 1, points: 1, reason: '因'.repeat(60), by: 'admin', at: '2024-08-01T00:00:00Z' }] };
    expect(surelyOnePage(wordy)).toBe(false);
  });

  it('the largest sheet taken for one page is one page: every indicator, 12 items of 40 characters, a 30-character name', async () => {
    // 12 indicators (the whole target table) + 6 deductions + 6 adjustments = 24 lines, each text at the limit
    const text = '因'.repeat(38);
    const big: Sheet = {
      ...sheet(1),
      object: { type: 'staff', id: 'E1', name: '名'.repeat(30) },
      rows: TARGET_INDICATORS.map((t) => ({ indicator: t.id, target: 1_000_000, actual: 1_000_000, completion: 1, weight: 10, score: 10 })),
      deduction_items: Array.from({ length: 6 }, (_, i) => ({ alert_id: i + 1, rule: 'ab', summary: text, points: 1 })),
      adjustment_items: Array.from({ length: 6 }, (_, i) => ({ id: i + 1, points: 1, reason: text, by: 'ab', at: '2024-08-01T00:00:00Z' })),
    };
    expect(big.rows).toHaveLength(12);
    expect(surelyOnePage(big)).toBe(true);
    expect(surelyOnePage({ ...big, adjustment_items: [...big.adjustment_items, big.adjustment_items[0]] })).toBe(false);
    // laid out alone (summary page + the sheet), as pdfmake would in the book
    const one = await oneDocument({ ...seven, sheets: [sheet(2), big] });
    expect(pdfPages(one)).toBe(3);
  }, 60_000);

  it('a sheet longer than a page: its part is counted, and every later page numbered on', async () => {
    const one = await oneDocument(withLong);
    // the long sheet takes two pages: 1 summary + 6 short + 2 = 9
    expect(pdfPages(one)).toBe(9);
    expectSamePages(await bookPdfOffThread(withLong, assessHead('book', withLong, '测试农商银行', '全行', meta), meta, findCjkFont(), { sheetsPerPart: 3 }), one, 9);
  }, 120_000);

  it('a wrong guess of one page costs a second drawing, never a wrong number', async () => {
    const one = await oneDocument(withLong);
    const guessed = await bookPdf(withLong, assessHead('book', withLong, '测试农商银行', '全行', meta), meta, findCjkFont(), { sheetsPerPart: 3, surelyOnePage: () => true });
    expectSamePages(guessed, one, 9);
    expect(pdfText(guessed, 9)).toContain('第9页/共9页');
  }, 120_000);

  it('reports a failure in the worker to the caller', async () => {
    const missing = { file: path.join(os.tmpdir(), 'no-such-font.ttc'), face: null };
    await expect(bookPdfOffThread(seven, head, meta, missing)).rejects.toThrow(/no-such-font/);
  }, 60_000);
});
