import { afterAll, beforeAll, expect, it } from 'vitest';
import { coverageTable } from '../../../../electron/core/crm/coverage.js';
import { DATE, tempBank } from './bank.js';
import { wholeBankScope } from '../../../../electron/core/scope/index.js';
import { invalidateFamilies } from '../../../../electron/core/indicators/store.js';

/** The rows below are changed by hand, not imported: drop the customer figures as an import does. */
const changed = () => invalidateFamilies(t.db, ['customer'], null);
const ALL = wholeBankScope();

let t: ReturnType<typeof tempBank>;
beforeAll(() => {
  t = tempBank();
});
afterAll(() => t.close());

/** 18 shares, all 0 but those given. */
const shares = (given: Record<number, number>) => Object.fromEntries(Array.from({ length: 18 }, (_, i) => [i + 1, given[i + 1] ?? 0]));

// Counted by hand from bank.ts. 城东支行 = B1 + S11: …01 …02 …05 …06 …07 (5 customers).
// 城西支行 = B2 + S21: …03 …04 …08 …09 …10 …12 …13 (7). KH…11 sits at 总行, which has no 支行
// above it: its own row, marked so. Shares are unrounded fractions (k/5, k/7).
const B1 = shares({ 1: 4 / 5, 2: 1 / 5, 4: 1 / 5, 5: 1 / 5, 7: 3 / 5, 10: 3 / 5, 11: 1 / 5, 12: 1 / 5, 13: 1 / 5, 14: 2 / 5, 15: 1 / 5 });
const B2 = shares({ 1: 4 / 7, 2: 2 / 7, 3: 2 / 7, 5: 1 / 7, 7: 3 / 7, 8: 1 / 7, 10: 4 / 7, 11: 1 / 7, 12: 1 / 7, 15: 2 / 7, 16: 1 / 7, 17: 1 / 7 });

it('gives each 支行 with its 分理处 the share of customers holding each item, and the 总行 its own customers', () => {
  const t1 = coverageTable(t.db, ALL, { by: 'branch' });
  expect(t1.date).toBe(DATE);
  expect(t1.items.map((i) => i.id)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  expect(t1.rows).toEqual([
    { key: 'B1', name: '城东支行', customers: 5, shares: B1, placement: 'branch' },
    { key: 'B2', name: '城西支行', customers: 7, shares: B2, placement: 'branch' },
    // KH…11 holds item 1 only
    { key: 'H', name: '总行', customers: 1, shares: shares({ 1: 1 }), placement: 'own_org' },
  ]);
  // every customer of the bank is in a row: 5 + 7 + 1 = the 13 of bank.ts
  expect(t1.rows.reduce((n, r) => n + r.customers, 0)).toBe(13);
  expect(t1.unmanagedCustomers).toBe(0);
});

it('counts a customer of an org the org file does not hold under that org id, marked unknown', () => {
  t.db.prepare("INSERT INTO customer (cust_id, name, org_id) VALUES ('X1', '外', 'ZZ9')").run();
  t.db.prepare("INSERT INTO customer_holding (data_date, cust_id, mask, coverage, avg_assets, star) VALUES (?, 'X1', 3, 2, 0, 1)").run(DATE);
  changed();
  try {
    const row = coverageTable(t.db, ALL, { by: 'branch' }).rows.find((r) => r.key === 'ZZ9');
    // mask 3 = items 1 and 2
    expect(row).toEqual({ key: 'ZZ9', name: 'ZZ9', customers: 1, shares: shares({ 1: 1, 2: 1 }), placement: 'unknown_org' });
  } finally {
    t.db.prepare("DELETE FROM customer_holding WHERE cust_id = 'X1'").run();
    t.db.prepare("DELETE FROM customer WHERE cust_id = 'X1'").run();
    changed();
  }
});

it('gives each 客户经理 the share of the customers they manage', () => {
  const rows = coverageTable(t.db, ALL, { by: 'manager', date: DATE }).rows;
  const m = { placement: 'manager' };
  expect(rows).toEqual([
    // M1 (sits in B1): …02 and …05
    { key: 'M1', name: '王经理', customers: 2, shares: shares({ 1: 1, 2: 0.5, 4: 0.5, 5: 0.5, 7: 0.5, 10: 0.5, 11: 0.5, 12: 0.5, 14: 0.5 }), ...m, orgId: 'B1', orgName: '城东支行' },
    // M2 (S11): …01 and …06
    { key: 'M2', name: '李经理', customers: 2, shares: shares({ 1: 1, 7: 1, 10: 1, 13: 0.5, 14: 0.5, 15: 0.5 }), ...m, orgId: 'S11', orgName: '东一分理处' },
    // M3 (B2) manages exactly the customers of 城西支行
    { key: 'M3', name: '陈经理', customers: 7, shares: B2, ...m, orgId: 'B2', orgName: '城西支行' },
  ]);
  // …07 and KH…11 have no 管户客户经理: counted, not dropped (2 + 2 + 7 + 2 = 13)
  expect(coverageTable(t.db, ALL, { by: 'manager', date: DATE }).unmanagedCustomers).toBe(2);
});

it('limits to an org subtree', () => {
  expect(coverageTable(t.db, ALL, { by: 'branch', orgId: 'B2' }).rows.map((r) => r.key)).toEqual(['B2']);
  // S11 holds …01 and …06 (M2) and …07 (no manager)
  const m = coverageTable(t.db, ALL, { by: 'manager', orgId: 'S11' }).rows;
  expect(m.map((r) => [r.key, r.customers])).toEqual([['M2', 2]]);
});

it('counts only customers on the books on the date (建档日期 ≤ date), as the figures do', () => {
  // …01 (S11, so 城东支行) opened the day after: 城东支行 keeps …02 …05 …06 …07 = 4 customers
  t.db.prepare("UPDATE customer SET open_date = '2024-08-01' WHERE cust_id = '6200000001'").run();
  changed();
  try {
    const b1 = coverageTable(t.db, ALL, { by: 'branch' }).rows.find((r) => r.key === 'B1')!;
    expect(b1.customers).toBe(4);
    // item 1: …02 …05 …06 hold it, …07 does not → 3/4
    expect(b1.shares[1]).toBe(3 / 4);
  } finally {
    t.db.prepare("UPDATE customer SET open_date = NULL WHERE cust_id = '6200000001'").run();
    changed();
  }
});
