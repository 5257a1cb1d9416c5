// The 收单 rules on a hand-built month of transactions: the case each must catch, the decoy it
// must leave, and the boundary of each parameter. Amounts are in 分 in the rows; the counts and
// shares are worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fewPayers } from '../../../electron/core/monitoring/rules/merchant/few-payers.js';
import { roundAmounts } from '../../../electron/core/monitoring/rules/merchant/round-amounts.js';
import { splitBursts } from '../../../electron/core/monitoring/rules/merchant/split-bursts.js';
import { night } from '../../../electron/core/monitoring/rules/merchant/night.js';
import { selfPaid } from '../../../electron/core/monitoring/rules/merchant/self-paid.js';
import { monthTxns } from '../../../electron/core/monitoring/rules/merchant/month.js';
import type { Db } from '../../../electron/core/db/connection.js';
import { customer, freshBank, insert, JULY, run, type Bank } from './rules-b-fixture.js';

let seq = 0;
function txn(db: Db, merchant: string, time: string, fen: number, payer: string, type = '消费'): void {
  seq++;
  insert(db, 'acq_txn', { txn_id: `T${String(seq).padStart(7, '0')}`, merchant_id: merchant, txn_time: time, amount: fen, payer, pay_method: '扫码', txn_type: type });
}
const day = (d: number) => `2024-07-${String(d).padStart(2, '0')}`;
const at = (d: number, h: number, m = 0, s = 0) => `${day(d)} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
function merchant(db: Db, id: string, more: Record<string, unknown> = {}): void {
  insert(db, 'merchant', { merchant_id: id, name: `${id}商店`, status: '正常', sign_date: '2023-01-01', manager_id: 'S1', org_id: 'B1', ...more });
}
const ids = (f: { subject: { id: string } }[]) => f.map((x) => x.subject.id).sort();

let bank: Bank;
beforeAll(() => {
  bank = freshBank();
  const db = bank.db;
  // --- few payers ---------------------------------------------------------------------------
  // M1: days 1–21, 4 payments a day of about 1,000 元 by A, B, C in turn: row n = 4d + k (4…87)
  // pays 100,000 + 53n 分 (no two alike, none round) → 84 rows, 8,400,000 + 53 × 3,822 =
  // 8,602,566 分; on days 1–15 two one-off payers of 10 元 (30 rows, 30,000 分): 21 days, 114 rows,
  // 33 payers — over 20/100/30 and within 1.5 × (150 rows, 45 payers).
  // Top 3 = 8,602,566 / 8,632,566 = 0.996525.
  merchant(db, 'M1');
  for (let d = 1; d <= 21; d++) for (let k = 0; k < 4; k++) txn(db, 'M1', at(d, 10 + k), 100_000 + 53 * (d * 4 + k), 'ABC'[(d * 4 + k) % 3]);
  for (let d = 1; d <= 15; d++) for (let k = 0; k < 2; k++) txn(db, 'M1', at(d, 16, k), 1_000, `ONE${d}-${k}`);
  // M3 (decoy): 25 days × 5 rows = 125, 40 payers in turn, 20 元 each: top 3 hold 3 × (125/40)… ≤ 12 rows of 125
  merchant(db, 'M3');
  for (let d = 1; d <= 25; d++) for (let k = 0; k < 5; k++) txn(db, 'M3', at(d, 9 + k), 2_000, `P${((d - 1) * 5 + k) % 40}`);
  // M2 (decoy): M1's shape over 19 days only: not 高质量 at all
  merchant(db, 'M2');
  for (let d = 1; d <= 19; d++) for (let k = 0; k < 6; k++) txn(db, 'M2', at(d, 10 + k), 100_000 + 53 * (d * 6 + k), 'ABC'[k % 3]);
  for (let d = 1; d <= 15; d++) for (let k = 0; k < 2; k++) txn(db, 'M2', at(d, 17, k), 1_000, `TWO${d}-${k}`);

  // --- round amounts ------------------------------------------------------------------------
  // M4: 30 distinct multiples of 100 元 (100 … 3,000) and 10 scattered amounts: 30/40 = 0.75
  merchant(db, 'M4');
  for (let k = 1; k <= 30; k++) txn(db, 'M4', at(1 + (k % 28), 11), k * 10_000, `R${k}`);
  for (let k = 1; k <= 10; k++) txn(db, 'M4', at(1 + k, 15), 2_345 + k * 1_117, `S${k}`);
  // M5: 25 × 128.80 元 (repeated, not round) and 15 scattered: 25/40 = 0.625
  merchant(db, 'M5');
  for (let k = 1; k <= 25; k++) txn(db, 'M5', at(1 + k, 12), 12_880, `Q${k}`);
  for (let k = 1; k <= 15; k++) txn(db, 'M5', at(1 + k, 18), 3_001 + k * 997, `U${k}`);
  // M6 (decoy): a car park, 40 × 10.00 元: repeated but under the 100 元 floor
  merchant(db, 'M6');
  for (let k = 1; k <= 40; k++) txn(db, 'M6', at(1 + (k % 28), 8), 1_000, `V${k}`);

  // --- split bursts -------------------------------------------------------------------------
  // M7: payer X pays 5 × 200 元 at 10:00:00, 10:02:30, 10:05:00, 10:07:30, 10:10:00 on day 3
  // (600 s apart first to last) and 5 × 200 元 a minute apart on day 9: 2 bursts of 1,000 元;
  // 20 ordinary payments; and payer Y's night-style runs (6 × 20 元 in 2 minutes, 120 元) on 3 days
  merchant(db, 'M7');
  for (let k = 0; k < 5; k++) txn(db, 'M7', at(3, 10, Math.floor((k * 150) / 60), (k * 150) % 60), 20_000, 'X');
  for (let k = 0; k < 5; k++) txn(db, 'M7', at(9, 14, k), 20_000, 'X');
  for (let k = 1; k <= 20; k++) txn(db, 'M7', at(k, 19), 4_321, `W${k}`);
  for (const d of [4, 5, 6]) for (let k = 0; k < 6; k++) txn(db, 'M7', at(d, 2, 0, k * 20), 2_000, 'Y');

  // --- night ---------------------------------------------------------------------------------
  // M8: 40 daytime rows, 20 at night (one at 01:00:00 sharp), and one at 05:00:00 (not night):
  // 20 / 61 = 0.3279 at night
  merchant(db, 'M8');
  for (let k = 1; k <= 40; k++) txn(db, 'M8', at(1 + (k % 28), 12), 5_000, `N${k}`);
  txn(db, 'M8', at(2, 1, 0, 0), 5_000, 'Z0');
  for (let k = 1; k <= 19; k++) txn(db, 'M8', at(1 + k, 3, k), 5_000, `Z${k}`);
  txn(db, 'M8', at(25, 5, 0, 0), 5_000, 'Z99');
  // M9 (decoy): a 24-hour shop, 170 daytime rows and 30 at night: 30/200 = 0.15
  merchant(db, 'M9');
  for (let k = 1; k <= 170; k++) txn(db, 'M9', at(1 + (k % 30), 7 + (k % 15)), 3_000, `H${k}`);
  for (let k = 1; k <= 30; k++) txn(db, 'M9', at(k, 2), 3_000, `HN${k}`);

  // --- self-paid -----------------------------------------------------------------------------
  // M10: owner O1 (settlement account SA1, deposit account D-O1), manager S9 whose phone is that of
  // customer K1 (deposit account D-K1). 2 rows paid from SA1, 1 from D-O1, 1 from D-K1: 4 self-paid.
  customer(db, 'O1');
  customer(db, 'K1', { phone: '13700000009' });
  insert(db, 'staff', { staff_id: 'S9', name: '经理九', org_id: 'B1', post: '客户经理', phone: '13700000009' });
  for (const [acct, cust] of [['D-O1', 'O1'], ['D-K1', 'K1']]) {
    insert(db, 'deposit', { data_date: '2024-07-31', acct_no: acct, cust_id: cust, balance: 100_000, org_id: 'B1' });
  }
  merchant(db, 'M10', { owner_cust_id: 'O1', settle_acct: 'SA1', manager_id: 'S9' });
  txn(db, 'M10', at(5, 10), 50_000, 'SA1');
  txn(db, 'M10', at(6, 10), 50_000, 'SA1');
  txn(db, 'M10', at(7, 10), 30_000, 'D-O1');
  txn(db, 'M10', at(8, 10), 20_000, 'D-K1');
  for (let k = 1; k <= 10; k++) txn(db, 'M10', at(k, 12), 1_000, 'A1B2C3D4E5F60718');
  // M11 (decoy): O1's account pays a merchant that is not O1's
  merchant(db, 'M11', { owner_cust_id: 'O2', manager_id: 'S1' });
  for (let k = 1; k <= 5; k++) txn(db, 'M11', at(k, 10), 30_000, 'D-O1');
});
afterAll(() => bank.close());

describe('merchant.few_payers', () => {
  it('catches M1 (just over 高质量, 99.6% from 3 payers); leaves M3 (spread) and M2 (not 高质量)', () => {
    const f = run(fewPayers, bank.db, JULY);
    expect(ids(f)).toEqual(['M1']);
    const m1 = f[0];
    expect(m1.subject.type).toBe('merchant');
    expect(m1.period).toBe('2024-07');
    expect([m1.org_id, m1.staff_id]).toEqual(['B1', 'S1']);
    expect(m1.summary).toContain('活跃 21 天、交易 114 笔、付款人 33 个');
    expect(m1.summary).toContain('3 个付款方 84 笔共 8.60 万元，占交易金额 99.7%');
    // the payments of A, B and C out of the month's figures, and M1 out of 高质量商户数
    expect(m1.effects).toEqual([
      { key: 'acq_txn_count', from: '2024-07-01', to: '2024-07-31', org_id: 'B1', staff_id: 'S1', value: 84 },
      { key: 'acq_txn_amount', from: '2024-07-01', to: '2024-07-31', org_id: 'B1', staff_id: 'S1', value: 86_025.66 },
      { key: 'high_quality_merchants', from: '2024-07-01', to: '2024-07-31', org_id: 'B1', staff_id: 'S1', value: 1 },
      { key: 'effective_merchants', from: '2024-07-01', to: '2024-07-31', org_id: 'B1', staff_id: 'S1', value: 1 },
    ]);
    const txns = m1.evidence.filter((e) => e.kind === 'txn');
    expect(txns.length).toBe(40);
    expect(txns.every((e) => ['A', 'B', 'C'].includes(String(e.fields.付款方标识)))).toBe(true);
  });

  it('margin: 114 rows are within ⌊100 × 1.14⌋ = 114, not ⌊100 × 1.13⌋ = 113', () => {
    expect(ids(run(fewPayers, bank.db, JULY, { margin: 0.14 }))).toEqual(['M1']);
    expect(ids(run(fewPayers, bank.db, JULY, { margin: 0.13 }))).toEqual([]);
  });

  it('share: 0.996525 is in at 0.9965, out at 0.9966', () => {
    expect(ids(run(fewPayers, bank.db, JULY, { share: 0.9965 }))).toEqual(['M1']);
    expect(ids(run(fewPayers, bank.db, JULY, { share: 0.9966 }))).toEqual([]);
  });

  it('top_payers: the top 2 hold 0.6645: in at share 0.66, out at 0.67', () => {
    // A (n ≡ 0 mod 3: Σn = 1,302) 2,869,006 分, C (Σn = 1,274) 2,867,522, B (1,246) 2,866,038:
    // top 2 = 5,736,528 / 8,632,566 = 0.66452
    expect(ids(run(fewPayers, bank.db, JULY, { top_payers: 2, share: 0.66 }))).toEqual(['M1']);
    expect(ids(run(fewPayers, bank.db, JULY, { top_payers: 2, share: 0.67 }))).toEqual([]);
  });
});

describe('merchant.round_amounts', () => {
  it('catches M4 (round, 0.75) and M5 (repeated, 0.625); leaves the car park M6 (10 元 under the floor)', () => {
    const f = run(roundAmounts, bank.db, JULY);
    expect(ids(f)).toEqual(['M4', 'M5']);
    const m4 = f.find((x) => x.subject.id === 'M4')!;
    // 100 + 200 + … + 3,000 = 100 × 465 = 46,500 元
    expect(m4.summary).toContain('40 笔交易中 30 笔（75.0%）为 100 元整数倍或重复出现的金额，共 4.65 万元');
    expect(m4.effects.find((e) => e.key === 'acq_txn_count')!.value).toBe(30);
    expect(m4.effects.find((e) => e.key === 'acq_txn_amount')!.value).toBe(46_500);
    expect(m4.score).toBe(63); // 50 × 0.75 / 0.6 = 62.5 → 63
  });

  it('round_unit: at 1,000 元 only 1,000/2,000/3,000 of M4 count (3/40)', () => {
    expect(ids(run(roundAmounts, bank.db, JULY, { round_unit: 1000 }))).toEqual(['M5']);
  });
  it('repeat_times: M5 repeats 128.80 元 25 times: in at 25, out at 26', () => {
    expect(ids(run(roundAmounts, bank.db, JULY, { repeat_times: 25 }))).toEqual(['M4', 'M5']);
    expect(ids(run(roundAmounts, bank.db, JULY, { repeat_times: 26 }))).toEqual(['M4']);
  });
  it('min_amount: at 10 元 the car park counts (40 × 10 元), at 10.01 it does not', () => {
    // with the floor that low every fixed-price shop of this bank repeats: M3 (125 × 20 元),
    // M7 (20 × 43.21, 10 × 200, 18 × 20 元), M8 (61 × 50 元), M9 (200 × 30 元)
    expect(ids(run(roundAmounts, bank.db, JULY, { min_amount: 10 }))).toEqual(['M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9']);
    expect(ids(run(roundAmounts, bank.db, JULY, { min_amount: 10.01 }))).toEqual(['M3', 'M4', 'M5', 'M7', 'M8', 'M9']);
  });
  it('share: M4 (0.75) in at 0.75, out at 0.76; M5 (0.625) out at 0.63', () => {
    expect(ids(run(roundAmounts, bank.db, JULY, { share: 0.75 }))).toEqual(['M4']);
    expect(ids(run(roundAmounts, bank.db, JULY, { share: 0.76 }))).toEqual([]);
    expect(ids(run(roundAmounts, bank.db, JULY, { share: 0.625 }))).toEqual(['M4', 'M5']);
  });
  it('min_txns: M4 and M5 have 40 rows: in at 40, out at 41', () => {
    expect(ids(run(roundAmounts, bank.db, JULY, { min_txns: 40 }))).toEqual(['M4', 'M5']);
    expect(ids(run(roundAmounts, bank.db, JULY, { min_txns: 41 }))).toEqual([]);
  });
});

describe('merchant.split_bursts', () => {
  it("catches M7 (payer X: 2 bursts of 5 × 200 元); leaves payer Y's night runs (120 元 each)", () => {
    const f = run(splitBursts, bank.db, JULY);
    expect(ids(f)).toEqual(['M7']);
    expect(f[0].summary).toContain('出现 2 次同一付款方 10 分钟内连续小额支付，共 10 笔 2,000.00 元；如 7月3日 10:00:00 起付款方 X 5 笔共 1,000.00 元');
    expect(f[0].effects.find((e) => e.key === 'acq_txn_count')!.value).toBe(10);
    expect(f[0].evidence.filter((e) => e.kind === 'txn').every((e) => e.fields.付款方标识 === 'X')).toBe(true);
  });
  it('window_minutes: the day-3 burst spans exactly 10 minutes: out at 9 (then 1 burst < 2)', () => {
    expect(ids(run(splitBursts, bank.db, JULY, { window_minutes: 9 }))).toEqual([]);
  });
  it('min_count: 5 in, 6 out', () => expect(ids(run(splitBursts, bank.db, JULY, { min_count: 6 }))).toEqual([]));
  it('max_each: 200 元 in at 200, out at 199.99', () => {
    expect(ids(run(splitBursts, bank.db, JULY, { max_each: 200 }))).toEqual(['M7']);
    expect(ids(run(splitBursts, bank.db, JULY, { max_each: 199.99 }))).toEqual([]);
  });
  it('min_total: 1,000 元 in at 1,000, out at 1,000.01; at 120 Y counts too (3 bursts)', () => {
    expect(ids(run(splitBursts, bank.db, JULY, { min_total: 1000.01 }))).toEqual([]);
    expect(run(splitBursts, bank.db, JULY, { min_total: 120, min_count: 6 })[0].summary).toContain('出现 3 次');
  });
  it('min_bursts: 2 in, 3 out', () => expect(ids(run(splitBursts, bank.db, JULY, { min_bursts: 3 }))).toEqual([]));
});

describe('merchant.night', () => {
  it('catches M8 (20 of 61 at night = 32.8%); leaves the 24-hour shop M9 (15%) and M7 (18 of 48)', () => {
    const f = run(night, bank.db, JULY);
    expect(ids(f)).toEqual(['M8']);
    expect(f[0].summary).toContain('01:00–05:00 交易 20 笔（19 个夜间）共 1,000.00 元，占当月 61 笔的 32.8%');
  });
  it('share: in at 0.32, out at 0.33', () => {
    expect(ids(run(night, bank.db, JULY, { share: 0.32 }))).toEqual(['M8']);
    expect(ids(run(night, bank.db, JULY, { share: 0.33 }))).toEqual([]);
  });
  it('min_night_txns: 20 in, 21 out', () => expect(ids(run(night, bank.db, JULY, { min_night_txns: 21 }))).toEqual([]));
  it('hours: 01:00:00 is night (from 2 it is not: 19 left), 05:00:00 is not (to 6 adds it: 21 of 61)', () => {
    expect(ids(run(night, bank.db, JULY, { from_hour: 2 }))).toEqual([]);
    expect(run(night, bank.db, JULY, { to_hour: 6 })[0].summary).toContain('01:00–06:00 交易 21 笔');
  });
  it('a window over midnight (23 → 5) counts the same rows here', () => {
    expect(ids(run(night, bank.db, JULY, { from_hour: 23 }))).toEqual(['M8']);
  });
  it('with the share at 0.15, the 24-hour shop (30/200) and M7 (18/48 = 0.375) are caught too', () => {
    expect(ids(run(night, bank.db, JULY, { share: 0.15, min_night_txns: 18 }))).toEqual(['M7', 'M8', 'M9']);
  });
});

describe('merchant.self_paid', () => {
  it("at 3 a month, catches M10 (4 rows from the owner's and the manager's accounts); leaves M11, paid by O1 but not O1's", () => {
    const f = run(selfPaid, bank.db, JULY, { min_txns: 3 });
    expect(ids(f)).toEqual(['M10']);
    const m = f[0];
    expect(m.staff_id).toBe('S9');
    // 500 + 500 + 300 + 200 = 1,500 元 of 1,500 + 10 × 10 = 1,600 元 → 93.8%
    expect(m.summary).toContain('有 4 笔共 1,500.00 元（占交易金额 93.8%）由法人、拓展客户经理本人账户或银行卡支付');
    const who = m.evidence.filter((e) => e.kind === 'customer').map((e) => [e.fields.付款方标识, e.fields.身份]);
    expect(who.sort()).toEqual([['D-K1', '拓展客户经理'], ['D-O1', '法人'], ['SA1', '法人']]);
    expect(m.effects.find((e) => e.key === 'acq_txn_amount')!.value).toBe(1500);
    // M10 is not 高质量 (10 days), so nothing out of 高质量商户数
    expect(m.effects.some((e) => e.key === 'high_quality_merchants')).toBe(false);
  });
  it('the default (10 a month) leaves an owner who pays their own shop now and then: M10\'s four', () => {
    expect(selfPaid.params.find((p) => p.key === 'min_txns')!.default).toBe(10);
    expect(run(selfPaid, bank.db, JULY)).toEqual([]);
  });
  it('min_txns: 4 in, 5 out', () => {
    expect(ids(run(selfPaid, bank.db, JULY, { min_txns: 4 }))).toEqual(['M10']);
    expect(ids(run(selfPaid, bank.db, JULY, { min_txns: 5 }))).toEqual([]);
  });
});

describe('the shared month of transactions', () => {
  it('keeps 消费 rows only, per merchant in time order, and reads afresh after a write', () => {
    const before = monthTxns(bank.db, JULY);
    const m10 = before.groups.find((g) => g.merchant === 'M10')!;
    expect(m10.end - m10.start).toBe(14);
    txn(bank.db, 'M10', at(20, 9), 5_000, 'SA1', '撤销');
    txn(bank.db, 'M10', at(21, 9), 5_000, 'SA1');
    const after = monthTxns(bank.db, JULY);
    expect(after).not.toBe(before);
    const g = after.groups.find((x) => x.merchant === 'M10')!;
    expect(g.end - g.start).toBe(15);
    for (let i = g.start + 1; i < g.end; i++) expect(after.day[i] * 86_400 + after.sec[i]).toBeGreaterThanOrEqual(after.day[i - 1] * 86_400 + after.sec[i - 1]);
    // the same period and state: the same columns
    expect(monthTxns(bank.db, JULY)).toBe(after);
  });
});

describe('the read of the period, whatever order the rows were imported in', () => {
  it('rows of one month imported out of time order come back in time order (the rowid span path)', () => {
    const b = freshBank();
    try {
      merchant(b.db, 'MA');
      txn(b.db, 'MA', at(10, 9), 100, 'P1');
      txn(b.db, 'MA', at(5, 9), 200, 'P2');
      const t = monthTxns(b.db, JULY);
      const g = t.groups[0];
      expect([g.merchant, g.end - g.start]).toEqual(['MA', 2]);
      expect([t.day[g.start], t.fen[g.start], t.day[g.start + 1]]).toEqual([5, 200, 10]);
    } finally {
      b.close();
    }
  });

  it('a July row among many June rows (rowid span 12 for 2 rows: the per-merchant index path) is read, June is not', () => {
    const b = freshBank();
    try {
      merchant(b.db, 'MB');
      merchant(b.db, 'MC');
      txn(b.db, 'MC', at(20, 9), 300, 'P1');
      for (let d = 1; d <= 10; d++) txn(b.db, 'MB', `2024-06-${String(d).padStart(2, '0')} 09:00:00`, 100, 'P9');
      txn(b.db, 'MB', at(3, 9), 400, 'P2');
      const t = monthTxns(b.db, JULY);
      expect(t.groups.map((g) => [g.merchant, g.month, g.end - g.start])).toEqual([
        ['MB', '2024-07', 1],
        ['MC', '2024-07', 1],
      ]);
      expect(t.fen).toEqual([400, 300]);
    } finally {
      b.close();
    }
  });
});
