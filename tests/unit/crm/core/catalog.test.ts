import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ITEMS, DEFAULT_STAR_BOUNDS_YUAN, type ItemDef } from '../../../../shared/crm.js';
import type { Db } from '../../../../electron/core/db/connection.js';
import { crmSettingProblems, DEFAULT_RULES, getCatalog, getRules, getStarBounds, saveCatalog, saveRules, saveStarBounds } from '../../../../electron/core/crm/catalog.js';
import { ensureHoldings, ensureHoldingsInfo } from '../../../../electron/core/crm/holdings.js';
import { customerItems } from '../../../../electron/core/crm/holdings-items.js';
import { importFile, undoBatch } from '../../../../electron/core/import/index.js';
import { dataVersion } from '../../../../electron/core/import/data-version.js';
import { BadRequestError } from '../../../../electron/core/auth/errors.js';
import { D, tempBank } from './bank.js';

let bank: ReturnType<typeof tempBank>;
let db: Db;
beforeAll(() => {
  bank = tempBank();
  db = bank.db;
});
afterAll(() => bank.close());

const withItem = (id: number, patch: Partial<ItemDef> | ((i: ItemDef) => unknown)): unknown[] =>
  structuredClone(DEFAULT_ITEMS).map((i) => (i.id === id ? (typeof patch === 'function' ? patch(i) : { ...i, ...patch }) : i));
const mask = (cust: string, date = D) => db.prepare('SELECT mask FROM customer_holding WHERE data_date = ? AND cust_id = ?').pluck().get(date, cust) as number;

describe('defaults', () => {
  it('start from DATA.md', () => {
    expect(getCatalog(db)).toEqual(DEFAULT_ITEMS);
    expect(getStarBounds(db)).toEqual([10_000, 50_000, 200_000, 500_000]);
    expect(getStarBounds(db)).toEqual([...DEFAULT_STAR_BOUNDS_YUAN]);
    const reasons = getRules(db).map((r) => [r.reason, r.has ?? [], r.offer, r.minStar ?? null, r.custTypes ?? null]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['已代发工资但未开通手机银行', [15], 10, null, null],
        ['收单商户法人但无经营贷', [14], 5, null, null],
        ['有电费代扣无水费代扣', [17], 16, null, null],
        ['有水费代扣无电费代扣', [16], 17, null, null],
        ['有借记卡未开通手机银行', [7], 10, null, null],
        ['已开手机银行未绑微信支付', [10], 12, null, null],
        ['星级客户（3星及以上）未购理财', [], 3, 3, null],
        ['有活期无定期 资产较高', [1], 2, 3, null],
        ['代发养老金/社保客户 无社保卡', [18], 8, null, null],
        ['个体工商户未开通收单', [], 14, null, ['个体工商户']],
        ['有贷款未开通贷记卡', [5], 9, null, null],
      ]),
    );
    // the defaults pass their own validation
    expect(() => saveRules(db, DEFAULT_RULES)).not.toThrow();
    expect(() => saveCatalog(db, DEFAULT_ITEMS)).not.toThrow();
  });

  it('a stored value that no longer validates falls back to the default, says so, and is kept for repair', () => {
    const saved = '[{"id":1}]';
    const stars = '[5, 4, 3'; // not even JSON
    const put = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    expect(crmSettingProblems(db)).toEqual([]); // defaults, nothing saved: no problem
    put.run('crm.items', saved);
    put.run('crm.starBounds', stars);
    try {
      // the screens keep working on the defaults
      expect(getCatalog(db)).toEqual(DEFAULT_ITEMS);
      expect(getStarBounds(db)).toEqual(DEFAULT_STAR_BOUNDS_YUAN);
      // and the administrator is told which setting, why (the sentence a save would give), and what is saved
      const problems = crmSettingProblems(db);
      expect(problems.map((p) => [p.setting, p.saved])).toEqual([['items', saved], ['stars', stars]]);
      expect(problems[0].error).toMatch(/业务目录须恰好 18 项/);
      expect(problems[1].error).toMatch(/不是有效的 JSON/);
      // reading never rewrites the saved value
      const stored = db.prepare("SELECT key, value FROM setting WHERE key IN ('crm.items', 'crm.starBounds') ORDER BY key").raw(true).all();
      expect(stored).toEqual([['crm.items', saved], ['crm.starBounds', stars]]);
    } finally {
      saveCatalog(db, DEFAULT_ITEMS);
      saveStarBounds(db, DEFAULT_STAR_BOUNDS_YUAN);
    }
    // a valid save is the repair
    expect(crmSettingProblems(db)).toEqual([]);
  });
});

