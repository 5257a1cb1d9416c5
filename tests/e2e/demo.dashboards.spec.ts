// 数据看板 end to end on the demo bank (issue 9): the context (scope, date) in the URL and across
// pages, a bar drilled down to the list of rows whose total is the figure clicked, the dashboard
// exported as XLSX and PDF and read back, and every dashboard in zh-CN and English at 1366×768.
// Expected figures are worked out from the seed's export files by DATA.md's rules (below), never
// read back from the console.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DASHBOARD_IDS } from '../../shared/indicators.js';
import { LONG, login, runDir, shot } from './helpers.js';
import { fenToWanText, findTable } from './exports.js';

const exportsDir = () => path.join(runDir(), 'demo', 'exports');

const normDate = (d: string | undefined): string => {
  const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/.exec((d ?? '').trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
};
function fenOf(s: string | undefined): bigint | null {
  const t = (s ?? '').replace(/,/g, '').trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(t)) return null;
  const [int, frac = ''] = t.replace('-', '').split('.');
  const v = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
  return t.startsWith('-') ? -v : v;
}
const col = (t: { header: string[]; file: string }, names: string[]) => {
  const i = t.header.findIndex((h) => names.includes(h));
  if (i < 0) throw new Error(`${t.file} has no column ${names.join('/')}`);
  return (r: string[]) => (r[i] ?? '').trim();
};

/**
 * Who owns a row, by DATA.md: its own 所属机构号, else its customer's; an org counts under every
 * org above it (org file 上级机构号). `under(root)` says whether a row's org lies in root's subtree
 * (root null: every loaded org, the whole bank).
 */
function bankOf(dir: string) {
  const orgT = findTable(dir, ['机构名称']);
  const oId = col(orgT, ['机构号', 'org_id']);
  const oParent = col(orgT, ['上级机构号', 'parent_id']);
  const parent = new Map(orgT.rows.map((r) => [oId(r), oParent(r)]));
  const custT = findTable(dir, ['客户名称', 'KHXM']);
  const [cId, cOrg] = [col(custT, ['客户号', 'cust_id', 'KHTYBH']), col(custT, ['所属机构号', 'org_id', 'NBJGH'])];
  const custOrg = new Map<string, string>();
  for (const r of custT.rows) if (cId(r) && !custOrg.has(cId(r))) custOrg.set(cId(r), cOrg(r));
  const rowOrg = (own: string, cust: string) => own || (custOrg.get(cust) ?? '');
  const under = (org: string, root: string | null) => {
    if (!parent.has(org)) return false; // an org not loaded counts nowhere
    for (let o: string | undefined = org, n = 0; o && n < 50; o = parent.get(o), n++) if (root === null || o === root) return true;
    return false;
  };
  return { rowOrg, under };
}

/** Σ 账户余额 (分) of the deposit snapshot of `date` inside root's subtree. */
function depositFen(dir: string, date: string, root: string | null): bigint {
  const { rowOrg, under } = bankOf(dir);
  const t = findTable(dir, ['账户余额', 'CKYE']);
  const [d, bal, org, cust] = [col(t, ['数据日期', 'data_date', 'CJRQ']), col(t, ['账户余额', 'balance', 'CKYE']), col(t, ['所属机构号', 'org_id', 'NBJGH']), col(t, ['客户号', 'cust_id', 'KHTYBH'])];
  let sum = 0n;
  for (const r of t.rows) {
    const f = fenOf(bal(r));
    if (normDate(d(r)) === date && f !== null && under(rowOrg(org(r), cust(r)), root)) sum += f;
  }
  return sum;
}

