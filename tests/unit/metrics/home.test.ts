// homeSummary over the hand-built bank of bank.ts, and over an empty database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeSummary } from '../../../electron/core/metrics/home.js';
import { computeOrgStats } from '../../../electron/core/metrics/stats.js';
import { DATASETS } from '../../../shared/datasets.js';
import { buildBank, DEPOSITS, insertRows, LOANS, tempDb } from './bank.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

describe('homeSummary on the hand-built bank', () => {
  let t: ReturnType<typeof tempDb>;
  beforeAll(() => {
    t = tempDb();
    buildBank(t.db);
    insertRows(t.db, 'visit', [
      { visit_id: 'V1', visit_time: '2024-07-20 15:00:00', staff_id: 'E1' },
      { visit_id: 'V2', visit_time: '2024-07-21 09:30:00', staff_id: 'E1' },
    ]);
    const batch = (id: number, dataset: string, status: string) =>
      ({ batch_id: id, file_name: `${dataset}.csv`, dataset, status, started_at: '2024-07-22T08:00:00Z' });
    insertRows(t.db, 'import_batch', [batch(1, 'deposit', 'committed'), batch(2, 'deposit', 'undone'), batch(3, 'loan', 'committed')]);
    const issue = (b: number, level: string) => ({ batch_id: b, level, reason: 'x' });
    insertRows(t.db, 'import_issue', [
      issue(1, 'warning'), issue(1, 'warning'), issue(1, 'rejected'), // 2 warnings count
      issue(2, 'warning'), issue(2, 'warning'), issue(2, 'warning'), // undone batch: none
      issue(3, 'warning'),
    ]);
  });
  afterAll(() => t.close());

  it('lists every dataset with rows, latest date and warnings of committed batches', () => {
    const h = homeSummary(t.db, ALL);
    expect(h.datasets.map((d) => d.dataset)).toEqual(DATASETS.map((d) => d.id));
    const by = new Map(h.datasets.map((d) => [d.dataset, d]));
    const depositRows = Object.values(DEPOSITS).reduce((n, accts) => n + Object.keys(accts).length, 0);
    const loanRows = Object.values(LOANS).reduce((n, l) => n + l.length, 0);
    expect(by.get('deposit')).toEqual({ dataset: 'deposit', name: '存款分户', rows: depositRows, latestDate: '2024-07-22', warnings: 2 });
    expect(by.get('loan')).toMatchObject({ rows: loanRows, latestDate: '2024-07-05', warnings: 1 });
    expect(by.get('org')).toMatchObject({ rows: 6, latestDate: null, warnings: 0 });
    expect(by.get('customer')).toMatchObject({ rows: 7, latestDate: null });
    expect(by.get('merchant')).toMatchObject({ rows: 7 });
    // M1 100 + M2 190 + 2 + M3 100 + M4 100; the latest is M2's 2024-07-23 00:00:00
    expect(by.get('acq_txn')).toMatchObject({ rows: 492, latestDate: '2024-07-23' });
    expect(by.get('visit')).toMatchObject({ rows: 2, latestDate: '2024-07-21' });
    expect(by.get('grid')).toMatchObject({ rows: 0, latestDate: null, warnings: 0 });
  });

  it('gives the head office figures at the latest deposit date, and the 支行', () => {
    const h = homeSummary(t.db, ALL);
    expect(h.latestDate).toBe('2024-07-22');
    const head = computeOrgStats(t.db, '2024-07-22', ALL).orgs.find((o) => o.org_id === 'H')!;
    expect(h.headline).toEqual({
      date: '2024-07-22',
      customers: head.customers,
      depositBalance: head.deposit_balance,
      depositAvgMonth: head.deposit_avg_month,
      depositDeviation: head.deposit_deviation,
      loanBalance: head.loan_balance,
      nplRatio: head.npl_ratio,
      creditLoanRatio: head.credit_loan_ratio,
      overdueBalance: head.overdue_balance,
      merchants: head.merchants,
      highQualityMerchants: head.high_quality_merchants,
    });
    // the same figures as stats.test.ts works out by hand
    expect(h.headline).toMatchObject({ customers: 5, depositBalance: 200000.62, loanBalance: 243333.33, merchants: 3, highQualityMerchants: 1 }); // M1 M2 M3; not M6 (no 状态)
    expect(h.branches).toEqual([
      { orgId: 'B1', name: '城东支行', depositBalance: 175000.62, loanBalance: 193333.33, nplRatio: 1_000_000 / 19_333_333 }, // L5 损失 over B1's loans, unrounded
      { orgId: 'B2', name: '城西支行', depositBalance: 25000, loanBalance: 50000, nplRatio: 1 },
    ]);
  });

  it('reads the figures as of an earlier date when one is picked (the dashboards\' date)', () => {
    const h = homeSummary(t.db, ALL, '2024-07-05');
    expect(h.latestDate).toBe('2024-07-22'); // what is loaded does not move with the pick
    // 2024-07-05 by hand: H = A1 12,000,000 + A2 4,500,050 + A3 2,500,000 + A5 300,000 分 (A5 is S21's, under B2)
    expect(h.headline).toMatchObject({ date: '2024-07-05', depositBalance: 193000.5, loanBalance: 243333.33 });
    expect(h.branches.map((b) => [b.orgId, b.depositBalance])).toEqual([['B1', 165000.5], ['B2', 28000]]);
    const head = computeOrgStats(t.db, '2024-07-05', ALL).orgs.find((o) => o.org_id === 'H')!;
    expect(h.headline).toMatchObject({ customers: head.customers, depositAvgMonth: head.deposit_avg_month, nplRatio: head.npl_ratio });
  });
});

describe('homeSummary edge cases', () => {
  it('gives zeros and no headline for an empty database', () => {
    const t = tempDb();
    try {
      const h = homeSummary(t.db, ALL);
      expect(h.datasets).toHaveLength(DATASETS.length);
      for (const d of h.datasets) expect(d).toMatchObject({ rows: 0, latestDate: null, warnings: 0 });
      expect(h).toMatchObject({ latestDate: null, headline: null, branches: [] });
    } finally {
      t.close();
    }
  });

  it('falls back to the loan date, and to the root children when no org is labelled 支行', () => {
    const t = tempDb();
    try {
      insertRows(t.db, 'org', [
        { org_id: 'R', name: '本行', parent_id: 'NOT-LOADED', level: null },
        { org_id: 'K1', name: '一部', parent_id: 'R', level: null },
        { org_id: 'K2', name: '二部', parent_id: 'K1', level: null },
      ]);
      insertRows(t.db, 'customer', [{ cust_id: 'C', name: '甲', org_id: 'K2' }]);
      insertRows(t.db, 'loan', [
        { data_date: '2024-03-31', loan_no: 'L', cust_id: 'C', balance: 12345, amount: 12345, issue_date: '2024-01-01', class5: '可疑' },
      ]);
      const h = homeSummary(t.db, ALL);
      expect(h.latestDate).toBe('2024-03-31');
      expect(h.headline).toMatchObject({ date: '2024-03-31', customers: 1, loanBalance: 123.45, nplRatio: 1, depositBalance: 0, depositDeviation: null });
      expect(h.branches).toEqual([{ orgId: 'K1', name: '一部', depositBalance: 0, loanBalance: 123.45, nplRatio: 1 }]);
    } finally {
      t.close();
    }
  });
});
