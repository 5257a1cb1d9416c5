import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapQuery } from '../../../../shared/crm.js';
import { gapList, gapQueryToParams, parseGapQuery } from '../../../../electron/core/crm/gaps.js';
import { CUSTS, DATE, OLD_DATE, tempBank, type Cust } from './bank.js';
import { wholeBankScope } from '../../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

let t: ReturnType<typeof tempBank>;
beforeAll(() => {
  t = tempBank();
});
afterAll(() => t.close());

const all = (q: GapQuery) => {
  const out: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = gapList(t.db, { ...q, after }, ALL);
    out.push(...page.rows.map((r) => r.custId));
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error('paging did not end');
};
const n = (...suffixes: string[]) => suffixes.map((s) => (s === 'KH11' ? 'KH00000011' : `62000000${s}`));

describe('filters (expected lists read off the table in bank.ts)', () => {
  it.each<[string, GapQuery, string[]]>([
    ['has 活期, lacks 手机银行', { has: [1], lacks: [10] }, n('04', '05', 'KH11')],
    ['has 借记卡 and 手机银行', { has: [7, 10] }, n('01', '02', '06', '13')],
    ['lacks 活期 and 借记卡', { lacks: [1, 7] }, n('07', '09', '10')],
    ['stars 4 and 5', { stars: [4, 5] }, n('02', '05', '08', '13')],
    ['org B1 with its 分理处', { orgId: 'B1' }, n('01', '02', '05', '06', '07')],
    ['org S21 alone', { orgId: 'S21' }, n('03', '08', '10', '13')],
    ['the head office: everyone', { orgId: 'H' }, CUSTS.map((c) => c.id).sort()],
    ['manager M3', { managerId: 'M3' }, n('03', '04', '08', '09', '10', '12', '13')],
    ['grid G1', { gridId: 'G1' }, n('01', '02', '06')],
    // 张晓燕 turns 24 on the date itself; 曾小明 turns 60 the day after
    ['age 24–59', { ageMin: 24, ageMax: 59 }, n('01', '02', '03', '04', '06', '07', '08', '09', '13')],
    ['age ≥ 60', { ageMin: 60 }, n('12')],
    ['age ≤ 24', { ageMax: 24 }, n('03')],
    ['businesses', { custTypes: ['个体工商户', '小微企业'] }, n('05', '06')],
    ['org B2 and has 手机银行', { orgId: 'B2', has: [10] }, n('08', '09', '12', '13')],
    ['nobody', { has: [18] }, []],
  ])('%s', (_name, q, expected) => {
    const page = gapList(t.db, { ...q, limit: 500 }, ALL);
    expect(page.rows.map((r) => r.custId)).toEqual(expected);
    expect(page.total).toBe(expected.length);
    expect(page.next).toBeNull();
    expect(page.date).toBe(DATE);
  });

  it('shows a row masked, with its gaps', () => {
    const [row] = gapList(t.db, { gridId: 'G1', limit: 1 }, ALL).rows;
    expect(row).toEqual({
      custId: '6200000001', name: '张*英', phone: '138****0001', star: 3, coverage: 4, avgAssets: 80_000,
      orgName: '东一分理处', managerName: '李经理', gridId: 'G1', age: 34, custType: '个人',
      missing: [2, 3, 4, 5, 6, 8, 9, 11, 12, 13, 14, 16, 17, 18],
    });
    const [biz] = gapList(t.db, { custTypes: ['小微企业'] }, ALL).rows;
    expect([biz.name, biz.age, biz.gridId]).toEqual(['泉州****有限公司', null, null]);
  });

  it('reads the holdings of the date asked for', () => {
    const page = gapList(t.db, { date: OLD_DATE }, ALL);
    expect(page.rows.map((r) => [r.custId, r.coverage, r.missing.length])).toEqual([['6200000001', 1, 17]]);
    expect(page.date).toBe(OLD_DATE);
  });
});

