// Drill-down lists (issue 9 item 3): the rows behind one clickable figure, for one target (the
// bank, an org's subtree, a staff member inside the caller's orgs) and date. The total is taken
// over the whole filtered list in SQL (integer 分 sums, exact counts), so it is the number the user
// clicked; the rows come a page at a time, by keyset on the list's unique key. See keys.ts for
// which rows each figure counts and lists.ts for the columns.
import { DRILL_OF, type DrillListId } from '../../../shared/dashboard.js';
import { DRILL_PAGE_DEFAULT, DRILL_PAGE_MAX, type DrillPage, type DrillTotal } from '../../../shared/drill.js';
import { INDICATOR_BY_KEY } from '../../../shared/indicators.js';
import { fenToYuan } from '../../../shared/money.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import type { Target } from '../indicators/index.js';
import { EmptyBankError, ensureHoldings } from '../crm/holdings.js';
import { ratio } from '../metrics/ratio.js';
import { latestSnapshot } from '../rules/in-service.js';
import { coversCustomer, type Scope } from '../scope/index.js';
import { KEYS, type KeyCtx, type KeyDef, type Source } from './keys.js';
import { LISTS, visibleCells, type Names, type RawRow } from './lists.js';

export { LISTS } from './lists.js';
export { KEYS } from './keys.js';

export interface DrillQuery {
  key: string;
  cat?: string | null;
  date: string;
}
export interface DrillPaging {
  /** the last key of the previous page (nextCursor) */
  after?: string | null;
  limit?: number;
  /** names as stored: the caller has checked customer:reveal */
  reveal?: boolean;
  /** the caller's data scope: rows whose customer lies outside it keep their amounts but not who they are (lists.ts visibleCells) */
  viewer?: Scope;
}

/** Is the row's customer outside the viewer's scope? (A row naming no customer hides nothing.) */
export function hiddenFrom(viewer: Scope | undefined, r: RawRow): boolean {
  if (viewer === undefined || r.cust_id === null || r.cust_id === undefined || r.cust_id === '') return false;
  return !coversCustomer(viewer, { org_id: (r.cust_org as string | null) ?? null, manager_id: (r.cust_mgr as string | null) ?? null });
}

// The cursor is the last key, base64url-encoded: opaque in a URL, never trusted (it only bounds a
// range of the caller's own list).
const encodeCursor = (k: string | number | null) => Buffer.from(String(k), 'utf8').toString('base64url');
function decodeCursor(after: string, intKey: boolean): string | number {
  const s = Buffer.from(after, 'base64url').toString('utf8');
  if (after.length > 200 || Buffer.from(s, 'utf8').toString('base64url') !== after || (intKey && !/^\d{1,15}$/.test(s))) {
    throw new UserInputError('翻页位置 after 无效。 (Bad cursor.)', 'bad_cursor');
  }
  return intKey ? Number(s) : s;
}

/** The key's definition for this list, after checking the key, its category and the list it opens. */
export function drillKey(db: Db, list: string, q: { key: string; cat?: string | null }): KeyDef {
  const def = Object.hasOwn(KEYS, q.key) ? KEYS[q.key] : undefined;
  if (!def) throw new UserInputError(`没有可下钻的指标 ${q.key}。 (No drill-down list for indicator ${q.key}.)`, 'bad_drill_key');
  if (DRILL_OF[q.key] !== list || def.list !== list) {
    throw new UserInputError(`指标 ${q.key} 的明细是 ${DRILL_OF[q.key]} 列表，不是 ${list}。 (Indicator ${q.key} drills to ${DRILL_OF[q.key]}, not ${list}.)`, 'bad_drill_list');
  }
  const cat = q.cat ?? null;
  if (!def.cats) {
    if (cat !== null) throw new UserInputError(`指标 ${q.key} 没有分类，不能带 cat。 (Indicator ${q.key} has no categories.)`, 'bad_drill_cat');
    return def;
  }
  if (cat === null || cat === '') throw new UserInputError(`指标 ${q.key} 须指定分类 cat。 (Indicator ${q.key} needs a category, cat.)`, 'bad_drill_cat');
  const cats = def.cats(db);
  if (cats === 'free' ? cat.length > 100 : !cats.includes(cat)) {
    throw new UserInputError(`指标 ${q.key} 没有分类「${cat}」。 (Indicator ${q.key} has no category "${cat}".)`, 'bad_drill_cat');
  }
  return def;
}

/** The key's source (SQL of every row, `k` and `v` included) for a target and date, and the context it was built with. */
export function drillSource(db: Db, target: Target, list: string, q: DrillQuery): { def: KeyDef; x: KeyCtx; src: Source & { denominator?: Source } } {
  const def = drillKey(db, list, q);
  const snapshot = def.snapshot ? latestSnapshot(db, def.snapshot, q.date) : null;
  const x: KeyCtx = { db, date: q.date, cat: q.cat ?? null, target, snapshot, holdingDate: def.list === 'customers' ? holdingsFor(db, q.date) : q.date };
  return { def, x, src: def.source(x) };
}

/** customer_holding of the date for the item counts; a bank with no business data yet has none (counts stay empty). */
function holdingsFor(db: Db, date: string): string {
  try {
    return ensureHoldings(db, date);
  } catch (e) {
    if (e instanceof EmptyBankError) return date;
    throw e;
  }
}

