// 对账 on the demo bank: official figures entered and imported, compared with the console's. The
// expected console figures are worked out from the export files (scope-files.ts), never read back
// from the console. The test deletes what it entered, so the demo bank is as before.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { depositTotalAtLatest } from './exports.js';
import { login, runDir, shot } from './helpers.js';
import { customers, depositFenOf, orgs, subtreeOf } from './scope-files.js';

const dir = () => path.join(runDir(), 'demo', 'exports');

/** 分 → the 元 text typed into the form and shown in the table: "1,234,567.89". */
const yuanText = (fen: bigint) => {
  const a = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${(a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(a % 100n).toString().padStart(2, '0')}`;
};

async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: text }).first().click();
}

async function enter(page: Page, org: string, indicator: string, value: string, source: string) {
  await pick(page, 'reconcile-org', `（${org}）`);
  await pick(page, 'reconcile-indicator', indicator);
  await page.getByTestId('reconcile-value').fill(value);
  await page.getByTestId('reconcile-source').fill(source);
  await page.getByTestId('reconcile-enter').click();
}

const status = (page: Page, org: string, key: string) => page.getByTestId(`reconcile-status-${org}-${key}`);

test('official figures entered and imported are compared with the console: equal to the 分, 0.01 元 off, a bad sheet named by row and column', async ({ page }) => {
  const all = orgs(dir());
  const custs = customers(dir());
  const branches = all.filter((o) => o.level === '支行').slice(0, 2);
  const [a, b] = branches.map((o) => ({ ...o, fen: depositFenOf(dir(), subtreeOf(all, o.id), custs) }));
  const { date } = depositTotalAtLatest(dir());

  await login(page, 'admin', 'admin123');
  await page.goto(`./#/reconcile?date=${date}`);
  await expect(page.getByTestId('reconcile')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('reconcile-empty')).toBeVisible();

  // A's report equals the files' sum; B's is one 分 short, so the console is 0.01 元 above it
  await enter(page, a.id, '各项存款余额', yuanText(a.fen), '报表平台');
  await expect(status(page, a.id, 'deposit_balance')).toHaveAttribute('data-status', 'match');
  await enter(page, b.id, '各项存款余额', yuanText(b.fen - 1n), '报表平台');
  await expect(status(page, b.id, 'deposit_balance')).toHaveAttribute('data-status', 'differ');
  await expect(page.getByTestId(`reconcile-diff-${b.id}-deposit_balance`)).toHaveAttribute('data-value', '0.01');
  await expect(page.getByTestId(`reconcile-diff-${b.id}-deposit_balance`)).toHaveText('+0.01');
  await expect(page.getByTestId(`reconcile-console-${a.id}-deposit_balance`)).toHaveText(yuanText(a.fen));

  // a sheet with an unknown indicator in row 3 is refused whole
  const file = page.getByTestId('reconcile-file');
  await file.setInputFiles({ name: '1104.csv', mimeType: 'text/csv', buffer: Buffer.from(`机构号,指标,数值\n${a.id},不良贷款率,1.23%\n${a.id},存款总额,5\n`) });
  await expect(page.getByTestId('reconcile-upload-error')).toContainText('1104.csv 第 3 行 “指标”列：未知指标“存款总额”');
  await expect(status(page, a.id, 'npl_ratio')).toHaveCount(0);
  // the same without the bad row: the ratio is kept as the report wrote it
  await file.setInputFiles({ name: '1104.csv', mimeType: 'text/csv', buffer: Buffer.from(`机构号,指标,数值\n${a.id},不良贷款率,1.23%\n`) });
  await expect(status(page, a.id, 'npl_ratio')).toBeVisible();
  await expect(page.getByTestId('reconcile-table').locator('.el-table__body-wrapper tr', { hasText: '1.23%' })).toHaveCount(1);
  // differing rows first
  await expect(page.getByTestId('reconcile-table').locator('.el-table__body-wrapper tr').first()).toHaveClass(/status-differ/);
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow as number).toBeLessThanOrEqual(0);
  // the import's confirmation has gone: it covers the top bar
  await expect(page.locator('.el-message')).toHaveCount(0);
  await shot(page, 'reconcile-zh');
  await page.getByTestId('lang').getByText('EN', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(status(page, a.id, 'deposit_balance')).toHaveText('Matches');
  await shot(page, 'reconcile-en');
  await page.getByTestId('lang').getByText('中文', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // clean up through the screen: delete each figure entered (B's after its drill, below)
  for (const key of [`${a.id}-npl_ratio`, `${a.id}-deposit_balance`]) {
    await page.getByTestId(`reconcile-remove-${key}`).click();
    await page.getByRole('dialog').getByRole('button', { name: /确定|OK/ }).click();
    await expect(page.getByTestId(`reconcile-status-${key}`)).toHaveCount(0);
  }

  // the drill link opens the list of the rows behind the console's figure, whose total is B's sum
  // of the files (the link narrows the console to B, as a dashboard's drill does)
  await page.getByTestId(`reconcile-drill-${b.id}-deposit_balance`).click();
  await expect(page).toHaveURL(/#\/drill\/deposits\?.*key=deposit_balance/);
  await expect(page).toHaveURL(new RegExp(`[?&]date=${date}(&|$)`));
  await expect(page.getByTestId('drill-total')).toHaveAttribute('data-value', String(Number(b.fen) / 100));
  await page.goBack();
  await expect(page.getByTestId('reconcile')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId(`reconcile-remove-${b.id}-deposit_balance`).click();
  await page.getByRole('dialog').getByRole('button', { name: /确定|OK/ }).click();
  await expect(page.getByTestId('reconcile-empty')).toBeVisible();
});