describe('keyset pages', () => {
  const keyOf: Record<string, (c: Cust) => number> = { coverage: (c) => c.held.length, avg_assets: (c) => c.avg, star: (c) => c.star };
  const expectedOrder = (sort: string, desc: boolean) =>
    [...CUSTS]
      .sort((a, b) => {
        const k = sort === 'cust_id' ? 0 : keyOf[sort](a) - keyOf[sort](b);
        const c = k !== 0 ? k : a.id < b.id ? -1 : 1;
        return desc ? -c : c;
      })
      .map((c) => c.id);

  for (const sort of ['cust_id', 'coverage', 'avg_assets', 'star'] as const) {
    for (const desc of [false, true]) {
      it(`concatenate to the whole list sorted by ${sort}${desc ? ' desc' : ''}`, () => {
        const want = expectedOrder(sort, desc);
        for (const limit of [1, 2, 3, 5, 13, 20]) {
          const got = all({ sort, desc, limit });
          expect(got).toEqual(want);
          expect(new Set(got).size).toBe(CUSTS.length);
        }
      });
    }
  }

  it('keep the total on every page and page a filter too', () => {
    const first = gapList(t.db, { managerId: 'M3', sort: 'star', desc: true, limit: 3 }, ALL);
    expect(first.total).toBe(7);
    const second = gapList(t.db, { managerId: 'M3', sort: 'star', desc: true, limit: 3, after: first.next! }, ALL);
    expect(second.total).toBe(7);
    // M3's customers by star desc, then number desc: 13(5) 08(4) 12(3) | 04(2) 10(1) 09(1) | 03(1)
    expect([...first.rows, ...second.rows].map((r) => r.custId)).toEqual(n('13', '08', '12', '04', '10', '09'));
  });

  it('count afresh on the first page', () => {
    expect(gapList(t.db, { has: [18] }, ALL).total).toBe(0);
    t.db.prepare('UPDATE customer_holding SET mask = mask | (1 << 17) WHERE data_date = ? AND cust_id = ?').run(DATE, '6200000007');
    try {
      expect(gapList(t.db, { has: [18] }, ALL).rows.map((r) => r.custId)).toEqual(['6200000007']);
      expect(gapList(t.db, { has: [18] }, ALL).total).toBe(1);
    } finally {
      t.db.prepare('UPDATE customer_holding SET mask = 0 WHERE data_date = ? AND cust_id = ?').run(DATE, '6200000007');
    }
  });

  it('refuse a cursor from another sort', () => {
    const page = gapList(t.db, { sort: 'coverage', limit: 2 }, ALL);
    expect(() => gapList(t.db, { sort: 'star', after: page.next! }, ALL)).toThrow(/排序不符/);
    expect(() => gapList(t.db, { after: 'not-a-cursor' }, ALL)).toThrow(/游标无效/);
  });
});

describe('the list as a URL', () => {
  it('parses comma lists and writes them back', () => {
    expect(parseGapQuery(new URLSearchParams('has=15&lacks=10'))).toEqual({ has: [15], lacks: [10] });
    expect(gapQueryToParams({ has: [15], lacks: [10] }).toString()).toBe('has=15&lacks=10');
  });

  it('round-trips every field', () => {
    const s =
      'date=2024-07-31&has=7%2C10&lacks=2&stars=3%2C4&orgId=B1&managerId=M1&gridId=G1&ageMin=20&ageMax=60' +
      '&custTypes=%E4%B8%AA%E4%BA%BA&sort=coverage&desc=1&limit=20';
    const q = parseGapQuery(new URLSearchParams(s));
    expect(q).toEqual({
      date: '2024-07-31', has: [7, 10], lacks: [2], stars: [3, 4], orgId: 'B1', managerId: 'M1', gridId: 'G1',
      ageMin: 20, ageMax: 60, custTypes: ['个人'], sort: 'coverage', desc: true, limit: 20,
    });
    expect(gapQueryToParams(q).toString()).toBe(s);
    const cursor = gapList(t.db, { sort: 'coverage', desc: true, limit: 2 }, ALL).next!;
    const withCursor = { ...q, after: cursor };
    expect(parseGapQuery(gapQueryToParams(withCursor))).toEqual(withCursor);
  });

  it('normalises: sorted, no repeats, empty values absent, unknown parameters left alone', () => {
    expect(parseGapQuery({ has: '10,7,7', stars: '', desc: '0', tab: 'map' })).toEqual({ has: [7, 10] });
    expect(parseGapQuery({})).toEqual({});
  });

  it.each([
    [{ has: '0' }, /已办业务编号应在 1–31 之间/],
    [{ has: 'a,b' }, /已办业务编号应为以逗号分隔的数字/],
    [{ has: '10', lacks: '10' }, /同一业务不能既要求已办又要求未办/],
    [{ ageMin: '60', ageMax: '20' }, /最小年龄不能大于最大年龄/],
    [{ date: '2024-02-30' }, /数据日期应为真实存在的日期/],
    [{ sort: 'name' }, /排序应为/],
    [{ custTypes: '外星人' }, /客户类型应为/],
    [{ limit: '501' }, /每页条数应在 1–500 之间/],
    [{ stars: '6' }, /星级应在 1–5 之间/],
    [{ sort: 'star', after: 'xyz' }, /翻页游标无效/],
  ])('rejects %j with a clear message', (params, msg) => {
    expect(() => parseGapQuery(params as Record<string, string>)).toThrow(msg);
    expect(() => parseGapQuery(params as Record<string, string>)).toThrow(/^筛选条件有误/);
  });
});
