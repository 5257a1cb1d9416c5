import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

// Every run takes its screenshots (to look at in test-results/); `npm run screenshots` writes them
// to docs/screenshots instead, so an ordinary test run leaves the tracked images alone.
export const SHOTS = path.resolve(process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Logs in through the form, the way a user does. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('./');
  const form = page.getByTestId('login-form');
  await expect(form).toBeVisible();
  await form.getByRole('textbox').first().fill(username);
  await form.locator('input[type=password]').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('nav')).toBeVisible();
}

export function runDir(): string {
  const d = process.env.BC_E2E_DIR;
  if (!d) throw new Error('BC_E2E_DIR is not set: run through playwright.config.ts');
  return d;
}
