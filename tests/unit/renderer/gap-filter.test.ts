// The gap list page reads its URL with the core's schema: a value the core would refuse is shown
// as a problem (and nothing listed or exported), never silently dropped as it used to be.
import { expect, it } from 'vitest';
import { EMPTY_FILTER, filterFromQuery, filterToQuery } from '../../../renderer/components/crm/gapFilter.js';
import { parseGapQuery } from '../../../electron/core/crm/gaps-query.js';

it('reads a good URL into the filter bar and writes it back unchanged', () => {
  const q = { has: '10,7', lacks: '16', stars: '5,4', orgId: 'QZ101', ageMin: '30', custTypes: '个人', sort: 'star', desc: '1', org: 'QZ100' };
  const r = filterFromQuery(q);
  expect(r.problems).toEqual([]);
  // lists sorted (7 before 10), desc a flag, the scope's org not part of the filter
  expect(r.filter).toEqual({ ...EMPTY_FILTER, has: [7, 10], lacks: [16], stars: [4, 5], orgId: 'QZ101', ageMin: 30, custTypes: ['个人'], sort: 'star', desc: true });
  expect(filterToQuery(r.filter)).toEqual({ has: '7,10', lacks: '16', stars: '4,5', orgId: 'QZ101', ageMin: '30', custTypes: '个人', sort: 'star', desc: '1' });
});

it('shows a bad value instead of dropping it, in the page language', () => {
  // before: has=7,x became has=[7] and ageMin=abc vanished, so a different list was shown
  const zh = filterFromQuery({ has: '7,x', ageMin: 'abc' }, 'zh');
  expect(zh.filter).toEqual(EMPTY_FILTER);
  expect(zh.problems).toEqual(['has: 已办业务编号应为以逗号分隔的数字，如 3,4', 'ageMin: 最小年龄应为整数']);
  const en = filterFromQuery({ has: '7,x', ageMin: 'abc' }, 'en');
  expect(en.problems).toEqual(['has: held items: numbers separated by commas, e.g. 3,4', 'ageMin: minimum age: a whole number']);
  // a repeated parameter (vue-router gives an array) is a problem too, not a merge
  expect(filterFromQuery({ stars: ['4', '5'] }).problems).toEqual(['stars: 只能出现一次（多个值请以逗号分隔）']);
});

it('agrees with the core on what is acceptable', () => {
  const urls = ['has=1', 'has=0', 'stars=6', 'ageMin=20&ageMax=10', 'date=2024-02-29', 'date=2023-02-29', 'sort=coverage&desc=true', 'custTypes=个人,小微企业', 'custTypes=x', 'gridId=G1'];
  for (const u of urls) {
    const page = filterFromQuery(Object.fromEntries(new URLSearchParams(u)));
    let core = true;
    try {
      parseGapQuery(new URLSearchParams(u));
    } catch {
      core = false;
    }
    expect(page.problems.length === 0, u).toBe(core);
  }
});
