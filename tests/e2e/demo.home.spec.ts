import { expect, test } from '@playwright/test';
import path from 'node:path';
import { bankHeadline, countText, depositTotalAtLatest, fenToWanText, percentText } from './exports.js';
import { login, runDir, shot } from './helpers.js';

test('home shows the bank figures, the branch chart and the datasets loaded', async ({ page }) => {
  const dir = path.join(runDir(), 'demo', 'exports');
  const deposit = depositTotalAtLatest(dir);
  // every figure worked out from the seed's export files by DATA.md (exports.ts), not by the console
  const h = bankHeadline(dir);
  expect(h.date).toBe(deposit.date);
  await login(page, 'admin', 'admin123');
  const [y, m, d] = h.date.split('-');
  await expect(page.getByTestId('as-of')).toHaveText(`数据日期：${y}年${Number(m)}月${Number(d)}日`);

  const figures = page.getByTestId('figures');
  for (const label of ['各项存款', '存款月日均', '存款偏离度', '各项贷款', '不良率', '信用贷款占比', '逾期贷款', '商户数', '客户数']) {
    await expect(figures.getByText(label, { exact: true })).toBeVisible();
  }
  const value = (id: string) => page.getByTestId(`fig-${id}`).getByTestId('figure-value');
  // Σ 账户余额 at the latest date, summed here from the export file in exact 分
  await expect(value('deposit')).toHaveText(fenToWanText(deposit.fen));
  await expect(value('deposit')).toHaveText(fenToWanText(h.depositFen));
  await expect(value('deposit-avg')).toHaveText(fenToWanText(h.depositAvgFen));
  await expect(value('deviation')).toHaveText(percentText(h.depositFen - h.depositAvgFen, h.depositAvgFen));
  await expect(value('loan')).toHaveText(fenToWanText(h.loanFen));
  await expect(value('npl')).toHaveText(percentText(h.nplFen, h.loanFen));
  await expect(value('credit-ratio')).toHaveText(percentText(h.creditFen, h.loanFen));
  await expect(value('overdue')).toHaveText(fenToWanText(h.overdueFen));
  await expect(value('merchants')).toHaveText(countText(h.merchants));
  await expect(page.getByTestId('fig-merchants')).toContainText(`高质量商户 ${countText(h.highQualityMerchants)}`);
  await expect(value('customers')).toHaveText(countText(h.customers));
  // the deviation is coloured against its 3% threshold
  await expect(page.getByTestId('fig-deviation').locator('.value')).toHaveClass(/sev-(ok|warn|danger)/);

  const chart = page.getByTestId('branch-chart').locator('canvas').first();
  await expect(chart).toBeVisible();
  const box = await chart.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(400);

  const datasets = page.getByTestId('datasets-table');
  await expect(datasets.getByText('存款分户')).toBeVisible();
  await expect(datasets.getByText('贷款借据')).toBeVisible();

  // nothing wider than the 1366×768 window
  // (the page function runs in the browser; the node-side tsconfig has no DOM types)
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow as number).toBeLessThanOrEqual(0);
  await shot(page, 'home');
});
