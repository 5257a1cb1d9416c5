// A visit route for a staff member on a day (issue 11, item 5): the candidate set (default, or
// edited by add/remove, or replaced by a given list), ordered by the optimiser into a closed tour
// from the staff member's org, with the leg and total distances in metres (haversine, WGS-84).
import type { RoutePlan, RouteStop } from '../../../../shared/grid.js';
import type { Db } from '../../db/connection.js';
import { UserInputError } from '../../errors.js';
import type { Scope } from '../../scope/index.js';
import { customersAsStops, DEFAULT_MAX_STOPS, reasonsOf, routeCandidates, routeStaff, routeStart, type CandidateStop } from './candidates.js';
import { haversineM } from './haversine.js';
import { distanceMatrix } from './matrix.js';
import { optimiseTour } from './optimise.js';
import { MAX_ROUTE_STOPS, readGivenStops } from './stops-input.js';

export interface PlanInput {
  staff: string;
  date: string;
  max?: number;
  /** replaces the candidate set (already read, or raw from a request) */
  stops?: unknown;
  add?: string[];
  remove?: string[];
  /** where `stops` came from, for messages ('stops' for a request body, the file name for the CLI) */
  stopsSource?: string;
}

/** Orders the stops into the shortest tour found from `start` and back, with its legs. */
export function orderStops(start: RoutePlan['start'], stops: RouteStop[], seed = 1): Pick<RoutePlan, 'stops' | 'legs_m' | 'total_m'> {
  if (!stops.length) return { stops: [], legs_m: [], total_m: 0 };
  const m = distanceMatrix([start, ...stops]);
  const tour = optimiseTour(m, { seed });
  const ordered = tour.order.slice(1).map((i) => stops[i - 1]);
  const pts = [start, ...ordered, start];
  const legs_m: number[] = [];
  let total_m = 0;
  for (let i = 1; i < pts.length; i++) {
    const leg = haversineM(pts[i - 1].lng, pts[i - 1].lat, pts[i].lng, pts[i].lat);
    legs_m.push(leg);
    total_m += leg;
  }
  return { stops: ordered, legs_m, total_m };
}

const asStop = (c: CandidateStop): RouteStop => ({ cust_id: c.cust_id, lng: c.lng, lat: c.lat, reasons: c.reasons, name: c.name });

/** The plan, names masked (the CLI drops them). */
export function planRoute(db: Db, scope: Scope, input: PlanInput): RoutePlan {
  const staff = routeStaff(db, scope, input.staff);
  const start = routeStart(db, staff);
  const max = input.max ?? DEFAULT_MAX_STOPS;
  if (!Number.isInteger(max) || max < 1 || max > MAX_ROUTE_STOPS) throw new UserInputError(`站点上限应为 1 到 ${MAX_ROUTE_STOPS} 的整数：${max} (max must be 1–${MAX_ROUTE_STOPS})`, 'bad_max');
  let stops: RouteStop[];
  if (input.stops !== undefined) {
    const given = readGivenStops(input.stops, input.stopsSource ?? 'stops');
    const known = reasonsOf(db, scope, given.map((g) => g.id), input.date);
    // an id that is not a customer of the scope is a place, not a customer: no reasons, no name
    stops = given.map((g) => ({ cust_id: g.id, lng: g.lng, lat: g.lat, reasons: known.get(g.id)?.reasons ?? [], ...(known.has(g.id) ? { name: known.get(g.id)!.name } : {}) }));
  } else {
    const drop = new Set(input.remove ?? []);
    const base = routeCandidates(db, scope, staff, input.date, max).filter((c) => !drop.has(c.cust_id));
    const have = new Set(base.map((c) => c.cust_id));
    const extra = customersAsStops(db, scope, [...new Set(input.add ?? [])].filter((id) => !have.has(id) && !drop.has(id)), input.date);
    stops = [...base, ...extra].map(asStop);
    if (stops.length > MAX_ROUTE_STOPS) throw new UserInputError(`站点过多（${stops.length}），最多 ${MAX_ROUTE_STOPS} 个 (at most ${MAX_ROUTE_STOPS} stops)`, 'bad_stops');
  }
  return { staff: staff.staff_id, start, ...orderStops(start, stops) };
}
