// Org indicators over the hand-built bank of bank.ts. Every expected figure is worked out here
// from the rows of bank.ts, in 分, then turned into 元.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeOrgStats, unassignedStats, type OrgStats } from '../../../electron/core/metrics/stats.js';
import { ratio } from '../../../electron/core/metrics/ratio.js';
import { buildBank, tempDb } from './bank.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

/** ratios leave the core unrounded: the plain division of the integer sums worked out here */
const frac = (n: number, d: number) => n / d;
const yuan = (fen: number) => fen / 100;

let t: ReturnType<typeof tempDb>;
const at = (date: string) => new Map(computeOrgStats(t.db, date, ALL).orgs.map((o) => [o.org_id, o]));

beforeAll(() => {
  t = tempDb();
  buildBank(t.db);
});
afterAll(() => t.close());

describe('computeOrgStats on 2024-07-22 (a deposit snapshot day, 22 days into July)', () => {
  let s: Map<string, OrgStats>;
  beforeAll(() => {
    s = at('2024-07-22');
  });

  it('lists every org, parents before children, with exactly the contract keys', () => {
    const r = computeOrgStats(t.db, '2024-07-22', ALL);
    expect(r.date).toBe('2024-07-22');
    expect(r.orgs.map((o) => o.org_id)).toEqual(['H', 'B1', 'S11', 'S12', 'B2', 'S21']);
    expect(Object.keys(r.orgs[0]).sort()).toEqual(
      ['org_id', 'name', 'level', 'parent_id', 'customers', 'deposit_balance', 'deposit_avg_month', 'deposit_deviation',
        'loan_balance', 'npl_balance', 'npl_ratio', 'credit_loan_ratio', 'overdue_balance', 'merchants', 'high_quality_merchants'].sort(),
    );
    expect(s.get('S11')).toMatchObject({ name: '东一分理处', level: '分理处', parent_id: 'B1' });
  });

  it('counts customers opened on or before the date, rolled up', () => {
    // S11: C1; S12: C2; B1 itself: C6; B2 itself: C3 (opened 07-10); S21: C7 (opened on the date),
    // not C4 (opened 08-15); C5 belongs to unknown X9.
    expect([s.get('S11')!.customers, s.get('S12')!.customers, s.get('S21')!.customers]).toEqual([1, 1, 1]);
    expect(s.get('B1')!.customers).toBe(1 + 1 + 1);
    expect(s.get('B2')!.customers).toBe(1 + 1);
    expect(s.get('H')!.customers).toBe(3 + 2);
  });

  it('takes deposit balances from the 07-22 snapshot, a row without org from its customer', () => {
    // S11 = A1 (C1's org), S12 = A2, B2 = A3, S21 = A5 absent from the snapshot → 0
    expect(s.get('S11')!.deposit_balance).toBe(130000.01);
    expect(s.get('S12')!.deposit_balance).toBe(45000.61);
    expect(s.get('S21')!.deposit_balance).toBe(0);
    expect(s.get('B1')!.deposit_balance).toBe(yuan(13_000_001 + 4_500_061));
    expect(s.get('B2')!.deposit_balance).toBe(25000);
    expect(s.get('H')!.deposit_balance).toBe(yuan(13_000_001 + 4_500_061 + 2_500_000));
  });

  // Days of July 1–22 and the snapshot each one uses: Jul 1 → 06-28 (carried into the month),
  // Jul 2 → 07-02, Jul 3–4 → 07-03, Jul 5–21 → 07-05 (17 days: weekends and the gap), Jul 22 → 07-22.
  const S11_DAYS = 10_000_000 * 1 + 10_000_000 * 1 + 12_000_000 * 2 + 12_000_000 * 17 + 13_000_001 * 1; // 261,000,001
  const S12_DAYS = 5_000_000 * 1 + 5_000_000 * 1 + 5_000_000 * 2 + 4_500_050 * 17 + 4_500_061 * 1; // 101,000,911
  const S21_DAYS = 0 * 1 + 300_000 * 1 + 300_000 * 2 + 300_000 * 17 + 0 * 1; // 6,000,000
  const B2_OWN_DAYS = 2_000_000 * 1 + 2_000_000 * 1 + 2_000_000 * 2 + 2_500_000 * 17 + 2_500_000 * 1; // 53,000,000

  it('averages the daily totals over the 22 days, carrying snapshots forward, rounding half up to 分', () => {
    expect(S12_DAYS % 22).toBe(11); // 4,590,950.5 分: the half rounds up
    expect(s.get('S12')!.deposit_avg_month).toBe(yuan(4_590_951));
    expect(s.get('S11')!.deposit_avg_month).toBe(yuan(Math.round(S11_DAYS / 22))); // 11,863,636.4 → 118,636.36
    expect(s.get('S21')!.deposit_avg_month).toBe(yuan(Math.round(S21_DAYS / 22))); // 272,727.3
    // a parent's average is its subtree's day sum divided once, not a sum of rounded averages
    expect(s.get('B1')!.deposit_avg_month).toBe(yuan(Math.round((S11_DAYS + S12_DAYS) / 22)));
    expect(s.get('B2')!.deposit_avg_month).toBe(yuan(Math.round((B2_OWN_DAYS + S21_DAYS) / 22)));
    expect(s.get('H')!.deposit_avg_month).toBe(yuan(Math.round((S11_DAYS + S12_DAYS + B2_OWN_DAYS + S21_DAYS) / 22)));
  });

  it('gives the deviation of the balance from the month average', () => {
    const avg11 = Math.round(S11_DAYS / 22);
    expect(s.get('S11')!.deposit_deviation).toBe(frac(13_000_001 - avg11, avg11)); // ≈ 0.09577
    expect(s.get('S21')!.deposit_deviation).toBe(-1); // balance 0 against a positive average
    const avgH = Math.round((S11_DAYS + S12_DAYS + B2_OWN_DAYS + S21_DAYS) / 22);
    expect(s.get('H')!.deposit_deviation).toBe(frac(13_000_001 + 4_500_061 + 2_500_000 - avgH, avgH));
  });

  it('takes loans from the 07-05 snapshot with NPL, credit and overdue shares', () => {
    // S11: L1 信用 正常 (org from C1) · S12: L2 保证 关注 10 days, L6 信用 正常 (逾期天数 null)
    // B1 itself: L5 信用 损失 400 days · B2 itself: L3 抵押 次级 95 days · S21: L4 质押 可疑 200 days
    const s11 = s.get('S11')!;
    expect([s11.loan_balance, s11.npl_balance, s11.npl_ratio, s11.credit_loan_ratio, s11.overdue_balance]).toEqual([100000, 0, 0, 1, 0]);
    const s12 = s.get('S12')!;
    expect(s12.loan_balance).toBe(yuan(5_000_000 + 3_333_333));
    expect(s12.credit_loan_ratio).toBe(frac(3_333_333, 8_333_333)); // 0.39999996
    expect(s12.overdue_balance).toBe(50000);

    const b1 = s.get('B1')!;
    const b1Loans = 10_000_000 + 8_333_333 + 1_000_000;
    expect(b1.loan_balance).toBe(yuan(b1Loans));
    expect(b1.npl_balance).toBe(10000);
    expect(b1.npl_ratio).toBe(frac(1_000_000, b1Loans)); // 0.0517
    expect(b1.credit_loan_ratio).toBe(frac(10_000_000 + 3_333_333 + 1_000_000, b1Loans)); // 0.7414
    expect(b1.overdue_balance).toBe(yuan(5_000_000 + 1_000_000));

    const b2 = s.get('B2')!;
    expect([b2.loan_balance, b2.npl_balance, b2.npl_ratio, b2.credit_loan_ratio, b2.overdue_balance]).toEqual([50000, 50000, 1, 0, 50000]);

    const h = s.get('H')!;
    const hLoans = b1Loans + 5_000_000; // L7 (C5, unknown X9) counts nowhere
    expect(h.loan_balance).toBe(yuan(hLoans));
    expect(h.npl_balance).toBe(yuan(1_000_000 + 3_000_000 + 2_000_000));
    expect(h.npl_ratio).toBe(frac(6_000_000, hLoans));
    expect(h.credit_loan_ratio).toBe(frac(14_333_333, hLoans));
    expect(h.overdue_balance).toBe(yuan(6_000_000 + 5_000_000));
  });

  it('counts merchants in service and the 高质量 ones at the thresholds', () => {
    // S11: M1 (exactly 20 days / 100 txns / 30 payers → 高质量) · S12: M2 (19 days → no)
    // B2 itself: M3 via its owner C3 (95 消费 + 5 撤销/退货 → no) · S21: none (M5 signed 08-01;
    // M6 has no 状态, and only 正常 is in service: rules/in-service.ts) · B1 itself: M4 suspended
    // → none · M7 → unknown X9
    const counts = (id: string) => [s.get(id)!.merchants, s.get(id)!.high_quality_merchants];
    expect(counts('S11')).toEqual([1, 1]);
    expect(counts('S12')).toEqual([1, 0]);
    expect(counts('S21')).toEqual([0, 0]);
    expect(counts('B1')).toEqual([2, 1]);
    expect(counts('B2')).toEqual([1, 0]);
    expect(counts('H')).toEqual([3, 1]);
  });
});

