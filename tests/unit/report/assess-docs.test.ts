// The assessment documents laid out from a hand-built AssessResult (the core's contract), read back
// as a person's viewer and Excel would: pdftotext / pdftoppm for the PDF, exceljs for the workbook.
// Every expected figure is worked out in the comments, not taken from the code.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AssessResult, RankingRow, Sheet } from '../../../shared/assessment.js';
import { assessBytes, assessHead, rankingBytes } from '../../../electron/core/report/assess-docs.js';
import { pdfLines, pdfPages, pdfText } from '../documents/poppler.js';

const at = new Date('2024-08-01T02:03:04Z'); // 10:03:04 in Beijing
const meta = { user: '绩效专员', at, lang: 'zh' as const };

// 城东支行: deposit_avg 1,100,000 / 1,000,000 = 110% → 30 × 1.1 = 33; loan_balance 250,000 / 500,000
// = 50% < 60% floor → 0; npl_ratio without a target (未设目标, not in 满分). 满分 = 30 + 25 = 55.
// Two confirmed alerts at 1 point = 2 deducted; +1.5 by hand. Total = 33 + 0 − 2 + 1.5 = 32.5.
const east: Sheet = {
  object: { type: 'org', id: 'B1', name: '城东支行' },
  scheme_version: 2,
  rows: [
    { indicator: 'deposit_avg', target: 1_000_000, actual: 1_100_000, completion: 1.1, weight: 30, score: 33 },
    { indicator: 'loan_balance', target: 500_000, actual: 250_000, completion: 0.5, weight: 25, score: 0 },
    { indicator: 'npl_ratio', target: null, actual: 0.031, completion: null, weight: 15, score: 0 },
  ],
  deductions: 2,
  deduction_items: [
    { alert_id: 11, rule: 'deposit.window_dressing', summary: '月末冲时点', points: 1 },
    { alert_id: 12, rule: 'loan.renew_to_repay', summary: '借新还旧', points: 1 },
  ],
  adjustments: 1.5,
  adjustment_items: [{ id: 1, points: 1.5, reason: '营销竞赛加分', by: 'admin', at: '2024-08-01T01:00:00.000Z' }],
  total: 32.5,
  full: 55,
  rank: 2,
};
// 城西支行: 700,000 / 1,000,000 = 70% → 21; 600,000 / 500,000 = 120% → 30 (at the cap); npl_ratio lower
// is better: 0.02 / 0.025 = 80% → 15 × 0.8 = 12. Total 21 + 30 + 12 = 63, 满分 70.
const west: Sheet = {
  object: { type: 'org', id: 'B2', name: '城西支行' },
  scheme_version: 2,
  rows: [
    { indicator: 'deposit_avg', target: 1_000_000, actual: 700_000, completion: 0.7, weight: 30, score: 21 },
    { indicator: 'loan_balance', target: 500_000, actual: 600_000, completion: 1.2, weight: 25, score: 30 },
    { indicator: 'npl_ratio', target: 0.02, actual: 0.025, completion: 0.8, weight: 15, score: 12 },
  ],
  deductions: 0,
  deduction_items: [],
  adjustments: 0,
  adjustment_items: [],
  total: 63,
  full: 70,
  rank: 1,
};
// a staff member whose name would run as a formula in Excel: 12 / 10 visits = 120% → 5 × 1.2 = 6
const formula: Sheet = {
  object: { type: 'staff', id: 'S1', name: '=SUM(A1)' },
  scheme_version: 1,
  rows: [{ indicator: 'visits', target: 10, actual: 12, completion: 1.2, weight: 5, score: 6 }],
  deductions: 0,
  deduction_items: [],
  adjustments: 0,
  adjustment_items: [],
  total: 6,
  full: 5,
  rank: 1,
};
const result: AssessResult = { period: '2024-07', as_of: '2024-07-31', progress: false, locked: null, sheets: [east, west, formula] };

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('the period book', () => {
  const head = assessHead('book', result, '测试农商银行', '全行', meta);

  it('as PDF: the Chinese title, a summary page, then one object per page with its figures and signature lines', async () => {
    const pdf = await assessBytes(result, head, meta, 'pdf');
    // summary + 3 objects, one page each
    expect(pdfPages(pdf)).toBe(4);
    const p1 = pdfText(pdf, 1);
    expect(p1).toContain('绩效考核汇总（2024-07）');
    expect(p1).toContain('方案版本：机构v2；员工v1');
    expect(p1).toContain('考核期：2024-07（评价日2024-07-31）');
    expect(p1).toMatch(/城东支行·机构B1v25532\.502/);
    const p2 = pdfText(pdf, 2);
    expect(p2).toContain('城东支行（B1）·机构');
    // 1,000,000 元 = 100.00 万元; 110.00%; 33.00 points; 未设目标 for npl_ratio
    const lines = pdfLines(pdf);
    expect(lines).toContain('存款日均100.00110.00万元110.00%3033.00');
    // 250,000 元 = 25.00 万元 at 50.00%, under the floor: scores 0.00
    expect(lines).toContain('各项贷款余额50.0025.00万元50.00%250.00');
    expect(lines).toContain('不良贷款率未设目标3.10%—15—');
    expect(p2).toContain('扣分：-2.00加减分：+1.50总分：32.50/满分55名次：2');
    expect(p2).toContain('月末冲时点');
    expect(p2).toContain('营销竞赛加分');
    expect(p2).toContain('制表：');
    expect(p2).toContain('审核：');
    expect(pdfText(pdf, 3)).toContain('总分：63.00/满分70');
    expect(pdfText(pdf, 4)).toContain('=SUM(A1)（S1）·员工');
    expect(p2).toContain('第2页/共4页');
    // page 1 renders as an image (what docs/screenshots keeps)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assess-png-'));
    try {
      fs.writeFileSync(path.join(dir, 'b.pdf'), pdf);
      execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', path.join(dir, 'b.pdf'), path.join(dir, 'p')]);
      const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
      expect(fs.statSync(path.join(dir, png)).size).toBeGreaterThan(5_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('as XLSX: cover, summary, one sheet per object; totals as numbers equal to the sheets\' totals; formats; frozen header; formulas neutralised', async () => {
    const wb = await workbook(await assessBytes(result, head, meta, 'xlsx'));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['封面', '汇总', '城东支行', '城西支行', '=SUM(A1)(S1)']);
    const cover = wb.getWorksheet('封面')!;
    expect(cover.getCell(1, 1).text).toBe('绩效考核汇总（2024-07）');
    expect(cover.getCell(2, 2).text).toBe('测试农商银行');
    const sum = wb.getWorksheet('汇总')!;
    expect(sum.getRow(1).values).toEqual([undefined, '考核对象', '编号', '名称', '方案版本', '满分', '扣分', '加减分', '总分', '名次']);
    expect(sum.getCell(2, 8).value).toBe(east.total);
    expect(sum.getCell(3, 8).value).toBe(west.total);
    // the formula-looking name stays text, with the apostrophe that keeps Excel from running it
    expect(sum.getCell(4, 3).value).toBe("'=SUM(A1)");
    const s = wb.getWorksheet('城东支行')!;
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(s.getRow(2).values).toEqual([undefined, '考核指标', '单位', '目标', '实际', '完成率', '权重', '得分']);
    const dep = s.getRow(3);
    expect(dep.getCell(3).value).toBe(1_000_000);
    expect(dep.getCell(3).numFmt).toBe('#,##0.00"元"');
    expect(dep.getCell(5).value).toBe(1.1);
    expect(dep.getCell(5).numFmt).toBe('0.00%');
    expect(s.getRow(5).getCell(3).value).toBe('未设目标');
    const totalRow = s.getRows(1, s.rowCount)!.find((r) => r.getCell(1).text === '总分')!;
    expect(totalRow.getCell(7).value).toBe(32.5);
    expect(totalRow.getCell(7).numFmt).toBe('0.00');
  });
});

describe('the ranking', () => {
  // total: 城西 63, 城东 32.5; best 63, average (63 + 32.5) / 2 = 47.75. Gaps (how far behind):
  // 城西 0 and 47.75 − 63 = −15.25; 城东 63 − 32.5 = 30.5 and 47.75 − 32.5 = 15.25. Last period the order was the other way.
  const rows: RankingRow[] = [
    { object: west.object, value: 63, rank: 1, prev_rank: 2, gap_to_best: 0, gap_to_avg: -15.25 },
    { object: east.object, value: 32.5, rank: 2, prev_rank: 1, gap_to_best: 30.5, gap_to_avg: 15.25 },
  ];
  const head = assessHead('ranking', { ...result, sheets: [east, west] }, '测试农商银行', '全行', meta, 'total');

  it('as PDF: rank, gaps, the change of rank and the distribution chart', async () => {
    const pdf = await rankingBytes(rows, 'total', head, meta, 'pdf');
    const text = pdfText(pdf);
    expect(text).toContain('考核排名与对标（2024-07）·总分');
    expect(text).toMatch(/1城西支行63\.000\.00-15\.252↑1/);
    expect(text).toMatch(/2城东支行32\.5030\.5015\.251↓1/);
    // the chart's title and its average line's label are drawn text
    expect(text).toContain('总分·分布');
    expect(text).toContain('平均47.75');
  }, 60_000);

  it('as XLSX in English: the figures as numbers, the rank change signed', async () => {
    const en = { ...meta, lang: 'en' as const };
    const wb = await workbook(await rankingBytes(rows, 'total', assessHead('ranking', result, 'Test bank', 'Whole bank', en, 'total'), en, 'xlsx'));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Cover', 'Total score']);
    const s = wb.getWorksheet('Total score')!;
    expect(s.getRow(1).values).toEqual([undefined, 'Rank', 'ID', 'Name', 'Value', 'Gap to best', 'Gap to average', 'Previous rank', 'Rank change']);
    expect(s.getRow(2).values).toEqual([undefined, 1, 'B2', '城西支行', 63, 0, -15.25, 2, 1]);
    expect(s.getRow(3).values).toEqual([undefined, 2, 'B1', '城东支行', 32.5, 30.5, 15.25, 1, -1]);
  });
});
