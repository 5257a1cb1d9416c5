// The product-gap list (营销清单): customers of the date's holdings filtered by what they hold and
// lack, star, org subtree, manager, grid, age band and type; keyset-paged so page 600 costs what
// page 1 does, with the total counted once per filter and data version.
import type Database from 'better-sqlite3';
import type { GapPage, GapQuery, GapRow } from '../../../shared/crm.js';
import { fenToYuan } from '../../../shared/money.js';
import { maskCustomerName, maskPhone } from '../../../shared/masking.js';
import type { Db } from '../db/connection.js';
import { dataVersion } from '../import/data-version.js';
import { coversOrg, managerScopeSql, orgInScopeSql, OrgNotInScopeError, scopeKey, type Scope } from '../scope/index.js';
import { getCatalog } from './catalog.js';
import { ensureHoldings } from './holdings.js';
import { decodeCursor, DEFAULT_GAP_LIMIT, encodeCursor, MAX_GAP_LIMIT, sortOf, type GapSort } from './gaps-query.js';

export { gapQueryToParams, parseGapQuery } from './gaps-query.js';

const maskOf = (ids: number[] | undefined) => (ids ?? []).reduce((m, id) => m | (1 << (id - 1)), 0);

/** The date `years` years before `date`, as text. 2024-02-29 − 1 gives 2023-02-29, which does not
 *  exist but compares correctly: born 2023-02-28 is ≤ it (1 year old), 2023-03-01 is not. */
function yearsBefore(date: string, years: number): string {
  return String(Number(date.slice(0, 4)) - years).padStart(4, '0') + date.slice(4);
}

/** Full years between a birth date and the date; null for a missing or malformed birth date. */
export function ageAt(birth: string | null, date: string): number | null {
  if (!birth || !/^\d{4}-\d{2}-\d{2}$/.test(birth) || birth > date) return null;
  return Number(date.slice(0, 4)) - Number(birth.slice(0, 4)) - (date.slice(5) < birth.slice(5) ? 1 : 0);
}

interface Built {
  cte: string;
  from: string;
  where: string[];
  params: Record<string, unknown>;
}

/** The FROM and WHERE of a filter inside a scope, without cursor: shared by the page, the count and the export. */
function buildFilter(q: GapQuery, date: string, scope: Scope): Built {
  const params: Record<string, unknown> = { date };
  const where = ['h.data_date = @date'];
  let cte = '';
  let needCustomer = false;
  // the scope: its orgs on the holding's copy of the customer's org (migration 008), so no
  // customer join for it; a 客户经理's own customers on the customer row
  if (scope.orgIds !== null) {
    const orgs = orgInScopeSql(scope, 'h.org_id');
    where.push(orgs.sql);
    Object.assign(params, orgs.params);
  }
  if (scope.managerId !== null) {
    const mine = managerScopeSql(scope, 'c');
    where.push(mine.sql);
    Object.assign(params, mine.params);
    needCustomer = true;
  }
  const has = maskOf(q.has);
  const lacks = maskOf(q.lacks);
  if (has) {
    where.push('(h.mask & @has) = @has');
    params.has = has;
  }
  if (lacks) {
    where.push('(h.mask & @lacks) = 0');
    params.lacks = lacks;
  }
  if (q.stars?.length) {
    where.push(`h.star IN (SELECT value FROM json_each(@stars))`);
    params.stars = JSON.stringify(q.stars);
  }
  if (q.orgId !== undefined) {
    // UNION (not UNION ALL) stops at an org already seen: a cycle in imported parent_id ends
    cte = 'WITH RECURSIVE sub(id) AS (SELECT @org UNION SELECT o.org_id FROM org o JOIN sub ON o.parent_id = sub.id) ';
    where.push('c.org_id IN (SELECT id FROM sub)');
    params.org = q.orgId;
    needCustomer = true;
  }
  if (q.managerId !== undefined) {
    where.push('c.manager_id = @manager');
    params.manager = q.managerId;
    needCustomer = true;
  }
  if (q.gridId !== undefined) {
    // its 网格编号, or, left empty, the grid its point lies in (grid/assign.ts; the map's grid
    // detail that links here has just brought that placement up to date)
    where.push("(c.grid_id = @grid OR (COALESCE(c.grid_id, '') = '' AND c.cust_id IN (SELECT ga.cust_id FROM grid_assignment ga WHERE ga.grid_id = @grid)))");
    params.grid = q.gridId;
    needCustomer = true;
  }
  if (q.ageMin !== undefined || q.ageMax !== undefined) {
    // age ≥ min ⇔ born on or before the date min years back; age ≤ max ⇔ born after max+1 years back
    where.push("c.birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND c.birth_date <= @bornBy AND c.birth_date > @bornAfter");
    params.bornBy = yearsBefore(date, q.ageMin ?? 0);
    params.bornAfter = q.ageMax === undefined ? '0000' : yearsBefore(date, q.ageMax + 1);
    needCustomer = true;
  }
  if (q.custTypes?.length) {
    where.push('c.cust_type IN (SELECT value FROM json_each(@types))');
    params.types = JSON.stringify(q.custTypes);
    needCustomer = true;
  }
  const from = needCustomer ? 'customer_holding h JOIN customer c ON c.cust_id = h.cust_id' : 'customer_holding h';
  return { cte, from, where, params };
}