describe('catalog validation', () => {
  const err = (v: unknown) => {
    try {
      saveCatalog(db, v);
    } catch (e) {
      expect(e).toBeInstanceOf(BadRequestError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };
  it('refuses with a Chinese sentence naming the item', () => {
    expect(err(DEFAULT_ITEMS.slice(0, 17))).toMatch(/恰好 18 项，现有 17 项/);
    expect(err('x')).toMatch(/业务目录须为 18 项的列表/);
    expect(err(withItem(3, (i) => ({ ...i, rule: { kind: 'signing', signingTypes: ['基金'] } })))).toMatch(/第 3 项「理财」.*签约业务类型「基金」无效/);
    expect(err(withItem(1, (i) => ({ ...i, rule: { kind: 'deposit', depositKinds: ['活期', '外币'] } })))).toMatch(/第 1 项「活期存款」.*存款种类「外币」无效/);
    expect(err(withItem(7, (i) => ({ ...i, rule: { kind: 'card', cardTypes: [] } })))).toMatch(/第 7 项「借记卡」.*卡种不能为空/);
    expect(err(withItem(6, (i) => ({ ...i, rule: { kind: 'loan', guarantees: ['担保'] } })))).toMatch(/第 6 项「线上信用贷」.*担保方式「担保」无效/);
    expect(err(withItem(4, (i) => ({ ...i, rule: { kind: 'loan', orSigningTypes: ['授信'] } })))).toMatch(/第 4 项.*签约业务类型「授信」无效/);
    expect(err(withItem(2, { name: '  ' }))).toMatch(/第 2 项.*名称不能为空/);
    expect(err(withItem(2, { group: '投' as never }))).toMatch(/第 2 项.*分组须为/);
    expect(err(withItem(5, (i) => ({ ...i, rule: { kind: 'fund' } })))).toMatch(/第 5 项「贷款用信」.*判定规则类型/);
    expect(err(withItem(18, { id: 17 }))).toMatch(/第 18 项「社保\/医保代缴」：编号 17 与「电费代扣」重复/);
    expect(err(withItem(18, { id: 19 }))).toMatch(/第 18 项.*业务编号须为 1–18 的整数/);
    expect(err(withItem(9, (i) => ({ ...i, color: 'red' })))).toMatch(/第 9 项/);
    expect(getCatalog(db)).toEqual(DEFAULT_ITEMS); // nothing was stored
  });
});

describe('rules and star bounds validation', () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(BadRequestError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };
  const rule = { id: 'r1', offer: 10, has: [15], reason: '代发未开手机银行', priority: 5, enabled: true };
  it('refuses bad rules', () => {
    expect(err(() => saveRules(db, [{ ...rule, offer: 19 }]))).toMatch(/第 1 条推荐规则「代发未开手机银行」.*业务编号须为 1–18/);
    expect(err(() => saveRules(db, [{ ...rule, has: [0] }]))).toMatch(/业务编号须为 1–18/);
    expect(err(() => saveRules(db, [{ ...rule, lacks: [1.5] }]))).toMatch(/业务编号须为 1–18/);
    expect(err(() => saveRules(db, [{ ...rule, reason: ' ' }]))).toMatch(/推荐理由不能为空/);
    expect(err(() => saveRules(db, [rule, { ...rule, reason: '另一条' }]))).toMatch(/第 2 条推荐规则「另一条」：规则编号「r1」重复/);
    expect(err(() => saveRules(db, [{ ...rule, custTypes: ['农户'] }]))).toMatch(/客户类型「农户」无效/);
    expect(err(() => saveRules(db, [{ ...rule, minStar: 6 }]))).toMatch(/最低星级须为 1–5/);
    expect(err(() => saveRules(db, {}))).toMatch(/推荐规则须为列表/);
  });
  it('stores good rules, enabled by default', () => {
    const { enabled: _e, ...noEnabled } = rule;
    expect(saveRules(db, [noEnabled])).toEqual([rule]);
    expect(getRules(db)).toEqual([rule]);
    saveRules(db, DEFAULT_RULES);
  });
  it('refuses bad star bounds', () => {
    expect(err(() => saveStarBounds(db, [1, 2, 3]))).toMatch(/4 个正数/);
    expect(err(() => saveStarBounds(db, [10_000, 5_000, 200_000, 500_000]))).toMatch(/逐级递增/);
    expect(err(() => saveStarBounds(db, [0, 5_000, 200_000, 500_000]))).toMatch(/4 个正数/);
    expect(err(() => saveStarBounds(db, [10_000.001, 50_000, 200_000, 500_000]))).toMatch(/两位小数/);
  });
});

describe('an edited catalog or star bounds change the result', () => {
  it('item 1 also accepting 保证金 gives C07 item 1', () => {
    ensureHoldings(db, D);
    expect(mask('C07') & 1).toBe(0);
    expect(customerItems(db, 'C07', D).find((i) => i.id === 1)!.held).toBe(false);
    const version = dataVersion(db);
    saveCatalog(db, withItem(1, (i) => ({ ...i, name: '活期及保证金', rule: { kind: 'deposit', depositKinds: ['活期', '保证金'] } })));
    expect(dataVersion(db)).toBe(version); // settings are not data
    expect(db.prepare("SELECT count(*) FROM derived_state WHERE name LIKE 'holding:%'").pluck().get()).toBe(0);
    expect(ensureHoldingsInfo(db, D).rebuilt).toBe(true);
    expect(mask('C07') & 1).toBe(1);
    expect(customerItems(db, 'C07', D).find((i) => i.id === 1)).toMatchObject({
      name: '活期及保证金', held: true, since: '2022-02-02', source: { dataset: 'deposit', key: 'G01' },
    });
    saveCatalog(db, DEFAULT_ITEMS);
    ensureHoldings(db, D);
    expect(mask('C07') & 1).toBe(0);
  });

  it('item 6 without the guarantee condition gives C06 item 6; item 13 narrowed to 支付宝 drops C04', () => {
    saveCatalog(
      db,
      structuredClone(DEFAULT_ITEMS).map((i) =>
        i.id === 6 ? { ...i, rule: { kind: 'loan', positiveBalance: true, online: true } } : i.id === 13 ? { ...i, rule: { kind: 'signing', signingTypes: ['支付宝绑卡'] } } : i,
      ),
    );
    ensureHoldings(db, D);
    expect(mask('C06') & (1 << 5)).toBe(1 << 5);
    expect(mask('C04') & (1 << 12)).toBe(0);
    expect(customerItems(db, 'C06', D).find((i) => i.id === 6)!.held).toBe(true);
    expect(customerItems(db, 'C04', D).find((i) => i.id === 13)!.held).toBe(false);
    saveCatalog(db, DEFAULT_ITEMS);
  });

  it('new star bounds restar the customers', () => {
    saveStarBounds(db, [10_000.01, 50_000, 200_000, 500_000]);
    ensureHoldings(db, D);
    expect(db.prepare('SELECT star FROM customer_holding WHERE data_date = ? AND cust_id = ?').pluck().get(D, 'C01')).toBe(1);
    saveStarBounds(db, [...DEFAULT_STAR_BOUNDS_YUAN]);
    ensureHoldings(db, D);
    expect(db.prepare('SELECT star FROM customer_holding WHERE data_date = ? AND cust_id = ?').pluck().get(D, 'C01')).toBe(2);
  });

  it('saving rules leaves the built holdings alone', () => {
    ensureHoldings(db, D);
    saveRules(db, DEFAULT_RULES);
    expect(ensureHoldingsInfo(db, D).rebuilt).toBe(false);
  });
});

describe('imports', () => {
  it('an import bumps the version and the next ensureHoldings rebuilds; nothing else does', async () => {
    ensureHoldings(db, D);
    expect(ensureHoldingsInfo(db, D).rebuilt).toBe(false);
    expect(mask('C08')).toBe(0);
    const file = path.join(bank.dir, 'signing_20240710.csv');
    fs.writeFileSync(file, '签约流水号,客户号,业务类型,签约日期,状态\nSG80,C08,手机银行,2024-07-09,有效\n');
    const res = await importFile(db, file, { fileName: 'signing_20240710.csv' });
    expect(res).toMatchObject({ dataset: 'signing', inserted: 1, rejected: 0 });
    expect(ensureHoldingsInfo(db, D).rebuilt).toBe(true);
    expect(mask('C08')).toBe(1 << 9);
    expect(ensureHoldingsInfo(db, D).rebuilt).toBe(false);
    undoBatch(db, res.batchId!, null);
    expect(ensureHoldingsInfo(db, D).rebuilt).toBe(true);
    expect(mask('C08')).toBe(0);
  });
});
