// How a sheet's figures show on screen and where an actual leads: the dashboard the indicator
// belongs to (shared/indicators.ts group) at the evaluation date, narrowed to the object, and the
// rows behind it (shared/dashboard.ts DRILL_OF). No DOM: unit-testable in Node.
import { TARGET_INDICATORS, type ObjectType, type PeriodKind, type TargetIndicatorId } from '../../../shared/assessment.js';
import { DRILL_OF } from '../../../shared/dashboard.js';
import { INDICATOR_BY_KEY } from '../../../shared/indicators.js';
import { count, percent, yuan } from '../../format.js';

const META = new Map(TARGET_INDICATORS.map((t) => [t.id as string, t]));

export function unitOf(id: TargetIndicatorId): 'yuan' | 'count' | 'ratio' {
  return META.get(id)?.unit ?? 'count';
}

export function indicatorName(id: TargetIndicatorId | 'total', lang: string, total: string): string {
  if (id === 'total') return total;
  const m = META.get(id);
  return m ? (lang === 'en' ? m.en : m.zh) : id;
}

/** A target or actual in its unit: money in 元 with 分, counts grouped, ratios in %. */
export function figure(v: number | null, id: TargetIndicatorId): string {
  const u = unitOf(id);
  return u === 'yuan' ? yuan(v) : u === 'ratio' ? percent(v) : count(v);
}

/** The indicator key (shared/indicators.ts) the actual is read from: 存款日均 by the period's kind. */
export function indicatorKey(id: TargetIndicatorId, kind: PeriodKind): string {
  if (id === 'deposit_avg') return `deposit_avg_${kind}`;
  return id;
}

export interface Drill {
  dashboard: { path: string; query: Record<string, string> } | null;
  rows: { path: string; query: Record<string, string> } | null;
}

export function drillOf(id: TargetIndicatorId, kind: PeriodKind, asOf: string, object: { type: ObjectType; id: string }): Drill {
  const key = indicatorKey(id, kind);
  const who: Record<string, string> = object.type === 'org' ? { org: object.id } : { staff: object.id };
  const group = INDICATOR_BY_KEY.get(key)?.group;
  const list = DRILL_OF[key];
  return {
    dashboard: group ? { path: `/dashboards/${group}`, query: { date: asOf, ...who } } : null,
    rows: list ? { path: `/drill/${list}`, query: { key, date: asOf, ...who } } : null,
  };
}
