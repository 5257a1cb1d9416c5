import { expect, test } from '@playwright/test';
import path from 'node:path';
import { depositTotalAtLatest, fenToWanText } from './exports.js';
import { login, runDir, shot } from './helpers.js';

test('home shows the bank figures, the branch chart and the datasets loaded', async ({ page }) => {
  const deposit = depositTotalAtLatest(path.join(runDir(), 'demo', 'exports'));
  await login(page, 'admin', 'admin123');
  await expect(page.getByTestId('as-of')).toContainText(deposit.date.slice(0, 4));

  const figures = page.getByTestId('figures');
  for (const label of ['各项存款', '存款月日均', '存款偏离度', '各项贷款', '不良率', '信用贷款占比', '逾期贷款', '商户数', '客户数']) {
    await expect(figures.getByText(label, { exact: true })).toBeVisible();
  }
  // Σ 账户余额 at the latest date, summed here from the export file in exact 分
  await expect(page.getByTestId('fig-deposit').getByTestId('figure-value')).toHaveText(fenToWanText(deposit.fen));
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