function totalOf(db: Db, def: KeyDef, key: string, src: Source & { denominator?: Source }): { total: DrillTotal; count: number } {
  // SUM over integers stays an integer in SQLite (64-bit, exact); read as BigInt so no 分 is lost
  const r = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(v), 0) AS s FROM (${src.sql})`).safeIntegers(true).get(src.params) as { n: bigint; s: bigint };
  const n = Number(r.n);
  let value: number | null;
  if (def.total === 'fen') value = fenToYuan(r.s);
  else if (def.total === 'count') value = n;
  else if (def.total === 'sum') value = Number(r.s);
  else if (def.total === 'avg') value = ratio(r.s, r.n);
  else {
    const d = src.denominator!;
    const den = db.prepare(`SELECT COUNT(*) FROM (${d.sql})`).pluck().safeIntegers(true).get(d.params) as bigint;
    value = ratio(r.n, den);
  }
  const meta = INDICATOR_BY_KEY.get(key);
  const unit = def.total === 'fen' ? 'yuan' : def.total === 'avg' ? 'avg' : def.total === 'share' ? 'ratio' : 'count';
  return { total: { zh: def.label?.zh ?? meta?.zh ?? key, en: def.label?.en ?? meta?.en ?? key, unit, value }, count: n };
}

/**
 * Lists whose rows are few but dear to compute (merchants: each reads its month of transactions)
 * are read once, whole and in key order, and both the total and the page taken from that read.
 */
function onceRead(db: Db, def: KeyDef, key: string, src: Source & { denominator?: Source }, after: string | null, limit: number) {
  const all = db.prepare(`SELECT * FROM (${src.sql}) ORDER BY k`).all(src.params) as RawRow[];
  // the totals as SQL would take them: through a one-row table of the exact integer sum
  const sum = all.reduce((a, r) => a + BigInt(r.v as number), 0n);
  const cursor = after === null ? null : String(decodeCursor(after, false));
  const from = cursor === null ? 0 : all.findIndex((r) => String(r.k) > cursor);
  const rows = from < 0 ? [] : all.slice(from, from + limit);
  const more = from >= 0 && from + limit < all.length;
  const meta = INDICATOR_BY_KEY.get(key);
  const value = def.total === 'fen' ? fenToYuan(sum) : def.total === 'sum' ? Number(sum) : all.length;
  const unit = def.total === 'fen' ? 'yuan' : 'count';
  return {
    total: { zh: def.label?.zh ?? meta?.zh ?? key, en: def.label?.en ?? meta?.en ?? key, unit, value } as DrillTotal,
    count: all.length,
    page: { rows, next: more ? encodeCursor(rows[rows.length - 1].k) : null },
  };
}

/** Names of orgs and staff, looked up once each per call. */
export function namesOf(db: Db): Names {
  const org = db.prepare('SELECT name FROM org WHERE org_id = ?').pluck();
  const staff = db.prepare('SELECT name FROM staff WHERE staff_id = ?').pluck();
  const memo = (stmt: typeof org) => {
    const m = new Map<string, string | null>();
    return (id: string | null) => {
      if (id === null || id === '') return null;
      if (!m.has(id)) m.set(id, (stmt.get(id) as string | undefined) ?? id);
      return m.get(id)!;
    };
  };
  return { org: memo(org), staff: memo(staff) };
}

/** One page of raw rows of a source, keyset after `after`. */
export function pageOf(db: Db, list: DrillListId, src: Source, after: string | null, limit: number): { rows: RawRow[]; next: string | null } {
  const cursor = after === null ? null : decodeCursor(after, LISTS[list].intKey);
  const sql = `SELECT * FROM (${src.sql}) ${cursor === null ? '' : 'WHERE k > @after_key'} ORDER BY k LIMIT @page_limit`;
  const rows = db.prepare(sql).all({ ...src.params, ...(cursor === null ? {} : { after_key: cursor }), page_limit: limit + 1 }) as RawRow[];
  const more = rows.length > limit;
  if (more) rows.length = limit;
  return { rows, next: more ? encodeCursor(rows[rows.length - 1].k) : null };
}

/**
 * The list behind `key` (with `cat` for map_* keys) for the target as of `date`: a page of rows
 * after `after`, the total over the whole list and the cursor of the next page. A bad key, a key
 * that opens another list, a missing or unknown category is a UserInputError (400).
 */
export function drillList(db: Db, target: Target, list: string, q: DrillQuery, paging: DrillPaging = {}): DrillPage {
  const { def, x, src } = drillSource(db, target, list, q);
  const limit = Math.min(Math.max(1, Math.trunc(paging.limit ?? DRILL_PAGE_DEFAULT)), DRILL_PAGE_MAX);
  const { total, count, page } = LISTS[def.list].readOnce
    ? onceRead(db, def, q.key, src, paging.after ?? null, limit)
    : { ...totalOf(db, def, q.key, src), page: pageOf(db, def.list, src, paging.after ?? null, limit) };
  const names = namesOf(db);
  const masked = paging.reveal !== true;
  const l = LISTS[def.list];
  return {
    list: def.list,
    key: q.key,
    cat: x.cat,
    date: q.date,
    snapshot: x.snapshot,
    target: { type: target.type, id: target.id, name: target.name },
    columns: l.columns,
    rows: page.rows.map((r) => visibleCells(l, l.cells(r, names, masked), hiddenFrom(paging.viewer, r))),
    total,
    count,
    nextCursor: page.next,
    masked,
  };
}
