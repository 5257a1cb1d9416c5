// The 电子银行 rules on hand-built signings: the case each must catch, the decoy it must leave, and
// the boundary of each parameter. Counts and dates are worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neverUsed } from '../../../electron/core/monitoring/rules/ebank/never-used.js';
import { bulkSigning } from '../../../electron/core/monitoring/rules/ebank/bulk-signing.js';
import { signCancel } from '../../../electron/core/monitoring/rules/ebank/sign-cancel.js';
import type { Db } from '../../../electron/core/db/connection.js';
import { addDays } from '../../../shared/dates.js';
import { customer, freshBank, insert, JULY, run, type Bank } from './rules-b-fixture.js';

let seq = 0;
let cust = 0;
/** a signing of a new customer (or of `c`); returns its 签约流水号 */
function sign(db: Db, staff: string | null, date: string, opts: { used?: string; cancel?: string; device?: string; type?: string; c?: string } = {}): string {
  const c = opts.c ?? `C${++cust}`;
  if (!opts.c) customer(db, c);
  const no = `QY${String(++seq).padStart(6, '0')}`;
  insert(db, 'signing', {
    sign_no: no,
    cust_id: c,
    biz_type: opts.type ?? '手机银行',
    sign_date: date,
    cancel_date: opts.cancel ?? null,
    status: opts.cancel ? '已解约' : '有效',
    last_used_date: opts.used ?? null,
    device_id: opts.device ?? (staff ? `PAD-${staff}` : null),
    staff_id: staff,
    org_id: 'B1',
  });
  return no;
}
const subjects = (f: { subject: { id: string } }[]) => f.map((x) => x.subject.id).sort();

