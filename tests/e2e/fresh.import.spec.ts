import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { depositTotalAtLatest, fenToWanText, findTable, listFiles } from './exports.js';
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

test('a batch with issues lists them in the drawer, whose counts agree with its rows, the CSV and the history', async () => {
  const history = page.getByTestId('history-table');
  const row = history.locator('.el-table__body tr', { has: page.getByTestId('view-issues') }).first();
  await expect(row).toBeVisible();
  // columns 8 and 9 are 拒绝 and 警告: rows, as the import counted them
  const cells = row.locator('td');
  const rejectedRows = Number((await cells.nth(7).innerText()).replace(/,/g, ''));
  const warnedRows = Number((await cells.nth(8).innerText()).replace(/,/g, ''));
  expect(rejectedRows + warnedRows).toBeGreaterThan(0);
  await row.getByTestId('view-issues').click();

  const drawer = page.locator('.el-drawer');
  await expect(drawer).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('download-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true); // Excel needs the BOM to read UTF-8
  // the CSV, read here on its own: one line per issue; distinct file rows per level
  const lines = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim()).data.slice(1);
  const rowsAt = (level: string) => new Set(lines.filter((l) => l[4] === level && l[1] !== '').map((l) => l[1])).size;
  expect(rowsAt('拒绝')).toBe(rejectedRows);
  expect(rowsAt('警告')).toBe(warnedRows);
  // the drawer: its counts and its pager say what its rows are
  await expect(drawer.getByTestId('issues-counts')).toContainText(`拒绝 ${rejectedRows.toLocaleString('en-US')} 行`);
  await expect(drawer.getByTestId('issues-counts')).toContainText(`警告 ${warnedRows.toLocaleString('en-US')} 行`);
  await expect(drawer.getByTestId('issues-counts')).toContainText(`共 ${lines.length.toLocaleString('en-US')} 条问题`);
  await expect(drawer.locator('.el-pagination__total')).toContainText(String(lines.length));
  await expect(drawer.locator('.el-table__body tr')).toHaveCount(Math.min(lines.length, 50));
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
  await expect(page.getByTestId('figures')).toBeVisible(LONG);
  // the export folder has one deposit file, so its batch held every deposit row: none is left
  expect(listFiles(exportsDir()).filter((f) => /^deposit_/.test(path.basename(f)))).toHaveLength(1);
  expect(deposit.fen).toBeGreaterThan(0n);
  await expect(depositFigure()).toHaveText(fenToWanText(0n));
});

test('a file already imported previews as the same as the data, with its unchanged count', async () => {
  // the org export was imported above and has not changed since: every row is unchanged
  const org = findTable(exportsDir(), ['机构号']);
  await page.getByTestId('nav-import').click();
  await page.getByTestId('input-files').setInputFiles(org.file);
  const item = page.locator('.preview-item', { hasText: path.basename(org.file) });
  await expect(item.getByTestId('unchanged-tag')).toHaveText('与已导入数据相同，无需导入', LONG);
  await expect(item.getByTestId('count-unchanged')).toHaveText(org.rows.length.toLocaleString('en-US'));
  await expect(item.getByTestId('count-import')).toHaveText('0');
  await page.getByTestId('import-clear').click();
});

