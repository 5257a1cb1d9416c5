import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { depositTotalAtLatest, fenToWanText, listFiles } from './exports.js';
import { LONG, LONG_TEST, runDir, shot } from './helpers.js';

// One database walked through a sequence: first run, import, undo. Tests share the page.
// Previews, imports and undo are waited for on the app's own done signal (see LONG).
test.describe.configure({ mode: 'serial', timeout: LONG_TEST });

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
  // the first pick on this page, so the card appears only once the folder is being previewed
  await expect(preview).toHaveAttribute('data-state', 'done', LONG);
  await expect(page.getByTestId('uploading')).toHaveCount(0);
  await expect(preview.locator('.preview-item')).toHaveCount(files.length);

  // the deposit file's rows as counted here from the file itself
  const depositItem = preview.locator('.preview-item', { has: page.getByTestId('dataset-tag').filter({ hasText: '存款分户' }) });
  await expect(depositItem.getByTestId('count-rows')).toHaveText(deposit.rows.toLocaleString('en-US'));
  await depositItem.locator('.el-collapse-item__header').click();
  await expect(depositItem.getByTestId('sample-table')).toBeVisible();
  await shot(page, 'import-preview');

  const commit = page.getByTestId('commit');
  await expect(commit).toBeEnabled();
  await commit.click();
  // one pick, so one job and one progress card; wait for its end, then require a success
  const progress = page.getByTestId('import-progress');
  await expect(progress).toHaveAttribute('data-state', /^(done|failed)$/, LONG);
  await expect(progress).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(page.getByTestId('results-table')).toBeVisible();

  const history = page.getByTestId('history-table');
  await expect(history.getByText('存款分户').first()).toBeVisible();
  await page.getByTestId('import-history').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'import-history');
});

test('a batch with issues lists them in the drawer and downloads them as CSV', async () => {
  const history = page.getByTestId('history-table');
  const row = history.locator('.el-table__body tr', { has: page.getByTestId('view-issues') }).first();
  await expect(row).toBeVisible();
  // columns 7 and 8 are 拒绝 and 警告
  const cells = row.locator('td');
  const issues = Number(await cells.nth(6).innerText()) + Number(await cells.nth(7).innerText());
  expect(issues).toBeGreaterThan(0);
  await row.getByTestId('view-issues').click();

  const drawer = page.locator('.el-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer.locator('.el-table__body tr')).toHaveCount(Math.min(issues, 50));
  const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('download-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true); // Excel needs the BOM to read UTF-8
  expect(text.trim().split(/\r?\n/)).toHaveLength(issues + 1);
  await drawer.locator('.el-drawer__close-btn').click();
  await expect(drawer).toBeHidden();
});

test('the home figures show the imported bank', async () => {
  const deposit = depositTotalAtLatest(exportsDir());
  await page.getByTestId('nav-home').click();
  // the figures are drawn once the summary of the whole imported bank has been computed
  await expect(page.getByTestId('figures')).toBeVisible(LONG);
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
  // the row turns 已撤销 when the undo has committed and the history is read again
  await expect(page.getByTestId('history-table').locator('.el-table__body-wrapper tr').nth(index)).toContainText('已撤销', LONG);

  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('figures').or(page.getByTestId('home-empty'))).toBeVisible(LONG);
  await expect(depositFigure()).not.toHaveText(fenToWanText(deposit.fen));
});

test('a foreign layout is mapped by hand, saved as a profile and previewed again', async () => {
  const dir = path.join(runDir(), 'foreign');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'other_bank_deposits.csv');
  // amounts in 万元: 12 万元 = 120,000.00 元; 0.5 万元 = 5,000.00 元
  // a value that looks like markup must show as text, never run
  fs.writeFileSync(file, 'acct,cust,bal,dt\n<img src=x onerror=window.__xss=1>,C001,12,2024-07-31\nX2,C002,0.5,2024-07-31\n');

  await page.getByTestId('nav-import').click();
  await page.getByTestId('input-files').setInputFiles(file);
  // the earlier folder's items stay on screen until this pick replaces them, so the done signal is
  // this file's own item appearing
  const item = page.locator('.preview-item', { hasText: 'other_bank_deposits.csv' });
  await expect(item).toBeVisible(LONG);
  await expect(item.getByText('未识别')).toBeVisible();
  await expect(page.getByTestId('commit')).toBeDisabled();
  await item.locator('.el-collapse-item__header').click();
  await item.getByRole('button', { name: '手工映射' }).click();

  const dialog = page.getByTestId('mapping-dialog');
  await expect(dialog).toBeVisible();
  const choose = async (select: ReturnType<typeof dialog.locator>, option: string) => {
    await select.click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
  };
  await choose(dialog.getByTestId('mapping-dataset'), '存款分户');
  const rows = dialog.locator('.el-table__body tr');
  await expect(rows).toHaveCount(4);
  for (const [header, key] of [['acct', 'acct_no'], ['cust', 'cust_id'], ['bal', 'balance'], ['dt', 'data_date']]) {
    await choose(rows.filter({ hasText: header }).first().locator('.el-select'), `· ${key}`);
  }
  await dialog.getByText('万元', { exact: true }).click();
  await dialog.locator('input[data-testid=mapping-name], [data-testid=mapping-name] input').fill('他行存款');
  await dialog.getByTestId('mapping-save').click();

  // previewed again with the new profile: the item shows its dataset once that preview is back
  const mapped = page.locator('.preview-item', { hasText: 'other_bank_deposits.csv' });
  await expect(mapped.getByTestId('dataset-tag')).toHaveText('存款分户', LONG);
  await expect(page.getByTestId('import-preview')).toHaveAttribute('data-state', 'done');
  await expect(mapped.getByTestId('count-import')).toHaveText('2');
  const sample = mapped.getByTestId('sample-table');
  await expect(sample.getByText('120,000.00')).toBeVisible();
  await expect(sample.getByText('5,000.00')).toBeVisible();
  await expect(sample.getByText('<img src=x onerror=window.__xss=1>')).toBeVisible();
  expect(await page.evaluate('window.__xss')).toBeUndefined();
  await expect(page.getByTestId('commit')).toBeEnabled();
});
