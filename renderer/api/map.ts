// The grid map's calls (electron/core/api/map-routes.ts) on the one client; the data scope's ?org=
// is added by the client (api/scope.ts lists /api/map). Shapes are shared/grid.ts; the layers come
// as compact columns (one array per field, not an object per point).
import type { GridDetail, GridLayer, MapBase, PointLayer, VisitLayer } from '../../shared/grid.js';

/**
 * GET /api/map/points/:kind/:id — one marker's popup (masked; the look-up is audited). Written here
 * until the map core's copy in shared/grid.ts is committed; then import that one instead.
 */
export interface PointDetail {
  kind: 'customer' | 'merchant';
  id: string;
  name: string | null;
  grid_id: string | null;
  star?: number;
  gaps?: Array<{ item: string; zh: string; en: string }>;
  cls?: number;
  status?: string | null;
  /** renderer URL (hash route) of the customer's 360, null when none in scope */
  link: string | null;
}
import { json, send } from './client.js';

const enc = encodeURIComponent;
/** "?a=1&b=2" of the parameters that have a value, or "" */
const qs = (p: Record<string, string | null | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
};


/** POST /api/map/visits: a visit recorded on the map, stored like an imported one (an undoable batch). */
export interface VisitInput {
  /** 客户号; or else target_name (a prospect), never both */
  cust_id?: string;
  target_name?: string;
  /** 走访人员号; absent: the user's own */
  staff_id?: string;
  grid_id?: string;
  /** the point in the system of the map's base layer (the core converts it for storage) */
  lng?: number;
  lat?: number;
  method: string;
  result: string;
  /** item ids (or names) of the 18 items */
  products: string[];
  /** 走访时间 */
  visit_time: string;
  note?: string;
}

export interface VisitSaved {
  visit_id: string;
  batch_id: number;
  visit_time: string;
}

export const mapApi = {
  base: () => json<MapBase>('/api/map/base'),
  grids: (p: { date?: string | null; staff?: string | null; measure: string; item?: string | null; from?: string | null; to?: string | null }, signal?: AbortSignal) =>
    json<GridLayer>(`/api/map/grids${qs(p)}`, { signal }),
  points: (p: { kind: 'customer' | 'merchant'; date?: string | null; staff?: string | null; colour: string }, signal?: AbortSignal) =>
    json<PointLayer>(`/api/map/points${qs(p)}`, { signal }),
  point: (kind: 'customer' | 'merchant', id: string) => json<PointDetail>(`/api/map/points/${enc(kind)}/${enc(id)}`),
  visits: (p: { from?: string | null; to?: string | null; staff?: string | null; result?: string | null }, signal?: AbortSignal) =>
    json<VisitLayer>(`/api/map/visits${qs(p)}`, { signal }),
  grid: (id: string, p: { date?: string | null; from?: string | null; to?: string | null }) => json<GridDetail>(`/api/map/grids/${enc(id)}${qs(p)}`),
  recordVisit: (v: VisitInput) => send<VisitSaved>('POST', '/api/map/visits', v),
};
