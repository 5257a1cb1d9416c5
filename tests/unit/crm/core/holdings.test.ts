import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ITEMS } from '../../../../shared/crm.js';
import type { Db } from '../../../../electron/core/db/connection.js';
import { ensureHoldings, ensureHoldingsInfo, latestDataDate } from '../../../../electron/core/crm/holdings.js';
import { customerItems } from '../../../../electron/core/crm/holdings-items.js';
import { allAssetSums } from '../../../../electron/core/crm/holdings-assets.js';
import { monthWeights } from '../../../../electron/core/crm/star.js';
import { depositDayWeights } from '../../../../electron/core/metrics/balances.js';
import { D, HELD_AT_D, tempBank } from './bank.js';

let bank: ReturnType<typeof tempBank>;
let db: Db;
beforeAll(() => {
  bank = tempBank();
  db = bank.db;
});
afterAll(() => bank.close());

const maskOf = (ids: number[]) => ids.reduce((m, id) => m | (1 << (id - 1)), 0);
const row = (date: string, cust: string) =>
  db.prepare('SELECT mask, coverage, avg_assets, star FROM customer_holding WHERE data_date = ? AND cust_id = ?').get(date, cust) as
    | { mask: number; coverage: number; avg_assets: number; star: number }
    | undefined;
const heldIds = (cust: string, date: string) => customerItems(db, cust, date).filter((i) => i.held).map((i) => i.id);

describe('the 18 items as of D', () => {
  it('customer_holding has one row per known customer with the hand-worked mask', () => {
    expect(ensureHoldings(db, D)).toBe(D);
    const rows = db.prepare('SELECT cust_id FROM customer_holding WHERE data_date = ? ORDER BY cust_id').pluck().all(D);
    expect(rows).toEqual(Object.keys(HELD_AT_D)); // CX (unknown customer) gets no row
    for (const [cust, ids] of Object.entries(HELD_AT_D)) {
      expect({ cust, mask: row(D, cust)!.mask, coverage: row(D, cust)!.coverage }).toEqual({ cust, mask: maskOf(ids), coverage: ids.length });
    }
  });

  it('customerItems, judged per customer, gives the same matrix', () => {
    for (const [cust, ids] of Object.entries(HELD_AT_D)) expect({ cust, ids: heldIds(cust, D) }).toEqual({ cust, ids });
  });

  it('returns the 18 items in catalog order with names and groups', () => {
    const items = customerItems(db, 'C01', D);
    expect(items.map((i) => [i.id, i.name, i.group])).toEqual(DEFAULT_ITEMS.map((i) => [i.id, i.name, i.group]));
    expect(items.filter((i) => !i.held).every((i) => i.since === null && i.source === null)).toBe(true);
  });

  it('records since and source: the earliest record that makes the item held', () => {
    const by = (cust: string) => new Map(customerItems(db, cust, D).map((i) => [i.id, i]));
    const c01 = by('C01');
    expect(c01.get(15)).toMatchObject({ since: '2023-01-05', source: { dataset: 'signing', key: 'SG01', label: '代发工资 签约流水号 SG01 签约 2023-01-05' } });
    expect(c01.get(1)).toMatchObject({ since: '2019-03-02', source: { dataset: 'deposit', key: 'A01' } });
    expect(c01.get(7)).toMatchObject({ since: '2019-03-02', source: { dataset: 'card', key: '621700******0001' } });
    // item 4: the 授信签约 of 2022-05-01 is earlier than the loan issued 2023-03-01
    const c05 = by('C05');
    expect(c05.get(4)).toMatchObject({ since: '2022-05-01', source: { dataset: 'signing', key: 'SG50' } });
    expect(c05.get(5)).toMatchObject({ since: '2023-03-01', source: { dataset: 'loan', key: 'L3', label: '经营贷 借据号 L3 发放 2023-03-01' } });
    // two debit cards: the older one (2017) is the since
    expect(by('C09').get(7)).toMatchObject({ since: '2017-07-07', source: { key: '621700******0093' } });
    // a merchant without a sign date is held, with no since
    expect(by('C06').get(14)).toMatchObject({ held: true, since: null, source: { dataset: 'merchant', key: 'M4' } });
    // an account without an open date: held, since unknown
    expect(by('C03').get(1)).toMatchObject({ held: true, since: null, source: { key: 'B02' } });
  });
});

