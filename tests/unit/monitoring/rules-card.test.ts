// The 贷记卡 rules on hand-built banks: the case each must catch, the decoy it must leave, and the
// boundary of each parameter (just inside / just outside). Counts are worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkIssue } from '../../../electron/core/monitoring/rules/card/bulk-issue.js';
import { sharedContact } from '../../../electron/core/monitoring/rules/card/shared-contact.js';
import { notActivated } from '../../../electron/core/monitoring/rules/card/not-activated.js';
import { OPEN_END } from '../../../electron/core/monitoring/rules/kit.js';
import type { Db } from '../../../electron/core/db/connection.js';
import { customer, freshBank, insert, JULY, run, type Bank } from './rules-b-fixture.js';

let seq = 0;
/** a 贷记卡 of the customer: activated (with n transactions in 12 months) or not */
function card(db: Db, cust: string, manager: string, issue: string, opts: { activate?: string; txns?: number; status?: string } = {}): void {
  seq++;
  const no = `HMAC${String(seq).padStart(6, '0')}`;
  insert(db, 'card', {
    card_no: no,
    card_no_masked: `625931******${String(seq).padStart(4, '0')}`,
    cust_id: cust,
    card_type: '贷记卡',
    issue_date: issue,
    activate_date: opts.activate ?? null,
    status: opts.status ?? (opts.activate ? '正常' : '未激活'),
    txn_count_12m: opts.txns ?? 0,
    manager_id: manager,
    org_id: 'B1',
  });
}

describe('card.bulk_issue', () => {
  let bank: Bank;
  beforeAll(() => {
    bank = freshBank();
    const db = bank.db;
    for (let i = 1; i <= 40; i++) customer(db, `C${i}`);
    // S1, 2024-07-05: 10 cards; 4 never activated, 6 activated with 1 transaction → idle 10/10
    for (let i = 1; i <= 4; i++) card(db, `C${i}`, 'S1', '2024-07-05');
    for (let i = 5; i <= 10; i++) card(db, `C${i}`, 'S1', '2024-07-05', { activate: '2024-07-06', txns: 1 });
    // decoy S2, 2024-07-06: a real campaign, 12 cards all activated and used 20 times → idle 0/12
    for (let i = 11; i <= 22; i++) card(db, `C${i}`, 'S2', '2024-07-06', { activate: '2024-07-08', txns: 20 });
    // S3, 2024-07-08: 10 cards, 5 never activated and 5 used 30 times → idle share exactly 0.5
    for (let i = 23; i <= 27; i++) card(db, `C${i}`, 'S3', '2024-07-08');
    for (let i = 28; i <= 32; i++) card(db, `C${i}`, 'S3', '2024-07-08', { activate: '2024-07-09', txns: 30 });
    // S4, 2024-06-20: 10 idle cards, but in June, outside a July run
    for (let i = 33; i <= 40; i++) card(db, `C${i}`, 'S4', '2024-06-20');
    card(db, 'C1', 'S4', '2024-06-20');
    card(db, 'C2', 'S4', '2024-06-20');
  });
  afterAll(() => bank.close());

  it('catches S1 (10 cards on one day, all idle) and S3 (share idle 5/10 = 0.5, the default, inclusive); leaves the campaign S2 and June', () => {
    const f = run(bulkIssue, bank.db, JULY);
    expect(f.map((x) => x.subject.id).sort()).toEqual(['S1', 'S3']);
    const s1 = f.find((x) => x.subject.id === 'S1')!;
    expect(s1.subject.type).toBe('staff');
    expect(s1.period).toBe('2024-07');
    expect(s1.staff_id).toBe('S1');
    expect(s1.org_id).toBe('B1');
    expect(s1.evidence).toHaveLength(10);
    expect(s1.evidence.every((e) => e.kind === 'card' && /^625931\*+\d{4}$/.test(e.id))).toBe(true);
    expect(s1.summary).toContain('7月5日 发卡 10 张，其中 10 张');
    // 10 cards, none 销卡, out of 贷记卡发卡量 from the day they were issued
    expect(s1.effects).toEqual([{ key: 'credit_cards_issued', from: '2024-07-05', to: OPEN_END, org_id: 'B1', staff_id: 'S1', value: 10 }]);
  });

  it('min_cards: 10 cards qualify at 10, not at 11', () => {
    expect(run(bulkIssue, bank.db, JULY, { min_cards: 10 }).map((x) => x.subject.id)).toContain('S1');
    expect(run(bulkIssue, bank.db, JULY, { min_cards: 11 })).toEqual([]);
  });

  it('idle_share: S3 at 0.5 is in, at 0.51 out', () => {
    expect(run(bulkIssue, bank.db, JULY, { idle_share: 0.51 }).map((x) => x.subject.id)).toEqual(['S1']);
  });

  it('token_txns: with 0, the six cards used once no longer count as idle (S1 4/10 = 0.4 < 0.5)', () => {
    expect(run(bulkIssue, bank.db, JULY, { token_txns: 0 }).map((x) => x.subject.id)).toEqual(['S3']);
  });

  it('a June run finds S4 (10 idle cards on 6月20日) in June', () => {
    const f = run(bulkIssue, bank.db, { from: '2024-06-01', to: '2024-06-30' });
    expect(f.map((x) => [x.subject.id, x.period])).toEqual([['S4', '2024-06']]);
  });
});

