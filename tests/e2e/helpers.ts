import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

// Every run takes its screenshots (to look at in test-results/); `npm run screenshots` writes them
// to docs/screenshots instead, so an ordinary test run leaves the tracked images alone.
export const SHOTS = path.resolve(process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

/**
 * The limit of the one wait on the done signal of a long operation (a folder preview, an import,
 * an undo). Generous on purpose: a busy machine takes many times the usual, and the wait ends as
 * soon as the app says it is done, so the limit is never how long the operation should take.
 */
export const LONG = { timeout: 5 * 60_000 };
/** The time limit of a test that holds up to three such waits. */
export const LONG_TEST = 3 * LONG.timeout + 2 * 60_000;

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
