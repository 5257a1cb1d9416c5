// Customers (惠金小助手) in the demo bank: search by pinyin initials, the 360, reveal, the lobby
// quick check, the gap list (URL filter, reload, scrolling, export) and the coverage heatmap.
// The customer searched for is read from the seed's export file, and its initials are worked out
// here, not taken from the console.
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { depositTotalAtLatest, findTable, itemsHeld } from './exports.js';
import { GAP_PAGE, GAP_ROW_HEIGHT } from '../../renderer/components/crm/gap-layout.js';
import { login, runDir, shot } from './helpers.js';
import { orgs, subtreeOf } from './scope-files.js';

interface SeedCustomer {
  custId: string;
  name: string;
  phone: string;
  initials: string;
}

const initialsOf = (name: string, surname: 'head' | 'off') =>
  pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname }).join('').toLowerCase().replace(/[^a-z]/g, '');

/** The person whose initials the fewest other customers share exactly (read either way for a
 *  polyphonic surname). The search ranks exact initials first, so a unique one comes first.
 *  `branch`: only customers of that 支行 and its 分理处 (the data scope of its staff). */
function uniqueCustomer(branch?: string): SeedCustomer & { sharing: number } {
  const dir = path.join(runDir(), 'demo', 'exports');
  const t = findTable(dir, ['客户名称', 'KHXM']);
  const col = (names: string[]) => t.header.findIndex((h) => names.includes(h));
  const [id, name, type, phone, org] = [col(['客户号', 'cust_id']), col(['客户名称', 'name']), col(['客户类型', 'cust_type']), col(['手机号码', 'phone']), col(['所属机构号', 'org_id'])];
  const inScope = branch === undefined ? null : subtreeOf(orgs(dir), branch);
  const all = t.rows
    .map((r) => ({ custId: r[id], name: r[name], type: r[type], phone: r[phone], org: r[org] }))
    .filter((c) => c.custId && c.name) // the seed writes a few broken rows on purpose
    .filter((c) => inScope === null || inScope.has(c.org));
  const tally = new Map<string, number>();
  for (const c of all) for (const k of new Set([initialsOf(c.name, 'head'), initialsOf(c.name, 'off')])) tally.set(k, (tally.get(k) ?? 0) + 1);
  let best: (SeedCustomer & { sharing: number }) | null = null;
  for (const c of all) {
    const a = initialsOf(c.name, 'head');
    if (c.type !== '个人' || a.length < 3 || a !== initialsOf(c.name, 'off') || !/^1\d{10}$/.test(c.phone)) continue;
    const sharing = tally.get(a)!;
    if (!best || sharing < best.sharing) best = { custId: c.custId, name: c.name, phone: c.phone, initials: a, sharing };
    if (sharing === 1) break;
  }
  if (!best || best.sharing > 20) throw new Error('no customer with rare pinyin initials in the seed');
  return best;
}

async function noOverflow(page: Page) {
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow as number).toBeLessThanOrEqual(0);
}

