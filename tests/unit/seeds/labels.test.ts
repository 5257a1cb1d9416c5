// The labels of the monitoring cases and decoys (issue 10): every one names a rule of the stable
// contract and subjects of that rule's type, every rule has a planted case, and each decoy's (and
// added case's) rows are in the export files as its label says, read back with plain parsing.
// Thresholds quoted below are the rules' default parameters (issue 10 / DATA.md), restated here.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates.js';
import { RULE_IDS, RULES } from '../../../shared/monitoring.js';
import type { Label } from '../../../seeds/model.js';
import type { SeedResult } from '../../../seeds/index.js';
import { fen, fileOf, readGbk, readUtf8, removeSeed, seedTo, table } from './helpers.js';

type Table = ReturnType<typeof table>;

describe('monitoring labels: cases and decoys', () => {
  let r: SeedResult;
  let labels: Label[];
  let dep: Table;
  let loan: Table;
  let cust: Table;
  let cards: Table;
  let sign: Table;
  let acq: Table;
  const one = (kind: string) => {
    const l = labels.filter((x) => x.kind === kind);
    expect(l, kind).toHaveLength(1);
    return l[0];
  };
  const str = (l: Label, k: string) => l.keys[k] as string;
  beforeAll(async () => {
    r = await seedTo('seed-labels-', { seed: 2 });
    labels = JSON.parse(readUtf8(r.labelsFile));
    dep = table(readUtf8(fileOf(r, 'deposit')), '|');
    loan = table(readUtf8(fileOf(r, 'loan')), ',');
    cust = table(readGbk(fileOf(r, 'customer')), ',');
    cards = table(readUtf8(fileOf(r, 'card')), ',');
    sign = table(readUtf8(fileOf(r, 'signing')), '\t');
    acq = table(readGbk(fileOf(r, 'acq_txn')), ',');
  }, 120_000);
  afterAll(() => removeSeed(r));

  it('gives every monitoring case and decoy a rule of the contract and subjects of its type', () => {
    const monitoring = labels.filter((l) => l.model !== 'data_quality');
    expect(monitoring.length).toBeGreaterThan(20);
    for (const l of monitoring) {
      expect(RULE_IDS, l.kind).toContain(l.rule);
      expect(l.subjects!.length, l.kind).toBeGreaterThan(0);
      for (const s of l.subjects!) {
        expect(RULES[l.rule!].subject as readonly string[], `${l.kind} ${s.type}`).toContain(s.type);
        expect(s.id).not.toBe('');
        expect(s.period >= '2024-05' && s.period <= '2024-07', `${l.kind} ${s.period}`).toBe(true);
      }
    }
    for (const l of labels.filter((x) => x.model === 'data_quality')) expect(l.rule).toBeUndefined();
    // every rule has a planted case, and the decoys asked for are there
    for (const id of RULE_IDS) expect(labels.some((l) => l.rule === id && !l.decoy), id).toBe(true);
    const decoys = labels.filter((l) => l.decoy).map((l) => `${l.kind} ${l.rule}`).sort();
    expect(decoys).toEqual(
      [
        'branch_pad_used ebank.bulk_signing', 'campaign_cards_used card.bulk_issue', 'family_shared_phone card.shared_contact',
        'fixed_price_shop merchant.round_amounts', 'night_24h_shop merchant.night', 'period_end_deposit_stays deposit.window_dressing',
        'period_end_issue_kept loan.period_end', 'two_loans_one_manager loan.several_managers',
      ].sort(),
    );
    // a case two rules must find is listed once per rule, with that rule's subjects
    const bulk = labels.filter((l) => l.kind === 'bulk_same_device_never_used');
    expect(bulk.map((l) => l.rule).sort()).toEqual(['ebank.bulk_signing', 'ebank.never_used']);
    expect(bulk.find((l) => l.rule === 'ebank.never_used')!.subjects!.map((s) => s.id).sort()).toEqual([...(bulk[0].keys.sign_nos as string[])].sort());
  });

  const balance = (acct: string, day: string) => {
    const row = dep.rows.find((x) => x[0] === day && x[dep.col('账号')] === acct);
    return row ? fen(row[dep.col('账户余额')]) : 0;
  };

  it('deposit decoy: far above its average at 6月30日 like a spike, and still there in July', () => {
    const l = one('period_end_deposit_stays');
    const acct = str(l, 'acct_no');
    // 5月31日 is the snapshot standing for the 20 days before 6月28日: the account's average
    const avg = balance(acct, '20240531');
    const peak = balance(acct, '20240630');
    const excess = peak - avg;
    expect(excess).toBeGreaterThanOrEqual(10_000_000); // ≥ 10 万元 over the average
    expect(peak).toBeGreaterThanOrEqual(3 * avg); // excess ≥ 2 × the average
    // not gone: every July day keeps more than (1 − 0.8) of the excess above the average
    for (let d = 1; d <= 31; d++) expect(balance(acct, `202407${String(d).padStart(2, '0')}`) - avg).toBeGreaterThan(0.2 * excess);
  });

  it('loan decoys: issued on 6月30日 and kept; two loans of one customer under one manager', () => {
    const kept = one('period_end_issue_kept');
    const rows = loan.rows.filter((x) => x[loan.col('XDJJH')] === str(kept, 'loan_no'));
    expect(rows.map((x) => x[0])).toEqual(['20240630', '20240731']);
    for (const x of rows) expect(x[loan.col('FFRQ')]).toBe('20240630');

    const two = one('two_loans_one_manager');
    const mine = loan.rows.filter((x) => x[0] === '20240731' && x[loan.col('KHTYBH')] === str(two, 'cust_id'));
    expect(mine.map((x) => x[loan.col('XDJJH')]).sort()).toEqual([...(two.keys.loan_nos as string[])].sort());
    expect(new Set(mine.map((x) => x[loan.col('XDYXM')]))).toEqual(new Set([str(two, 'manager_id')]));
    // not the customer's own 管户 manager: a rule comparing with that would see two managers
    expect(cust.rows.find((x) => x[0] === str(two, 'cust_id'))![cust.col('管户客户经理号')]).not.toBe(str(two, 'manager_id'));
  });

  it('loan case: proceeds straight back on the borrower\'s deposits the day of issue', () => {
    const l = one('proceeds_parked');
    const row = loan.rows.find((x) => x[0] === '20240731' && x[loan.col('XDJJH')] === str(l, 'loan_no'))!;
    const amount = fen(row[loan.col('DKJE')]);
    const issue = str(l, 'issue_date');
    const total = (day: string) => dep.rows.filter((x) => x[0] === day && x[dep.col('客户号')] === str(l, 'cust_id')).reduce((s, x) => s + fen(x[dep.col('账户余额')]), 0);
    // at least 0.8 of the amount arrives on the issue day (the random walk of the account aside)
    expect(total(issue.replace(/-/g, '')) - total(addDays(issue, -1).replace(/-/g, ''))).toBeGreaterThan(0.8 * amount);
  });

  it('card decoys: a family of two sharing a phone; a day of cards all activated and used', () => {
    const fam = one('family_shared_phone');
    const ids = fam.keys.cust_ids as string[];
    const rowsOf = ids.map((id) => cust.rows.find((x) => x[0] === id)!);
    expect(new Set(rowsOf.map((x) => x[cust.col('手机号码')]))).toEqual(new Set([str(fam, 'phone')]));
    expect(rowsOf[0][cust.col('联系地址')]).toBe(rowsOf[1][cust.col('联系地址')]);
    const creditHolders = new Set(cards.rows.filter((x) => x[2] === '贷记卡').map((x) => x[1]));
    const sharing = cust.rows.filter((x) => x[cust.col('手机号码')] === str(fam, 'phone') && creditHolders.has(x[0]));
    expect(sharing).toHaveLength(2); // under the rule's 3 holders

    const camp = one('campaign_cards_used');
    const day = cards.rows.filter(
      (x) => x[2] === '贷记卡' && x[cards.col('营销客户经理号')] === str(camp, 'manager_id') && x[cards.col('发卡日期')] === str(camp, 'issue_date'),
    );
    expect(day.length).toBeGreaterThanOrEqual(10); // the rule's 10 cards a day
    for (const x of day) {
      expect(x[cards.col('卡状态')]).toBe('正常');
      expect(x[cards.col('激活日期')] >= x[cards.col('发卡日期')]).toBe(true);
      expect(Number(x[cards.col('近12月交易笔数')])).toBeGreaterThan(1); // more than a token use
    }
  });

  it('signing decoy: a dozen signings on one pad in one day, every one used since', () => {
    const l = one('branch_pad_used');
    const rows = sign.rows.filter((x) => x[sign.col('签约设备号')] === str(l, 'device_id') && x[sign.col('签约日期')] === str(l, 'sign_date'));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.map((x) => x[0]).sort()).toEqual([...(l.keys.sign_nos as string[])].sort());
    for (const x of rows) {
      expect(x[sign.col('状态')]).toBe('有效');
      expect(x[sign.col('最近使用日期')] > x[sign.col('签约日期')]).toBe(true);
    }
    expect(new Set(rows.map((x) => x[sign.col('营销人员号')])).size).toBeGreaterThan(1);
  });

  it('merchant decoys and case: a 24-hour shop, a fixed-price car wash, an owner paying from his account', () => {
    const rowsOf = (id: string) => acq.rows.filter((x) => x[1] === id);
    const time = acq.col('交易时间');
    const shop = rowsOf(str(one('night_24h_shop'), 'merchant_id'));
    const night = shop.filter((x) => Number(x[time].slice(11, 13)) >= 1 && Number(x[time].slice(11, 13)) < 5).length;
    expect(night).toBeGreaterThanOrEqual(20); // over the rule's minimum of night transactions…
    expect(night / shop.length).toBeLessThan(0.3); // …but under its share
    expect(night / shop.length).toBeGreaterThan(0.05);

    const wash = rowsOf(str(one('fixed_price_shop'), 'merchant_id')).map((x) => fen(x[acq.col('交易金额')]));
    expect(new Set(wash)).toEqual(new Set([3000, 5000, 8000, 12000]));
    // at or over the rule's 100 元 floor: only the 120 元 精洗, far under its 60% share
    expect(wash.filter((f) => f >= 10_000).length / wash.length).toBeLessThan(0.2);

    const own = one('owner_account_pays');
    const acct = str(own, 'payer_acct');
    expect(str(own, 'payer')).toBe(createHash('sha256').update(acct).digest('hex').slice(0, 16).toUpperCase());
    const acctRow = dep.rows.find((x) => x[0] === '20240731' && x[dep.col('账号')] === acct)!;
    expect(acctRow[dep.col('客户号')]).toBe(str(own, 'owner_cust_id'));
    expect(acctRow[dep.col('存款种类')]).toBe('活期');
    expect(rowsOf(str(own, 'merchant_id')).filter((x) => x[acq.col('付款方标识')] === str(own, 'payer')).length).toBeGreaterThanOrEqual(20);
  });
});
