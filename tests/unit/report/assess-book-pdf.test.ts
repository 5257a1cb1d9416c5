// The book's PDF laid out in parts and joined (assess-pdf.ts writeBookPdf, pdf-join.ts), with parts
// made tiny so that a seven-object book crosses every kind of part boundary; read back with poppler
// as a viewer would, and checked for parse complaints (poppler prints them on stderr).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssessResult, Sheet } from '../../../shared/assessment.js';
import { assessHead } from '../../../electron/core/report/assess-docs.js';
import { assessPdf } from '../../../electron/core/report/assess-pdf.js';
import { joinPdfs } from '../../../electron/core/report/pdf-join.js';
import { pdfFonts, pdfPages, pdfText } from '../documents/poppler.js';

const meta = { user: '绩效专员', at: new Date('2024-08-01T02:03:04Z'), lang: 'zh' as const };

// object i: 10 visits as target, i + 1 done → completion (i + 1) / 10, score 5 × that; the total is
// set to i + 0.5 so that each sheet prints a total of its own (总分：i.50).
const sheet = (i: number): Sheet => ({
  object: { type: 'staff', id: `S${i}`, name: `客户经理${i}号` },
  scheme_version: 1,
  rows: [{ indicator: 'visits', target: 10, actual: i + 1, completion: (i + 1) / 10, weight: 5, score: (5 * (i + 1)) / 10 }],
  deductions: 0,
  deduction_items: [],
  adjustments: 0,
  adjustment_items: [],
  total: i + 0.5,
  full: 5,
  rank: 7 - i,
});
const result: AssessResult = { period: '2024-07', as_of: '2024-07-31', progress: false, locked: null, sheets: Array.from({ length: 7 }, (_, i) => sheet(i)) };

function popplerComplaints(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'book-join-'));
  try {
    fs.writeFileSync(path.join(dir, 'b.pdf'), pdf);
    return spawnSync('pdftotext', [path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' }).stderr;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the book PDF in parts', () => {
  it('joins the parts into one document numbered over the whole book', async () => {
    const head = assessHead('book', result, '测试农商银行', '全行', meta);
    // summary rows in parts of 3 → 3 + 3 + 1 rows, one page each (pages 1–3); the last summary part
    // also takes objects 0–1 (pages 4–5), then objects 2–3, 4–5, 6 (pages 6–10): 6 parts, 10 pages
    const pdf = await assessPdf(result, head, meta, undefined, { sheetsPerPart: 2, summaryRowsPerPart: 3 });
    expect(popplerComplaints(pdf)).toBe('');
    expect(pdfPages(pdf)).toBe(10);
    for (let p = 1; p <= 10; p++) expect(pdfText(pdf, p)).toContain(`第${p}页/共10页`);
    const first = pdfText(pdf, 1);
    expect(first).toContain('绩效考核汇总（2024-07）');
    expect(first).toContain('汇总');
    expect(first).toContain('客户经理0号·员工S0');
    // the third summary part holds the seventh row only, then the first object's sheet
    expect(pdfText(pdf, 3)).toContain('客户经理6号·员工S6');
    expect(pdfText(pdf, 4)).toContain('客户经理0号（S0）·员工');
    expect(pdfText(pdf, 4)).toContain('总分：0.50/满分5');
    const last = pdfText(pdf, 10);
    expect(last).toContain('绩效考核汇总（2024-07）');
    expect(last).toContain('客户经理6号（S6）·员工');
    // 7 of 10 visits: 70.00%, 5 × 0.7 = 3.50 points; total 6.50; rank 7 − 6 = 1
    expect(last).toContain('总分：6.50/满分5名次：1');
    expect(last).toContain('制表：');
    // each part embeds its own subset of the one font, under its own subset tag
    const fonts = pdfFonts(pdf);
    expect(fonts).toHaveLength(6);
    expect(new Set(fonts.map((f) => f.name)).size).toBe(6);
    expect(fonts.every((f) => f.embedded && f.subset && f.name.endsWith('+NotoSansCJKsc-Regular'))).toBe(true);
  }, 60_000);

  it('refuses a part that is not pdfkit output, naming the part', async () => {
    async function* parts() {
      yield Buffer.from('%PDF-1.3\nnot really\n');
    }
    await expect(joinPdfs(parts(), () => {})).rejects.toThrow('PDF join: part 1: no startxref at the end');
  });
});
