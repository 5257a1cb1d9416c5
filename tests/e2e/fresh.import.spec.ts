import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { depositTotalAtLatest, fenToWanText, listFiles } from './exports.js';
import { runDir, shot } from './helpers.js';

// One database walked through a sequence: first run, import, undo. Tests share the page.
test.describe.configure({ mode: 'serial' });

const ADMIN_PASSWORD = 'e2e-secret-1';
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});
test.afterAll(async () => {
  await page.close();
});

const exportsDir = () => path.join(runDir(), 'exports');
const depositFigure = () => page.getByTestId('fig-deposit').getByTestId('figure-value');

test('first run asks for an administrator password and then shows an empty home', async () => {
  await page.goto('./');
  const setup = page.getByTestId('setup-form');
  await expect(setup).toBeVisible();
  await setup.locator('input[name=password]').fill(ADMIN_PASSWORD);
  await setup.locator('input[name=confirm]').fill(ADMIN_PASSWORD);
  await setup.getByRole('button').click();
  await expect(page.getByTestId('home-empty')).toBeVisible();
  await expect(page.getByTestId('nav-import')).toBeVisible();
});

test('a folder of exports is previewed with its counts, then imported', async () => {
  const files = listFiles(exportsDir());
  const deposit = depositTotalAtLatest(exportsDir());
  await page.getByTestId('nav-import').click();
  await page.getByTestId('input-folder').setInputFiles(exportsDir());

  const preview = page.getByTestId('import-preview');
  await expect(preview.locator('.preview-item')).toHaveCount(files.length);
  await expect(page.getByTestId('uploading')).toHaveCount(0);

  // the deposit file's rows as counted here from the file itself
  const depositItem = preview.locator('.preview-item', { has: page.getByTestId('dataset-tag').filter({ hasText: '存款分户' }) });
  await expect(depositItem.getByTestId('count-rows')).toHaveText(deposit.rows.toLocaleString('en-US'));
  await depositItem.locator('.el-collapse-item__header').click();
  await expect(depositItem.getByTestId('sample-table')).toBeVisible();
  await shot(page, 'import-preview');

  const commit = page.getByTestId('commit');
  await expect(commit).toBeEnabled();
  await commit.click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('results-table')).toBeVisible();

  const history = page.getByTestId('history-table');
  await expect(history.getByText('存款分户').first()).toBeVisible();
  await history.scrollIntoViewIfNeeded();
  await shot(page, 'import-history');
});

test('the home figures show the imported bank', async () => {
  const deposit = depositTotalAtLatest(exportsDir());
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('figures')).toBeVisible();
  await expect(depositFigure()).toHaveText(fenToWanText(deposit.fen));
  await expect(page.getByTestId('branch-chart').locator('canvas').first()).toBeVisible();
});

test('undoing the deposit batch takes the deposits off the home page', async () => {
  const deposit = depositTotalAtLatest(exportsDir());
  await page.getByTestId('nav-import').click();
  const row = page.getByTestId('history-table').locator('.el-table__body tr', { hasText: '存款分户' }).first();
  await expect(row.getByText('已导入')).toBeVisible();
  // the fixed right column is rendered as a second table: take the button from the row at that index
  const index = await page.getByTestId('history-table').locator('.el-table__body-wrapper tr').evaluateAll(
    (trs) => trs.findIndex((tr) => tr.textContent?.includes('存款分户')),
  );
  await page.getByTestId('history-table').locator('.el-table__body-wrapper tr').nth(index).getByTestId('undo').click();
  await page.locator('.el-message-box').getByRole('button', { name: '撤销' }).click();
  await expect(page.getByTestId('history-table').locator('.el-table__body-wrapper tr').nth(index)).toContainText('已撤销');

  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('figures').or(page.getByTestId('home-empty'))).toBeVisible();
  await expect(depositFigure()).not.toHaveText(fenToWanText(deposit.fen));
});
