// Administration in the browser, on the demo bank: the administrator creates a user and resets
// the password, that user must change it at the next sign-in before anything else; the audit log
// filters (kept in the URL) and exports, and the export is itself in the log.
import fs from 'node:fs';
import Papa from 'papaparse';
import { expect, test, type Page } from '@playwright/test';
import { login, shot } from './helpers.js';

const USER = 'e2e.teller';
const FIRST = 'teller-first-1';
const RESET = 'teller-reset-2';
const OWN = 'teller-own-3';

/** Today in Beijing time, computed here (UTC+8, no DST), not read from the app. */
const todayShanghai = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function logout(page: Page) {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
}

async function pick(page: Page, testId: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

test.describe.configure({ mode: 'serial' });

test('the administrator creates a user and resets the password; the user must change it at the next sign-in', async ({ page }) => {
  await login(page, 'admin', 'admin123');
  await page.getByTestId('nav-users').click();
  await expect(page).toHaveURL(/#\/users/);
  const table = page.getByTestId('users-table');
  await expect(table.getByText('hangzhang')).toBeVisible();

  await page.getByTestId('user-create').click();
  const dialog = page.getByTestId('user-dialog');
  await dialog.locator('input[name=username]').fill(USER);
  await dialog.locator('input[name=displayName]').fill('柜员测试');
  await pick(page, 'user-role', '大堂经理');
  await page.getByTestId('user-org').click();
  const branch = page.getByRole('option', { name: /支行/ }).first();
  const branchName = (await branch.textContent())!.replace(/（.*$/, '').trim();
  await branch.click();
  // the policy is the core's: a password containing the user name is refused with the reason
  await dialog.locator('input[name=password]').fill(`${USER}-1`);
  await dialog.locator('input[name=confirm]').fill(`${USER}-1`);
  await page.getByTestId('user-save').click();
  await expect(page.getByTestId('user-error')).toContainText('不能是用户名，也不能包含用户名');
  await dialog.locator('input[name=password]').fill(FIRST);
  await dialog.locator('input[name=confirm]').fill(FIRST);
  await page.getByTestId('user-save').click();
  await expect(dialog).toBeHidden();
  const row = table.getByRole('row', { name: new RegExp(USER.replace('.', '\\.')) });
  await expect(row).toContainText('大堂经理');
  await expect(row).toContainText(branchName);
  await expect(row.getByTestId('must-change')).toBeVisible();
  await expect(page.locator('.el-message')).toHaveCount(0); // the "created" toast has gone: a clean screenshot
  await shot(page, 'users-zh');
  await page.getByTestId('lang').getByText('EN').click();
  await expect(page.getByTestId('nav-users')).toContainText('Users');
  await expect(row).toContainText('Lobby manager');
  await shot(page, 'users-en');
  await page.getByTestId('lang').getByText('中文').click();

  await page.getByTestId(`user-reset-${USER}`).click();
  await dialog.locator('input[name=password]').fill(RESET);
  await dialog.locator('input[name=confirm]').fill(RESET);
  await page.getByTestId('user-save').click();
  await expect(dialog).toBeHidden();
  await logout(page);

  // the user signs in with the reset password and gets nothing but the password change
  await page.locator('input[name=username]').fill(USER);
  await page.locator('input[name=password]').fill(RESET);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/#\/change-password/);
  await expect(page.getByTestId('password-reason')).toContainText('管理员已重置您的密码');
  await page.goto('./#/home');
  await expect(page).toHaveURL(/#\/change-password/);
  const form = page.getByTestId('password-form');
  await form.locator('input[name=current]').fill(RESET);
  await form.locator('input[name=password]').fill('short1');
  await form.locator('input[name=confirm]').fill('short1');
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('password-error')).toContainText('至少需要 8 个字符');
  await form.locator('input[name=password]').fill(OWN);
  await form.locator('input[name=confirm]').fill(OWN);
  await page.getByTestId('password-submit').click();
  await expect(page).toHaveURL(/#\/home/);
  await expect(page.getByTestId('current-user')).toContainText('柜员测试');
  await logout(page);
  await login(page, USER, OWN);
});

test('the audit page filters by user, action, object and day, in the URL, and exports (audited)', async ({ page }) => {
  await login(page, 'admin', 'admin123');
  await page.getByTestId('nav-audit').click();
  await expect(page).toHaveURL(/#\/audit/);
  const table = page.getByTestId('audit-table');
  await expect(table.getByRole('row').nth(1)).toBeVisible();

  await page.getByTestId('audit-user').fill('admin');
  await pick(page, 'audit-action', '重置密码');
  await page.getByTestId('audit-object').fill(`user:${USER}`);
  await page.getByTestId('audit-search').click();
  await expect(page).toHaveURL(/user=admin/);
  await expect(page).toHaveURL(/action=user_reset_password/);
  const rows = table.locator('.el-table__body tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`user:${USER}`);
  await expect(rows.first()).toContainText('网页版 · 127.0.0.1');
  await expect(rows.first()).toContainText(todayShanghai());

  // the URL alone reproduces the page: the teller's own change, today
  const today = todayShanghai();
  await page.goto(`./#/audit?user=${USER}&action=password_change&from=${today}&to=${today}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('修改密码');
  await page.goto('./#/audit?from=2000-01-01&to=2000-01-01');
  await expect(rows).toHaveCount(0);

  await page.goto(`./#/audit?user=admin&action=user_reset_password&object=user:${USER}`);
  await expect(rows).toHaveCount(1);
  await shot(page, 'audit-zh');
  await page.getByTestId('lang').getByText('EN').click();
  await expect(rows.first()).toContainText('Password reset');
  await expect(rows.first()).toContainText('Web · 127.0.0.1');
  await shot(page, 'audit-en');
  await page.getByTestId('lang').getByText('中文').click();

  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export-csv').click();
  const file = await (await download).path();
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const csv = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  expect(csv[0].slice(0, 2)).toEqual(['筛选条件', `用户 admin；操作 重置密码；对象以 user:${USER} 开头`]);
  expect(csv.slice(2).map((r) => [r[2], r[4], r[5], r[6], r[7]])).toEqual([['admin', 'user_reset_password', `user:${USER}`, '网页版', '127.0.0.1']]);

  // the export is in the log, by the administrator, with what it exported
  await page.goto('./#/audit?action=audit_export&user=admin');
  await expect(rows.first()).toContainText('导出审计日志');
  await expect(rows.first()).toContainText('audit.csv');
});
