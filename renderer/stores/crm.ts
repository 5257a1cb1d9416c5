// Customers (惠金小助手): the API calls of the customer screens, and the catalog and filter options
// they share (loaded once per session, reloaded after settings are saved).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  CoverageTable,
  Customer360,
  GapPage,
  ItemDef,
  QuickCheck,
  RecommendationRule,
  SearchResult,
} from '../../shared/crm.js';
import { dispositionName, request } from '../api/client.js';
import { useContext } from './context.js';

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

const get = async <T>(path: string, init?: RequestInit): Promise<T> => (await (await request(path, init)).json()) as T;
const put = <T>(path: string, body: unknown) => get<T>(path, { method: 'PUT', body: JSON.stringify(body) });
const qs = (p: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
};
const enc = encodeURIComponent;

export const crmApi = {
  search: (q: string, signal?: AbortSignal) => get<SearchResult>(`/api/customers/search${qs({ q })}`, { signal }),
  customer: (id: string, date?: string) => get<Customer360>(`/api/customers/${enc(id)}${qs({ date })}`),
  reveal: (id: string, date?: string) => get<Customer360>(`/api/customers/${enc(id)}/reveal${qs({ date })}`, { method: 'POST' }),
  quick: (id: string, date?: string) => get<QuickCheck>(`/api/customers/${enc(id)}/quick${qs({ date })}`),
  gaps: (params: URLSearchParams, signal?: AbortSignal) => get<GapPage>(`/api/gaps?${params}`, { signal }),
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
  coverage: (by: 'branch' | 'manager', date?: string, orgId?: string) => get<CoverageTable>(`/api/coverage${qs({ by, date, orgId })}`),
  options: () => get<CrmOptions>('/api/crm/options'),
  items: () => get<ItemDef[]>('/api/settings/crm/items'),
  saveItems: (items: ItemDef[]) => put<ItemDef[]>('/api/settings/crm/items', items),
  rules: () => get<RecommendationRule[]>('/api/settings/crm/rules'),
  saveRules: (rules: RecommendationRule[]) => put<RecommendationRule[]>('/api/settings/crm/rules', rules),
  stars: () => get<number[]>('/api/settings/crm/stars'),
  saveStars: (bounds: number[]) => put<number[]>('/api/settings/crm/stars', bounds),
};

export const useCrm = defineStore('crm', () => {
  const items = ref<ItemDef[]>([]);
  const options = ref<CrmOptions | null>(null);
  /** the global search dialog (Ctrl+K, the top bar box, the navigation entry) */
  const searchOpen = ref(false);

  async function loadItems(force = false): Promise<ItemDef[]> {
    if (force || items.value.length === 0) items.value = await crmApi.items();
    return items.value;
  }
  // the options are those of the data scope: loaded again when the scope picker changes it
  let optionsOrg: string | null = null;
  async function loadOptions(): Promise<CrmOptions> {
    const org = useContext().org;
    if (!options.value || optionsOrg !== org) {
      options.value = await crmApi.options();
      optionsOrg = org;
    }
    return options.value;
  }
  const itemName = (id: number) => items.value.find((i) => i.id === id)?.name ?? `#${id}`;

  return { items, options, searchOpen, loadItems, loadOptions, itemName };
});
