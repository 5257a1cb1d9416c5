// The hand-written dashboard (fixture-spec.ts) rendered to both formats and read back: exceljs
// for the workbook, poppler for the PDF. Expected texts are worked out by hand from the fixture.
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DashboardSpec } from '../../../shared/dashboard.js';
import { chartSvg } from '../../../electron/core/documents/chart-svg.js';
import { findCjkFont, FONT_ENV, NoCjkFontError } from '../../../electron/core/documents/font.js';
import { printChange, printValue, wanText } from '../../../electron/core/documents/format.js';
import { dashboardPdf } from '../../../electron/core/documents/pdf.js';
import { dashboardXlsx, sheetName } from '../../../electron/core/documents/xlsx.js';
import { FIXTURE_META, FIXTURE_SPEC } from './fixture-spec.js';
import { pdfFonts, pdfLines, pdfPages, pdfText } from './poppler.js';

const chartTitles = FIXTURE_SPEC.charts.map((c) => c.title);

describe('the workbook', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await dashboardXlsx(FIXTURE_SPEC, FIXTURE_META)) as unknown as ArrayBuffer);
  });

  it('has a cover, the KPIs, then one sheet per chart in order', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['封面', '主要指标', ...chartTitles]);
  });

  it('says on the cover what, whose, which date and base, who and when', () => {
    const cover = wb.getWorksheet('封面')!;
    const pairs = Object.fromEntries([1, 2, 3, 4, 5, 6].map((r) => [cover.getCell(r, 1).text, cover.getCell(r, 2).text]));
    expect(pairs).toEqual({
      标题: '经营总览',
      范围: '机构：城东支行 (B1)',
      数据日期: '2024-07-31',
      比较基准日: '2024-06-30',
      导出人: '张行长',
      // 2024-08-01 02:03:04 UTC is 10:03:04 in Beijing (UTC+8)
      导出时间: '2024-08-01 10:03:04（北京时间）',
    });
  });

  it('keeps the KPIs as numbers: money in 元 under a 元 format, ratios unrounded under %', () => {
    const s = wb.getWorksheet('主要指标')!;
    expect(s.getRow(1).values).toEqual([undefined, '指标', '单位', '数值', '基准日数值', '较基准变动', '考核目标期间', '考核目标', '目标完成率']);
    const dep = s.getRow(2);
    expect(dep.getCell(1).value).toBe('各项存款余额');
    expect(dep.getCell(3).value).toBe(123456789.01);
    expect(dep.getCell(3).numFmt).toBe('#,##0.00"元"');
    expect(dep.getCell(5).value).toBe(3456789.01);
    expect(dep.getCell(6).value).toBe('2024-07');
    expect(dep.getCell(8).value).toBe(0.8230452600666667);
    expect(dep.getCell(8).numFmt).toBe('0.00%');
    const npl = s.getRow(3);
    expect(npl.getCell(3).value).toBe(0.0123456);
    expect(npl.getCell(3).numFmt).toBe('0.00%');
    expect(s.getRow(4).getCell(3).numFmt).toBe('#,##0');
    // no figure (denominator 0) stays an empty cell, not a 0
    expect(s.getRow(5).getCell(3).value).toBeNull();
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('gives each chart its numbers, frozen header, widths, and neutralises formula-like text', () => {
    const s = wb.getWorksheet('各机构存款余额')!;
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(s.getRow(1).values).toEqual([undefined, '项目', '存款余额（元）', '存款偏离度']);
    expect(s.getRow(2).values).toEqual([undefined, '城东分理处', 56789012.34, 0.0321]);
    expect(s.getRow(3).getCell(3).numFmt).toBe('0.00%');
    // the third org is named like a formula: kept as text with the apostrophe, never a formula
    const evil = s.getRow(4).getCell(1);
    expect(evil.value).toBe("'=SUM(A1)");
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    // a Chinese header of 8 characters needs about 16 character widths
    expect(s.getColumn(2).width).toBeGreaterThanOrEqual(16);
  });

  it('lays out a matrix by its rows and columns, the threshold under its chart, an empty chart as its sentence', () => {
    const m = wb.getWorksheet('五级分类迁徙矩阵')!;
    expect(m.getRow(1).values).toEqual([undefined, undefined, '正常（元）', '关注（元）', '结清（元）']);
    expect(m.getRow(4).values).toEqual([undefined, '新发放', 4500000, 0, 0]);
    const dev = wb.getWorksheet('客户经理存款偏离度')!;
    expect(dev.getRow(6).values).toEqual([undefined, '偏离度阈值', 0.03]);
    const empty = wb.getWorksheet('收单交易金额（按日）')!;
    expect(empty.getCell(2, 1).value).toBe('该日期尚未导入收单交易数据。');
  });
});

