// Grid map (网格化, issue 11): the shapes the map API sends and the route planner returns, shared by
// the core, the CLI and the renderer. Coordinates on the wire are [lng, lat] in the system the
// response names (`system`): the map API converts every layer to the base layer's system; the
// route command line speaks WGS-84 (its contract).

export const COORD_SYSTEMS = ['WGS84', 'GCJ02', 'BD09'] as const;
export type CoordSystem = (typeof COORD_SYSTEMS)[number];

/** The base layer: bundled 泉州 districts, or the bank's own GeoJSON loaded in settings. */
export interface MapBase {
  source: 'bundled' | 'bank';
  name: string;
  /** the system the geometry is in; every other layer is converted to it */
  system: CoordSystem;
  licence: string | null;
  /** intranet tile server URL template ({z}/{x}/{y}); null: no tiles, the boundaries alone */
  tileUrl: string | null;
  geojson: GeoJsonFeatureCollection;
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; id?: string | number; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }>;
}

/** What a grid is coloured by (the `measure` query parameter). */
export const GRID_MEASURES = ['visits', 'coverage', 'customers', 'deposit_balance', 'loan_balance', 'item_share'] as const;
export type GridMeasure = (typeof GRID_MEASURES)[number];

/** GET /api/map/grids?date&org&staff&measure&from&to&item */
export interface GridLayer {
  system: CoordSystem;
  measure: GridMeasure;
  /** item id of the 18 items when measure = item_share */
  item: string | null;
  /** visits and coverage count visits in [from, to] (default: the month of the date up to it) */
  from: string;
  to: string;
  grids: Array<{
    grid_id: string;
    name: string;
    grid_type: string | null;
    org_id: string | null;
    owner_staff_id: string | null;
    households: number | null;
    /** money measures in 元 (2 decimals, from 分); coverage and item_share unrounded fractions; null: not computable (no 户数) */
    value: number | null;
    geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  }>;
}

/** Marker colouring of the points layer. */
export const POINT_COLOURS = ['star', 'gaps'] as const;
export type PointColour = (typeof POINT_COLOURS)[number];

/**
 * GET /api/map/points?kind=customer|merchant&date&org&staff&colour — compact columns, not an object per
 * point: point i is ids[i] at (xy[2i], xy[2i+1]) with class cls[i]. Names are not sent: a click asks
 * GET /api/map/points/:kind/:id (masked, audited like any look-up).
 */
export interface PointLayer {
  system: CoordSystem;
  kind: 'customer' | 'merchant';
  colour: PointColour;
  ids: string[];
  xy: number[];
  /** star: 0–5 (0 none); gaps: the number of the 18 items missing; merchants: 0 normal, 1 有效, 2 高质量 */
  cls: number[];
  /** rows in scope without coordinates (not drawn) */
  without_coords: number;
}

/** GET /api/map/visits?from&to&staff&result&org — compact columns like PointLayer. */
export interface VisitLayer {
  system: CoordSystem;
  ids: string[];
  xy: number[];
  /** visit day as YYYY-MM-DD */
  day: string[];
  staff: string[];
  /** index into VISIT_RESULTS, -1 unknown */
  result: number[];
}

export const VISIT_RESULTS = ['有意向', '已办理', '无需求', '未遇'] as const;
export const VISIT_METHODS = ['上门', '电话', '微信', '厅堂'] as const;

/** GET /api/map/grids/:id?date&from&to */
export interface GridDetail {
  grid_id: string;
  name: string;
  grid_type: string | null;
  org_id: string | null;
  org_name: string | null;
  owner: { staff_id: string; name: string } | null;
  households: number | null;
  customers: number;
  /** customers placed here by point-in-polygon because their 网格编号 was empty */
  customers_assigned: number;
  visits: number;
  visited_households: number;
  /** visited households ÷ 户数, unrounded; null without 户数 */
  coverage: number | null;
  /** biggest product gaps: customers of the grid lacking each item, most first */
  gaps: Array<{ item: string; zh: string; en: string; missing: number }>;
  /** renderer URL (hash route) of the customer list behind `customers` */
  customer_list: string;
}

/** One stop of a visit route. */
export interface RouteStop {
  cust_id: string;
  lng: number;
  lat: number;
  /** why to visit: the gaps to offer (item labels from the recommendation rules), most valuable first */
  reasons: string[];
  /** masked display name (API only; the CLI contract does not need it) */
  name?: string;
}

/** The plan the route command and POST /api/map/route return (WGS-84; returns to the start). */
export interface RoutePlan {
  staff: string;
  start: { org_id: string; lng: number; lat: number };
  stops: RouteStop[];
  /** legs_m[i] = metres from the previous point (start for i = 0) to stop i; the last leg returns to the start */
  legs_m: number[];
  total_m: number;
}

/** POST /api/map/route body. */
export interface RouteRequest {
  staff: string;
  date: string;
  max?: number;
  /** replaces the candidate set */
  stops?: Array<{ id: string; lng: number; lat: number }>;
  /** customer ids to add to / drop from the default candidate set before optimising */
  add?: string[];
  remove?: string[];
}

/** GET /api/map/points/:kind/:id — one marker's popup (masked; the look-up is audited). */
export interface PointDetail {
  kind: 'customer' | 'merchant';
  id: string;
  /** masked like every customer screen (shared/masking.ts); a merchant's name as registered */
  name: string | null;
  grid_id: string | null;
  /** customers: star 0–5 and the catalog items not held, on the date */
  star?: number;
  gaps?: Array<{ item: string; zh: string; en: string }>;
  /** merchants: 0 normal, 1 有效, 2 高质量 for the month up to the date, and 状态 */
  cls?: number;
  status?: string | null;
  /** renderer URL (hash route) of the customer's 360 (a merchant's 法人客户号), null when none in scope */
  link: string | null;
}

/** POST /api/map/visits body: a visit recorded on the map, stored like an imported one (an undoable batch). */
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
  /** one of VISIT_METHODS / VISIT_RESULTS (the core's schema refuses anything else with a sentence) */
  method: string;
  result: string;
  /** item ids (or names) of the 18 items */
  products: string[];
  /** 走访时间 */
  visit_time: string;
  note?: string;
}

/** POST /api/map/visits answer: the new visit and the import batch that holds it (undo goes by the batch). */
export interface RecordedVisit {
  visit_id: string;
  batch_id: number;
  visit_time: string;
}

/** The file name of the import batch a visit recorded on the map is stored as (the import history
 *  shows it in the reader's language). */
export const RECORDED_VISIT_FILE = '地图登记走访';