describe('ebank.never_used', () => {
  let bank: Bank;
  const s1: string[] = [];
  const s2: string[] = [];
  const s6: string[] = [];
  const s6single: string[] = [];
  beforeAll(() => {
    bank = freshBank();
    const db = bank.db;
    // S1 on 2024-06-10: 6 signings, 5 never used, 1 used on 06-20 → day group 5/6 = 0.833;
    // 30 days on is 2024-07-10, in July
    for (let i = 0; i < 5; i++) s1.push(sign(db, 'S1', '2024-06-10'));
    sign(db, 'S1', '2024-06-10', { used: '2024-06-20' });
    // S2: one signing a day, June 1–10, none used: no day reaches 5, but 10 reach day 30 in July
    for (let d = 1; d <= 10; d++) s2.push(sign(db, 'S2', `2024-06-${String(d).padStart(2, '0')}`));
    // decoys: S3's 10 signings of 06-12 with 2 never used (0.2); S4's lone never-used one; a
    // signing without a staff member; S5's 5 never-used ones cancelled 3 days on (sign_cancel's)
    for (let i = 0; i < 8; i++) sign(db, 'S3', '2024-06-12', { used: '2024-07-01' });
    sign(db, 'S3', '2024-06-12');
    sign(db, 'S3', '2024-06-12');
    sign(db, 'S4', '2024-06-15');
    for (let i = 0; i < 6; i++) sign(db, null, '2024-06-15');
    for (let i = 0; i < 5; i++) sign(db, 'S5', '2024-06-16', { cancel: '2024-06-19' });
    // S6: a batch of 8 never used on 06-05 (caught by the day), and one never-used signing a day on
    // 06-06 … 06-09: with the batch the month would be 12/12, without it 4 < 10
    for (let i = 0; i < 8; i++) s6.push(sign(db, 'S6', '2024-06-05'));
    for (let d = 6; d <= 9; d++) s6single.push(sign(db, 'S6', `2024-06-0${d}`));
  });
  afterAll(() => bank.close());

  it("catches S1's 5 (one day) and S2's 10 (one month), each signing an alert in July; leaves the decoys", () => {
    const f = run(neverUsed, bank.db, JULY);
    expect(subjects(f)).toEqual([...s1, ...s2, ...s6].sort());
    expect(subjects(f)).not.toContain(s6single[0]);
    const a = f.find((x) => x.subject.id === s1[0])!;
    expect(a.subject.type).toBe('signing');
    expect([a.period, a.org_id, a.staff_id]).toEqual(['2024-07', 'B1', 'S1']);
    expect(a.summary).toContain('6月10日 由营销人员 S1 办理，满 30 天（2024-07-10）仍从未使用；该营销人员6月10日 办理的 6 笔签约中 5 笔（83.3%）从未使用');
    expect(a.evidence.map((e) => e.id)).toEqual(s1);
    expect(a.evidence[0].fields.客户名称).toBe('客**1');
    // never used: it never made anyone count in 中间业务有效客户
    expect(a.effects).toEqual([]);
    expect(f.find((x) => x.subject.id === s2[0])!.summary).toContain('7月满 30 天的 10 笔签约中 10 笔（100.0%）从未使用');
  });

  it('min_day: S1 (5) in at 5, out at 6', () => {
    expect(subjects(run(neverUsed, bank.db, JULY, { min_day: 6 }))).toEqual([...s2, ...s6].sort());
    // at 9 S6's batch is no longer a caught day, so the month holds all 12 of S6, never used
    expect(subjects(run(neverUsed, bank.db, JULY, { min_day: 9 }))).toEqual([...s2, ...s6, ...s6single].sort());
  });
  it('min_month: S2 (10) out at 11 (S1 has 6 in July of which 5 never used: 5 < 11 too)', () => {
    expect(subjects(run(neverUsed, bank.db, JULY, { min_month: 11 }))).toEqual([...s1, ...s6].sort());
  });
  it('share: S1 (5/6 = 0.8333) in at 0.83, out at 0.84', () => {
    expect(subjects(run(neverUsed, bank.db, JULY, { share: 0.83 }))).toEqual([...s1, ...s2, ...s6].sort());
    expect(subjects(run(neverUsed, bank.db, JULY, { share: 0.84 }))).toEqual([...s2, ...s6].sort());
    // the threshold itself is in (at least)
    expect(subjects(run(neverUsed, bank.db, JULY, { share: 5 / 6 }))).toEqual([...s1, ...s2, ...s6].sort());
  });
  it('days: at 51 S1 reaches day 51 on 07-31 (in July), at 52 on 08-01 (not); S2 (06-01 + 61 = 07-31) likewise', () => {
    expect(addDays('2024-06-10', 51)).toBe('2024-07-31');
    expect(subjects(run(neverUsed, bank.db, JULY, { days: 51 }))).toContain(s1[0]);
    expect(subjects(run(neverUsed, bank.db, JULY, { days: 52 }))).not.toContain(s1[0]);
  });
});

