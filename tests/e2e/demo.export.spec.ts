// The gap list's export dialog in the demo bank: a 行长 may export an unmasked call list with a
// stated purpose (names and phones checked against the seed's own customer file); a 绩效专员, who
// may export but not reveal, is never offered the option. Screenshots in zh-CN and English.
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { findTable } from './exports.js';
import { login, runDir, shot } from './helpers.js';

const PURPOSE = '鲤城支行借记卡客户微信支付绑卡回访';

/** Asia/Shanghai wall clock by the platform's time-zone data (not the console's own offset). */
function shanghaiStamp(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}${p.month}${p.day}_${p.hour}${p.minute}${p.second}`;
}

/** cust_id → [name, phone] as the data platform wrote them (the seed's customer file). */
function seedCustomers(): Map<string, [string, string]> {
  const t = findTable(path.join(runDir(), 'demo', 'exports'), ['客户名称', 'KHXM']);
  const col = (names: string[]) => t.header.findIndex((h) => names.includes(h));
  const [id, name, phone] = [col(['客户号', 'cust_id']), col(['客户名称', 'name']), col(['手机号码', 'phone'])];
  return new Map(t.rows.filter((r) => r[id]).map((r) => [r[id], [r[name], r[phone]]]));
}

test('a 行长 exports an unmasked call list with its purpose; the default stays masked', async ({ page }) => {
  await login(page, 'hangzhang', 'demo123');
  await page.goto('./#/gaps?has=7&lacks=12');
  const total = page.getByTestId('gap-total');
  await expect(total).toHaveText(/共 [\d,]+ 户/);
  const n = Number((await total.innerText()).replace(/[^\d]/g, ''));

  await page.getByTestId('export-more').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('export-rows')).toContainText(n.toLocaleString('en-US'));
  await dialog.getByTestId('export-unmasked').click();
  await expect(dialog.getByText('文件将包含客户完整姓名和手机号码')).toBeVisible();
  await expect(dialog.getByTestId('export-confirm')).toBeDisabled(); // no purpose yet
  await dialog.getByTestId('export-purpose').fill(PURPOSE);
  await expect(dialog.getByTestId('export-confirm')).toBeEnabled();
  await shot(page, 'export-dialog-unmasked-zh');

  const before = shanghaiStamp(new Date());
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-confirm').click()]);
  const after = shanghaiStamp(new Date());
  const name = download.suggestedFilename();
  expect(name).toMatch(/^营销清单_未脱敏_\d{8}_\d{6}\.xlsx$/);
  const at = name.slice('营销清单_未脱敏_'.length, -'.xlsx'.length);
  expect(at >= before && at <= after, `${before} ≤ ${at} ≤ ${after}`).toBe(true);

  const file = path.join(runDir(), `unmasked-${Date.now()}.xlsx`);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const seed = seedCustomers();
  let rows = 0;
  wb.getWorksheet('营销清单')!.eachRow((row, i) => {
    if (i === 1 || !row.getCell(1).value) return;
    rows++;
    const [seedName, seedPhone] = seed.get(String(row.getCell(1).value))!;
    expect(String(row.getCell(2).value ?? '').replace(/^'/, '')).toBe(seedName);
    expect(String(row.getCell(3).value ?? '').replace(/^'/, '')).toBe(seedPhone ?? '');
  });
  expect(rows).toBe(n);
  const about = new Map<string, string>();
  wb.getWorksheet('筛选条件')!.eachRow((r) => about.set(String(r.getCell(1).value), String(r.getCell(2).value)));
  expect(about.get('脱敏')).toBe(`否：未脱敏导出，用途：${PURPOSE}`);
  expect(about.get('导出时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）$/);

  // opening the dialog again starts masked, and a masked export is what the quick button gives
  await page.getByTestId('export-more').click();
  await expect(dialog.getByTestId('export-purpose')).toHaveCount(0);
  await expect(dialog.getByTestId('export-confirm')).toBeEnabled();
  await shot(page, 'export-dialog-masked-zh');
  const [masked] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-confirm').click()]);
  expect(masked.suggestedFilename()).toMatch(/^营销清单_\d{8}_\d{6}\.xlsx$/);
});

test('the export dialog in English', async ({ page }) => {
  await login(page, 'hangzhang', 'demo123');
  await page.getByTestId('lang').getByText('EN').click();
  await page.goto('./#/gaps?has=7&lacks=12');
  await expect(page.getByTestId('gap-total')).toHaveText(/[\d,]+ customers/);
  await page.getByTestId('export-more').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByText('Export the prospect list')).toBeVisible();
  await dialog.getByTestId('export-unmasked').click();
  await expect(dialog.getByText('The file will hold full customer names and phone numbers')).toBeVisible();
  await dialog.getByTestId('export-purpose').fill('Follow-up calls to debit card holders without WeChat Pay');
  await shot(page, 'export-dialog-unmasked-en');
});

test('a 绩效专员 may export but is not offered the unmasked option', async ({ page }) => {
  await login(page, 'jixiao', 'demo123');
  await page.goto('./#/gaps?has=7&lacks=12');
  await expect(page.getByTestId('gap-total')).toHaveText(/共 [\d,]+ 户/);
  await page.getByTestId('export-more').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-format')).toBeVisible();
  await expect(dialog.getByTestId('export-masking')).toHaveCount(0);
  await expect(dialog.getByTestId('export-unmasked')).toHaveCount(0);
});
