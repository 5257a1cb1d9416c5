// 明细 (drill-down list) in Chromium at 1366×768: the list behind 各项贷款余额 for the bank adds up
// to the loan total worked out from the seed's export files (exports.ts, not the console); paging
// by "more" reaches every row; the CSV export holds exactly the list; a 支行's list is narrower.
// Screenshots zh-CN and English (looked at).
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { bankHeadline } from './exports.js';
import { login, runDir, shot } from './helpers.js';

async function setLocale(page: Page, locale: 'zh-CN' | 'en') {
  await page.getByTestId('lang').getByText(locale === 'en' ? 'EN' : '中文', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

const ready = (page: Page) => expect(page.getByTestId('drill')).toHaveAttribute('data-state', 'ready');

test('the loans behind 各项贷款余额 add up to it, page by page, and export as listed', async ({ page }) => {
  const h = bankHeadline(path.join(runDir(), 'demo', 'exports'));
  await login(page, 'admin', 'admin123');
  await page.goto(`./#/drill/loans?key=loan_balance&date=${h.date}`);
  await ready(page);
  const total = page.getByTestId('drill-total');
  // the raw total in 元 is Σ 贷款余额 of the latest loan snapshot, summed here in 分 from the files
  expect(Math.round(Number(await total.getAttribute('data-value')) * 100)).toBe(Number(h.loanFen));
  const count = Number((await page.getByTestId('drill-count').textContent())!.replace(/[^\d]/g, ''));
  expect(count).toBeGreaterThan(100);
  await shot(page, 'drill-loans-zh');

  // "more" until the end: every row of the list is shown once
  const rows = page.getByTestId('drill-table').locator('.el-table__body-wrapper tr.el-table__row');
  for (let shown = 50; shown < count; shown += 50) {
    await page.getByTestId('drill-more').click();
    await expect(rows).toHaveCount(Math.min(shown + 50, count));
  }
  await expect(page.getByTestId('drill-end')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('drill-export-csv').click()]);
  const csv = await download.createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  // filter line, total line, header, then one line per loan
  expect(csv.trim().split('\r\n').length - 3).toBe(count);

  await setLocale(page, 'en');
  await ready(page);
  await expect(page.getByTestId('drill-title')).toHaveText('Loans');
  await shot(page, 'drill-loans-en');
  await setLocale(page, 'zh-CN');
});

test('a 支行 list of a category, masked, with its way back to the dashboard', async ({ page }) => {
  const h = bankHeadline(path.join(runDir(), 'demo', 'exports'));
  await login(page, 'admin', 'admin123');
  await page.goto(`./#/drill/deposits?key=deposit_by_kind&cat=${encodeURIComponent('活期')}&date=${h.date}&org=QZ100`);
  await ready(page);
  await expect(page.getByTestId('drill-title')).toHaveText('存款结构(按存款种类) · 活期');
  const branch = Number(await page.getByTestId('drill-total').getAttribute('data-value'));
  expect(branch).toBeGreaterThan(0);
  expect(Math.round(branch * 100)).toBeLessThan(Number(h.depositFen));
  // names are masked: every 客户 cell hides a character
  const names = await page.getByTestId('drill-table').locator('.el-table__body-wrapper tr.el-table__row td:nth-child(3)').allTextContents();
  expect(names.length).toBe(50);
  for (const n of names) expect(n).toContain('*');
  await shot(page, 'drill-deposits-zh');
  await setLocale(page, 'en');
  await ready(page);
  await expect(page.getByTestId('drill-title')).toHaveText('Deposits by kind · Demand');
  await shot(page, 'drill-deposits-en');
  await setLocale(page, 'zh-CN');
  await page.getByTestId('drill-back').click();
  await expect(page).toHaveURL(/#\/dashboards\/deposit\?/);
});
