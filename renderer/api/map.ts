// The grid map's calls (electron/core/api/map-routes.ts) on the one client; the data scope's ?org=
// is added by the client (api/scope.ts lists /api/map). Shapes are shared/grid.ts; the layers come
// as compact columns (one array per field, not an object per point).
import type { GridDetail, GridLayer, MapBase, PointDetail, PointLayer, RecordedVisit, VisitInput, VisitLayer } from '../../shared/grid.js';
import { json, send } from './client.js';

const enc = encodeURIComponent;
/** "?a=1&b=2" of the parameters that have a value, or "" */
const qs = (p: Record<string, string | null | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
};

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
  recordVisit: (v: VisitInput) => send<RecordedVisit>('POST', '/api/map/visits', v),
};
