// Monitoring calls (electron/core/api/monitoring-routes.ts) on the one client; the data scope's
// ?org= is added by the client (api/scope.ts lists /api/monitoring). The list's filter is the
// page's URL query, passed through as it is, so the export is the list on screen.
import type { DashboardSpec } from '../../shared/dashboard.js';
import type { Alert, AlertStatus, BacktestResult, MonitorJobStatus as MonitorStatus, RuleInfo } from '../../shared/monitoring.js';
import { dispositionName, json, request, send } from './client.js';

/** The parameters of the alert list that travel in its URL. */
export const ALERT_FILTER_KEYS = ['family', 'rule', 'status', 'staff', 'periodFrom', 'periodTo'] as const;

export interface AlertPage {
  total: number;
  alerts: Alert[];
}

export type { MonitorJobStatus as MonitorStatus, BacktestResult } from '../../shared/monitoring.js';


const enc = encodeURIComponent;

export const monitoringApi = {
  alerts: (filter: URLSearchParams, page: { limit: number; offset: number }, signal?: AbortSignal) => {
    const p = new URLSearchParams(filter);
    p.set('limit', String(page.limit));
    p.set('offset', String(page.offset));
    return json<AlertPage>(`/api/monitoring/alerts?${p}`, { signal });
  },
  alert: (id: number) => json<Alert>(`/api/monitoring/alerts/${id}`),
  decide: (id: number, status: AlertStatus, reason?: string) => send<Alert>('POST', `/api/monitoring/alerts/${id}/decide`, { status, reason }),
  async export(filter: URLSearchParams, format: 'csv' | 'xlsx'): Promise<{ blob: Blob; fileName: string; rows: number }> {
    const p = new URLSearchParams(filter);
    p.set('format', format);
    const res = await request(`/api/monitoring/alerts/export?${p}`);
    return { blob: await res.blob(), fileName: dispositionName(res.headers.get('content-disposition')) ?? `alerts.${format}`, rows: Number(res.headers.get('x-row-count') ?? NaN) };
  },
  rules: () => json<RuleInfo[]>('/api/monitoring/rules'),
  saveRule: (id: string, body: { params?: Record<string, number>; enabled?: boolean }) => send<RuleInfo>('PUT', `/api/monitoring/rules/${enc(id)}`, body),
  backtest: (body: { rule: string; from: string; to: string; params?: Record<string, number> }) => send<BacktestResult>('POST', '/api/monitoring/backtest', body),
  run: (from: string, to: string) => send<MonitorStatus>('POST', '/api/monitoring/run', { from, to }),
  status: () => json<MonitorStatus>('/api/monitoring/status'),
  overview: (date: string, lang: 'zh' | 'en', signal?: AbortSignal) => json<DashboardSpec>(`/api/monitoring/overview?date=${enc(date)}&lang=${lang}`, { signal }),
};
