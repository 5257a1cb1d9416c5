// Dashboard calls (electron/core/api/dashboard-routes.ts and document-routes.ts), on the one
// client: same token, same errors, same 401 handling. The figures' context (date, base, org,
// staff) is passed whole by the caller, so the request names exactly what the page shows.
import type { DashboardSpec } from '../../shared/dashboard.js';
import type { DashboardId, DataDay } from '../../shared/indicators.js';
import { dispositionName, json, request } from './client.js';

/** What a dashboard is asked for: the context of the URL, resolved (the date is never empty). */
export interface DashboardQuery {
  date: string;
  /** a BASE_KINDS kind or a day */
  base: string | null;
  org: string | null;
  staff: string | null;
  lang: 'zh' | 'en';
  /** 剔除: KPIs also carry their figure without what confirmed monitoring alerts name */
  excl?: boolean;
}

/** "date=…&base=…" of the values that are set, in a fixed order (the export repeats the view's). */
export function dashboardParams(q: DashboardQuery): URLSearchParams {
  const p = new URLSearchParams();
  p.set('date', q.date);
  if (q.base) p.set('base', q.base);
  if (q.org) p.set('org', q.org);
  if (q.staff) p.set('staff', q.staff);
  p.set('lang', q.lang);
  if (q.excl) p.set('excl', '1');
  return p;
}

const enc = encodeURIComponent;

export const dashboardApi = {
  dashboard: (id: DashboardId, q: DashboardQuery, signal?: AbortSignal) =>
    json<DashboardSpec>(`/api/dashboards/${enc(id)}?${dashboardParams(q)}`, { signal }),
  /** the days of loaded data and which dated datasets each holds (the date picker marks the rest) */
  days: () => json<DataDay[]>('/api/indicators/days'),
  /** the whole dashboard as a document, the same query as the view (permission `export`, audited) */
  async export(id: DashboardId, q: DashboardQuery, format: 'xlsx' | 'pdf'): Promise<{ blob: Blob; fileName: string }> {
    const p = dashboardParams(q);
    p.set('format', format);
    const res = await request(`/api/dashboards/${enc(id)}/export?${p}`);
    return { blob: await res.blob(), fileName: dispositionName(res.headers.get('content-disposition')) ?? `dashboard_${id}.${format}` };
  },
};
