// The gap list is a URL: its filters live in the query string (has=15&lacks=10&stars=3,4), so a
// list can be bookmarked, shared and exported as shown. The filter's schema is shared with the
// renderer (shared/gap-filter.ts); this module adds what only the core can check (the keyset
// cursor) and writes the cursor; gaps.ts runs the query.
import type { GapQuery } from '../../../shared/crm.js';
import { gapFilterMessage, readGapFilter, type GapSort } from '../../../shared/gap-filter.js';
import { UserInputError } from '../errors.js';

export { DEFAULT_GAP_LIMIT, GAP_SORTS, gapQueryToParams, MAX_GAP_LIMIT, type GapSort } from '../../../shared/gap-filter.js';

/**
 * Query string (or its object) → GapQuery. Empty values count as absent; unknown parameters are
 * left to the page (a tab, a scroll position). Throws a UserInputError (400) whose message is the
 * Chinese sentence to show, naming each parameter that is wrong.
 */
export function parseGapQuery(params: URLSearchParams | Record<string, string | undefined>): GapQuery {
  const r = readGapFilter(params instanceof URLSearchParams ? params.entries() : Object.entries(params), 'zh');
  if (!r.ok) throw new UserInputError(gapFilterMessage(r.problems, 'zh'), 'bad_filter');
  const q = r.query;
  if (q.after !== undefined) decodeCursor(q.after, sortOf(q), q.desc === true); // fail early, with the filter's message
  return q;
}

export function sortOf(q: GapQuery): GapSort {
  return q.sort ?? 'cust_id';
}

/** The cursor names its sort, so a cursor from one ordering is refused under another. */
export interface Cursor {
  key: number | null; // the sort column's value (null when sorting by cust_id)
  custId: string;
}

export function encodeCursor(sort: GapSort, desc: boolean, c: Cursor): string {
  return Buffer.from(JSON.stringify([sort, desc ? 1 : 0, c.key, c.custId]), 'utf8').toString('base64url');
}

export function decodeCursor(s: string, sort: GapSort, desc: boolean): Cursor {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw new UserInputError('筛选条件有误：after: 翻页游标无效，请回到第一页', 'bad_filter');
  }
  if (!Array.isArray(v) || v.length !== 4 || typeof v[3] !== 'string' || !(v[2] === null || Number.isInteger(v[2]))) {
    throw new UserInputError('筛选条件有误：after: 翻页游标无效，请回到第一页', 'bad_filter');
  }
  if (v[0] !== sort || v[1] !== (desc ? 1 : 0) || (sort === 'cust_id') !== (v[2] === null)) {
    throw new UserInputError('筛选条件有误：after: 翻页游标与当前排序不符，请回到第一页', 'bad_filter');
  }
  return { key: v[2] as number | null, custId: v[3] };
}
