// The merchant rules' shared read (rules/merchant/month.ts monthTxns): rows come in the order the
// table holds them (rowid); the columns come out grouped by merchant and month, each group in time
// order, whatever the order of the rows stored, with payers interned (one index per payer string).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthTxns } from '../../../electron/core/monitoring/rules/merchant/month.js';
import { freshBank, insert, type Bank } from './rules-b-fixture.js';

let bank: Bank;
// stored out of order on purpose: M2 before M1, M1's July rows newest first, a June row between
const ROWS: [string, string, string, number, string | null, string | null][] = [
  ['T1', 'M2', '2024-07-02 08:00:00', 100, 'P1', '消费'],
  ['T2', 'M1', '2024-07-20 10:00:00', 200, 'P2', '消费'],
  ['T3', 'M1', '2024-06-30 23:59:59', 300, 'P2', '消费'],
  ['T4', 'M1', '2024-07-03 09:30:00', 400, 'P1', null],
  ['T5', 'M1', '2024-07-03 09:29:59', 500, null, '消费'],
  // not a 消费: left out
  ['T6', 'M1', '2024-07-04 09:00:00', 600, 'P1', '退货'],
  // August: outside the period
  ['T7', 'M1', '2024-08-01 00:00:00', 700, 'P1', '消费'],
];

beforeAll(() => {
  bank = freshBank();
  for (const [txn_id, merchant_id, txn_time, amount, payer, txn_type] of ROWS) insert(bank.db, 'acq_txn', { txn_id, merchant_id, txn_time, amount, payer, txn_type });
});
afterAll(() => bank?.close());

describe('monthTxns', () => {
  it('groups June–July by merchant then month, each in time order, 消费 rows only', () => {
    const t = monthTxns(bank.db, { from: '2024-06-01', to: '2024-07-31' });
    expect(t.groups.map((g) => [g.merchant, g.month, g.end - g.start])).toEqual([
      ['M1', '2024-06', 1],
      ['M1', '2024-07', 3],
      ['M2', '2024-07', 1],
    ]);
    // amounts in group order: M1 June T3; M1 July T5 (09:29:59), T4 (09:30:00), T2 (20th); M2 T1
    expect(t.fen).toEqual([300, 500, 400, 200, 100]);
    // day of the month and second of the day: T3 30th 23:59:59 = 86399; T5 3rd 9:29:59 = 34199
    expect(t.day).toEqual([30, 3, 3, 20, 2]);
    expect(t.sec).toEqual([86_399, 34_199, 34_200, 36_000, 28_800]);
    // the same payer string is the same index; no payer is -1
    const names = t.payer.map((p) => (p < 0 ? null : t.payers[p]));
    expect(names).toEqual(['P2', null, 'P1', 'P2', 'P1']);
    expect(t.payer[0]).toBe(t.payer[3]);
    expect(t.payer[2]).toBe(t.payer[4]);
  });
});
