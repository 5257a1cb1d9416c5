// Visit routes (electron/core/api/route-routes.ts) on the one client: a plan, and its 走访清单 as a
// file. The base map comes from the grid map's GET /api/map/base. /api/map is a scoped prefix
// (api/scope.ts), so the scope's ?org= rides along.
import type { MapBase, RoutePlan, RouteRequest } from '../../shared/grid.js';
import { dispositionName, json, request, send } from './client.js';

export const routeApi = {
  base: () => json<MapBase>('/api/map/base'),
  plan: (body: RouteRequest) => send<RoutePlan>('POST', '/api/map/route', body),
  async export(plan: RoutePlan, format: 'xlsx' | 'pdf', date: string, lang: 'zh' | 'en'): Promise<{ blob: Blob; fileName: string }> {
    const body = { plan: { staff: plan.staff, stops: plan.stops.map((s) => ({ cust_id: s.cust_id, lng: s.lng, lat: s.lat })) }, format, date, lang };
    const res = await request('/api/map/route/export', { method: 'POST', body: JSON.stringify(body) });
    return { blob: await res.blob(), fileName: dispositionName(res.headers.get('content-disposition')) ?? `route.${format}` };
  },
};
