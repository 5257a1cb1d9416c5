// 中间业务与电子银行: 有效客户 and their growth, signings by business type, usage within 90 days.
import type { ChartSpec, Kpi } from '../../../shared/dashboard.js';
import { enumLabel } from '../../../shared/enum-labels.js';
import { mapOf, type DashContext } from './context.js';
import { kpi, overDays, split, trendDays } from './parts.js';
import { perUnit, perUnitTitle } from './per-unit.js';

export const EBANK_KPIS = ['intermediate_active_customers', 'customers'];
const SIGNING_KEYS = ['signings_by_type', 'signings_new_by_type', 'signings_used90_by_type'];

/** Active, new and used signings per business type: one bar group per type, each bar drilling to its signings. */
function signings(ctx: DashContext): ChartSpec {
  const spec: ChartSpec = { id: 'signings_by_type', title: ctx.t('业务签约（按业务类型）', 'Signings by business type'), kind: 'bar', unit: 'count', categories: [], series: [] };
  const maps = SIGNING_KEYS.map((k) => mapOf(ctx.at()[k]));
  const active = maps[0];
  const types = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort((a, b) => (active[b] ?? 0) - (active[a] ?? 0) || (a < b ? -1 : 1));
  if (types.every((t) => maps.every((m) => !m[t]))) return { ...spec, empty: ctx.t(`截至 ${ctx.date} 没有有效的业务签约。`, `No active signings as of ${ctx.date}.`) };
  spec.categories = types.map((t) => enumLabel(t, ctx.locale));
  spec.series = SIGNING_KEYS.map((k, i) => ({
    name: ctx.label(k),
    // a type missing from one map has none of that kind
    data: types.map((t) => maps[i][t] ?? 0),
    drill: types.map((t) => ctx.listDrill(k, t)),
  }));
  return spec;
}

/**
 * Signings carry no data date, and each day of this figure is a full read of the day's signings:
 * the last data day of each month of the year, and the date itself, show the growth at a twelfth
 * of the cost of every day.
 */
function monthEnds(ctx: DashContext): string[] {
  const last = new Map<string, string>();
  for (const d of trendDays(ctx, ['deposit', 'loan', 'acq_txn', 'visit'])) last.set(d.slice(0, 7), d);
  last.set(ctx.date.slice(0, 7), ctx.date);
  return [...last.values()];
}

export function ebank(ctx: DashContext): { kpis: Kpi[]; charts: ChartSpec[] } {
  const charts: ChartSpec[] = [
    signings(ctx),
    overDays(ctx, {
      id: 'ebank_trend',
      title: ctx.t('中间业务有效客户走势', 'Active fee business customers over time'),
      keys: ['intermediate_active_customers'],
      days: monthEnds(ctx),
    }),
  ];
  const by = perUnit(ctx);
  if (by) {
    charts.push(split(ctx, { id: 'ebank_by_unit', title: perUnitTitle(ctx, by, '中间业务有效客户', 'Active fee business customers'), keys: ['intermediate_active_customers'], by, sort: by === 'staff' }));
  }
  return { kpis: EBANK_KPIS.map((k) => kpi(ctx, k)), charts };
}
