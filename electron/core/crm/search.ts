// The customer search box: one query string, classified (search-query.ts), answered from the
// customer_search index with indexed look-ups only, ranked, and shown masked.
import type Database from 'better-sqlite3';
import type { SearchMatch, SearchResult } from '../../../shared/crm.js';
import { maskCustomerName } from '../../../shared/masking.js';
import type { Db } from '../db/connection.js';
import { customerScopeSql, isWholeBank, type Scope } from '../scope/index.js';
import { EmptyBankError, ensureHoldings } from './holdings.js';
import { ensureSearchIndex } from './search-index.js';
import { classifyQuery, prefixEnd } from './search-query.js';

export { ensureSearchIndex, nameInitials } from './search-index.js';
export { classifyQuery } from './search-query.js';

export interface SearchOptions {
  limit?: number;
  date?: string;
  /** show names unmasked (the caller has checked customer:reveal and audits) */
  reveal?: boolean;
}

type MatchedOn = SearchMatch['matchedOn'];

/** 0 exact cust_id/phone, 1 exact name (or initials), 2 prefix (or a number's tail), 3 other. */
type Rank = 0 | 1 | 2 | 3;

interface Lookup {
  rank: Rank;
  on: MatchedOn;
  where: string;
  params: unknown[];
  /** a look-up of customer_search_tail: each row says which number matched */
  tail?: boolean;
}

// Every look-up below keeps its WHERE on one index of customer_search (name, initials, phone,
// id_tail, or the cust_id key) or on the key of customer_search_tail; only a Chinese "contains"
// (asked when the exact and prefix matches leave places) reads the whole name index. Within a
// look-up the customers come by star (from the holdings of the date), then customer number.
/**
 * At most this many candidates of one look-up are ranked by star: a one-character name such as
 * 陈 matches tens of thousands in a large bank, and reading them all to rank them made the slowest
 * searches grow with the bank (44 ms at 300k). Past the cap, candidates come in index order.
 */
export const SEARCH_CANDIDATES = 500;

/** Outside the whole bank, candidates are customers of the scope (sc: customer, by its key), so
 *  the cap counts only customers the caller may see. CROSS JOIN keeps the look-up's index as the
 *  outer loop: left to itself the planner may walk a whole branch's customers (customer_org)
 *  instead of seeking the few that match. */
const scopeJoin = (scope: Scope, key: string) =>
  isWholeBank(scope) ? { join: '', and: '' } : { join: `CROSS JOIN customer sc ON sc.cust_id = ${key}`, and: ` AND ${customerScopeSql(scope, 'sc').sql}` };

/** Parameters: the look-up's own, then the data date, then the limit, then the scope's (named). */
export const lookupSql = (where: string, scope: Scope) => `
WITH cand AS (SELECT s.cust_id FROM customer_search s ${scopeJoin(scope, 's.cust_id').join} WHERE ${where}${scopeJoin(scope, 's.cust_id').and} LIMIT ${SEARCH_CANDIDATES})
SELECT c.cust_id AS custId, COALESCE(h.star, 1) AS star, NULL AS kind
FROM cand c
LEFT JOIN customer_holding h ON h.data_date = ? AND h.cust_id = c.cust_id
ORDER BY star DESC, c.cust_id
LIMIT ?`;

export const SEARCH_WHERE = {
  custIdExact: 's.cust_id = ?',
  custIdPrefix: 's.cust_id >= ? AND s.cust_id < ?',
  phoneExact: 's.phone = ?',
  nameExact: 's.name = ?',
  namePrefix: 's.name >= ? AND s.name < ? AND s.name <> ?',
  nameContains: 'instr(s.name, ?) > 1',
  initialsExact: 's.initials = ?',
  initialsPrefix: 's.initials >= ? AND s.initials < ? AND s.initials <> ?',
  idTail: 's.id_tail = ?',
  // a query longer than the stored 6 digits must match the whole end of the 证件号码
  idTailLong: "s.id_tail = ? AND upper((SELECT c.id_no FROM customer c WHERE c.cust_id = s.cust_id)) LIKE '%' || ?",
} as const;

