// "Which org a row belongs to" is one rule (scope/row-org.ts, DATA.md "Files"): a row's own
// 所属机构号, else its customer's; a customer belongs to its own 所属机构号. Here 甲 is a customer
// of 城东 (A) whose 活期 account and merchant carry 城西 (B) as their own org, and whose loan and
// signing carry none. Every reader must place each row by that rule: the figures, coverage, the
// gap list, search and the 360. Expected values are read off the rows below by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeOrgStats } from '../../../electron/core/metrics/stats.js';
import { coverageTable } from '../../../electron/core/crm/coverage.js';
import { customer360, OUTSIDE_SCOPE } from '../../../electron/core/crm/customer360.js';
import { gapList } from '../../../electron/core/crm/gaps.js';
import { searchCustomers } from '../../../electron/core/crm/search.js';
import { rowOrgOf, scopeOfOrg, wholeBankScope, type Scope } from '../../../electron/core/scope/index.js';
import { insertRows, tempDb } from '../metrics/bank.js';

const D = '2024-07-31';
let t: ReturnType<typeof tempDb>;
let A: Scope;
let B: Scope;

beforeAll(() => {
  t = tempDb();
  insertRows(t.db, 'org', [
    { org_id: 'H', name: '总行', parent_id: null, level: '总行' },
    { org_id: 'A', name: '城东支行', parent_id: 'H', level: '支行' },
    { org_id: 'B', name: '城西支行', parent_id: 'H', level: '支行' },
  ]);
  insertRows(t.db, 'customer', [
    { cust_id: 'C1', name: '张甲', org_id: 'A', phone: '13800000001', open_date: '2020-01-01' },
    { cust_id: 'C2', name: '李乙', org_id: 'B', phone: '13800000002', open_date: '2020-01-01' },
  ]);
  insertRows(t.db, 'deposit', [
    { data_date: D, acct_no: 'D1', cust_id: 'C1', kind: '活期', balance: 123_456, status: '正常', org_id: 'B' }, // own org B
    { data_date: D, acct_no: 'D2', cust_id: 'C2', kind: '定期', balance: 10_000, status: '正常', org_id: null }, // → C2's B
  ]);
  insertRows(t.db, 'loan', [{ data_date: D, loan_no: 'L1', cust_id: 'C1', issue_date: '2024-01-01', amount: 50_000, balance: 40_000, org_id: null }]); // → C1's A
  insertRows(t.db, 'signing', [{ sign_no: 'S1', cust_id: 'C1', biz_type: '手机银行', sign_date: '2024-01-01', status: '有效', org_id: null }]); // → A
  insertRows(t.db, 'merchant', [{ merchant_id: 'M1', name: '甲的店', owner_cust_id: 'C1', status: '正常', sign_date: '2024-01-01', org_id: 'B' }]); // own org B
  A = scopeOfOrg(t.db, 'A');
  B = scopeOfOrg(t.db, 'B');
});
afterAll(() => t.close());

it('the rule itself: own org when present, else the customer’s', () => {
  expect(rowOrgOf('B', 'A')).toBe('B');
  expect(rowOrgOf(null, 'A')).toBe('A');
  expect(rowOrgOf('', 'A')).toBe('A');
  expect(rowOrgOf(null, null)).toBeNull();
});

describe('the figures place each row by the rule', () => {
  it('D1 and M1 count for 城西 (their own org), L1 for 城东 (its customer’s)', () => {
    const s = new Map(computeOrgStats(t.db, D, wholeBankScope()).orgs.map((o) => [o.org_id, o]));
    // 城东: L1 400.00 元; no deposit; no merchant; customer C1
    expect(s.get('A')).toMatchObject({ deposit_balance: 0, loan_balance: 400, merchants: 0, customers: 1 });
    // 城西: D1 1,234.56 + D2 100.00 元; M1; customer C2
    expect(s.get('B')).toMatchObject({ deposit_balance: 1334.56, loan_balance: 0, merchants: 1, customers: 1 });
  });

  it('a branch scope sees exactly its own orgs’ figures', () => {
    expect(computeOrgStats(t.db, D, B).orgs.map((o) => [o.org_id, o.deposit_balance])).toEqual([['B', 1334.56]]);
  });
});

describe('the customer screens place the customer by its own org, and its rows by the rule', () => {
  it('coverage counts 甲 under 城东, with the items held anywhere in the bank', () => {
    const rows = coverageTable(t.db, wholeBankScope(), { by: 'branch', date: D }).rows;
    const a = rows.find((r) => r.key === 'A')!;
    // 甲 holds 1 (D1 活期), 4 and 5 (L1), 10 (S1 手机银行), 14 (M1): the bank's view of the customer
    expect(a.customers).toBe(1);
    expect(Object.entries(a.shares).filter(([, v]) => v > 0).map(([k]) => Number(k))).toEqual([1, 4, 5, 10, 14]);
    expect(rows.find((r) => r.key === 'B')!.customers).toBe(1); // 乙
  });

  it('the gap list and search show 甲 to 城东 and not to 城西', () => {
    const ids = (s: Scope) => gapList(t.db, { date: D }, s).rows.map((r) => r.custId);
    expect(ids(A)).toEqual(['C1']);
    expect(ids(B)).toEqual(['C2']);
    const found = (s: Scope) => searchCustomers(t.db, '张甲', s, { date: D }).matches.map((m) => m.custId);
    expect(found(A)).toEqual(['C1']);
    expect(found(B)).toEqual([]);
  });

  it('the 360 for 城东 lists L1 and S1 but not 城西’s D1 and M1, whose items say where they are held', () => {
    const v = customer360(t.db, 'C1', A, { date: D, reveal: false })!;
    expect(v.loans.map((l) => l.loanNo)).toEqual(['L1']);
    expect(v.signings.map((s) => s.signNo)).toEqual(['S1']);
    expect(v.deposits).toEqual([]);
    expect(v.merchants).toEqual([]);
    expect(v.items.find((i) => i.id === 1)).toMatchObject({ held: true, source: { label: OUTSIDE_SCOPE } });
    expect(v.items.find((i) => i.id === 14)).toMatchObject({ held: true, source: { label: OUTSIDE_SCOPE } });
    // the deposit trend is of the accounts inside the scope: D1 is 城西's
    expect(v.depositTrend).toEqual([{ date: D, balance: 0 }]);
    // 城西 does not see 甲 at all (a customer outside the scope is a 404)
    expect(customer360(t.db, 'C1', B, { date: D, reveal: false })).toBeNull();
    // the whole bank sees every row, D1 with its balance
    const all = customer360(t.db, 'C1', wholeBankScope(), { date: D, reveal: false })!;
    expect(all.deposits.map((d) => [d.acctNo, d.balance])).toEqual([['D1', 1234.56]]);
    expect(all.depositTrend).toEqual([{ date: D, balance: 1234.56 }]);
  });
});
