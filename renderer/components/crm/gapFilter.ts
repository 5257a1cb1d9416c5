// The gap list's filter as it lives in the URL (#/gaps?has=17&lacks=16,10&stars=4,5&orgId=…):
// the same parameter names and comma lists the API reads (GapQuery of shared/crm.ts), so the page
// URL, the list request and the export request all carry one filter.
import type { LocationQuery } from 'vue-router';
import type { GapQuery } from '../../../shared/crm.js';

export type SortKey = NonNullable<GapQuery['sort']>;
export const SORTS: SortKey[] = ['cust_id', 'coverage', 'avg_assets', 'star'];

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

const one = (v: LocationQuery[string]): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
};
const list = (v: LocationQuery[string]): string[] =>
  (Array.isArray(v) ? v : [v]).flatMap((s) => (typeof s === 'string' ? s.split(',') : [])).map((s) => s.trim()).filter(Boolean);
const ints = (v: LocationQuery[string]) => [...new Set(list(v).map(Number).filter((n) => Number.isInteger(n)))].sort((a, b) => a - b);
const int = (v: LocationQuery[string]) => {
  const s = one(v);
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
};

export function filterFromQuery(q: LocationQuery): GapFilter {
  const sort = one(q.sort);
  return {
    date: one(q.date),
    has: ints(q.has),
    lacks: ints(q.lacks),
    stars: ints(q.stars),
    orgId: one(q.orgId),
    managerId: one(q.managerId),
    gridId: one(q.gridId),
    ageMin: int(q.ageMin),
    ageMax: int(q.ageMax),
    custTypes: list(q.custTypes),
    sort: SORTS.includes(sort as SortKey) ? (sort as SortKey) : undefined,
    desc: one(q.desc) === '1' || one(q.desc) === 'true',
  };
}

/** Only the parameters that filter: an empty filter is an empty query string. */
export function filterToQuery(f: GapFilter): Record<string, string> {
  const out: Record<string, string> = {};
  const set = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') out[k] = String(v);
  };
  set('date', f.date);
  if (f.has.length) out.has = f.has.join(',');
  if (f.lacks.length) out.lacks = f.lacks.join(',');
  if (f.stars.length) out.stars = f.stars.join(',');
  set('orgId', f.orgId);
  set('managerId', f.managerId);
  set('gridId', f.gridId);
  set('ageMin', f.ageMin);
  set('ageMax', f.ageMax);
  if (f.custTypes.length) out.custTypes = f.custTypes.join(',');
  set('sort', f.sort);
  if (f.desc) out.desc = '1';
  return out;
}

export const filterToParams = (f: GapFilter) => new URLSearchParams(filterToQuery(f));
