// Customer (惠金小助手) calls, on the one client's json()/send()/request(): same token, same
// errors (HttpError with the server's sentence and code), same 401 handling, same data scope.
import type { CoverageTable, CrmSettingProblem, Customer360, GapPage, ItemDef, QuickCheck, RecommendationRule, SearchResult } from '../../shared/crm.js';
import { dispositionName, json, request, send } from './client.js';

/** GET /api/crm/options: the orgs, managers and grids the filter bars offer (electron/core/crm/filter-options.ts) */
export interface OrgOption {
  id: string;
  name: string;
  parentId: string | null;
  level: string | null;
}
export interface CrmOptions {
  orgs: OrgOption[];
  managers: { id: string; name: string; orgId: string }[];
  grids: { id: string; name: string; orgId: string | null }[];
}

/** "?a=1&b=2" of the parameters that have a value, or "" */
const qs = (p: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
};
const enc = encodeURIComponent;

export const crmApi = {
  search: (q: string, signal?: AbortSignal) => json<SearchResult>(`/api/customers/search${qs({ q })}`, { signal }),
  customer: (id: string, date?: string) => json<Customer360>(`/api/customers/${enc(id)}${qs({ date })}`),
  reveal: (id: string, date?: string) => send<Customer360>('POST', `/api/customers/${enc(id)}/reveal${qs({ date })}`),
  quick: (id: string, date?: string) => json<QuickCheck>(`/api/customers/${enc(id)}/quick${qs({ date })}`),
  /** `params`: the gap filter as URL parameters (shared/gap-filter.ts), with the page's limit and cursor */
  gaps: (params: URLSearchParams, signal?: AbortSignal) => json<GapPage>(`/api/gaps?${params}`, { signal }),
  /** Masked by default; `unmasked` (customer:reveal) posts the stated purpose, which the server audits. */
  async exportGaps(params: URLSearchParams, format: 'xlsx' | 'csv', unmasked?: { purpose: string }): Promise<{ blob: Blob; fileName: string; rows: number }> {
    const p = new URLSearchParams(params);
    p.delete('after');
    p.delete('limit');
    p.set('format', format);
    const res = await request(`/api/gaps/export?${p}`, unmasked ? { method: 'POST', body: JSON.stringify(unmasked) } : {});
    return {
      blob: await res.blob(),
      fileName: dispositionName(res.headers.get('content-disposition')) ?? `gaps.${format}`,
      rows: Number(res.headers.get('x-row-count') ?? NaN),
    };
  },
  coverage: (by: 'branch' | 'manager', date?: string, orgId?: string) => json<CoverageTable>(`/api/coverage${qs({ by, date, orgId })}`),
  options: () => json<CrmOptions>('/api/crm/options'),
  items: () => json<ItemDef[]>('/api/settings/crm/items'),
  saveItems: (items: ItemDef[]) => send<ItemDef[]>('PUT', '/api/settings/crm/items', items),
  rules: () => json<RecommendationRule[]>('/api/settings/crm/rules'),
  saveRules: (rules: RecommendationRule[]) => send<RecommendationRule[]>('PUT', '/api/settings/crm/rules', rules),
  stars: () => json<number[]>('/api/settings/crm/stars'),
  saveStars: (bounds: number[]) => send<number[]>('PUT', '/api/settings/crm/stars', bounds),
  /** saved settings that no longer validate (the defaults stand in until a valid save) */
  settingProblems: () => json<CrmSettingProblem[]>('/api/settings/crm/problems'),
};