describe('card.shared_contact', () => {
  let bank: Bank;
  beforeAll(() => {
    bank = freshBank();
    const db = bank.db;
    // three holders with one phone (one written with separators: the same number)
    customer(db, 'P1', { phone: '13800000001' });
    customer(db, 'P2', { phone: '13800000001' });
    customer(db, 'P3', { phone: '138-0000-0001' });
    // decoy: a couple sharing a phone, and a third person with it whose only card is 销卡
    customer(db, 'F1', { phone: '13900000002' });
    customer(db, 'F2', { phone: '13900000002' });
    customer(db, 'F3', { phone: '13900000002' });
    // four holders at one address (different phones)
    for (let i = 1; i <= 4; i++) customer(db, `A${i}`, { phone: `1370000000${i}`, address: '泉州市晋江市东石镇津淮街12号' });
    // three at another address: under the address minimum of 4
    for (let i = 1; i <= 3; i++) customer(db, `D${i}`, { phone: `1360000000${i}`, address: '泉州市南安市水头镇大盈村8号' });
    // a fourth at P1's phone whose card is issued after the run: not yet a holder
    customer(db, 'P4', { phone: '13800000001' });
    for (const c of ['P1', 'P2', 'P3', 'F1', 'F2', 'A1', 'A2', 'A3', 'A4', 'D1', 'D2', 'D3']) card(db, c, 'S1', '2024-03-01', { activate: '2024-03-02', txns: 40 });
    card(db, 'F3', 'S1', '2024-03-01', { activate: '2024-03-02', txns: 3, status: '销卡' });
    card(db, 'P4', 'S1', '2024-08-05');
  });
  afterAll(() => bank.close());

  it('one alert per holder of the phone group (3) and of the address group (4); the couple, the 销卡 card, the 3-address and the later card are left', () => {
    const f = run(sharedContact, bank.db, JULY);
    expect(f.map((x) => x.subject.id).sort()).toEqual(['A1', 'A2', 'A3', 'A4', 'P1', 'P2', 'P3']);
    const p1 = f.find((x) => x.subject.id === 'P1')!;
    expect(p1.subject.type).toBe('customer');
    expect(p1.period).toBe('2024-07');
    expect(p1.summary).toContain('与另外 2 名持卡人预留同一手机号码 138****0001（共 3 人）');
    expect(p1.evidence.map((e) => e.id)).toEqual(['P1', 'P2', 'P3']);
    // personal data masked
    expect(p1.evidence[0].fields.手机号码).toBe('138****0001');
    expect(p1.evidence[0].fields.客户名称).toBe('客**1');
    // the holder's one card out of 贷记卡发卡量 for the month judged
    expect(p1.effects).toEqual([{ key: 'credit_cards_issued', from: '2024-07-01', to: '2024-07-31', org_id: 'B1', staff_id: 'S1', value: 1 }]);
    const a1 = f.find((x) => x.subject.id === 'A1')!;
    expect(a1.summary).toContain('同一联系地址（共 4 人）');
    expect(a1.evidence[0].fields.联系地址).toBe('泉州市晋江市****');
  });

  it('min_phone_holders: 3 holders in at 3, out at 4; min_address_holders: 4 in at 4, out at 5, and the 3-address group in at 3', () => {
    const ids = (p: Record<string, number>) => run(sharedContact, bank.db, JULY, p).map((x) => x.subject.id).sort();
    expect(ids({ min_phone_holders: 4 })).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(ids({ min_address_holders: 5 })).toEqual(['P1', 'P2', 'P3']);
    expect(ids({ min_address_holders: 3 })).toEqual(['A1', 'A2', 'A3', 'A4', 'D1', 'D2', 'D3', 'P1', 'P2', 'P3']);
    // the couple only at 2
    expect(ids({ min_phone_holders: 2 })).toContain('F1');
  });

  it('judged on the last day: run to 2024-08-31, P4 is a fourth holder of the phone', () => {
    const f = run(sharedContact, bank.db, { from: '2024-08-01', to: '2024-08-31' });
    expect(f.find((x) => x.subject.id === 'P1')!.summary).toContain('（共 4 人）');
  });
});

