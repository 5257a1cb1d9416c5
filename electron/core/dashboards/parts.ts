// The building blocks the dashboards are made of: a KPI card, a trend line, a chart per org or per
// staff member, a chart of one map figure (structure, buckets). Each takes its numbers from the
// context (electron/core/indicators) and only arranges them.
import { addDays, yearStart } from '../../../shared/dates.js';
import type { ChartSeries, ChartSpec, DrillRef, Kpi } from '../../../shared/dashboard.js';
import type { IndicatorUnit } from '../../../shared/indicators.js';
import type { TargetFigures } from '../indicators/index.js';
import { datasetEmpty, datasetOf, hasData, type Dated } from './availability.js';
import { difference, fen, mapOf, scalar, type DashContext } from './context.js';
import { targetFor } from './targets.js';

/** A KPI card: the figure, the same at the base date, the change, the target, the rows behind it. */
export function kpi(ctx: DashContext, key: string): Kpi {
  const m = ctx.meta(key);
  const value = scalar(ctx.at()[key]);
  const ds = datasetOf(key);
  // no base asked, or nothing loaded by then: "no data" is not a figure of 0
  const base = ctx.base === null || (ds !== null && !hasData(ctx, ds, ctx.base)) ? null : scalar(ctx.at(ctx.base)[key]);
  return {
    key,
    label: ctx.label(key),
    unit: m.unit,
    value,
    base,
    change: value !== null && base !== null ? difference(m.unit, value, base) : null,
    target: targetFor(ctx, key),
    drill: ctx.listDrill(key),
    ...(ctx.excludeConfirmed ? { excluded: scalar(ctx.atExcluded()[key]) } : {}),
  };
}

/** How many data days a trend line shows at most. */
export const TREND_DAYS = 90;

/** The data days of the datasets in the date's year up to the date, the last TREND_DAYS of them. */
export function trendDays(ctx: DashContext, sets: Dated[]): string[] {
  const from = yearStart(ctx.date);
  const days = ctx
    .dataDays()
    .filter((d) => d.date >= from && d.date <= ctx.date && sets.some((s) => d[s]))
    .map((d) => d.date);
  return days.slice(-TREND_DAYS);
}

/** The days of the date's month up to the date on which the dataset holds data (by-day charts). */
export function monthDays(ctx: DashContext, ds: Dated): string[] {
  const from = addDays(ctx.date, 1 - +ctx.date.slice(8, 10));
  return ctx
    .dataDays()
    .filter((d) => d[ds] && d.date >= from && d.date <= ctx.date)
    .map((d) => d.date);
}

export interface LineOpts {
  id: string;
  title: string;
  keys: string[];
  days: string[];
  /** keys drawn against the right axis */
  right?: string[];
  kind?: 'line' | 'bar';
  /** the dataset whose absence empties the chart */
  needs?: Dated;
}

/** Figures of the target over days: one series per key, each point drilling to its day's rows. */
export function overDays(ctx: DashContext, o: LineOpts): ChartSpec {
  const unit = ctx.meta(o.keys.find((k) => !o.right?.includes(k)) ?? o.keys[0]).unit;
  const right = o.right?.[0];
  const spec: ChartSpec = { id: o.id, title: o.title, kind: o.kind ?? 'line', unit, categories: [], series: [] };
  if (right) spec.unit2 = ctx.meta(right).unit;
  const empty = o.needs ? datasetEmpty(ctx, o.needs) : undefined;
  if (empty) return { ...spec, empty };
  if (o.days.length === 0) {
    const y = ctx.date.slice(0, 4);
    return { ...spec, empty: ctx.t(`${y} 年初至 ${ctx.date} 没有数据日期。`, `No data dates from the start of ${y} to ${ctx.date}.`) };
  }
  spec.categories = o.days;
  spec.series = o.keys.map((k) => {
    const s: ChartSeries = {
      name: ctx.label(k),
      data: o.days.map((d) => scalar(ctx.at(d)[k])),
      drill: o.days.map((d) => ctx.listDrill(k, undefined, d)),
    };
    if (o.right?.includes(k)) Object.assign(s, { yAxis: 1, type: 'line' });
    return s;
  });
  return spec;
}

/** Money and record counts that add up across orgs (a bar per child plus the parent's own rows make the parent). */
export const ADDITIVE = new Set([
  'deposit_balance',
  'deposit_accounts',
  'deposit_balance_ytd_change',
  'deposit_balance_mtd_change',
  'loan_balance',
  'loans',
  'loan_balance_ytd_change',
  'inclusive_loan_balance',
  'online_loan_balance',
  'npl_balance',
  'overdue_balance',
  'acq_txn_count',
  'acq_txn_amount',
  'merchants',
  'credit_cards_issued',
  'visits',
]);

export interface SplitOpts {
  id: string;
  title: string;
  keys: string[];
  /** keys drawn as a line against the right axis */
  right?: string[];
  by: 'children' | 'staff';
  kind?: 'bar' | 'hbar' | 'table';
  /** sort by the first key, largest first (implied by `top`) */
  sort?: boolean;
  /** keep the first `top` after sorting (rankings) */
  top?: number;
  /** leave out units whose figure of this key is 0 or null (staff with no loans in a loan table) */
  skipZero?: string;
  threshold?: ChartSpec['threshold'];
  needs?: Dated;
}

