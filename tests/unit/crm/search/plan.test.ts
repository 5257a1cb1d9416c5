// The speed of the search box and of paging the gap list rests on these plans: a change of
// schema or SQL that loses an index turns a millisecond look-up into a scan of 300k customers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countSql, pageSql } from '../../../../electron/core/crm/gaps.js';
import { lookupSql, SEARCH_WHERE, tailSql } from '../../../../electron/core/crm/search.js';
import { wholeBankScope, type Scope } from '../../../../electron/core/scope/index.js';
import { DATE, tempBank } from './bank.js';

const ALL = wholeBankScope();
/** A branch user's scope: one 支行 and its 分理处 (the orgs of bank.ts). */
const BRANCH: Scope = { orgIds: ['B1', 'S11', 'S12'], rootOrg: 'B1', managerId: null };
const MANAGER: Scope = { orgIds: ['B1', 'S11', 'S12'], rootOrg: 'B1', managerId: 'M1' };
const named = (s: Scope) => (s.orgIds === null ? [] : [{ scope_orgs: JSON.stringify(s.orgIds), ...(s.managerId ? { scope_manager: s.managerId } : {}) }]);

let t: ReturnType<typeof tempBank>;
beforeAll(() => {
  t = tempBank();
});
afterAll(() => t.close());

const plan = (sql: string, params: unknown) =>
  (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as { detail: string }[]).map((r) => r.detail).join('\n');

const planAll = (sql: string, params: unknown[]) =>
  (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as { detail: string }[]).map((r) => r.detail).join('\n');
const lookup = (where: string, n: number, scope: Scope = ALL) =>
  planAll(lookupSql(where, scope), [...Array.from({ length: n }, () => 'x'), DATE, 20, ...named(scope)]);

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
  // inside a branch's scope (数据权限) the same index is sought, each candidate's customer by its key
  for (const scope of [BRANCH, MANAGER]) {
    const b = lookup(where, n, scope);
    expect(b).toMatch(expected);
    expect(b).toMatch(/SEARCH sc USING INDEX sqlite_autoindex_customer_1 \(cust_id=\?\)/);
    expect(b).not.toMatch(/SCAN (s|sc)\b/);
  }
});

it('finds the end of a phone, card or ID number by seeking its reversed key', () => {
  const p = plan(tailSql('t.rkey >= ? AND t.rkey < ?', ALL), [DATE, '4321', '4321\u{10FFFF}', 20]);
  expect(p).toMatch(/SEARCH t USING PRIMARY KEY \(rkey>\? AND rkey<\?\)/);
  expect(p).not.toMatch(/SCAN t\b/);
  const b = planAll(tailSql('t.rkey >= ? AND t.rkey < ?', BRANCH), [DATE, '4321', '4321\u{10FFFF}', 20, ...named(BRANCH)]);
  expect(b).toMatch(/SEARCH t USING PRIMARY KEY \(rkey>\? AND rkey<\?\)/);
  expect(b).toMatch(/SEARCH sc USING INDEX sqlite_autoindex_customer_1 \(cust_id=\?\)/);
  expect(b).not.toMatch(/SCAN (t|sc)\b/);
});

it('pages the gap list by customer number on the primary key, without sorting', () => {
  const first = pageSql({ has: [1], lacks: [10] }, DATE, false, ALL);
  const p = plan(first.sql, { ...first.params, limit: 51 });
  expect(p).toMatch(/SEARCH h USING PRIMARY KEY \(data_date=\?\)/);
  expect(p).not.toMatch(/TEMP B-TREE/);
  const next = pageSql({ has: [1] }, DATE, true, ALL);
  expect(plan(next.sql, { ...next.params, limit: 51, k: null, id: '6200000005' })).toMatch(/SEARCH h USING PRIMARY KEY \(data_date=\? AND cust_id>\?\)/);
});

it.each([
  ['coverage', 'customer_holding_cov'],
  ['avg_assets', 'customer_holding_assets'],
  ['star', 'customer_holding_star'],
] as const)('pages the gap list by %s on its index, seeking past the cursor', (sort, index) => {
  for (const desc of [false, true]) {
    const q = pageSql({ sort, desc, lacks: [10] }, DATE, true, ALL);
    const p = plan(q.sql, { ...q.params, limit: 51, k: 4, id: '6200000005' });
    expect(p).toMatch(new RegExp(`SEARCH h USING (COVERING )?INDEX ${index} \\(data_date=\\? AND \\(${sort},cust_id\\)[<>]\\(\\?,\\?\\)\\)`));
    expect(p).not.toMatch(/TEMP B-TREE/);
  }
});

it('joins customers by key when a filter needs them', () => {
  const q = pageSql({ orgId: 'B1', managerId: 'M1', ageMin: 30, custTypes: ['个人'] }, DATE, false, ALL);
  const p = plan(q.sql, { ...q.params, limit: 51 });
  expect(p).toMatch(/SEARCH c USING INDEX (sqlite_autoindex_customer_1|customer_manager) /);
  expect(p).not.toMatch(/SCAN c\b/);
});

it('pages a branch scope on the same keys: holdings in order, no sort; a branch needs no customer join, a 客户经理 one by key', () => {
  for (const scope of [BRANCH, MANAGER]) {
    const first = pageSql({ lacks: [10] }, DATE, false, scope);
    const p = plan(first.sql, { ...first.params, limit: 51 });
    expect(p).toMatch(/SEARCH h USING PRIMARY KEY \(data_date=\?\)/);
    if (scope === MANAGER) expect(p).toMatch(/SEARCH c USING INDEX sqlite_autoindex_customer_1 \(cust_id=\?\)/);
    else expect(p).not.toMatch(/\bc USING/);
    expect(p).not.toMatch(/TEMP B-TREE/);
    const q = pageSql({ sort: 'avg_assets', desc: true, lacks: [10] }, DATE, true, scope);
    const d = plan(q.sql, { ...q.params, limit: 51, k: 4, id: '6200000005' });
    expect(d).toMatch(/SEARCH h USING (COVERING )?INDEX customer_holding_assets/);
    expect(d).not.toMatch(/TEMP B-TREE/);
  }
});

it('counts a branch scope from the holdings’ org index alone, a 客户经理’s from their customers to each holding by key', () => {
  const c = countSql({ lacks: [10] }, DATE, BRANCH);
  const p = plan(c.sql, c.params);
  expect(p).toMatch(/SEARCH h USING COVERING INDEX customer_holding_org \(data_date=\? AND org_id=\?\)/);
  expect(p).not.toMatch(/\bc USING|SCAN h\b/);
  const m = countSql({ lacks: [10] }, DATE, MANAGER);
  const pm = plan(m.sql, m.params);
  expect(pm).toMatch(/SEARCH c USING (COVERING )?INDEX (customer_org|customer_manager) /);
  expect(pm).toMatch(/SEARCH h USING (PRIMARY KEY|COVERING INDEX customer_holding_org) \(data_date=\?/);
  // the whole bank counts the date's holdings alone, no customer join
  const w = countSql({ lacks: [10] }, DATE, ALL);
  expect(plan(w.sql, w.params)).not.toMatch(/\bc\b USING/);
});