test('a foreign layout is mapped by hand with the advanced fields, saved as a profile, previewed again and imported', async () => {
  const dir = path.join(runDir(), 'foreign');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'other_bank_deposits.csv');
  // amounts in 万元: 12 万元 = 120,000.00 元; 0.5 万元 = 5,000.00 元; dates YYMMDD (240731 = 2024-07-31);
  // status codes 1/3 mean 正常/久悬 through the value codes. A value that looks like markup must
  // show as text, never run. Neither customer is in the demo bank: two unknown references.
  fs.writeFileSync(file, 'acct,cust,bal,dt,st\n<img src=x onerror=window.__xss=1>,NOBODY-1,12,240731,1\nX2,NOBODY-2,0.5,240731,3\n');

  await page.getByTestId('nav-import').click();
  await page.getByTestId('input-files').setInputFiles(file);
  const item = page.locator('.preview-item', { hasText: 'other_bank_deposits.csv' });
  await expect(item).toBeVisible(LONG);
  await expect(item.getByText('未识别')).toBeVisible();
  await expect(page.getByTestId('commit')).toBeDisabled();
  await item.locator('.el-collapse-item__header').click();
  await item.getByRole('button', { name: '手工映射' }).click();

  const dialog = page.getByTestId('mapping-dialog');
  await expect(dialog).toBeVisible();
  // an option by a part of its label, or a RegExp for the whole of it (YYMMDD is also in YYYYMMDD)
  const choose = async (select: ReturnType<typeof dialog.locator>, option: string | RegExp) => {
    await select.click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
    // a multiple select stays open: a click on the dialog's title closes it (Escape would close the dialog)
    await dialog.locator('.el-dialog__header').click();
    await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0);
  };
  await choose(dialog.getByTestId('mapping-dataset'), '存款分户');
  const rows = dialog.getByTestId('mapping-columns').locator('.el-table__body tr');
  await expect(rows).toHaveCount(5);
  for (const [header, key] of [['acct', 'acct_no'], ['cust', 'cust_id'], ['bal', 'balance'], ['dt', 'data_date'], ['st', 'status']]) {
    // the row whose header cell is exactly this name ('st' is also in 'cust')
    const row = rows.filter({ has: page.locator('td:first-child').getByText(header, { exact: true }) });
    await choose(row.locator('.el-select'), `· ${key}`);
  }
  await dialog.getByTestId('mapping-unit').getByText('万元', { exact: true }).click();
  await dialog.locator('input[data-testid=mapping-name], [data-testid=mapping-name] input').fill('他行存款');
  await dialog.getByTestId('mapping-advanced').locator('.el-collapse-item__header').click();
  await choose(dialog.getByTestId('mapping-date-data_date'), /^\s*YYMMDD\s*$/);
  // el-input hands data-testid to its textarea
  await dialog.locator('textarea[data-testid=mapping-values-status], [data-testid=mapping-values-status] textarea').fill('1=正常\n3=久悬');
  await shot(page, 'import-mapping-advanced');
  await dialog.getByTestId('mapping-save').click();

  // previewed again with the new profile: the item shows its dataset once that preview is back
  const mapped = page.locator('.preview-item', { hasText: 'other_bank_deposits.csv' });
  await expect(mapped.getByTestId('dataset-tag')).toHaveText('存款分户', LONG);
  await expect(page.getByTestId('import-preview')).toHaveAttribute('data-state', 'done');
  await expect(mapped.getByTestId('count-import')).toHaveText('2');
  await expect(mapped.getByTestId('preview-unknown-refs')).toContainText('2 行指向未导入的客户');
  const sample = mapped.getByTestId('sample-table');
  await expect(sample.getByText('120,000.00')).toBeVisible();
  await expect(sample.getByText('5,000.00')).toBeVisible();
  await expect(sample.getByText('久悬')).toBeVisible();
  await expect(sample.getByText('2024-07-31').first()).toBeVisible();
  await expect(sample.getByText('<img src=x onerror=window.__xss=1>')).toBeVisible();
  expect(await page.evaluate('window.__xss')).toBeUndefined();
  await shot(page, 'import-preview-mapped');

  await page.getByTestId('commit').click();
  const progress = page.getByTestId('import-progress');
  await expect(progress).toHaveAttribute('data-state', /^(done|failed)$/, LONG);
  await expect(progress).toHaveAttribute('data-state', 'done');
  await expect(progress.getByTestId('result-refs')).toHaveText('2');
  await expect(progress.getByTestId('result-refs-text')).toContainText('2 行指向未导入的客户');
  await progress.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'import-result-refs');
  await page.getByTestId('lang').getByText('EN').click();
  await expect(progress.getByTestId('result-refs-text')).toContainText('2 rows name a customer not imported');
  await shot(page, 'import-result-refs-en');

  // the mapping dialog's fields in English: another file nobody recognises
  const other = path.join(dir, 'other_bank_loans.csv');
  fs.writeFileSync(other, 'loan_id,account_id,date,amount,status\nL1,NOBODY-1,930705,1000,A\n');
  await page.getByTestId('input-files').setInputFiles(other);
  const loanItem = page.locator('.preview-item', { hasText: 'other_bank_loans.csv' });
  await expect(loanItem).toBeVisible(LONG);
  await loanItem.locator('.el-collapse-item__header').click();
  await loanItem.getByTestId('manual-map').click();
  await expect(dialog).toBeVisible();
  await choose(dialog.getByTestId('mapping-dataset'), 'Loans');
  const loanRows = dialog.getByTestId('mapping-columns').locator('.el-table__body tr');
  for (const [header, key] of [['date', 'issue_date'], ['status', 'class5']]) {
    const row = loanRows.filter({ has: page.locator('td:first-child').getByText(header, { exact: true }) });
    await choose(row.locator('.el-select'), key); // in English an option is its key
  }
  await dialog.getByTestId('mapping-advanced').locator('.el-collapse-item__header').click();
  await expect(dialog.getByText('Value codes', { exact: true })).toBeVisible();
  await shot(page, 'import-mapping-advanced-en');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('lang').getByText('中文', { exact: true }).click();
});