/** Σ 贷款余额 (分) of the latest loan snapshot ≤ date whose 逾期天数 lies in [lo, hi], whole bank. */
function overdueBucketFen(dir: string, date: string, lo: number, hi: number): bigint {
  const { rowOrg, under } = bankOf(dir);
  const t = findTable(dir, ['贷款余额', 'DKYE']);
  const [d, bal, over, org, cust] = [col(t, ['数据日期', 'data_date', 'CJRQ']), col(t, ['贷款余额', 'balance', 'DKYE']), col(t, ['逾期天数', 'overdue_days']), col(t, ['所属机构号', 'org_id', 'NBJGH']), col(t, ['客户号', 'cust_id', 'KHTYBH'])];
  const snap = t.rows.map((r) => normDate(d(r))).filter((x) => x && x <= date).sort().pop();
  let sum = 0n;
  for (const r of t.rows) {
    const f = fenOf(bal(r));
    const days = Number(over(r) || 0);
    if (normDate(d(r)) === snap && f !== null && days >= lo && days <= hi && under(rowOrg(org(r), cust(r)), null)) sum += f;
  }
  return sum;
}

const toFen = (yuan: string | null) => BigInt(Math.round(Number(yuan) * 100));

/** The dashboard has drawn what it asked for: its state, then every chart finished. */
async function ready(page: Page, id: string): Promise<void> {
  const dash = page.getByTestId('dashboard');
  await expect(dash).toHaveAttribute('data-id', id);
  await expect(dash).toHaveAttribute('data-state', 'ready', LONG);
  await expect(page.locator('[data-testid^="chart-"][data-state="drawing"]')).toHaveCount(0);
  await expect(page.locator('.el-main .el-loading-mask:visible')).toHaveCount(0);
}

interface Point {
  s: number;
  i: number;
  x: number;
  y: number;
  v: number | null;
}
async function pointsOf(chart: Locator): Promise<Point[]> {
  const canvas = chart.getByTestId('chart-canvas');
  await expect(canvas).toHaveAttribute('data-points', /\[/);
  return JSON.parse((await canvas.getAttribute('data-points'))!) as Point[];
}

test('scope and date live in the URL and survive moving between pages', async ({ page }) => {
  test.setTimeout(LONG.timeout + 3 * 60_000);
  const dir = exportsDir();
  await login(page, 'admin', 'admin123');
  await page.getByTestId('nav-group-dash').click();
  await page.getByTestId('nav-dashboard-overview').click();
  await ready(page, 'overview');
  // the latest data day by default, the whole bank: Σ of the 07-31 deposit snapshot
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-date', '2024-07-31');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-scope', 'bank:');
  expect(toFen(await page.getByTestId('kpi-deposit_balance').getAttribute('data-value'))).toBe(depositFen(dir, '2024-07-31', null));

  // a bar of an org narrows the whole console to it (a scope drill)
  const byUnit = page.getByTestId('chart-overview_by_unit');
  const bar = (await pointsOf(byUnit)).find((p) => p.s === 0 && p.i === 1)!;
  await byUnit.getByTestId('chart-canvas').click({ position: { x: bar.x, y: bar.y } });
  await expect(page).toHaveURL(/[?&]org=QZ\d+/);
  const org = new URL(page.url().replace('#/', '')).searchParams.get('org')!;
  await ready(page, 'overview');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-scope', `org:${org}`);
  const orgFen = depositFen(dir, '2024-07-31', org);
  expect(orgFen).toBeGreaterThan(0n);
  expect(toFen(await page.getByTestId('kpi-deposit_balance').getAttribute('data-value'))).toBe(orgFen);

  // another data date: the picker's input, as a user types it
  const input = page.getByTestId('date-bar').locator('input').first();
  await input.click();
  await input.fill('2024-07-15');
  await input.press('Enter');
  await expect(page).toHaveURL(/[?&]date=2024-07-15/);
  await ready(page, 'overview');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-date', '2024-07-15');
  expect(toFen(await page.getByTestId('kpi-deposit_balance').getAttribute('data-value'))).toBe(depositFen(dir, '2024-07-15', org));

  // the menu links carry no query: the context comes along to another dashboard and the home page
  await page.getByTestId('nav-dashboard-deposit').click();
  await ready(page, 'deposit');
  await expect(page).toHaveURL(new RegExp(`org=${org}`));
  await expect(page).toHaveURL(/date=2024-07-15/);
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-scope', `org:${org}`);
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('figures')).toBeVisible();
  await expect(page).toHaveURL(/date=2024-07-15/);
  await page.getByTestId('nav-dashboard-overview').click();
  await ready(page, 'overview');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-date', '2024-07-15');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-scope', `org:${org}`);
});

