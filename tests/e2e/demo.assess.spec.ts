// 考核表, 排名与对标 and 业务通报 on the demo bank: a period's sheets open, a sheet's XLSX and PDF read
// back (its total cell is the total the screen shows), the ranking drawn, the bulletin's PDF from
// its button carrying the bank's deposits as the export files sum them (exports.ts, not the console),
// and the period's book PDF from its button (made in its worker) page by page against the API's sheets.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { depositTotalAtLatest, fenToWanText } from './exports.js';
import { login, runDir, shot } from './helpers.js';

const exportsDir = () => path.join(runDir(), 'demo', 'exports');
const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

test('考核表 of 2024-07: a sheet opened, exported as XLSX and PDF and read back; ranking; bulletin PDF; screenshots zh/en', async ({ page }, info) => {
  await login(page, 'admin', 'admin123');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./#/assess/sheets?period=2024-07&type=org');
  const pageEl = page.getByTestId('assess-page');
  await expect(pageEl).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(pageEl).toHaveAttribute('data-period', '2024-07');
  // the first 支行-like row of the list (the head office is first; take the second row)
  const rows = page.getByTestId('assess-list').locator('.el-table__body tr');
  await rows.nth(1).click();
  const sheet = page.getByTestId('assess-sheet');
  await expect(sheet).toBeVisible();
  const total = Number(await sheet.getAttribute('data-total'));
  await expect(page.getByTestId('assess-sheet-total')).toHaveText(total.toFixed(2));

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('assess-export-sheet-xlsx').click()]);
  const xfile = info.outputPath('sheet.xlsx');
  await xlsx.saveAs(xfile);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xfile);
  expect(wb.worksheets[0].name).toBe('封面');
  const ws = wb.worksheets[1];
  const totalRow = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).text === '总分')!;
  expect(totalRow.getCell(7).value).toBe(total);

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('assess-export-sheet-pdf').click()]);
  const pfile = info.outputPath('sheet.pdf');
  await pdf.saveAs(pfile);
  const text = pdfText(pfile);
  expect(text).toContain('绩效考核表（2024-07）');
  expect(text).toContain(`总分：${total.toFixed(2)}`);
  await shot(page, 'assess-sheets-zh');
  await page.getByTestId('lang').getByText('EN', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(pageEl).toHaveAttribute('data-state', 'ready');
  await shot(page, 'assess-sheets-en');
  await page.getByTestId('lang').getByText('中文', { exact: true }).click();

  await page.goto('./#/assess/ranking?period=2024-07&type=org');
  await expect(page.getByTestId('ranking-page')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('ranking-table').locator('.el-table__body tr').first()).toBeVisible();
  await shot(page, 'assess-ranking-zh');

  const { date, fen } = depositTotalAtLatest(exportsDir());
  await page.goto(`./#/bulletin?date=${date}`);
  await expect(page.getByTestId('bulletin-page')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await shot(page, 'assess-bulletin-zh');
  const [bull] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-pdf').click()]);
  const bfile = info.outputPath('bulletin.pdf');
  await bull.saveAs(bfile);
  const btext = pdfText(bfile);
  expect(btext).toContain(`业务通报（${date}）`);
  expect(btext).toContain(`各项存款余额${fenToWanText(fen)}万元`);
});

test('the period\'s book as PDF from its button: the summary, then every object on its own page in the book\'s order with its total, numbered over the book', async ({ page }, info) => {
  await login(page, 'admin', 'admin123');
  await page.goto('./#/assess/sheets?period=2024-07&type=org');
  await expect(page.getByTestId('assess-page')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  // what the book should hold: the sheets the API gives the same user for the same period
  type Book = { sheets: { object: { type: string; id: string; name: string }; total: number }[] };
  const book = await page.evaluate(async () => {
    const r = await fetch('./api/assess?period=2024-07&all=1', { headers: { Authorization: `Bearer ${sessionStorage.getItem('bc.token')}` } });
    if (!r.ok) throw new Error(`GET /api/assess: ${r.status}`);
    return (await r.json()) as Book;
  });
  expect(book.sheets.length).toBeGreaterThan(1);

  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('assess-export-book-pdf').click()]);
  const file = info.outputPath('book.pdf');
  await dl.saveAs(file);
  // pdftotext ends every page with a form feed
  const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1).map((p) => p.replace(/\s+/g, ''));
  const n = pages.length;
  expect(n).toBeGreaterThan(book.sheets.length);
  pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain(`第${i + 1}页/共${n}页`));
  expect(pages[0]).toContain('绩效考核汇总（2024-07）');
  // each object's sheet starts a page after the previous one's (the first after the summary) and
  // carries the API's total
  let from = 1;
  for (const s of book.sheets) {
    const type = s.object.type === 'org' ? '机构' : '员工';
    const at = pages.findIndex((p, i) => i >= from && p.includes(`${s.object.name}（${s.object.id}）·${type}`));
    expect(at, `${s.object.id}'s page`).toBeGreaterThanOrEqual(from);
    expect(pages[at]).toContain(`总分：${s.total.toFixed(2)}`);
    from = at + 1;
  }
});
