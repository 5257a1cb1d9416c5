// The merchants layer's class (0 普通, 1 有效, 2 高质量) from the month up to the date, as DATA.md
// defines them: 有效 ≥ 30 transactions and ≥ 3,000 元; 高质量 ≥ 20 active days, ≥ 100 transactions
// and ≥ 30 distinct payers. Transactions written here, the classes counted by hand:
//   M1 30 × 100.00 元 消费 on July 1–30        → 30 and 3,000.00 元: 有效, exactly at both bars (1)
//   M2 29 × 200.00 元 消费 + 1 × 200.00 退货     → 29 消费 (the 退货 is not one): 普通 (0)
//   M3 5 a day on July 1–20, payers P0…P29     → 100, 20 days, 30 payers: 高质量 (2)
//   M4 as M3 but July 1–19 (5, 5, …, then 10)  → 19 days: not 高质量; 100 元 < 3,000: 普通 (0)
//   M5 as M1 but signed 2024-08-01             → not in service on July 31: not drawn
//   M1's 30 transactions again in June         → another month: not counted
// Then one more 消费 of M2 is imported: 30 × 200 = 6,000 元 → 有效, the layer rebuilt for the new data.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PointLayer } from '../../../shared/grid.js';
import { tempApi, type TestApi } from '../api/helpers.js';
import { loadBank } from './bank.js';

let t: TestApi;
const day = (d: number) => `2024-07-${String(d).padStart(2, '0')}`;

function transactions(): string {
  const rows: string[] = [];
  let n = 0;
  const add = (m: string, date: string, yuan: string, payer: string, type = '消费') => rows.push(`T${++n},${m},${date} 10:00:00,${yuan},${payer},${type}`);
  for (let i = 1; i <= 30; i++) add('M1', day(i), '100.00', `A${i}`);
  for (let i = 1; i <= 30; i++) add('M1', `2024-06-${String(i).padStart(2, '0')}`, '100.00', `A${i}`);
  for (let i = 1; i <= 29; i++) add('M2', day(i), '200.00', `B${i}`);
  add('M2', day(30), '200.00', 'B30', '退货');
  for (let i = 0; i < 100; i++) add('M3', day(1 + Math.floor(i / 5)), '1.00', `P${i % 30}`);
  for (let i = 0; i < 100; i++) add('M4', day(Math.min(19, 1 + Math.floor(i / 5))), '1.00', `P${i % 30}`);
  for (let i = 1; i <= 30; i++) add('M5', day(i), '100.00', `E${i}`);
  return '交易流水号,商户号,交易时间,交易金额,付款方标识,交易类型\n' + rows.join('\n') + '\n';
}

beforeEach(async () => {
  t = tempApi();
  const merchant = (id: string, sign = '2024-01-01') => `${id},商户${id},C1,${sign},正常,118.61,24.91,B1`;
  await loadBank(t.db, t.dir, {
    'org.csv': '机构号,机构名称,上级机构号,机构层级\nHQ,总行,,总行\nB1,一支行,HQ,支行\n',
    'customer.csv': '客户号,客户名称,客户类型,所属机构号\nC1,张三商行,个体工商户,B1\n',
    'merchant.csv':
      'merchant_id,name,owner_cust_id,sign_date,status,lng,lat,org_id\n' +
      ['M1', 'M2', 'M3', 'M4'].map((m) => merchant(m)).join('\n') + '\n' + merchant('M5', '2024-08-01') + '\n',
    'acq.csv': transactions(),
  });
});

async function classes(): Promise<Record<string, number>> {
  const res = await t.app.request('/api/map/points?kind=merchant&date=2024-07-31', { headers: t.auth('admin') });
  expect(res.status, await res.clone().text()).toBe(200);
  const l = (await res.json()) as PointLayer;
  return Object.fromEntries(l.ids.map((id, i) => [id, l.cls[i]]));
}

describe('merchant classes of the month up to the date', () => {
  it('有效 at its bars, 高质量 with 20 days, 退货 and other months left out, not in service not drawn', async () => {
    expect(await classes()).toEqual({ M1: 1, M2: 0, M3: 2, M4: 0 });
    // read again: the same answer from the figures kept for the date
    expect(await classes()).toEqual({ M1: 1, M2: 0, M3: 2, M4: 0 });
  });

  it('an import that changes the month is seen at once', async () => {
    expect((await classes()).M2).toBe(0);
    await loadBank(t.db, t.dir, { 'acq_more.csv': '交易流水号,商户号,交易时间,交易金额,付款方标识,交易类型\nT9001,M2,2024-07-31 09:00:00,200.00,B31,消费\n' });
    expect(await classes()).toEqual({ M1: 1, M2: 1, M3: 2, M4: 0 });
  });
});
