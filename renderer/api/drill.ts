// Drill-down lists (GET /api/drill/:list and its export), on the one client. The list's filter
// (key, cat, date, org, staff) is the page's URL query, passed through as it is.
import type { DrillListId } from '../../shared/dashboard.js';
import type { DrillPage } from '../../shared/drill.js';
import { dispositionName, json, request } from './client.js';

/** The parameters of a list that travel in its URL (DrillRef params of shared/dashboard.ts). */
export const DRILL_FILTER_KEYS = ['key', 'cat', 'date', 'org', 'staff'] as const;

const enc = encodeURIComponent;

export const drillApi = {
  page: (list: DrillListId, filter: URLSearchParams, opts: { after?: string | null; limit?: number; reveal?: boolean } = {}, signal?: AbortSignal) => {
    const p = new URLSearchParams(filter);
    if (opts.after) p.set('after', opts.after);
    if (opts.limit) p.set('limit', String(opts.limit));
    if (opts.reveal) p.set('reveal', '1');
    return json<DrillPage>(`/api/drill/${enc(list)}?${p}`, { signal });
  },
  async export(list: DrillListId, filter: URLSearchParams, format: 'xlsx' | 'csv'): Promise<{ blob: Blob; fileName: string; rows: number }> {
    const p = new URLSearchParams(filter);
    p.set('format', format);
    const res = await request(`/api/drill/${enc(list)}/export?${p}`);
    return {
      blob: await res.blob(),
      fileName: dispositionName(res.headers.get('content-disposition')) ?? `drill.${format}`,
      rows: Number(res.headers.get('x-row-count') ?? NaN),
    };
  },
};