const TAIL_WHERE = 't.rkey >= ? AND t.rkey < ?';
const reversed = (s: string) => [...s].reverse().join('');

/** Customers whose phone, card or 证件号码 ends with the digits, seeking the reversed keys. */
export const tailSql = (where: string, scope: Scope) => `
SELECT t.cust_id AS custId, COALESCE(h.star, 1) AS star, min(t.kind) AS kind
FROM customer_search_tail t
${scopeJoin(scope, 't.cust_id').join}
LEFT JOIN customer_holding h ON h.data_date = ? AND h.cust_id = t.cust_id
WHERE ${where}${scopeJoin(scope, 't.cust_id').and}
GROUP BY t.cust_id
ORDER BY star DESC, t.cust_id
LIMIT ?`;

const DETAIL_SQL = `
SELECT c.cust_id AS custId, c.name, c.cust_type AS custType, c.org_id AS orgId, o.name AS orgName,
       c.manager_id AS managerId, st.name AS managerName,
       COALESCE(h.star, 1) AS star, COALESCE(h.coverage, 0) AS coverage
FROM customer c
LEFT JOIN org o ON o.org_id = c.org_id
LEFT JOIN staff st ON st.staff_id = c.manager_id
LEFT JOIN customer_holding h ON h.data_date = ? AND h.cust_id = c.cust_id
WHERE c.cust_id = ?`;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();
function stmt(db: Db, sql: string): Database.Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

/** The look-ups a query runs, best rank first; `more` is asked only while results are short. */
function plan(query: string): { lookups: Lookup[]; more: Lookup[]; isPhone: boolean } {
  const w = SEARCH_WHERE;
  const k = classifyQuery(query);
  switch (k.kind) {
    case 'empty':
      return { lookups: [], more: [], isPhone: false };
    case 'phone':
      return {
        lookups: [
          { rank: 0, on: 'phone', where: w.phoneExact, params: [k.phone] },
          { rank: 0, on: 'cust_id', where: w.custIdExact, params: [k.phone] },
        ],
        more: [],
        isPhone: true,
      };
    case 'digits': {
      const d = k.digits;
      const lookups: Lookup[] = [{ rank: 0, on: 'cust_id', where: w.custIdExact, params: [d] }];
      if (d.length >= 6) {
        const long = d.length > 6;
        lookups.push({ rank: 2, on: 'id_tail', where: long ? w.idTailLong : w.idTail, params: long ? [d.slice(-6), d] : [d] });
      }
      // the end of a phone (any length), of a card (its 4 digits) or of the 证件号码 (up to 6)
      lookups.push({ rank: 2, on: 'phone', where: TAIL_WHERE, params: [reversed(d), prefixEnd(reversed(d))], tail: true });
      // every cust_id starts with the same few digits: a prefix match says little, so it ranks last
      return { lookups, more: [{ rank: 3, on: 'cust_id', where: w.custIdPrefix, params: [d, prefixEnd(d)] }], isPhone: false };
    }
    case 'id_tail': {
      const t = k.tail;
      const lookup: Lookup =
        t.length > 6
          ? { rank: 2, on: 'id_tail', where: w.idTailLong, params: [t.slice(-6), t] }
          : { rank: 2, on: 'id_tail', where: TAIL_WHERE, params: [reversed(t), prefixEnd(reversed(t))], tail: true };
      return { lookups: [lookup], more: [], isPhone: false };
    }
    case 'letters': {
      const lower = k.letters.toLowerCase();
      const upper = k.letters.toUpperCase();
      const lookups: Lookup[] = [
        { rank: 0, on: 'cust_id', where: w.custIdExact, params: [k.letters] },
        { rank: 1, on: 'initials', where: w.initialsExact, params: [lower] },
        { rank: 2, on: 'initials', where: w.initialsPrefix, params: [lower, prefixEnd(lower), lower] },
        { rank: 2, on: 'cust_id', where: w.custIdPrefix, params: [k.letters, prefixEnd(k.letters)] },
      ];
      if (upper !== k.letters) lookups.push({ rank: 2, on: 'cust_id', where: w.custIdPrefix, params: [upper, prefixEnd(upper)] });
      return { lookups, more: [], isPhone: false };
    }
    case 'chinese':
      return {
        lookups: [
          { rank: 1, on: 'name', where: w.nameExact, params: [k.text] },
          { rank: 2, on: 'name', where: w.namePrefix, params: [k.text, prefixEnd(k.text), k.text] },
        ],
        more: [{ rank: 3, on: 'name', where: w.nameContains, params: [k.text] }],
        isPhone: false,
      };
    case 'other':
      return {
        lookups: [
          { rank: 0, on: 'cust_id', where: w.custIdExact, params: [k.text] },
          { rank: 2, on: 'cust_id', where: w.custIdPrefix, params: [k.text, prefixEnd(k.text)] },
        ],
        more: [],
        isPhone: false,
      };
  }
}

