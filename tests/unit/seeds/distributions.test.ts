// Distributions and planted anomalies, computed from the written files with plain parsing.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_TYPES } from '../../../shared/datasets.js';
import type { SeedResult } from '../../../seeds/index.js';
import { fen, fileOf, readGbk, readUtf8, removeSeed, seedTo, table } from './helpers.js';

type Label = { model: string; kind: string; keys: Record<string, string & string[]> };

function luhnValid(no: string): boolean {
  let sum = 0;
  for (let i = 0; i < no.length; i++) {
    let d = Number(no[no.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

describe('distributions and planted anomalies', () => {
  let r: SeedResult;
  let labels: Label[];
  let loan: ReturnType<typeof table>;
  let dep: ReturnType<typeof table>;
  let acq: ReturnType<typeof table>;
  let cust: ReturnType<typeof table>;
  const of = (kind: string) => labels.filter((l) => l.kind === kind);
  beforeAll(async () => {
    r = await seedTo('seed-dist-', { seed: Number(process.env.SEED_TEST_SEED ?? 5) });
    labels = JSON.parse(readUtf8(r.labelsFile));
    loan = table(readUtf8(fileOf(r, 'loan')), ',');
    dep = table(readUtf8(fileOf(r, 'deposit')), '|');
    acq = table(readGbk(fileOf(r, 'acq_txn')), ',');
    cust = table(readGbk(fileOf(r, 'customer')), ',');
  });
  afterAll(() => removeSeed(r));

  it('has loans for 10–15% of customers, 信用 25–40% and 不良 1–5% of the balance', () => {
    const end = loan.rows.filter((x) => x[loan.col('CJRQ')] === '20240731');
    const bal = (rows: string[][]) => rows.reduce((s, x) => s + fen(x[loan.col('DKYE')]), 0);
    const total = bal(end);
    const credit = bal(end.filter((x) => x[loan.col('担保方式')] === '信用')) / total;
    const npl = bal(end.filter((x) => ['3', '4', '5'].includes(x[loan.col('DKWJFL')]))) / total;
    expect(credit).toBeGreaterThan(0.25);
    expect(credit).toBeLessThan(0.4);
    expect(npl).toBeGreaterThan(0.01);
    expect(npl).toBeLessThan(0.05);
    const borrowers = new Set(loan.rows.map((x) => x[loan.col('KHTYBH')])).size / cust.rows.length;
    expect(borrowers).toBeGreaterThan(0.1);
    expect(borrowers).toBeLessThan(0.15);
    const od = end.map((x) => Number(x[loan.col('逾期天数')])).filter((d) => d > 0);
    for (const [lo, hi] of [[1, 30], [31, 90], [91, 180], [181, 360], [361, 1e9]]) {
      expect(od.some((d) => d >= lo && d <= hi), `${lo}-${hi}`).toBe(true);
    }
    expect(new Set(loan.rows.map((x) => x[0]))).toEqual(new Set(['20240531', '20240630', '20240731']));
    expect(end.some((x) => x[loan.col('是否线上贷款')] === '是') && end.some((x) => x[loan.col('是否普惠小微')] === '是')).toBe(true);
  });

  it('snapshots deposits daily for July and at the two month-ends before, balances mostly 1万–5万', () => {
    const dates = [...new Set(dep.rows.map((x) => x[0]))];
    expect(dates).toHaveLength(33);
    expect(dates.slice(0, 3)).toEqual(['20240531', '20240630', '20240701']);
    expect(dates.at(-1)).toBe('20240731');
    const end = dep.rows.filter((x) => x[0] === '20240731');
    expect(end.length).toBeGreaterThan(3500);
    expect(end.length).toBeLessThan(5500);
    const current = end.filter((x) => x[dep.col('存款种类')] === '活期').map((x) => fen(x[dep.col('账户余额')])).sort((a, b) => a - b);
    const median = current[Math.floor(current.length / 2)];
    expect(median).toBeGreaterThan(1_000_000);
    expect(median).toBeLessThan(5_000_000);
    expect(Math.max(...end.map((x) => fen(x[dep.col('账户余额')])))).toBeGreaterThan(100_000_000);
    const kinds = new Set(end.map((x) => x[dep.col('存款种类')]));
    expect(kinds).toEqual(new Set(['活期', '定期', '大额存单', '通知存款', '保证金']));
    expect(end.filter((x) => x[dep.col('存款种类')] === '活期').length).toBeGreaterThan(end.length / 2);
    expect(dep.rows.some((x) => x[dep.col('账户余额')].includes(','))).toBe(true);
  });

  it('shows the planted deposit spikes in the snapshots', () => {
    const balance = (acct: string, day: string) => {
      const row = dep.rows.find((x) => x[0] === day && x[1] === acct);
      return row ? fen(row[dep.col('账户余额')]) : 0;
    };
    const left = of('period_end_spike_left');
    expect(left.length).toBeGreaterThanOrEqual(2);
    for (const l of left) {
      const leftOn = l.keys.left_on.replace(/-/g, '');
      expect(balance(l.keys.acct_no, '20240630')).toBeGreaterThan(2 * balance(l.keys.acct_no, leftOn));
      expect(balance(l.keys.acct_no, '20240630')).toBeGreaterThan(2 * balance(l.keys.acct_no, '20240531'));
    }
    const spikes = of('month_end_spike');
    expect(spikes.length).toBeGreaterThanOrEqual(2);
    for (const l of spikes) expect(balance(l.keys.acct_no, '20240731')).toBeGreaterThan(2 * balance(l.keys.acct_no, '20240720'));
    // the manager's 偏离度 = (last day − month average) / month average
    const m = spikes[0].keys.manager_id;
    const daily = new Map<string, number>();
    for (const x of dep.rows) if (x[0] >= '20240701' && x[dep.col('归属客户经理号')] === m) daily.set(x[0], (daily.get(x[0]) ?? 0) + fen(x[dep.col('账户余额')]));
    const avg = [...daily.values()].reduce((s, v) => s + v, 0) / daily.size;
    expect((daily.get('20240731')! - avg) / avg).toBeGreaterThan(0.03);
  });

  it('shows the planted loans: issued at June end and gone by July end', () => {
    const rows = (no: string) => loan.rows.filter((x) => x[loan.col('XDJJH')] === no).map((x) => x[0]);
    const planted = of('period_end_issue_repaid');
    expect(planted.length).toBeGreaterThanOrEqual(2);
    for (const l of planted) expect(rows(l.keys.loan_no)).toEqual(['20240630']);
    for (const l of of('renew_to_repay')) {
      expect(rows(l.keys.old_loan_no)).toContain('20240630');
      expect(rows(l.keys.old_loan_no)).not.toContain('20240731');
      expect(rows(l.keys.new_loan_no)).toEqual(['20240731']);
    }
  });

  it('has acquiring volume in range, mostly 消费 in the daytime, and a share of 高质量 and 有效 merchants', () => {
    expect(acq.rows.length).toBeGreaterThan(100_000);
    expect(acq.rows.length).toBeLessThan(200_000);
    const type = acq.col('交易类型');
    expect(acq.rows.filter((x) => x[type] === '消费').length / acq.rows.length).toBeGreaterThan(0.9);
    expect(acq.rows.some((x) => x[type] === '撤销') && acq.rows.some((x) => x[type] === '退货')).toBe(true);
    const time = acq.col('交易时间');
    const day = acq.rows.filter((x) => Number(x[time].slice(11, 13)) >= 7 && Number(x[time].slice(11, 13)) < 23).length;
    expect(day / acq.rows.length).toBeGreaterThan(0.95);
    for (const x of acq.rows.slice(0, 1000)) {
      expect(x[time]).toMatch(/^2024-07-\d\d \d\d:\d\d:\d\d$/);
      expect(x[acq.col('付款方标识')]).toMatch(/^[0-9A-F]{16}$/);
    }
    const stats = new Map<string, { n: number; fen: number; days: Set<string>; payers: Set<string> }>();
    for (const x of acq.rows) {
      if (x[type] !== '消费') continue;
      const s = stats.get(x[1]) ?? { n: 0, fen: 0, days: new Set(), payers: new Set() };
      s.n++;
      s.fen += fen(x[acq.col('交易金额')]);
      s.days.add(x[time].slice(0, 10));
      s.payers.add(x[acq.col('付款方标识')]);
      stats.set(x[1], s);
    }
    const merch = table(readUtf8(fileOf(r, 'merchant')), ',');
    const active = merch.rows.filter((x) => x[merch.col('status')] === '正常').length;
    expect(merch.rows.length / cust.rows.length).toBeGreaterThan(0.03);
    expect(merch.rows.length / cust.rows.length).toBeLessThan(0.055);
    const hq = [...stats.values()].filter((s) => s.days.size >= 20 && s.n >= 100 && s.payers.size >= 30).length;
    const eff = [...stats.values()].filter((s) => s.n >= 30 && s.fen >= 300_000).length;
    expect(hq / active).toBeGreaterThan(0.2);
    expect(hq / active).toBeLessThan(0.7);
    expect(eff).toBeGreaterThan(hq);
    for (const l of of('few_payers')) {
      const s = stats.get(l.keys.merchant_id)!;
      expect(s.days.size >= 20 && s.n >= 100 && s.payers.size >= 30).toBe(true);
      expect(s.days.size).toBeLessThan(25);
    }
    // the owner's own card pays: token = first 16 hex of SHA-256 of the owner's 借记卡 number
    const cards = table(readUtf8(fileOf(r, 'card')), ',');
    for (const l of of('owner_pays')) {
      const owned = cards.rows.filter((x) => x[1] === l.keys.owner_cust_id && x[2] === '借记卡').map((x) => createHash('sha256').update(x[0]).digest('hex').slice(0, 16).toUpperCase());
      expect(owned).toContain(l.keys.payer);
      expect(acq.rows.filter((x) => x[1] === l.keys.merchant_id && x[acq.col('付款方标识')] === l.keys.payer).length).toBeGreaterThan(30);
    }
    for (const l of of('night_burst')) {
      const night = acq.rows.filter((x) => x[1] === l.keys.merchant_id && Number(x[time].slice(11, 13)) >= 1 && Number(x[time].slice(11, 13)) < 5);
      expect(night.length).toBeGreaterThan(50);
    }
  });

  it('issues cards with valid numbers, BINs and statuses, and plants the card anomalies', () => {
    const cards = table(readUtf8(fileOf(r, 'card')), ',');
    for (const x of cards.rows) {
      expect(x[0]).toMatch(/^\d{16,19}$/);
      expect(luhnValid(x[0])).toBe(true);
      expect(x[0].slice(0, 3)).toBe(x[2] === '贷记卡' ? '625' : '623');
    }
    const kinds = (k: string) => cards.rows.filter((x) => x[2] === k).length;
    expect(kinds('借记卡')).toBeGreaterThan(kinds('社保卡'));
    expect(kinds('社保卡')).toBeGreaterThan(kinds('贷记卡'));
    expect(cards.rows.some((x) => x[cards.col('卡状态')] === '未激活')).toBe(true);
    const bulk = of('bulk_issue_one_day')[0];
    const sameDay = cards.rows.filter((x) => x[2] === '贷记卡' && x[cards.col('营销客户经理号')] === bulk.keys.manager_id && x[cards.col('发卡日期')] === bulk.keys.issue_date);
    expect(sameDay.length).toBeGreaterThanOrEqual(15);
    expect(sameDay.filter((x) => x[cards.col('卡状态')] === '未激活').length).toBeGreaterThan(sameDay.length / 2);
    for (const l of of('shared_phone')) {
      const phones = new Set(cust.rows.filter((x) => l.keys.cust_ids.includes(x[0])).map((x) => x[cust.col('手机号码')]));
      expect(phones).toEqual(new Set([l.keys.phone]));
      expect(l.keys.cust_ids.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('covers the 18 signing types unevenly, with cancellations and the planted bursts', () => {
    const s = table(readUtf8(fileOf(r, 'signing')), '\t');
    const count = (t: string) => s.rows.filter((x) => x[2] === t).length;
    for (const t of SIGNING_TYPES) expect(count(t), t).toBeGreaterThan(0);
    expect(count('手机银行')).toBeGreaterThan(4 * count('水费代扣'));
    const cancelled = s.rows.filter((x) => x[s.col('状态')] === '已解约');
    expect(cancelled.length).toBeGreaterThan(0);
    for (const x of cancelled) expect(x[s.col('解约日期')] >= x[s.col('签约日期')]).toBe(true);
    for (const x of s.rows.filter((row) => row[s.col('状态')] === '有效')) expect(x[s.col('解约日期')]).toBe('');
    const bulk = of('bulk_same_device_never_used')[0];
    const burst = s.rows.filter(
      (x) => x[s.col('签约设备号')] === bulk.keys.device_id && x[s.col('签约日期')] === bulk.keys.sign_date && bulk.keys.cust_ids.includes(x[1]),
    );
    expect(burst.length).toBeGreaterThanOrEqual(15);
    expect(burst.every((x) => x[s.col('最近使用日期')] === '')).toBe(true);
  });

  it('writes visits with prospects and referrals with 1+N referrers', () => {
    const v = table(readUtf8(fileOf(r, 'visit')), ',');
    expect(v.rows.some((x) => x[v.col('客户号')] === '' && x[v.col('走访对象')] !== '')).toBe(true);
    expect(v.rows.some((x) => x[v.col('推荐产品')].includes(';'))).toBe(true);
    const ref = table(readUtf8(fileOf(r, 'referral')), ';');
    const per = new Map<string, number>();
    for (const x of ref.rows) per.set(x[0], (per.get(x[0]) ?? 0) + 1);
    expect([...per.values()].some((n) => n >= 3)).toBe(true);
    expect(new Set(ref.rows.map((x) => x[0] + '>' + x[1])).size).toBe(ref.rows.length);
  });
});
