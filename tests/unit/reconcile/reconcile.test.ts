// 对账 over the real API on the hand-built bank of bank.ts (its figures are worked out there).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { OfficialFigure, ReconcileResult, ReconcileRow } from '../../../shared/reconcile.js';
import { DATE, reconcileBank, type ReconcileBank } from './bank.js';

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

async function ok<T>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function result(bank: ReconcileBank, auth: { authorization: string }, date = DATE): Promise<ReconcileResult> {
  return ok<ReconcileResult>(bank.call('GET', `/api/reconcile?date=${date}`, auth));
}
const rowOf = (r: ReconcileResult, org: string, key: string): ReconcileRow => {
  const row = r.rows.find((x) => x.orgId === org && x.key === key);
  if (!row) throw new Error(`no row ${org} ${key}`);
  return row;
};

describe('对账: entered figures', () => {
  it('a figure equal to the 分 is 一致, one 0.01 元 off is 不一致 by 0.01, differing rows first, each drilling to its rows', async () => {
    const bank = await reconcileBank();
    const admin = await bank.as('admin', 'HQ');
    // B1 holds 1,234.56 元 of deposits (bank.ts); the report says the same, with a thousands separator
    const entered = await ok<OfficialFigure>(bank.call('POST', '/api/reconcile', admin, { date: DATE, org: 'B1', indicator: '各项存款余额', value: '1,234.56', source: '报表平台' }), 201);
    expect(entered).toMatchObject({ key: 'deposit_balance', value: 1234.56, orgName: '城东支行', source: '报表平台', enteredBy: 'admin_HQ', batch: null });
    // B2 holds 5,000.00 元; the report says 4,999.99: console − official = +0.01 元
    await ok(bank.call('POST', '/api/reconcile', admin, { date: DATE, org: 'B2', indicator: 'deposit_balance', value: '4999.99' }), 201);
    // B1 has 2 borrowers (C1, C2); the report says 3: −1
    await ok(bank.call('POST', '/api/reconcile', admin, { date: DATE, org: 'B1', indicator: 'loan_customers', value: '3' }), 201);

    const r = await result(bank, admin);
    expect(r.date).toBe(DATE);
    expect(rowOf(r, 'B1', 'deposit_balance')).toMatchObject({ status: 'match', console: 1234.56, diff: 0 });
    expect(rowOf(r, 'B2', 'deposit_balance')).toMatchObject({ status: 'differ', console: 5000, value: 4999.99, diff: 0.01 });
    expect(rowOf(r, 'B1', 'loan_customers')).toMatchObject({ status: 'differ', console: 2, diff: -1 });
    expect(r.rows.map((x) => x.status)).toEqual(['differ', 'differ', 'match']);
    expect(r.counts).toEqual({ differ: 2, no_data: 0, match: 1 });
    expect(rowOf(r, 'B1', 'deposit_balance').drill).toEqual({ kind: 'list', list: 'deposits', params: { key: 'deposit_balance', date: DATE, org: 'B1' } });
    expect(rowOf(r, 'B1', 'loan_customers').drill).toEqual({ kind: 'list', list: 'customers', params: { key: 'loan_customers', date: DATE, org: 'B1' } });
  });

  it('ratios given as % are compared at the decimals the report gave; a figure the console cannot compute is 控制台无数据', async () => {
    const bank = await reconcileBank();
    const admin = await bank.as('admin', 'HQ');
    const enter = (org: string, indicator: string, value: string) => ok(bank.call('POST', '/api/reconcile', admin, { date: DATE, org, indicator, value }), 201);
    await enter('B1', '不良贷款率', '33.33%'); // 1/3 rounded to 4 decimals is 0.3333
    await enter('B1', 'loan_to_deposit_ratio', '0.7291'); // 900/1234.56 = 0.72900466… → 0.7290, one in the last place below
    await enter('B2', 'npl_ratio', '0.00%'); // B2 has no loans: the ratio is null in the console
    await enter('B1', '走访次数(月)', '12'); // no visits were ever loaded
    const r = await result(bank, admin);
    expect(rowOf(r, 'B1', 'npl_ratio')).toMatchObject({ value: '0.3333', console: '0.3333', diff: '0.0000', status: 'match' });
    expect(rowOf(r, 'B1', 'npl_ratio').consoleRaw).toBeCloseTo(1 / 3, 15);
    expect(rowOf(r, 'B1', 'loan_to_deposit_ratio')).toMatchObject({ console: '0.7290', diff: '-0.0001', status: 'differ' });
    expect(rowOf(r, 'B2', 'npl_ratio')).toMatchObject({ console: null, diff: null, status: 'no_data' });
    expect(rowOf(r, 'B1', 'visits')).toMatchObject({ console: null, status: 'no_data' });
    expect(r.rows.map((x) => x.status)).toEqual(['differ', 'no_data', 'no_data', 'match']);
    // a ratio opens the rows of its numerator: the 不良 loans behind the 不良率
    expect(rowOf(r, 'B1', 'npl_ratio').drill).toEqual({ kind: 'list', list: 'loans', params: { key: 'npl_balance', date: DATE, org: 'B1' } });
    expect(rowOf(r, 'B1', 'visits').drill).toEqual({ kind: 'list', list: 'visits', params: { key: 'visits', date: DATE, org: 'B1' } });
  });

  it('entering again replaces the figure; a bad entry is refused with its reason and stores nothing', async () => {
    const bank = await reconcileBank();
    const admin = await bank.as('admin', 'HQ');
    await ok(bank.call('POST', '/api/reconcile', admin, { date: DATE, org: 'B1', indicator: 'deposit_balance', value: '1' }), 201);
    await ok(bank.call('POST', '/api/reconcile', admin, { date: DATE, org: 'B1', indicator: 'deposit_balance', value: '1234.56' }), 201);
    expect(bank.count()).toBe(1);
    expect(rowOf(await result(bank, admin), 'B1', 'deposit_balance').status).toBe('match');
    for (const [body, words] of [
      [{ indicator: 'deposit_balance', value: '12.345' }, '精确到分以下'],
      [{ indicator: 'deposit_balance', value: 'abc' }, '无法识别的金额'],
      [{ indicator: 'npl_rate', value: '1%' }, '未知指标'],
      [{ indicator: 'overdue_buckets', value: '1' }, '分类明细'],
      [{ indicator: 'loan_customers', value: '-2' }, '不能为负'],
    ] as const) {
      const res = await bank.call('POST', '/api/reconcile', admin, { date: DATE, org: 'B1', ...body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(words);
    }
    expect(bank.count()).toBe(1);
  });
});

describe('对账: imported sheets', () => {
  it('a CSV (Chinese names or keys, 元 with commas, %, its own 数据日期 or the chosen date) is stored as one batch, audited', async () => {
    const bank = await reconcileBank();
    const admin = await bank.as('admin', 'HQ');
    const csv = '机构号,指标,数值,数据日期\nB1,各项存款余额,"1,234.56",\nB2,deposit_balance,"4,999.99",2024-07-31\nB1,不良贷款率,33.33%,\nHQ,各项存款余额,"6,234.56",20240731\n';
    const res = await ok<{ stored: number; batch: string; file: string }>(
      bank.call('POST', '/api/reconcile/import', admin, { fileName: '1104_202407.csv', content: b64(csv), date: DATE, source: '1104报表' }),
      201,
    );
    expect(res).toMatchObject({ stored: 4, file: '1104_202407.csv' });
    const r = await result(bank, admin);
    expect(r.rows).toHaveLength(4);
    expect(r.rows.every((x) => x.batch === res.batch && x.source === '1104报表')).toBe(true);
    expect(rowOf(r, 'B2', 'deposit_balance')).toMatchObject({ status: 'differ', diff: 0.01 });
    expect(rowOf(r, 'B1', 'npl_ratio')).toMatchObject({ status: 'match', value: '0.3333' });
    // the bank: 1,000.00 + 234.56 + 5,000.00 = 6,234.56 元
    expect(rowOf(r, 'HQ', 'deposit_balance')).toMatchObject({ status: 'match', console: 6234.56 });
    const audit = bank.db.prepare("SELECT username, target, detail FROM audit_log WHERE action = 'reconcile_import'").all() as { username: string; target: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ username: 'admin_HQ', target: 'official_file:1104_202407.csv' });
    expect(JSON.parse(audit[0].detail)).toMatchObject({ batch: res.batch, figures: 4 });
  });

  it('an XLSX sheet (number cells, a % cell typed as text) reads through the importer’s reader', async () => {
    const bank = await reconcileBank();
    const admin = await bank.as('admin', 'HQ');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('对账');
    ws.addRow(['机构号', '指标', '数值']);
    ws.addRow(['B1', '各项存款余额', 1234.56]);
    ws.addRow(['B1', '贷款户数', 2]);
    ws.addRow(['B1', '存贷比', '72.90%']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await ok(bank.call('POST', '/api/reconcile/import', admin, { fileName: '报表平台.xlsx', content: b64(bytes), date: DATE }), 201);
    const r = await result(bank, admin);
    expect(r.counts).toEqual({ differ: 0, no_data: 0, match: 3 });
    // no source given: the file is the source
    expect(r.rows[0].source).toBe('报表平台.xlsx');
  });

  it('a bad sheet is refused whole, each problem named by file, row and column, and nothing is stored', async () => {
    const bank = await reconcileBank();
    const admin = await bank.as('admin', 'HQ');
    const refused = async (fileName: string, text: string) => {
      const res = await bank.call('POST', '/api/reconcile/import', admin, { fileName, content: b64(text), date: DATE });
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: string }).error;
    };
    // row 2 is good; row 3 names an unknown indicator; row 4 a bad number; row 5 an org nobody loaded
    const msg = await refused('bad.csv', '机构号,指标,数值\nB1,各项存款余额,1234.56\nB1,存款总额,1\nB2,各项存款余额,1.2.3\nZZ9,各项存款余额,5\n');
    expect(msg).toContain('bad.csv 第 3 行 “指标”列：未知指标“存款总额”');
    expect(msg).toContain('bad.csv 第 4 行 “数值”列：');
    expect(msg).toContain('bad.csv 第 5 行 “机构号”列：机构号“ZZ9”不存在');
    expect(msg).not.toContain('第 2 行');
    // a figure given twice, a date that does not exist, a missing column
    expect(await refused('dup.csv', '机构号,指标,数值\nB1,deposit_balance,1\nB1,各项存款余额,2\n')).toContain('dup.csv 第 3 行 “指标”列：与第 2 行重复');
    expect(await refused('day.csv', '机构号,指标,数值,数据日期\nB1,deposit_balance,1,2024-02-30\n')).toContain('day.csv 第 2 行 “数据日期”列');
    expect(await refused('head.csv', '机构,指标,数值\nB1,deposit_balance,1\n')).toContain('head.csv 第 1 行：表头缺少 机构号 列');
    expect(bank.count()).toBe(0);
    expect(bank.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'reconcile_import'").pluck().get()).toBe(0);
  });
});

describe('对账: data scope', () => {
  it('a 支行 user sees and enters only the figures of their 支行 and the orgs below it', async () => {
    const bank = await reconcileBank();
    const admin = await bank.as('admin', 'HQ');
    const b2 = await bank.as('branch_manager', 'B2');
    const b1 = await bank.as('branch_manager', 'B1');
    for (const [org, value] of [['B1', '1234.56'], ['B1A', '234.56'], ['B2', '5000.00']]) {
      await ok(bank.call('POST', '/api/reconcile', admin, { date: DATE, org, indicator: 'deposit_balance', value }), 201);
    }
    expect((await result(bank, b2)).rows.map((x) => x.orgId)).toEqual(['B2']);
    expect((await result(bank, b1)).rows.map((x) => x.orgId).sort()).toEqual(['B1', 'B1A']);
    // entering or deleting another 支行's figure is as if it did not exist
    const before = bank.count();
    expect((await bank.call('POST', '/api/reconcile', b2, { date: DATE, org: 'B1', indicator: 'deposit_balance', value: '1' })).status).toBe(404);
    const b1Id = (await result(bank, admin)).rows.find((x) => x.orgId === 'B1')!.id;
    expect((await bank.call('DELETE', `/api/reconcile/${b1Id}`, b2)).status).toBe(404);
    // nor can a sheet name it
    const res = await bank.call('POST', '/api/reconcile/import', b2, { fileName: 'b.csv', content: b64('机构号,指标,数值\nB2,deposit_balance,1\nB1,deposit_balance,1\n'), date: DATE });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('b.csv 第 3 行 “机构号”列：机构号“B1”不存在或不在您的数据范围内');
    expect(bank.count()).toBe(before);
    // ?org= outside the user's scope is a 404 too
    expect((await bank.call('GET', `/api/reconcile?date=${DATE}&org=B1`, b2)).status).toBe(404);
    // their own figure they may delete
    const b2Id = (await result(bank, b2)).rows[0].id;
    expect((await bank.call('DELETE', `/api/reconcile/${b2Id}`, b2)).status).toBe(200);
    expect((await result(bank, b2)).rows).toEqual([]);
  });
});
