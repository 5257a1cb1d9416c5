// The speed of the search box and of paging the gap list rests on these plans: a change of
// schema or SQL that loses an index turns a millisecond look-up into a scan of 300k customers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pageSql } from '../../../../electron/core/crm/gaps.js';
import { lookupSql, SEARCH_WHERE, tailSql } from '../../../../electron/core/crm/search.js';
import { DATE, tempBank } from './bank.js';

let t: ReturnType<typeof tempBank>;
beforeAll(() => {
  t = tempBank();
});
afterAll(() => t.close());

const plan = (sql: string, params: unknown) =>
  (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as { detail: string }[]).map((r) => r.detail).join('\n');

const lookup = (where: string, n: number) => plan(lookupSql(where), [...Array.from({ length: n }, () => 'x'), DATE, 20]);

it.each([
  ['phoneExact', SEARCH_WHERE.phoneExact, 1, /SEARCH s USING (COVERING )?INDEX customer_search_phone \(phone=\?\)/],
  ['nameExact', SEARCH_WHERE.nameExact, 1, /SEARCH s USING (COVERING )?INDEX customer_search_name \(name=\?\)/],
  ['namePrefix', SEARCH_WHERE.namePrefix, 3, /SEARCH s USING (COVERING )?INDEX customer_search_name \(name>\? AND name<\?\)/],
  ['initialsExact', SEARCH_WHERE.initialsExact, 1, /SEARCH s USING (COVERING )?INDEX customer_search_initials \(initials=\?\)/],
  ['initialsPrefix', SEARCH_WHERE.initialsPrefix, 3, /SEARCH s USING (COVERING )?INDEX customer_search_initials \(initials>\? AND initials<\?\)/],
  ['idTail', SEARCH_WHERE.idTail, 1, /SEARCH s USING (COVERING )?INDEX customer_search_id_tail \(id_tail=\?\)/],
  ['idTailLong', SEARCH_WHERE.idTailLong, 2, /SEARCH s USING (COVERING )?INDEX customer_search_id_tail \(id_tail=\?\)/],
  ['custIdExact', SEARCH_WHERE.custIdExact, 1, /SEARCH s USING (COVERING )?INDEX sqlite_autoindex_customer_search_1 \(cust_id=\?\)/],
  ['custIdPrefix', SEARCH_WHERE.custIdPrefix, 2, /SEARCH s USING (COVERING )?INDEX sqlite_autoindex_customer_search_1 \(cust_id>\? AND cust_id<\?\)/],
])('search %s seeks an index', (_name, where, n, expected) => {
  const p = lookup(where, n);
  expect(p).toMatch(expected);
  expect(p).not.toMatch(/SCAN s\b/);
  expect(p).toMatch(/SEARCH h USING PRIMARY KEY \(data_date=\? AND cust_id=\?\)/);
});

it('finds the end of a phone, card or ID number by seeking its reversed key', () => {
  const p = plan(tailSql('t.rkey >= ? AND t.rkey < ?'), [DATE, '4321', '4321\u{10FFFF}', 20]);
  expect(p).toMatch(/SEARCH t USING PRIMARY KEY \(rkey>\? AND rkey<\?\)/);
  expect(p).not.toMatch(/SCAN t\b/);
});

it('pages the gap list by customer number on the primary key, without sorting', () => {
  const first = pageSql({ has: [1], lacks: [10] }, DATE, false);
  const p = plan(first.sql, { ...first.params, limit: 51 });
  expect(p).toMatch(/SEARCH h USING PRIMARY KEY \(data_date=\?\)/);
  expect(p).not.toMatch(/TEMP B-TREE/);
  const next = pageSql({ has: [1] }, DATE, true);
  expect(plan(next.sql, { ...next.params, limit: 51, k: null, id: '6200000005' })).toMatch(/SEARCH h USING PRIMARY KEY \(data_date=\? AND cust_id>\?\)/);
});

it.each([
  ['coverage', 'customer_holding_cov'],
  ['avg_assets', 'customer_holding_assets'],
  ['star', 'customer_holding_star'],
] as const)('pages the gap list by %s on its index, seeking past the cursor', (sort, index) => {
  for (const desc of [false, true]) {
    const q = pageSql({ sort, desc, lacks: [10] }, DATE, true);
    const p = plan(q.sql, { ...q.params, limit: 51, k: 4, id: '6200000005' });
    expect(p).toMatch(new RegExp(`SEARCH h USING (COVERING )?INDEX ${index} \\(data_date=\\? AND \\(${sort},cust_id\\)[<>]\\(\\?,\\?\\)\\)`));
    expect(p).not.toMatch(/TEMP B-TREE/);
  }
});

it('joins customers by key when a filter needs them', () => {
  const q = pageSql({ orgId: 'B1', managerId: 'M1', ageMin: 30, custTypes: ['个人'] }, DATE, false);
  const p = plan(q.sql, { ...q.params, limit: 51 });
  expect(p).toMatch(/SEARCH c USING INDEX (sqlite_autoindex_customer_1|customer_manager) /);
  expect(p).not.toMatch(/SCAN c\b/);
});