const SORT_COL: Record<GapSort, string | null> = { cust_id: null, coverage: 'h.coverage', avg_assets: 'h.avg_assets', star: 'h.star' };

/** The SQL of one page of keys (exported for the query-plan test). */
export function pageSql(q: GapQuery, date: string, withCursor: boolean, scope: Scope): { sql: string; params: Record<string, unknown> } {
  const f = buildFilter(q, date, scope);
  const sort = sortOf(q);
  const col = SORT_COL[sort];
  const dir = q.desc ? 'DESC' : 'ASC';
  const cmp = q.desc ? '<' : '>';
  const where = [...f.where];
  if (withCursor) where.push(col ? `(${col}, h.cust_id) ${cmp} (@k, @id)` : `h.cust_id ${cmp} @id`);
  const order = col ? `${col} ${dir}, h.cust_id ${dir}` : `h.cust_id ${dir}`;
  const keyCol = col ?? 'NULL';
  return {
    sql: `${f.cte}SELECT h.cust_id AS custId, ${keyCol} AS k FROM ${f.from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`,
    params: f.params,
  };
}

export function countSql(q: GapQuery, date: string, scope: Scope): { sql: string; params: Record<string, unknown> } {
  const f = buildFilter(q, date, scope);
  // A 客户经理's count goes from their customers (customer_manager) to each holding by key, not
  // through every holding of the date; CROSS JOIN keeps that order whatever the statistics. A
  // branch's count reads customer_holding_org alone.
  const from = scope.managerId === null ? f.from : 'customer c CROSS JOIN customer_holding h ON h.data_date = @date AND h.cust_id = c.cust_id';
  return { sql: `${f.cte}SELECT count(*) FROM ${from} WHERE ${f.where.join(' AND ')}`, params: f.params };
}

const DETAIL_SQL = `
SELECT h.cust_id AS custId, h.mask, h.coverage, h.avg_assets AS avgAssets, h.star,
       c.name, c.cust_type AS custType, c.phone, c.birth_date AS birthDate, c.grid_id AS gridId,
       c.org_id AS orgId, o.name AS orgName, c.manager_id AS managerId, st.name AS managerName
FROM customer_holding h
JOIN customer c ON c.cust_id = h.cust_id
LEFT JOIN org o ON o.org_id = c.org_id
LEFT JOIN staff st ON st.staff_id = c.manager_id
WHERE h.data_date = ? AND h.cust_id = ?`;

export interface GapDetail {
  custId: string;
  mask: number;
  coverage: number;
  avgAssets: number; // 分
  star: number;
  name: string;
  custType: string | null;
  phone: string | null;
  birthDate: string | null;
  gridId: string | null;
  orgId: string;
  orgName: string | null;
  managerId: string | null;
  managerName: string | null;
}

