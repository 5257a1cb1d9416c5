// The gap list's filter schema (shared/gap-filter.ts), the one both the core and the renderer
// read: every rule gives a message in both languages naming its parameter, nothing is dropped.
import { describe, expect, it } from 'vitest';
import { gapFilterMessage, gapQueryToParams, readGapFilter } from '../../../shared/gap-filter.js';
import { parseGapQuery } from '../../../electron/core/crm/gaps-query.js';
import { UserInputError } from '../../../electron/core/errors.js';

const read = (s: string, lang: 'zh' | 'en' = 'zh') => readGapFilter(new URLSearchParams(s).entries(), lang);

describe('shared gap filter schema', () => {
  it('reads a full filter and writes it back in the fixed order', () => {
    const s = 'date=2024-02-29&has=7%2C10&lacks=2&stars=3%2C4&orgId=B1&managerId=M1&gridId=G1&ageMin=20&ageMax=60&custTypes=%E4%B8%AA%E4%BA%BA&sort=star&desc=1&limit=20';
    const r = read(s);
    expect(r).toEqual({
      ok: true,
      query: { date: '2024-02-29', has: [7, 10], lacks: [2], stars: [3, 4], orgId: 'B1', managerId: 'M1', gridId: 'G1', ageMin: 20, ageMax: 60, custTypes: ['个人'], sort: 'star', desc: true, limit: 20 },
    });
    expect(r.ok && gapQueryToParams(r.query).toString()).toBe(s);
  });

  it('ignores empty values and parameters it does not read (the scope org, a tab)', () => {
    expect(read('has=&stars=&org=QZ100&tab=map&desc=0')).toEqual({ ok: true, query: {} });
  });

  // each value below breaks exactly one rule; the expected words are the rule's, in each language
  it.each([
    ['has=a,b', 'has: 已办业务编号应为以逗号分隔的数字', 'has: held items: numbers separated by commas'],
    ['lacks=32', 'lacks: 未办业务编号应在 1–31 之间', 'lacks: missing items: each between 1 and 31'],
    ['stars=0', 'stars: 星级应在 1–5 之间', 'stars: stars: each between 1 and 5'],
    ['ageMin=x', 'ageMin: 最小年龄应为整数', 'ageMin: minimum age: a whole number'],
    ['ageMax=151', 'ageMax: 最大年龄应在 0–150 之间', 'ageMax: maximum age: between 0 and 150'],
    ['ageMin=60&ageMax=20', '最小年龄不能大于最大年龄', 'the minimum age is above the maximum age'],
    ['has=3&lacks=3', '同一业务不能既要求已办又要求未办', 'an item cannot be both held and missing'],
    // 2023 is not a leap year: the day does not exist and is never rolled over to 03-01
    ['date=2023-02-29', 'date: 数据日期应为真实存在的日期', 'date: data date: a day that exists'],
    ['date=20240731', 'date: 数据日期应为真实存在的日期', 'date: data date: a day that exists'],
    ['sort=name', 'sort: 排序应为', 'sort: one of cust_id, coverage'],
    ['desc=yes', 'desc: desc 应为 1 或 0', 'desc: desc: 1 or 0'],
    ['custTypes=外星人', 'custTypes: 客户类型应为 个人、个体工商户、小微企业 之一', 'custTypes: customer type: one of 个人, 个体工商户, 小微企业'],
    ['limit=501', 'limit: 每页条数应在 1–500 之间', 'limit: page size: between 1 and 500'],
    ['has=1&has=2', 'has: 只能出现一次', 'has: given more than once'],
  ])('%s is refused, not dropped', (s, zh, en) => {
    const z = read(s, 'zh');
    const e = read(s, 'en');
    expect(z.ok).toBe(false);
    expect(e.ok).toBe(false);
    if (!z.ok) expect(z.problems.join('\n')).toContain(zh);
    if (!e.ok) expect(e.problems.join('\n')).toContain(en);
  });

  it('reports every wrong parameter at once', () => {
    const r = read('has=0&stars=9&sort=x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual(['has', 'sort', 'stars']);
  });

  it('words the message per language', () => {
    expect(gapFilterMessage(['a', 'b'], 'zh')).toBe('筛选条件有误：a；b');
    expect(gapFilterMessage(['a', 'b'], 'en')).toBe('Bad filter: a; b');
  });
});

describe('the core reads the same schema', () => {
  it('refuses with a UserInputError (400) carrying the same problems', () => {
    let err: unknown;
    try {
      parseGapQuery(new URLSearchParams('stars=0&ageMin=x'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserInputError);
    const r = read('stars=0&ageMin=x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect((err as Error).message).toBe(gapFilterMessage(r.problems, 'zh'));
  });

  it('refuses a parameter given twice (it used to keep the last one)', () => {
    expect(() => parseGapQuery(new URLSearchParams('has=1&has=2'))).toThrow(/has: 只能出现一次/);
  });
});