describe('card.not_activated', () => {
  let bank: Bank;
  beforeAll(() => {
    bank = freshBank();
    const db = bank.db;
    for (let i = 1; i <= 60; i++) customer(db, `C${i}`);
    // judged on 2024-07-31: window [2023-08-01, 2024-05-02] (365 days back (2024 is leap), 90 days before, both inclusive)
    // S1: 5 cards of 2024-03-01, 4 never activated, 1 activated with 1 transaction → 5/5 idle
    for (let i = 1; i <= 4; i++) card(db, `C${i}`, 'S1', '2024-03-01');
    card(db, 'C5', 'S1', '2024-03-01', { activate: '2024-03-05', txns: 1 });
    // S2: 10 cards, 7 never activated, 3 used 50 times → share 0.7 (the default, inclusive)
    for (let i = 6; i <= 12; i++) card(db, `C${i}`, 'S2', '2024-02-01');
    for (let i = 13; i <= 15; i++) card(db, `C${i}`, 'S2', '2024-02-01', { activate: '2024-02-03', txns: 50 });
    // S3: 5 idle cards issued exactly 90 days before the 31st (2024-05-02)
    for (let i = 16; i <= 20; i++) card(db, `C${i}`, 'S3', '2024-05-02');
    // S4: 5 idle cards issued 2023-08-01, the first day of the 365-day window
    for (let i = 21; i <= 25; i++) card(db, `C${i}`, 'S4', '2023-08-01');
    // decoys: S5's 10 cards all used; S6's 5 cards issued 2024-07-01, too new to judge
    for (let i = 26; i <= 35; i++) card(db, `C${i}`, 'S5', '2024-01-10', { activate: '2024-01-12', txns: 30 });
    for (let i = 36; i <= 40; i++) card(db, `C${i}`, 'S6', '2024-07-01');
    // S7: 5 cards of 2024-01-15 activated on 2024-07-15 and used: idle at June's end, not at July's
    for (let i = 41; i <= 45; i++) card(db, `C${i}`, 'S7', '2024-01-15', { activate: '2024-07-15', txns: 12 });
  });
  afterAll(() => bank.close());

  const staff = (p: Record<string, number> = {}, period = JULY) => run(notActivated, bank.db, period, p).map((x) => x.subject.id).sort();

  it('catches S1, S2, S3, S4 at July end; leaves S5 (used), S6 (too new) and S7 (activated by then)', () => {
    expect(staff()).toEqual(['S1', 'S2', 'S3', 'S4']);
    const s2 = run(notActivated, bank.db, JULY).find((x) => x.subject.id === 'S2')!;
    expect(s2.period).toBe('2024-07');
    expect(s2.summary).toContain('10 张贷记卡，截至 2024-07-31 有 7 张未激活、0 张激活后交易不超过 1 笔，合计占 70.0%');
    expect(s2.evidence).toHaveLength(7);
    expect(s2.effects).toEqual([{ key: 'credit_cards_issued', from: '2024-07-01', to: '2024-07-31', org_id: 'B1', staff_id: 'S2', value: 7 }]);
    expect(s2.score).toBe(50);
  });

  it('share: S2 (0.7) out at 0.71', () => expect(staff({ share: 0.71 })).toEqual(['S1', 'S3', 'S4']));
  it('min_cards: S1 S3 S4 (5 cards each) out at 6', () => expect(staff({ min_cards: 6 })).toEqual(['S2']));
  it('days_after: S3 (issued 90 days before) out at 91', () => expect(staff({ days_after: 91 })).toEqual(['S1', 'S2', 'S4']));
  it('lookback_days: S4 (issued 365 days before) out at 364', () => expect(staff({ lookback_days: 364 })).toEqual(['S1', 'S2', 'S3']));
  it('token_txns: with 0, S1 is still 4 never + 1 used once → 4/5 = 0.8 ≥ 0.7; at share 0.9 only 5/5 cases stay', () => {
    expect(staff({ token_txns: 0 })).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(staff({ token_txns: 0, share: 0.9 })).toEqual(['S3', 'S4']);
  });

  it('a June–July run judges each month end: S7 is idle on 06-30 (activated 07-15), not on 07-31', () => {
    const f = run(notActivated, bank.db, { from: '2024-06-01', to: '2024-07-31' });
    const s7 = f.filter((x) => x.subject.id === 'S7');
    expect(s7.map((x) => x.period)).toEqual(['2024-06']);
    // on 06-30 the window ends 2024-04-01, so S3's cards of 05-02 are not yet judged
    expect(f.filter((x) => x.subject.id === 'S3').map((x) => x.period)).toEqual(['2024-07']);
  });
});