test('Ctrl+K finds a customer by pinyin initials; the 360 shows the items the seed files give; admin reveals', async ({ page }) => {
  const who = uniqueCustomer();
  const dir = path.join(runDir(), 'demo', 'exports');
  // the items the customer holds on the latest data date, by DATA.md's table over the export files
  const expected = itemsHeld(dir, who.custId, depositTotalAtLatest(dir).date);
  await login(page, 'admin', 'admin123');
  await page.keyboard.press('Control+k');
  const dialog = page.getByTestId('search-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('search-input').fill(who.initials);
  const results = dialog.getByTestId('search-result');
  const mine = results.filter({ hasText: who.custId });
  await expect(mine).toHaveCount(1);
  // exact initials rank first, and at most `sharing` customers have them: ours is among those
  const ids = await results.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const at = ids.findIndex((text) => text.includes(who.custId));
  expect(at, `${who.custId} at ${at} of ${ids.length}, ${who.sharing} share its initials`).toBeLessThan(who.sharing);
  // masked: the surname shown, the rest hidden
  const shown = await mine.locator('.name').innerText();
  expect(shown).not.toBe(who.name);
  expect(shown.startsWith(Array.from(who.name)[0])).toBe(true);
  await expect(mine).toContainText(/\d+\/18/);
  await shot(page, 'customer-search');

  await mine.hover(); // the hovered result is the one Enter opens
  await page.getByTestId('search-input').press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/customers/${who.custId}$`));
  const matrix = page.getByTestId('item-matrix');
  await expect(matrix.locator('[data-held]')).toHaveCount(18);
  for (let id = 1; id <= 18; id++) {
    await expect(matrix.getByTestId(`item-${id}`), `item ${id}`).toHaveAttribute('data-held', expected.includes(id) ? '1' : '0');
  }
  await expect(page.getByTestId('coverage')).toHaveText(`${expected.length}/18`);
  await expect(page.getByTestId('customer-name')).not.toHaveText(who.name);
  await expect(page.getByTestId('deposit-trend').locator('canvas').first()).toBeVisible();
  await noOverflow(page);
  await shot(page, 'customer-360');

  await page.getByTestId('reveal').click();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('revealed')).toBeVisible();
  await expect(page.getByTestId('customer-name')).toHaveText(who.name);
  await expect(page.getByTestId('phone')).toHaveText(who.phone);
});

test('the lobby manager lands on the quick check and has no export', async ({ page }) => {
  // datang works at 鲤城支行 (QZ100): a customer of its data scope
  const who = uniqueCustomer('QZ100');
  await login(page, 'datang', 'demo123');
  await page.getByTestId('topbar-search').click();
  await page.getByTestId('search-input').fill(who.custId);
  await expect(page.getByTestId('search-result')).toHaveCount(1);
  await page.getByTestId('search-input').press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/quick/${who.custId}$`));
  const quick = page.getByTestId('quick-check');
  for (const q of ['是不是我行客户？', '已办理哪些业务？', '还有哪些潜在需求？']) await expect(quick.getByText(q)).toBeVisible();
  const dir = path.join(runDir(), 'demo', 'exports');
  const held = itemsHeld(dir, who.custId, depositTotalAtLatest(dir).date);
  await expect(page.getByTestId('quick-coverage')).toHaveText(`${held.length}/18`);
  await expect(quick.getByTestId('quick-missing').locator('.el-tag')).toHaveCount(18 - held.length);
  await noOverflow(page);
  await shot(page, 'customer-quick');

  // the 360 link keeps the lobby manager on the counter view by default
  await page.goto(`./#/customers/${who.custId}`);
  await expect(page).toHaveURL(new RegExp(`#/quick/${who.custId}`));
  await page.goto('./#/gaps?has=7');
  await expect(page.getByTestId('gap-total')).toContainText('共');
  await expect(page.getByTestId('export-xlsx')).toHaveCount(0);
  await expect(page.getByTestId('export-csv')).toHaveCount(0);
  await expect(page.getByTestId('nav-crmSettings')).toHaveCount(0);
});

test('gap list: the filter lives in the URL, scrolling loads more, XLSX export has the rows shown', async ({ page }) => {
  await login(page, 'hangzhang', 'demo123');
  // 鲤城支行's customers holding 借记卡 (7) but lacking 微信支付绑卡 (12): more than a page of them
  await page.goto('./#/gaps?has=7&lacks=12');
  const total = page.getByTestId('gap-total');
  await expect(total).toHaveText(/共 [\d,]+ 户/);
  const totalText = await total.innerText();
  const n = Number(totalText.replace(/[^\d]/g, ''));
  expect(n).toBeGreaterThan(GAP_PAGE); // more than one page, so scrolling has something to load
  await expect(page.getByTestId('filter-has')).toContainText('借记卡');
  await expect(page.getByTestId('filter-lacks')).toContainText('微信支付绑卡');

  await page.reload();
  await expect(page).toHaveURL(/#\/gaps\?has=7&lacks=12$/);
  await expect(total).toHaveText(totalText);
  await expect(page.getByTestId('filter-has')).toContainText('借记卡');

  const loaded = page.getByTestId('gap-loaded');
  await expect(loaded).toHaveText(`${GAP_PAGE} / ${n.toLocaleString('en-US')}`);
  await noOverflow(page);
  await shot(page, 'customer-gaps');
  await page.getByTestId('gap-table').hover();
  // a page of rows down reaches the end of what is loaded: the next page comes
  await page.mouse.wheel(0, GAP_ROW_HEIGHT * GAP_PAGE);
  await expect(loaded).toHaveText(new RegExp(`^${Math.min(n, 2 * GAP_PAGE)} / `));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^营销清单_.*\.xlsx$/);
  const file = path.join(runDir(), `gaps-${Date.now()}.xlsx`);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet('营销清单')!;
  let rows = 0;
  sheet.eachRow((row, i) => {
    if (i > 1 && row.getCell(1).value) rows++;
  });
  expect(rows).toBe(n);
});

test('coverage heatmap: a cell opens the gap list of that branch lacking that item', async ({ page }) => {
  await login(page, 'hangzhang', 'demo123');
  await page.goto('./#/coverage?by=branch');
  const chart = page.getByTestId('coverage-heatmap');
  await expect(chart).toHaveAttribute('data-probe', /^\d+,\d+$/);
  await noOverflow(page);
  await shot(page, 'customer-coverage');
  const [x, y] = (await chart.getAttribute('data-probe'))!.split(',').map(Number);
  await chart.click({ position: { x, y } });
  await expect(page).toHaveURL(/#\/gaps\?orgId=[^&]+&lacks=1$/);
  await expect(page.getByTestId('gap-total')).toHaveText(/共 [\d,]+ 户/);
  await expect(page.getByTestId('filter-lacks')).toContainText('活期存款');
});
