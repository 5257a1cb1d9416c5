// Data scope (数据权限) in the demo bank: the 行长 of 鲤城支行 sees 鲤城 only, the head office
// narrows the whole bank with the scope picker (kept in the URL from page to page), and the demo
// 客户经理 sees the customers they manage. Every expected figure is worked out from the export
// files (scope-files.ts), not read from the console.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { fenToWanText } from './exports.js';
import { login, runDir, shot } from './helpers.js';
import { customers, demoManagerOf, depositFenOf, orgs, subtreeOf } from './scope-files.js';

const BRANCH = 'QZ100'; // 鲤城支行, where the demo 行长, 大堂经理 and 客户经理 work
const dir = () => path.join(runDir(), 'demo', 'exports');

function branchFigures() {
  const all = orgs(dir());
  const sub = subtreeOf(all, BRANCH);
  const custs = customers(dir());
  return { all, sub, custs, name: all.find((o) => o.id === BRANCH)!.name, depositFen: depositFenOf(dir(), sub, custs) };
}

const depositShown = (page: Page) => page.getByTestId('fig-deposit').getByTestId('figure-value');

test('the 行长 of 鲤城支行 sees 鲤城’s figures and customers, and another branch’s customer is not found', async ({ page }) => {
  const b = branchFigures();
  await login(page, 'hangzhang', 'demo123');
  await expect(page.getByTestId('scope-picker')).toContainText(b.name);
  await expect(depositShown(page)).toHaveText(fenToWanText(b.depositFen));
  // no whole-bank counts for a branch: the datasets table shows freshness only
  await expect(page.getByTestId('datasets-table')).toContainText('—');

  const other = b.custs.find((c) => !b.sub.has(c.org))!;
  await page.getByTestId('topbar-search').click();
  await page.getByTestId('search-input').fill(other.id);
  await expect(page.getByTestId('search-none')).toBeVisible();
  await expect(page.getByTestId('search-result')).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.goto(`./#/customers/${other.id}`);
  await expect(page.getByTestId('customer-360')).toContainText('不存在');
});

test('the head office narrows to a branch with the picker; the URL keeps it from page to page', async ({ page }) => {
  const b = branchFigures();
  await login(page, 'admin', 'admin123');
  const picker = page.getByTestId('scope-picker');
  await expect(picker).toContainText('全行');
  await picker.click();
  const popper = page.locator('.scope-picker-popper');
  await expect(popper.getByText(b.name, { exact: true })).toBeVisible();
  await shot(page, 'scope-picker-open');
  await popper.getByText(b.name, { exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`[?&]org=${BRANCH}$`));
  await expect(picker).toContainText(b.name);
  await expect(depositShown(page)).toHaveText(fenToWanText(b.depositFen));
  // the chart compares the 分理处 under 鲤城 now
  await expect(page.getByText('下属机构存贷款余额（万元）')).toBeVisible();
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow as number).toBeLessThanOrEqual(0);
  await shot(page, 'scope-home-zh');

  // the menu links carry no query: the scope stays anyway, and the gap list counts 鲤城's customers
  await page.getByTestId('nav-gaps').click();
  await expect(page).toHaveURL(new RegExp(`#/gaps\\?org=${BRANCH}$`));
  const inBranch = b.custs.filter((c) => b.sub.has(c.org)).length;
  await expect(page.getByTestId('gap-total')).toHaveText(`共 ${inBranch.toLocaleString('en-US')} 户`);

  await page.getByTestId('nav-home').click();
  await page.getByTestId('lang').getByText('EN').click();
  await expect(picker).toContainText(b.name);
  await expect(page.getByText('Deposits and loans of the orgs below (10k CNY)')).toBeVisible();
  await shot(page, 'scope-home-en');
  await picker.click();
  await expect(popper.getByText('Whole bank', { exact: true })).toBeVisible();
  await shot(page, 'scope-picker-open-en');
  await popper.getByText('Whole bank', { exact: true }).click();
  await expect(page).toHaveURL(/#\/home$/);
  await page.getByTestId('lang').getByText('中文').click();
});

test('the demo 客户经理 sees only the customers they manage', async ({ page }) => {
  const b = branchFigures();
  const staff = await demoManagerOf(dir(), BRANCH, b.custs);
  const mine = b.custs.filter((c) => c.manager === staff && b.sub.has(c.org)).length;
  await login(page, 'jingli', 'demo123');
  await expect(page.getByTestId('scope')).toContainText('我管户的客户');
  await page.getByTestId('nav-gaps').click();
  await expect(page.getByTestId('gap-total')).toHaveText(`共 ${mine.toLocaleString('en-US')} 户`);
});
