// The gap list's filter as it lives in the URL (#/gaps?has=17&lacks=16,10&stars=4,5&orgId=…):
// read with the core's own schema (shared/gap-filter.ts), so the page, the list request and the
// export request carry one filter, and a value the core would refuse is shown as a problem
// instead of being dropped.
import type { LocationQuery } from 'vue-router';
import type { GapQuery } from '../../../shared/crm.js';
import { gapQueryToParams, GAP_SORTS, readGapFilter, type Lang } from '../../../shared/gap-filter.js';

export type SortKey = NonNullable<GapQuery['sort']>;
export const SORTS: readonly SortKey[] = GAP_SORTS;

/** What the filter bar edits: GapQuery without paging, lists always present. */
export interface GapFilter {
  date?: string;
  has: number[];
  lacks: number[];
  stars: number[];
  orgId?: string;
  managerId?: string;
  gridId?: string;
  ageMin?: number;
  ageMax?: number;
  custTypes: string[];
  sort?: SortKey;
  desc: boolean;
}

export const EMPTY_FILTER: GapFilter = { has: [], lacks: [], stars: [], custTypes: [], desc: false };

/** The URL's filter, or (when any value is wrong) the empty filter and the problems to show. */
export function filterFromQuery(q: LocationQuery, lang: Lang = 'zh'): { filter: GapFilter; problems: string[] } {
  const r = readGapFilter(Object.entries(q), lang);
  if (!r.ok) return { filter: { ...EMPTY_FILTER }, problems: r.problems };
  const g = r.query;
  return {
    filter: {
      date: g.date,
      has: g.has ?? [],
      lacks: g.lacks ?? [],
      stars: g.stars ?? [],
      orgId: g.orgId,
      managerId: g.managerId,
      gridId: g.gridId,
      ageMin: g.ageMin,
      ageMax: g.ageMax,
      custTypes: g.custTypes ?? [],
      sort: g.sort,
      desc: g.desc === true,
    },
    problems: [],
  };
}

/** Only the parameters that filter, in the core's order: an empty filter is an empty query string. */
export function filterToQuery(f: GapFilter): Record<string, string> {
  return Object.fromEntries(filterToParams(f));
}

export const filterToParams = (f: GapFilter): URLSearchParams => gapQueryToParams({ ...f, sort: f.sort === 'cust_id' ? undefined : f.sort });
