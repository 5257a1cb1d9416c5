// The speed claims of the indicator queries rest on these plans (measured with perf.ts):
// a change of schema or SQL that loses them turns a sub-second figure into a full scan.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEPOSIT_PASSES } from '../../../electron/core/metrics/balances.js';
import { MERCHANT_SQL } from '../../../electron/core/metrics/merchants.js';
import { tempDb } from './bank.js';

let t: ReturnType<typeof tempDb>;
beforeAll(() => {
  t = tempDb();
});
afterAll(() => t.close());

const plan = (sql: string, ...params: unknown[]) =>
  (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

it('seeks each merchant’s month of transactions on acq_txn_merchant_time', () => {
  const p = plan(MERCHANT_SQL, { date: '2024-07-31', from: '2024-07-01', to: '2024-08-01', minDays: 20, minTxns: 100, minPayers: 30 });
  expect(p).toMatch(/SEARCH t USING INDEX acq_txn_merchant_time \(merchant_id=\? AND txn_time>\? AND txn_time<\?\)/);
  expect(p).not.toMatch(/SCAN t/);
});

it('sums deposits that carry their own org from the covering index alone', () => {
  expect(plan(DEPOSIT_PASSES[0], '2024-07-01', '2024-07-31')).toMatch(/USING COVERING INDEX deposit_date_org/);
});
