import { afterAll, beforeAll, expect, it } from 'vitest';
import { coverageTable } from '../../../../electron/core/crm/coverage.js';
import { DATE, tempBank } from './bank.js';
import { wholeBankScope } from '../../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

let t: ReturnType<typeof tempBank>;
beforeAll(() => {
  t = tempBank();
});
afterAll(() => t.close());

/** 18 shares, all 0 but those given. */
const shares = (given: Record<number, number>) => Object.fromEntries(Array.from({ length: 18 }, (_, i) => [i + 1, given[i + 1] ?? 0]));

// Counted by hand from bank.ts. 城东支行 = B1 + S11: …01 …02 …05 …06 …07 (5 customers).
// 城西支行 = B2 + S21: …03 …04 …08 …09 …10 …12 …13 (7). KH…11 sits at 总行: no 支行, not listed.
const B1 = shares({ 1: 0.8, 2: 0.2, 4: 0.2, 5: 0.2, 7: 0.6, 10: 0.6, 11: 0.2, 12: 0.2, 13: 0.2, 14: 0.4, 15: 0.2 });
// sevenths: 1/7 = 0.142857… → 0.1429, 2/7 → 0.2857, 3/7 → 0.4286, 4/7 → 0.5714
const B2 = shares({ 1: 0.5714, 2: 0.2857, 3: 0.2857, 5: 0.1429, 7: 0.4286, 8: 0.1429, 10: 0.5714, 11: 0.1429, 12: 0.1429, 15: 0.2857, 16: 0.1429, 17: 0.1429 });

it('gives each 支行 with its 分理处 the share of customers holding each item', () => {
  const t1 = coverageTable(t.db, ALL, { by: 'branch' });
  expect(t1.date).toBe(DATE);
  expect(t1.items.map((i) => i.id)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  expect(t1.rows).toEqual([
    { key: 'B1', name: '城东支行', customers: 5, shares: B1 },
    { key: 'B2', name: '城西支行', customers: 7, shares: B2 },
  ]);
});

it('gives each 客户经理 the share of the customers they manage', () => {
  const rows = coverageTable(t.db, ALL, { by: 'manager', date: DATE }).rows;
  expect(rows).toEqual([
    // M1: …02 and …05
    { key: 'M1', name: '王经理', customers: 2, shares: shares({ 1: 1, 2: 0.5, 4: 0.5, 5: 0.5, 7: 0.5, 10: 0.5, 11: 0.5, 12: 0.5, 14: 0.5 }) },
    // M2: …01 and …06
    { key: 'M2', name: '李经理', customers: 2, shares: shares({ 1: 1, 7: 1, 10: 1, 13: 0.5, 14: 0.5, 15: 0.5 }) },
    // M3 manages exactly the customers of 城西支行
    { key: 'M3', name: '陈经理', customers: 7, shares: B2 },
  ]);
});

it('limits to an org subtree', () => {
  expect(coverageTable(t.db, ALL, { by: 'branch', orgId: 'B2' }).rows.map((r) => r.key)).toEqual(['B2']);
  // S11 holds …01 and …06 (M2) and …07 (no manager)
  const m = coverageTable(t.db, ALL, { by: 'manager', orgId: 'S11' }).rows;
  expect(m.map((r) => [r.key, r.customers])).toEqual([['M2', 2]]);
});