interface LookupRow {
  custId: string;
  star: number;
  kind: MatchedOn | null;
}

interface Hit {
  custId: string;
  star: number;
  rank: Rank;
  on: MatchedOn;
}

/** Customers can be found before any business data is imported: then nobody holds anything. */
function holdingsDate(db: Db, date: string | undefined): string | null {
  try {
    return ensureHoldings(db, date);
  } catch (e) {
    if (e instanceof EmptyBankError) return null;
    throw e;
  }
}

/**
 * Finds customers of the scope by phone, name, pinyin initials (zxy → 张秀英), the end of a
 * 证件号码 or card, or customer number. Ranked: exact number/phone, exact name, prefix, the rest;
 * ties by star (desc) then customer number. Names are masked unless `reveal`.
 */
export function searchCustomers(db: Db, query: string, scope: Scope, opts: SearchOptions = {}): SearchResult {
  const limit = Math.max(1, Math.min(200, Math.floor(opts.limit ?? 20)));
  const q = String(query ?? '').slice(0, 100);
  const { lookups, more, isPhone } = plan(q);
  if (lookups.length === 0) return { query: q, date: null, matches: [] };
  ensureSearchIndex(db);
  const date = holdingsDate(db, opts.date);

  const best = new Map<string, Hit>();
  const scoped = customerScopeSql(scope, 'sc').params;
  const named = Object.keys(scoped).length ? [scoped] : [];
  const run = (l: Lookup) => {
    const rows = (
      l.tail
        ? stmt(db, tailSql(l.where, scope)).all(date, ...l.params, limit, ...named)
        : stmt(db, lookupSql(l.where, scope)).all(...l.params, date, limit, ...named)
    ) as LookupRow[];
    for (const r of rows) {
      const had = best.get(r.custId);
      if (!had || l.rank < had.rank) best.set(r.custId, { custId: r.custId, star: r.star, rank: l.rank, on: r.kind ?? l.on });
    }
  };
  lookups.forEach(run);
  // the weaker look-ups can only fill places the stronger ones left empty
  if (best.size < limit) more.forEach(run);

  const hits = [...best.values()]
    .sort((a, b) => a.rank - b.rank || b.star - a.star || (a.custId < b.custId ? -1 : a.custId > b.custId ? 1 : 0))
    .slice(0, limit);

  const detail = stmt(db, DETAIL_SQL);
  const matches: SearchMatch[] = [];
  for (const h of hits) {
    const c = detail.get(date, h.custId) as
      | { custId: string; name: string; custType: string | null; orgId: string; orgName: string | null; managerId: string | null; managerName: string | null; star: number; coverage: number }
      | undefined;
    if (!c) continue; // the index is rebuilt with the data, so only a concurrent undo gets here
    matches.push({
      custId: c.custId,
      name: opts.reveal ? c.name : (maskCustomerName(c.name, c.custType) ?? ''),
      star: c.star,
      coverage: c.coverage,
      orgId: c.orgId,
      orgName: c.orgName,
      managerId: c.managerId,
      managerName: c.managerName,
      matchedOn: h.on,
    });
  }
  const result: SearchResult = { query: q, date, matches };
  // "not a customer of the bank" is known only to a whole-bank scope: elsewhere the number may
  // be a customer of another branch, which a narrower scope must neither deny nor confirm
  if (isPhone && matches.length === 0 && isWholeBank(scope)) result.notCustomer = true;
  return result;
}