describe('computeOrgStats on other dates', () => {
  it('between snapshots (Sunday 07-07) uses the Friday snapshot and averages over 7 days', () => {
    const s = at('2024-07-07');
    expect(s.get('S11')!.deposit_balance).toBe(120000);
    // Jul 1 → 06-28, Jul 2 → 07-02, Jul 3–4 → 07-03, Jul 5–7 → 07-05
    expect(s.get('S11')!.deposit_avg_month).toBe(yuan(Math.round((10_000_000 + 10_000_000 + 12_000_000 * 2 + 12_000_000 * 3) / 7)));
    expect(s.get('S21')!.deposit_balance).toBe(3000);
    expect(s.get('S21')!.deposit_avg_month).toBe(yuan(Math.round((0 + 300_000 + 300_000 * 2 + 300_000 * 3) / 7)));
    expect(s.get('H')!.loan_balance).toBe(yuan(10_000_000 + 8_333_333 + 1_000_000 + 5_000_000));
  });

  it('07-03 still uses the June loan snapshot (06-30)', () => {
    const s = at('2024-07-03');
    expect(s.get('S11')!.loan_balance).toBe(80000);
    expect(s.get('B2')!.npl_ratio).toBe(1);
    expect(s.get('H')!.loan_balance).toBe(yuan(8_000_000 + 3_000_000));
    expect(s.get('H')!.npl_ratio).toBe(frac(3_000_000, 11_000_000));
  });

  it('counts days before the first snapshot as 0 and gives null ratios without loans', () => {
    const s = at('2024-06-29');
    // June 1–27 have no snapshot; 06-28 stands for June 28 and 29: S11 = 10,000,000 × 2 / 29
    expect(s.get('S11')!.deposit_avg_month).toBe(yuan(Math.round((10_000_000 * 2) / 29)));
    expect(s.get('S11')!.deposit_balance).toBe(100000);
    for (const o of s.values()) {
      expect([o.loan_balance, o.npl_ratio, o.credit_loan_ratio]).toEqual([0, null, null]);
    }
  });

  it('gives 0 figures and a null deviation before any data', () => {
    for (const o of at('2024-06-15').values()) {
      expect(o).toMatchObject({ deposit_balance: 0, deposit_avg_month: 0, deposit_deviation: null, loan_balance: 0, npl_ratio: null });
    }
    // in service by 06-15: M1 (signed 01-01), M2 (02-01), M3 (正常, no date); not M6 (no 状态); no June 1–15 transactions
    expect([at('2024-06-15').get('H')!.merchants, at('2024-06-15').get('H')!.high_quality_merchants]).toEqual([3, 0]);
  });

  it('refuses an impossible date', () => {
    expect(() => computeOrgStats(t.db, '2024-02-30', ALL)).toThrow(RangeError);
    expect(() => computeOrgStats(t.db, '20240722', ALL)).toThrow(RangeError);
  });
});