describe('ebank.bulk_signing', () => {
  let bank: Bank;
  beforeAll(() => {
    bank = freshBank();
    const db = bank.db;
    // 2024-07-10: S1 12 signings on PAD-S1; S2, S3, S4 one each, S7 four (below). Staff active in
    // July: S1–S7, so the day's median over seven is of [12, 4, 1, 1, 1, 0, 0] = 1; devices likewise
    // (nine with PADY below: [12, 4, 1, 1, 1, 0, 0, 0, 0] → 1). Nobody signed in the 14 days before: own mean 0.
    // Among S1's 12: C-used's 手机银行 used 07-25 (counts on 07-31 through it only), and C-both's,
    // also used 07-25, whose other 微信支付绑卡 (used 07-28) keeps them counted anyway.
    for (let i = 0; i < 10; i++) sign(db, 'S1', '2024-07-10');
    customer(db, 'C-used');
    customer(db, 'C-both');
    sign(db, 'S1', '2024-07-10', { c: 'C-used', used: '2024-07-25' });
    sign(db, 'S1', '2024-07-10', { c: 'C-both', used: '2024-07-25' });
    sign(db, null, '2024-03-01', { c: 'C-both', used: '2024-07-28', type: '微信支付绑卡', device: 'GM1' });
    for (const s of ['S2', 'S3', 'S4']) sign(db, s, '2024-07-10');
    // 2024-07-20, a campaign day: S1–S6 sign 12 each → median 12, nobody 3 × over it
    for (const s of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']) for (let i = 0; i < 12; i++) sign(db, s, '2024-07-20');
    // 2024-07-15: one shared device PADX, S5 6 and S6 6 signings: 12 on the device, 6 per person
    for (const s of ['S5', 'S6']) for (let i = 0; i < 6; i++) sign(db, s, '2024-07-15', { device: 'PADX' });
    // 2024-07-17: decoy, a branch's shared pad PADY, S2 6 and S3 6 signings, every one used since:
    // 12 on the device (over 5 × the day's median 0 → 1), nobody made most of it (6 of 12 is not
    // more than half), and 0 of 12 never used < shared_unused_share 0.5 × 12 = 6 → left
    for (const s of ['S2', 'S3']) for (let i = 0; i < 6; i++) sign(db, s, '2024-07-17', { device: 'PADY', used: '2024-07-30' });
    // S7, a busy counter: 4 a day on 07-01 … 07-14 (own mean over 14 days: 4), then 11 on 07-15:
    // over the day's median (0, so 1) × 5, under their own 4 × 5 = 20
    for (let d = 1; d <= 15; d++) for (let i = 0; i < (d === 15 ? 11 : 4); i++) sign(db, 'S7', `2024-07-${String(d).padStart(2, '0')}`);
  });
  afterAll(() => bank.close());

  it('catches S1 (07-10: 12 by the staff member and on the device, median 1) and S5 (PADX on 07-15, ties go to the smaller id); leaves the campaign day and the busy counter S7', () => {
    const f = run(bulkSigning, bank.db, JULY);
    expect(subjects(f)).toEqual(['S1', 'S5']);
    const s1 = f.find((x) => x.subject.id === 'S1')!;
    expect([s1.subject.type, s1.period, s1.org_id]).toEqual(['staff', '2024-07', 'B1']);
    expect(s1.summary).toBe(
      '营销人员 S1 7月10日 办理签约 12 笔（当日人员中位数 1 笔，本人此前日均 0.0 笔）；7月10日 在设备 PAD-S1 上签约 12 笔（当日设备中位数 1 笔，该设备此前日均 0.0 笔）；这些签约中 10 笔至今从未使用',
    );
    // the 07-20 signings are not part of it
    expect(s1.evidence.filter((e) => e.kind === 'signing').every((e) => e.fields.签约日期 === '2024-07-10')).toBe(true);
    // C-used counted on 07-31 only through this signing; C-both counts through another
    expect(s1.effects).toEqual([{ key: 'intermediate_active_customers', from: '2024-07-01', to: '2024-07-31', org_id: 'B1', staff_id: 'S1', value: 1 }]);
    expect(f.find((x) => x.subject.id === 'S5')!.summary).toBe('营销人员 S5 7月15日 在设备 PADX 上签约 12 笔（当日设备中位数 0 笔，该设备此前日均 0.0 笔）；这些签约中 12 笔至今从未使用');
  });

  it('shared_unused_share: PADY (shared, 0 of 12 never used) is in at 0, out above; PADX (12 of 12 never used) in at 1', () => {
    expect(subjects(run(bulkSigning, bank.db, JULY, { shared_unused_share: 0 }))).toEqual(['S1', 'S2', 'S5']);
    expect(subjects(run(bulkSigning, bank.db, JULY, { shared_unused_share: 0.01 }))).toEqual(['S1', 'S5']);
    expect(subjects(run(bulkSigning, bank.db, JULY, { shared_unused_share: 1 }))).toEqual(['S1', 'S5']);
  });

  it('min_count: 12 in at 12, out at 13', () => {
    expect(subjects(run(bulkSigning, bank.db, JULY, { min_count: 12 }))).toEqual(['S1', 'S5']);
    expect(subjects(run(bulkSigning, bank.db, JULY, { min_count: 13 }))).toEqual([]);
  });
  it('peer_factor: 12 ≥ 12 × 1 in, 12 < 12.5 × 1 out; at 1 the campaign day counts (12 ≥ 1 × 12)', () => {
    expect(subjects(run(bulkSigning, bank.db, JULY, { peer_factor: 12 }))).toEqual(['S1', 'S5']);
    expect(subjects(run(bulkSigning, bank.db, JULY, { peer_factor: 12.5 }))).toEqual([]);
    const all = run(bulkSigning, bank.db, JULY, { peer_factor: 1 });
    expect(subjects(all)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
    // S1's own mean on 07-20: the 12 of 07-10 over 14 days = 0.857
    expect(all.find((x) => x.subject.id === 'S1')!.summary).toContain('7月20日 办理签约 12 笔（当日人员中位数 12 笔，本人此前日均 0.9 笔）');
  });
  it("baseline_days: S7's own mean is 56/14 = 4 over 14 days (11 < 20), 56/28 = 2 over 28 (11 ≥ 10)", () => {
    expect(subjects(run(bulkSigning, bank.db, JULY, { baseline_days: 14 }))).not.toContain('S7');
    expect(subjects(run(bulkSigning, bank.db, JULY, { baseline_days: 28 }))).toContain('S7');
    // at 15 days the window reaches 06-30, with nothing: 56/15 = 3.73, 11 < 18.7
    expect(subjects(run(bulkSigning, bank.db, JULY, { baseline_days: 15 }))).not.toContain('S7');
  });
});

describe('ebank.sign_cancel', () => {
  let bank: Bank;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    bank = freshBank();
    const db = bank.db;
    // S1: A signed 07-01, cancelled 07-08 (7 days, the limit); B 07-10 → 07-12 (2 days), used on
    // its signing day
    ids.A = sign(db, 'S1', '2024-07-01', { cancel: '2024-07-08' });
    ids.B = sign(db, 'S1', '2024-07-10', { cancel: '2024-07-12', used: '2024-07-10' });
    // decoys: S2's one quick cancel; S3's two cancelled after 8 days
    sign(db, 'S2', '2024-07-05', { cancel: '2024-07-06' });
    sign(db, 'S3', '2024-07-01', { cancel: '2024-07-09' });
    sign(db, 'S3', '2024-07-11', { cancel: '2024-07-19' });
    // S4: one quick cancel on 06-20 (June) and one on 07-15: 25 days apart
    ids.J = sign(db, 'S4', '2024-06-18', { cancel: '2024-06-20' });
    ids.K = sign(db, 'S4', '2024-07-13', { cancel: '2024-07-15' });
  });
  afterAll(() => bank.close());

  it("catches S1's A and B, and S4's July one (with June's inside the 30-day window); leaves S2, S3 and June's own alert to a June run", () => {
    const f = run(signCancel, bank.db, JULY);
    expect(subjects(f)).toEqual([ids.A, ids.B, ids.K].sort());
    const b = f.find((x) => x.subject.id === ids.B)!;
    expect([b.period, b.staff_id]).toEqual(['2024-07', 'S1']);
    expect(b.summary).toContain('7月10日 由营销人员 S1 办理，2 天后（7月12日）解约；该营销人员前后 30 天内共有 2 笔签约在 7 天内解约');
    expect(b.evidence.map((e) => e.id)).toEqual([ids.B, ids.A]);
    // 中间业务有效客户 counts a signing by its stated 状态 (rules/in-service.ts): once the file says
    // 已解约 it never counted, even on the days before its 解约日期, so there is nothing to take out
    expect(b.effects).toEqual([]);
    expect(subjects(run(signCancel, bank.db, { from: '2024-06-01', to: '2024-06-30' }))).toEqual([ids.J]);
  });

  it('max_days: A (7 days) out at 6, and B alone is under 2', () => {
    expect(subjects(run(signCancel, bank.db, JULY, { max_days: 6 }))).toEqual([ids.K]);
  });
  it("min_per_staff: 2 in, 3 out", () => expect(subjects(run(signCancel, bank.db, JULY, { min_per_staff: 3 }))).toEqual([]));
  it('window_days: S4 (25 days apart) in at 25, out at 24', () => {
    expect(subjects(run(signCancel, bank.db, JULY, { window_days: 25 }))).toContain(ids.K);
    expect(subjects(run(signCancel, bank.db, JULY, { window_days: 24 }))).not.toContain(ids.K);
  });
});