describe('月日均金融资产 and star as of D (÷ 10 days: Jul 1–2 ← 06-28, Jul 3–7 ← 07-03, Jul 8–10 ← 07-08)', () => {
  // C01: 2×8,000 + 5×12,000 + 3×8,000 = 100,000 元·days → 10,000.00: exactly 1万 → 2★
  // C02: 50,000 every day → exactly 5万 → 3★
  // C03: 2×10,000 + 5×10,000 + 3×9,999.98 = 99,999.94 → 9,999.994 → 9,999.99 → 1★
  // C07: 保证金 200,000 every day → exactly 20万 → 4★ (every kind of deposit counts as an asset)
  // C09: 活期 1,000 ×10 + 大额存单 from 07-03: 700,000 × 8 = 5,610,000 → 561,000.00 → 5★ (07-12 ignored)
  const expected: Record<string, [avgFen: number, star: number]> = {
    C01: [1_000_000, 2], C02: [5_000_000, 3], C03: [999_999, 1], C04: [0, 1], C05: [0, 1],
    C06: [0, 1], C07: [20_000_000, 4], C08: [0, 1], C09: [56_100_000, 5],
  };
  it('matches the carry-forward arithmetic', () => {
    ensureHoldings(db, D);
    for (const [cust, [avg, star]] of Object.entries(expected)) {
      expect({ cust, avg: row(D, cust)!.avg_assets, star: row(D, cust)!.star }).toEqual({ cust, avg, star });
    }
  });

  it('both ways of summing agree, and the weights are those of the metrics', () => {
    for (const date of [D, '2024-07-01', '2024-07-31', '2024-06-30']) {
      const a = allAssetSums(db, date, 'index-scan');
      const b = allAssetSums(db, date, 'month-pass');
      expect([...a.sums].sort()).toEqual([...b.sums].sort());
      expect(monthWeights(db, date)).toEqual(depositDayWeights(db, date));
    }
    expect(allAssetSums(db, D, 'month-pass').sums.get('C09')).toBe(561_000_000);
  });

  it('before any snapshot of the month, days weigh 0 but still divide', () => {
    // 2024-06-28 is the first snapshot: June 1–27 have no total, so C02 averages 50,000 × 1 / 28
    ensureHoldings(db, '2024-06-28');
    expect(row('2024-06-28', 'C02')!.avg_assets).toBe(Math.round(5_000_000 / 28));
  });
});

describe('other dates', () => {
  it('the latest data date is the latest deposit snapshot', () => {
    expect(latestDataDate(db)).toBe('2024-07-12');
    expect(ensureHoldings(db)).toBe('2024-07-12');
  });

  it('as of 07-20: M3 is signed, L5 appears, L3 is gone', () => {
    ensureHoldings(db, '2024-07-20');
    // L3 is not in the 07-15 loan snapshot: 4 stays by the 授信签约 alone, 5 and 6 go
    expect(heldIds('C05', '2024-07-20')).toEqual([4, 7, 14]);
    expect(heldIds('C08', '2024-07-20')).toEqual([4, 5, 6]);
    expect(row('2024-07-20', 'C05')!.mask).toBe(maskOf([4, 7, 14]));
    expect(row('2024-07-20', 'C08')!.mask).toBe(maskOf([4, 5, 6]));
  });

  it('as of 07-05 the 定期 is not yet 销户 and the 微信支付 not yet cancelled', () => {
    expect(heldIds('C01', '2024-07-05')).toEqual([1, 2, 7, 15]);
    expect(heldIds('C04', '2024-07-05')).toEqual([4, 11, 12, 13]);
    ensureHoldings(db, '2024-07-05');
    expect(row('2024-07-05', 'C01')!.mask).toBe(maskOf([1, 2, 7, 15]));
  });

  it('refuses a date that does not exist', () => {
    expect(() => ensureHoldings(db, '2024-02-30')).toThrow(/日期无效/);
  });
});

describe('an empty bank', () => {
  it('has no default date and says why', async () => {
    const { openDb } = await import('../../../../electron/core/db/connection.js');
    const empty = openDb(':memory:');
    expect(() => ensureHoldings(empty)).toThrow(/尚未导入任何业务数据/);
    // with no snapshot at all, the latest date any record carries
    empty.prepare("INSERT INTO signing (sign_no, cust_id, biz_type, sign_date) VALUES ('s', 'c', '手机银行', '2024-05-06')").run();
    empty.prepare("INSERT INTO card (card_no, cust_id, card_type, issue_date) VALUES ('k', 'c', '借记卡', '2024-05-04')").run();
    expect(latestDataDate(empty)).toBe('2024-05-06');
    empty.close();
  });
});

describe('rebuilding', () => {
  it('rebuilds only when the data version moved', () => {
    ensureHoldings(db, D);
    expect(ensureHoldingsInfo(db, D).rebuilt).toBe(false);
    db.prepare("INSERT INTO setting (key, value) VALUES ('data_version', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1").run();
    const info = ensureHoldingsInfo(db, D);
    expect(info).toMatchObject({ rebuilt: true, customers: 9 });
    expect(ensureHoldingsInfo(db, D).rebuilt).toBe(false);
  });
});