// Counting a filter over 300k customers takes a good part of a page's time. The first page counts
// afresh; the pages after it reuse that count while the data, the date's holdings and the filter
// are the same.
const totals = new WeakMap<Db, Map<string, number>>();
function cachedTotal(db: Db, key: string, fresh: boolean, count: () => number): number {
  let m = totals.get(db);
  if (!m) totals.set(db, (m = new Map()));
  const hit = m.get(key);
  if (hit !== undefined && !fresh) return hit;
  const n = count();
  if (m.size > 200) m.clear();
  m.set(key, n);
  return n;
}

function builtAt(db: Db, date: string): string {
  return String(db.prepare('SELECT built_at FROM derived_state WHERE name = ?').pluck().get(`holding:${date}`) ?? '');
}

export interface GapKeysPage {
  date: string;
  total: number;
  keys: string[];
  next: string | null;
}

/** One page of customer numbers inside the scope (the list and the export both walk these). A
 *  filter naming an org outside the scope is a 404, as if the org did not exist. */
export function gapKeys(db: Db, q: GapQuery, scope: Scope): GapKeysPage {
  if (q.orgId !== undefined && !coversOrg(scope, q.orgId)) throw new OrgNotInScopeError(q.orgId);
  const date = ensureHoldings(db, q.date);
  const limit = Math.max(1, Math.min(MAX_GAP_LIMIT, q.limit ?? DEFAULT_GAP_LIMIT));
  const sort = sortOf(q);
  const desc = q.desc === true;
  const cursor = q.after !== undefined ? decodeCursor(q.after, sort, desc) : null;
  const page = pageSql(q, date, cursor !== null, scope);
  const rows = db.prepare(page.sql).all({ ...page.params, limit: limit + 1, ...(cursor ? { k: cursor.key, id: cursor.custId } : {}) }) as {
    custId: string;
    k: number | null;
  }[];
  const { after: _after, limit: _limit, sort: _sort, desc: _desc, ...filter } = q;
  const totalKey = JSON.stringify([dataVersion(db), date, builtAt(db, date), filter, scopeKey(scope)]);
  const total = cachedTotal(db, totalKey, cursor === null, () => {
    const c = countSql(q, date, scope);
    return db.prepare(c.sql).pluck().get(c.params) as number;
  });
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    date,
    total,
    keys: shown.map((r) => r.custId),
    next: more && last ? encodeCursor(sort, desc, { key: last.k, custId: last.custId }) : null,
  };
}

const detailStmts = new WeakMap<Db, Database.Statement>();
export function gapDetails(db: Db, date: string, keys: string[]): GapDetail[] {
  let s = detailStmts.get(db);
  if (!s) detailStmts.set(db, (s = db.prepare(DETAIL_SQL)));
  const out: GapDetail[] = [];
  for (const k of keys) {
    const d = s.get(date, k) as GapDetail | undefined;
    if (d) out.push(d);
  }
  return out;
}

/** Item ids of the catalog the mask does not hold. */
export function missingItems(mask: number, itemIds: number[]): number[] {
  return itemIds.filter((id) => (mask & (1 << (id - 1))) === 0);
}

/** One page of the gap list inside the scope: masked rows, the total of the filter, and the cursor of the next page. */
export function gapList(db: Db, q: GapQuery, scope: Scope): GapPage {
  const page = gapKeys(db, q, scope);
  const itemIds = getCatalog(db).map((i) => i.id);
  const rows: GapRow[] = gapDetails(db, page.date, page.keys).map((d) => ({
    custId: d.custId,
    name: maskCustomerName(d.name, d.custType) ?? '',
    phone: maskPhone(d.phone),
    star: d.star,
    coverage: d.coverage,
    avgAssets: fenToYuan(d.avgAssets),
    orgName: d.orgName,
    managerName: d.managerName,
    gridId: d.gridId,
    age: ageAt(d.birthDate, page.date),
    custType: d.custType,
    missing: missingItems(d.mask, itemIds),
  }));
  return { date: page.date, total: page.total, rows, next: page.next };
}
