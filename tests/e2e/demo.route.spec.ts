// 走访路线 on the demo bank: a route generated for a grid owner, one stop removed and the route
// re-optimised (its total must not exceed the first tour with that stop simply skipped, worked out
// here by haversine from the first plan), then the 走访清单 exported as XLSX and PDF and read back
// (exceljs; pdftotext: the title and the stop count). Screenshots at 1366×768 in zh-CN and English.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page, type Response } from '@playwright/test';
import ExcelJS from 'exceljs';
import type { RoutePlan } from '../../shared/grid.js';
import { login, shot } from './helpers.js';

// the grid owner with the most unvisited customers of their own in their grids on the small demo
// bank (a query on a seeded copy: 79 of them), so a limit of 10 is always filled
const STAFF = 'E20024';
const DATE = '2024-07-31';
const MAX = 10;

/** Great-circle metres, written here apart from the core's (mean earth radius 6,371,008.8 m). */
function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lng - a.lng) * r) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}
const tourMetres = (p: Pick<RoutePlan, 'start' | 'stops'>) => {
  const pts = [p.start, ...p.stops, p.start];
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += metres(pts[i - 1], pts[i]);
  return s;
};

const planResponse = (page: Page) => page.waitForResponse((r: Response) => r.url().includes('/api/map/route') && !r.url().includes('/export') && r.request().method() === 'POST');

test('a route generated, a stop removed, re-optimised, exported as XLSX and PDF and read back', async ({ page }) => {
  await login(page, 'admin', 'admin123');
  const first = planResponse(page);
  await page.goto(`./#/grid/route?staff=${STAFF}&date=${DATE}&max=${MAX}`);
  const plan = (await (await first).json()) as RoutePlan;
  const view = page.getByTestId('route-view');
  await expect(view).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('route-map')).toHaveAttribute('data-state', 'ready');
  const total = page.getByTestId('route-total');
  await expect(total).toHaveAttribute('data-stops', String(MAX));
  expect(plan.stops).toHaveLength(MAX);
  // the legs are the tour's, one per stop and the way back
  expect(plan.legs_m).toHaveLength(MAX + 1);
  expect(Math.abs(tourMetres(plan) - plan.total_m)).toBeLessThan(1e-6 * plan.total_m);
  // numbered markers 1..MAX and the start on the map; the list shows the stops in order
  await expect(page.locator('.bc-route-stop')).toHaveCount(MAX);
  await expect(page.locator('.bc-route-start')).toHaveCount(1);
  await expect(page.getByTestId('route-stops').locator('tbody tr')).toHaveCount(MAX);
  await expect(page.getByTestId('route-stops').locator('tbody tr').first()).toContainText(plan.stops[0].cust_id);
  await shot(page, 'route-zh');

  // remove the third stop: the tour with it skipped where it stood is the yardstick
  const gone = plan.stops[2].cust_id;
  const skipped = tourMetres({ start: plan.start, stops: plan.stops.filter((s) => s.cust_id !== gone) });
  await page.getByTestId(`route-remove-${gone}`).click();
  await expect(total).toHaveAttribute('data-edited', '1');
  await expect(page.getByTestId('route-stops').locator('tbody tr')).toHaveCount(MAX - 1);
  const second = planResponse(page);
  await page.getByTestId('route-reoptimise').click();
  const again = (await (await second).json()) as RoutePlan;
  await expect(total).toHaveAttribute('data-edited', '0');
  await expect(total).toHaveAttribute('data-stops', String(MAX - 1));
  expect(again.stops.map((s) => s.cust_id).sort()).toEqual(plan.stops.filter((s) => s.cust_id !== gone).map((s) => s.cust_id).sort());
  expect(again.total_m).toBeLessThanOrEqual(skipped + 1e-6);
  expect(Math.abs(tourMetres(again) - again.total_m)).toBeLessThan(1e-6 * again.total_m);

  // XLSX: the title, then the numbered stops in the plan's order
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('route-export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toBe(`走访清单_${STAFF}_${DATE}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await xlsx.path())!);
  const ws = wb.worksheets[0];
  expect(ws.getCell('A1').value).toBe('走访清单');
  const numbered: string[] = [];
  ws.eachRow((row) => {
    if (typeof row.getCell(1).value === 'number') numbered.push(String(row.getCell(2).value));
  });
  expect(numbered).toEqual(again.stops.map((s) => s.cust_id));

  // PDF: 走访清单 and the stop count, as pdftotext reads them
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('route-export-pdf').click()]);
  const text = execFileSync('pdftotext', ['-layout', (await pdf.path())!, '-'], { encoding: 'utf8' });
  expect(text).toContain('走访清单');
  expect(text).toContain(`站点数：${MAX - 1}`);
  for (const s of again.stops) expect(text).toContain(s.cust_id);

  // English
  await page.getByTestId('lang').getByText('EN', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('route-generate')).toHaveText('Plan route');
  await expect(page.getByTestId('route-map')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('.bc-route-start')).toHaveText('S');
  // the export's notice (in the language it was given in) gone before the picture
  await expect(page.locator('.el-message')).toHaveCount(0);
  await shot(page, 'route-en');
  await page.getByTestId('lang').getByText('中文', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
