// Text of one figure of a dashboard by its unit (shared/indicators.ts IndicatorUnit): money
// through the one money formatter (renderer/format.ts, integer 分 underneath), counts grouped,
// ratios as percentages and their changes in percentage points. No DOM, no i18n instance: the
// caller passes the words, so this is unit-tested in Node.
import type { IndicatorUnit } from '../../../shared/indicators.js';
import { avg, count, money, percent, points, signed, type FixedMoneyUnit } from '../../format.js';

/** The words a figure's text needs, in the page's language. */
export interface FigureWords {
  /** 元 / 万元 / 亿元 (or CNY …) */
  money: Record<FixedMoneyUnit, string>;
  /** 个百分点 / pp */
  points: string;
  /** 项 / items */
  items: string;
}

/** The scalar kind of a unit: a map_* unit's categories are figures of its scalar unit. */
export type ScalarKind = 'money' | 'count' | 'ratio' | 'avg';

export function scalarKind(unit: IndicatorUnit): ScalarKind {
  switch (unit) {
    case 'yuan':
    case 'map_yuan':
      return 'money';
    case 'ratio':
    case 'map_ratio':
      return 'ratio';
    case 'avg':
      return 'avg';
    default:
      return 'count';
  }
}

export interface FigureText {
  text: string;
  /** the unit word after the number ('' when the text carries it, as a percentage does) */
  unit: string;
}

/** A figure as shown: value text and unit word. Money is in `mu` (resolved by the caller). */
export function figureText(v: number | null, unit: IndicatorUnit, mu: FixedMoneyUnit, w: FigureWords): FigureText {
  switch (scalarKind(unit)) {
    case 'money':
      return { text: money(v, mu), unit: v == null ? '' : w.money[mu] };
    case 'ratio':
      return { text: percent(v), unit: '' };
    case 'avg':
      return { text: avg(v), unit: v == null ? '' : w.items };
    default:
      return { text: count(v), unit: '' };
  }
}

/** A change against the base, signed: money in `mu`, ratios in percentage points. */
export function changeText(d: number | null, unit: IndicatorUnit, mu: FixedMoneyUnit, w: FigureWords): FigureText {
  if (d == null || !Number.isFinite(d)) return { text: '—', unit: '' };
  switch (scalarKind(unit)) {
    case 'money':
      return { text: signed(money(d, mu), d), unit: w.money[mu] };
    case 'ratio':
      return { text: points(d), unit: w.points };
    case 'avg':
      return { text: signed(avg(d), d), unit: w.items };
    default:
      return { text: signed(count(d), d), unit: '' };
  }
}

export type Trend = 'up' | 'down' | 'flat' | 'none';

/** Which way a change goes, and whether that is good news (lower is better for NPL, overdue, …). */
export function trendOf(d: number | null, lowerIsBetter = false): { trend: Trend; good: boolean | null } {
  if (d == null || !Number.isFinite(d)) return { trend: 'none', good: null };
  if (d === 0) return { trend: 'flat', good: null };
  const up = d > 0;
  return { trend: up ? 'up' : 'down', good: up !== lowerIsBetter };
}
