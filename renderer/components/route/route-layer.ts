// The route on the map: the polyline start → stops → start and a numbered marker per stop (the
// start as 起). The plan speaks WGS-84; the base layer may be GCJ-02 or BD-09, so points are
// converted with gcoord to the base's system first. Labels are set with textContent, never HTML.
import L from 'leaflet';
import gcoord from 'gcoord';
import type { CoordSystem, RoutePlan } from '../../../shared/grid.js';

const CRS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

function toBase(lng: number, lat: number, system: CoordSystem): [number, number] {
  if (system === 'WGS84') return [lat, lng];
  const [x, y] = gcoord.transform([lng, lat] as [number, number], gcoord.WGS84, CRS[system]) as [number, number];
  return [y, x];
}

function label(text: string, cls: string): L.DivIcon {
  const span = document.createElement('span');
  span.textContent = text;
  return L.divIcon({ className: `bc-route-marker ${cls}`, html: span, iconSize: [22, 22], iconAnchor: [11, 11] });
}

/** Draws the plan on the map as one layer group (remove it to clear); fits the view to it. */
export function drawRoute(map: L.Map, plan: RoutePlan, system: CoordSystem, startLabel: string): L.LayerGroup {
  const g = L.layerGroup().addTo(map);
  const start = toBase(plan.start.lng, plan.start.lat, system);
  const pts = plan.stops.map((s) => toBase(s.lng, s.lat, system));
  L.polyline([start, ...pts, start], { color: '#1f6feb', weight: 3, opacity: 0.85 }).addTo(g);
  L.marker(start, { icon: label(startLabel, 'bc-route-start'), keyboard: false }).addTo(g);
  pts.forEach((p, i) => L.marker(p, { icon: label(String(i + 1), 'bc-route-stop'), keyboard: false, title: plan.stops[i].cust_id }).addTo(g));
  map.fitBounds(L.latLngBounds([start, ...pts]).pad(0.15), { maxZoom: 16 });
  return g;
}