test('a bar drills down to the loans behind it, whose total is the number clicked', async ({ page }) => {
  test.setTimeout(LONG.timeout + 2 * 60_000);
  await login(page, 'admin', 'admin123');
  await page.goto('./#/dashboards/quality?date=2024-07-31');
  await ready(page, 'quality');
  const chart = page.getByTestId('chart-overdue_buckets');
  const points = await pointsOf(chart);
  // the first bucket, 1–30 days: worked out from the loan file of the latest snapshot ≤ 07-31
  const p = points.find((x) => x.s === 0 && x.i === 0)!;
  const expected = overdueBucketFen(exportsDir(), '2024-07-31', 1, 30);
  expect(expected).toBeGreaterThan(0n);
  expect(BigInt(Math.round(p.v! * 100))).toBe(expected);
  await chart.getByTestId('chart-canvas').click({ position: { x: p.x, y: p.y } });
  await expect(page).toHaveURL(/#\/drill\/loans\?/);
  await expect(page).toHaveURL(/key=overdue_buckets/);
  const total = page.getByTestId('drill-total');
  await expect(total).toHaveAttribute('data-value', /\d/, LONG);
  expect(toFen(await total.getAttribute('data-value'))).toBe(expected);
});

test('the dashboard exports as XLSX and PDF with its title and figures', async ({ page }) => {
  test.setTimeout(LONG.timeout + 3 * 60_000);
  const dir = exportsDir();
  await login(page, 'admin', 'admin123');
  await page.goto('./#/dashboards/overview?date=2024-07-31');
  await ready(page, 'overview');
  const depositYuan = Number(await page.getByTestId('kpi-deposit_balance').getAttribute('data-value'));
  const fen = depositFen(dir, '2024-07-31', null);
  expect(BigInt(Math.round(depositYuan * 100))).toBe(fen);
  const out = test.info().outputPath();
  fs.mkdirSync(out, { recursive: true });

  const [xlsxDl] = await Promise.all([page.waitForEvent('download', LONG), page.getByTestId('dash-export-xlsx').click()]);
  const xlsxPath = path.join(out, 'overview.xlsx');
  await xlsxDl.saveAs(xlsxPath);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  const texts: string[] = [];
  const numbers: number[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'number') numbers.push(c.value);
        else if (c.value != null) texts.push(String(c.value));
      }),
    ),
  );
  expect(texts.some((t) => t.includes('总览'))).toBe(true);
  // money stays an exact 元 number in the sheet: the 分 worked out from the deposit file
  expect(numbers.some((n) => BigInt(Math.round(n * 100)) === fen)).toBe(true);

  const [pdfDl] = await Promise.all([page.waitForEvent('download', LONG), page.getByTestId('dash-export-pdf').click()]);
  const pdfPath = path.join(out, 'overview.pdf');
  await pdfDl.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('总览');
  // the PDF prints money in 万元 (two decimals, half away from zero)
  expect(text).toContain(fenToWanText(fen));
});

for (const locale of ['zh-CN', 'en'] as const) {
  test(`every dashboard at 1366×768 (${locale})`, async ({ page }) => {
    test.setTimeout(LONG.timeout + DASHBOARD_IDS.length * 60_000);
    await login(page, 'admin', 'admin123');
    await page.getByTestId('lang').getByText(locale === 'en' ? 'EN' : '中文', { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await page.getByTestId('nav-group-dash').click();
    for (const id of DASHBOARD_IDS) {
      await page.getByTestId(`nav-dashboard-${id}`).click();
      await ready(page, id);
      await expect(page.getByTestId(`nav-dashboard-${id}`)).toHaveClass(/is-active/);
      // every chart has either drawn its figures or says in words what is missing
      for (const c of await page.locator('[data-testid^="chart-"][data-kind]').all()) {
        const state = await c.getAttribute('data-state');
        if (state === 'empty') await expect(c.getByTestId('chart-empty')).not.toBeEmpty();
        else expect(state).toBe('ready');
      }
      await shot(page, `dashboard-${id}-${locale}`);
    }
  });
}