/**
 * A bar (or table row) per child org or per staff member; a click narrows the dashboard to it.
 * Per org, the parent's own rows (an org holding accounts itself, or for the bank the head office
 * and rows of orgs not loaded) are one more bar for additive figures, so the bars make the total.
 */
export function split(ctx: DashContext, o: SplitOpts): ChartSpec {
  const unit = ctx.meta(o.keys.find((k) => !o.right?.includes(k)) ?? o.keys[0]).unit;
  const spec: ChartSpec = { id: o.id, title: o.title, kind: o.kind ?? 'bar', unit, categories: [], series: [] };
  const right = o.right?.[0];
  if (right) spec.unit2 = ctx.meta(right).unit;
  if (o.threshold) spec.threshold = o.threshold;
  const empty = o.needs ? datasetEmpty(ctx, o.needs) : undefined;
  if (empty) return { ...spec, empty };
  let units: TargetFigures[] = ctx.split(o.by);
  const first = o.keys[0];
  const skip = o.skipZero;
  if (skip) units = units.filter((u) => (scalar(u.indicators[skip]) ?? 0) !== 0);
  if (o.sort || o.top !== undefined) {
    units = [...units].sort((a, b) => (scalar(b.indicators[first]) ?? -Infinity) - (scalar(a.indicators[first]) ?? -Infinity));
    if (o.top !== undefined) units = units.slice(0, o.top);
  }
  if (units.length === 0) {
    return {
      ...spec,
      empty: o.by === 'children' ? ctx.t(`${ctx.target.name} 下没有下级机构。`, `${ctx.target.name} has no orgs below it.`) : ctx.t(`${ctx.target.name} 没有相关员工的数据。`, `No staff member has figures in ${ctx.target.name}.`),
    };
  }
  const drillOf = (u: TargetFigures): DrillRef | null => (o.by === 'children' ? { kind: 'scope', org: u.id } : ctx.canNarrowToStaff(u.id) ? { kind: 'scope', staff: u.id } : null);
  spec.categories = units.map((u) => u.name);
  spec.series = o.keys.map((k) => {
    const s: ChartSeries = { name: ctx.label(k), data: units.map((u) => scalar(u.indicators[k])), drill: units.map(drillOf) };
    if (o.right?.includes(k)) Object.assign(s, { yAxis: 1, type: 'line' });
    return s;
  });
  if (o.by === 'children' && o.top === undefined) addOwnRows(ctx, spec, o.keys);
  return spec;
}

/** The parent's own rows as one more bar, when an additive figure of it is not all in its children. */
function addOwnRows(ctx: DashContext, spec: ChartSpec, keys: string[]): void {
  const parent = ctx.at();
  const own = keys.map((k, i) => {
    const p = scalar(parent[k]);
    if (!ADDITIVE.has(k) || p === null) return null;
    const yuan = ctx.meta(k).unit === 'yuan';
    const kids = spec.series[i].data.reduce<number>((s, v) => s + (v === null ? 0 : yuan ? fen(v) : v), 0);
    const rest = (yuan ? fen(p) : p) - kids;
    return yuan ? rest / 100 : rest;
  });
  if (own.every((v) => v === null || v === 0)) return;
  spec.categories.push(ctx.target.type === 'bank' ? ctx.t('总行本级及未归属机构', 'Head office & unassigned') : ctx.t(`${ctx.target.name}本级`, `${ctx.target.name} (own)`));
  // the own rows are no org of their own to narrow to
  spec.series.forEach((s, i) => {
    s.data.push(own[i]);
    s.drill?.push(null);
  });
}

export interface MapOpts {
  id: string;
  title: string;
  key: string;
  kind: 'pie' | 'bar' | 'hbar';
  /** the categories in order (buckets, classes); otherwise the map's own, largest first */
  order?: readonly string[];
  /** a category's label in the request's language */
  labelOf?: (cat: string) => string;
  needs?: Dated;
  /** the sentence when the map holds nothing */
  none: string;
}

/** One map figure of the target (structure, buckets, shares): a slice or bar per category, each drilling to its rows. */
export function mapChart(ctx: DashContext, o: MapOpts): ChartSpec {
  const unit = ctx.meta(o.key).unit.replace('map_', '') as IndicatorUnit;
  const spec: ChartSpec = { id: o.id, title: o.title, kind: o.kind, unit, categories: [], series: [] };
  const empty = o.needs ? datasetEmpty(ctx, o.needs) : undefined;
  if (empty) return { ...spec, empty };
  const map = mapOf(ctx.at()[o.key]);
  const cats = o.order ? [...o.order] : Object.keys(map).sort((a, b) => (map[b] ?? 0) - (map[a] ?? 0));
  if (cats.every((c) => !map[c])) return { ...spec, empty: o.none };
  spec.categories = cats.map((c) => (o.labelOf ? o.labelOf(c) : c));
  spec.series = [{ name: ctx.label(o.key), data: cats.map((c) => map[c] ?? (o.order ? 0 : null)), drill: cats.map((c) => ctx.listDrill(o.key, c)) }];
  return spec;
}
