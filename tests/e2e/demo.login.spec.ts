import { expect, test } from '@playwright/test';
import { login, shot } from './helpers.js';

test('the demo users are listed and fill the form; the admin sees every page', async ({ page }) => {
  await page.goto('./');
  const demo = page.getByTestId('demo-users');
  await expect(demo).toBeVisible();
  await expect(page.getByText('泉州农商银行')).toBeVisible();
  await shot(page, 'login');

  await demo.getByRole('row', { name: /admin/ }).click();
  await expect(page.locator('input[name=username]')).toHaveValue('admin');
  await expect(page.locator('input[name=password]')).not.toHaveValue('');
  await page.getByTestId('login-submit').click();

  await expect(page).toHaveURL(/#\/home$/);
  await expect(page.getByText('泉州农商银行 · 网点工作台')).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('系统管理员');
  await expect(page.getByTestId('nav-home')).toBeVisible();
  await expect(page.getByTestId('nav-import')).toBeVisible();
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('./');
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId('nav')).toHaveCount(0);
});

test('the lobby manager has no 数据导入 and cannot reach it by URL', async ({ page }) => {
  await login(page, 'datang', 'demo123');
  await expect(page.getByTestId('current-user')).toContainText('大堂经理');
  await expect(page.getByTestId('nav-home')).toBeVisible();
  await expect(page.getByTestId('nav-import')).toHaveCount(0);
  await expect(page.getByText('数据导入')).toHaveCount(0);

  await page.goto('./#/import');
  await expect(page).toHaveURL(/#\/home$/);
  await expect(page.getByTestId('drop-zone')).toHaveCount(0);
});

test('pages need a login, and logout ends the session', async ({ page }) => {
  await page.goto('./#/import');
  await expect(page).toHaveURL(/#\/login/);
  await login(page, 'admin', 'admin123');
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
  await page.goto('./#/home');
  await expect(page).toHaveURL(/#\/login/);
});

test('the language switch turns the interface to English and back', async ({ page }) => {
  await login(page, 'admin', 'admin123');
  await page.getByTestId('lang').getByText('EN').click();
  await expect(page.getByTestId('nav-import')).toContainText('Data import');
  await expect(page.getByTestId('current-user')).toContainText('Administrator');
  await page.getByTestId('lang').getByText('中文').click();
  await expect(page.getByTestId('nav-import')).toContainText('数据导入');
});
