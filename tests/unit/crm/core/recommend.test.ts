import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ITEMS, type RecommendationRule } from '../../../../shared/crm.js';
import type { Db } from '../../../../electron/core/db/connection.js';
import { DEFAULT_RULES, saveCatalog, saveRules } from '../../../../electron/core/crm/catalog.js';
import { quickCheck } from '../../../../electron/core/crm/quick-check.js';
import { recommend } from '../../../../electron/core/crm/recommend.js';
import { D, tempBank } from './bank.js';
import { wholeBankScope } from '../../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

let bank: ReturnType<typeof tempBank>;
let db: Db;
beforeAll(() => {
  bank = tempBank();
  db = bank.db;
});
afterAll(() => bank.close());

// From HELD_AT_D, the stars of holdings.test.ts and the default rules, by hand:
const EXPECTED: Record<string, string[]> = {
  C01: ['payroll-mobile'], // has 15 → 10 (p90), beating 有借记卡未开通手机银行 (p50) for the same item
  C02: ['merchant-loan', 'star-wealth', 'demand-no-time'], // 3★ 个体工商户 holding 1 and 14
  C03: [], // 1★, holds only 活期
  C04: ['individual-acquiring'], // 个体工商户 whose merchant is 注销
  C05: ['loan-credit-card', 'debit-mobile'],
  C06: [], // holds 5 and 9 and 14
  C07: ['pension-sscard', 'water-power'], // 4★ but holds 理财; lacks 活期 so not demand-no-time
  C08: [],
  C09: ['star-wealth'], // 5★ without 理财; holds 16 and 17 and 12
};

describe('recommendations of the hand-built bank', () => {
  it('match the hand-worked list, best first', () => {
    for (const [cust, ids] of Object.entries(EXPECTED)) {
      expect({ cust, ids: quickCheck(db, cust, ALL, { date: D })!.recommendations.map((r) => r.ruleId) }).toEqual({ cust, ids });
    }
    expect(quickCheck(db, 'C01', ALL, { date: D })!.recommendations).toEqual([
      { ruleId: 'payroll-mobile', item: 10, itemName: '手机银行', reason: '已代发工资但未开通手机银行', priority: 90 },
    ]);
  });

  it('follow an edited catalog: 保证金 as 活期 makes C07 a 有活期无定期 customer', () => {
    saveCatalog(db, structuredClone(DEFAULT_ITEMS).map((i) => (i.id === 1 ? { ...i, rule: { kind: 'deposit', depositKinds: ['活期', '保证金'] } } : i)));
    expect(quickCheck(db, 'C07', ALL, { date: D })!.recommendations.map((r) => r.ruleId)).toEqual(['demand-no-time', 'pension-sscard', 'water-power']);
    saveCatalog(db, DEFAULT_ITEMS);
  });

  it('follow edited rules: a disabled rule lets the next reason for the item through', () => {
    saveRules(db, DEFAULT_RULES.map((r) => (r.id === 'payroll-mobile' ? { ...r, enabled: false } : r)));
    expect(quickCheck(db, 'C01', ALL, { date: D })!.recommendations.map((r) => r.ruleId)).toEqual(['debit-mobile']);
    saveRules(db, DEFAULT_RULES);
  });
});

describe('recommend()', () => {
  const r = (id: string, offer: number, priority: number, more: Partial<RecommendationRule> = {}): RecommendationRule => ({
    id, offer, priority, reason: id, enabled: true, ...more,
  });
  const ctx = { star: 3, custType: '个人' };
  it('checks has, lacks, minStar and custTypes', () => {
    const held = new Set([1, 7]);
    const rules = [
      r('has-ok', 10, 1, { has: [1, 7] }),
      r('has-miss', 11, 1, { has: [1, 9] }),
      r('lacks-ok', 12, 1, { lacks: [9] }),
      r('lacks-miss', 13, 1, { lacks: [7] }),
      r('star-ok', 14, 1, { minStar: 3 }),
      r('star-miss', 15, 1, { minStar: 4 }),
      r('type-ok', 16, 1, { custTypes: ['个人', '个体工商户'] }),
      r('type-miss', 17, 1, { custTypes: ['小微企业'] }),
      r('already-held', 1, 9),
      r('disabled', 18, 9, { enabled: false }),
    ];
    expect(recommend(held, ctx, rules, DEFAULT_ITEMS).map((x) => x.ruleId)).toEqual(['has-ok', 'lacks-ok', 'star-ok', 'type-ok']);
    expect(recommend(held, { star: 3, custType: null }, [r('t', 16, 1, { custTypes: ['个人'] })], DEFAULT_ITEMS)).toEqual([]);
  });

  it('gives one recommendation per item, the highest priority first; ties keep the written order', () => {
    const rules = [r('low', 10, 1), r('high', 10, 5), r('other', 3, 5), r('third', 2, 2)];
    expect(recommend(new Set(), ctx, rules, DEFAULT_ITEMS).map((x) => [x.ruleId, x.item, x.itemName])).toEqual([
      ['high', 10, '手机银行'],
      ['other', 3, '理财'],
      ['third', 2, '定期存款/大额存单'],
    ]);
  });
});