describe('the PDF', () => {
  let pdf: Buffer;
  const warnings: string[] = [];
  beforeAll(async () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void warnings.push(a.join(' ')));
    pdf = await dashboardPdf(FIXTURE_SPEC, FIXTURE_META);
    spy.mockRestore();
  }, 60_000);

  it('repeats the title block and numbers every page 第 n 页 / 共 m 页', () => {
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= pages; p++) {
      const t = pdfText(pdf, p);
      expect(t.startsWith('经营总览范围：机构：城东支行(B1)数据日期：2024-07-31比较基准日：2024-06-30导出人：张行长导出时间：2024-08-0110:03:04（北京时间）')).toBe(true);
      expect(t).toContain(`第${p}页/共${pages}页`);
    }
  });

  it('prints the KPIs as figures: 万元 from integer 分, % with 2 decimals, changes signed', () => {
    const t = pdfLines(pdf);
    // 123,456,789.01 元 = 12,345.6789 万元; change 3,456,789.01 元 = +345.68 万元; completion 82.30%
    expect(t).toContain('各项存款余额12,345.68万元12,000.00+345.6882.30%');
    // 0.0123456 → 1.23%; base 1.33%; change −0.001 → −0.10 个百分点
    expect(t).toContain('不良贷款率1.23%%1.33%-0.10个百分点—'); // no target: —
    expect(t).toContain('城东分理处5,678.903.21%'); // 56,789,012.34 元; 0.0321
    expect(t).toContain('城西分理处6,666.78-1.50%'); // 66,667,776.67 元 → 6,666.777667 万元
    expect(t).toContain('新发放450.000.000.00'); // 4,500,000 元
    expect(t).toContain('偏离度阈值：3.00%');
  });

  it('draws the charts with Chinese text: labels only the SVG carries come out as text', () => {
    const t = pdfText(pdf);
    // the pie's labels are ECharts' own: 40,000,000 ÷ 123,456,789.01 = 32.4%, 80 M → 64.8%, 3.46 M → 2.8%
    expect(t).toContain('活期32.4%');
    expect(t).toContain('定期64.8%');
    expect(t).toContain('通知存款2.8%');
    // the threshold's label on the horizontal bars (the table writes it with a colon)
    expect(t).toContain('偏离度阈值3.00%');
    // every SVG text found its font: SVG-to-PDFKit warns when it cannot open one
    expect(warnings.filter((w) => /font/i.test(w))).toEqual([]);
  });

  it('draws labels without the white halo SVG-to-PDFKit would paint over them', () => {
    // ECharts strokes pie labels white under the fill (paint-order); the PDF would stroke over it
    const svg = chartSvg(FIXTURE_SPEC.charts.find((c) => c.kind === 'pie')!, 'zh')!.svg;
    const label = /<text[^>]*>活期 32\.4%<\/text>/.exec(svg)?.[0] ?? '';
    expect(label).toContain('fill="#333"');
    expect(label).not.toMatch(/paint-order|stroke=/);
  });

  it('prints the empty chart as its sentence', () => {
    expect(pdfText(pdf)).toContain('收单交易金额（按日）该日期尚未导入收单交易数据。');
  });

  it('embeds one font, a subset of the CJK face, for the text and the charts alike', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ embedded: true, subset: true });
    expect(fonts[0].name).toMatch(/^[A-Z]{6}\+/);
    expect(fonts[0].name).toContain(findCjkFont().face ?? '');
  });

  it('speaks English when asked', async () => {
    const en = await dashboardPdf({ ...FIXTURE_SPEC, charts: [] }, { ...FIXTURE_META, lang: 'en' });
    const t = pdfText(en);
    expect(t).toContain('Scope:Org:城东支行(B1)');
    expect(t).toContain('Page1of1');
    expect(t).toContain('-0.10pp');
  }, 60_000);

  it('says what the whole dashboard lacks when the date has no data', async () => {
    const blank: DashboardSpec = { ...FIXTURE_SPEC, kpis: [], charts: [], empty: '2024-08-01 没有任何数据。' };
    expect(pdfText(await dashboardPdf(blank, FIXTURE_META))).toContain('2024-08-01没有任何数据。');
  }, 60_000);
});

describe('the CJK font', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('fails with a sentence naming where it looked when no font exists', () => {
    expect(() => findCjkFont([{ file: '/nowhere/msyh.ttc', face: 'MicrosoftYaHei' }], {})).toThrow(NoCjkFontError);
    expect(() => findCjkFont([{ file: '/nowhere/msyh.ttc', face: 'MicrosoftYaHei' }], {})).toThrow(/本机没有可用的中文字体.*\/nowhere\/msyh\.ttc/);
  });

  it('takes the font the environment names, and refuses one that is not there', () => {
    const real = findCjkFont();
    expect(findCjkFont([], { [FONT_ENV]: `${real.file}#${real.face}` })).toEqual(real);
    expect(() => findCjkFont([real], { [FONT_ENV]: '/nowhere/x.ttf' })).toThrow(/\/nowhere\/x\.ttf/);
  });
});

describe('printing figures', () => {
  it('rounds 万元 half away from zero on integer 分', () => {
    expect(wanText(6150)).toBe('0.62'); // 615,000 分 ÷ 10,000 = 61.5 → 62
    expect(wanText(-6150)).toBe('-0.62');
    expect(wanText(6149.99)).toBe('0.61');
    expect(printValue(0.00005, 'ratio')).toBe('0.01%');
    expect(printChange(0.0015, 'ratio', 'zh')).toBe('+0.15个百分点');
    expect(printValue(null, 'yuan')).toBe('—');
  });

  it('names sheets within Excel rules', () => {
    const taken = new Set<string>();
    expect(sheetName('贷款/存款[比]', taken)).toBe('贷款_存款_比_');
    expect(sheetName('贷款/存款[比]', taken)).toBe('贷款_存款_比_(2)');
    expect(sheetName('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二', taken)).toHaveLength(31);
  });
});