describe('unassignedStats', () => {
  it('totals the rows whose org is unknown', () => {
    const u = unassignedStats(t.db, '2024-07-22');
    expect(u.customers).toBe(1); // C5
    expect(u.deposit_balance).toBe(yuan(99_999 + 100 + 1)); // A4 (X9), A6 (ZZ), A7 (no customer)
    expect(u.loan_balance).toBe(5000); // L7
    expect(u.merchants).toBe(1); // M7
    expect(u.unknown_orgs).toEqual(['', 'X9', 'ZZ']);
  });
});

describe('ratio', () => {
  it('leaves the fraction unrounded, null over 0', () => {
    expect(ratio(1n, 20_000n)).toBe(0.00005); // ratio4 made this 0.0001
    expect(ratio(-1n, 20_001n)).toBe(-1 / 20_001); // and this 0
    expect(ratio(2n, 3n)).toBe(2 / 3);
    expect(ratio(5n, 0n)).toBeNull();
  });

  it('stays within one part in 2^52 of the fraction beyond 2^53 分', () => {
    // (10^17 + 1) / (3 × 10^17): the exact value is 1/3 + 1/(3 × 10^17); as a double, 1/3 to 16 digits
    const r = ratio(10n ** 17n + 1n, 3n * 10n ** 17n)!;
    expect(Math.abs(r - 1 / 3)).toBeLessThan(1e-16);
  });
});
