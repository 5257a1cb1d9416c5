// How the documents print a figure, and the spreadsheet number formats. Money arrives in 元
// (2 decimals, from integer 分) and is printed in 万元 after going back to integer 分 first, so
// scaling and rounding never inherit a binary-fraction error (shared/money.ts); ratios arrive
// unrounded and are rounded here, for the eye only.
import type { IndicatorUnit } from '../../../shared/indicators.js';
import { divRound, yuanToFen } from '../../../shared/money.js';
import type { Lang } from './labels.js';

/** What an axis or column measures once map_* units are read per category. */
export type BaseUnit = 'yuan' | 'count' | 'ratio' | 'avg';

export function baseUnit(u: IndicatorUnit): BaseUnit {
  if (u === 'map_yuan') return 'yuan';
  if (u === 'map_count') return 'count';
  if (u === 'map_ratio') return 'ratio';
  return u;
}

const group = (n: bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function hundredths(h: bigint): string {
  const neg = h < 0n;
  const abs = neg ? -h : h;
  return `${neg ? '-' : ''}${group(abs / 100n)}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** 12345678.9 元 → "1,234.57" (万元, 2 decimals, 四舍五入 on integer 分). */
export function wanText(yuan: number): string {
  return hundredths(divRound(yuanToFen(yuan), 10_000n));
}

/** The unit word printed beside a figure or on an axis. */
export function unitLabel(u: BaseUnit, lang: Lang): string {
  if (u === 'yuan') return lang === 'zh' ? '万元' : '10k yuan';
  if (u === 'ratio') return '%';
  if (u === 'count') return lang === 'zh' ? '个' : '';
  return '';
}

/** A figure as printed in the PDF: money in 万元, counts grouped, ratios as % with 2 decimals. */
export function printValue(v: number | null | undefined, u: BaseUnit): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (u) {
    case 'yuan':
      return wanText(v);
    case 'count':
      return group(BigInt(Math.round(v)));
    case 'ratio':
      return `${(v * 100).toFixed(2)}%`;
    case 'avg':
      return v.toFixed(2);
  }
}

/** A change against the base, signed ("+12.30", "-0.15%"); ratios change in percentage points. */
export function printChange(v: number | null | undefined, u: BaseUnit, lang: Lang): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const sign = v > 0 ? '+' : '';
  if (u === 'ratio') return `${sign}${(v * 100).toFixed(2)}${lang === 'zh' ? '个百分点' : ' pp'}`;
  return sign + printValue(v, u);
}

/** The value an axis plots: 万元 for money, percent for ratios (drawing only; the tables print the exact text). */
export function plotValue(v: number | null, u: BaseUnit): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  if (u === 'yuan') return v / 10_000;
  if (u === 'ratio') return v * 100;
  return v;
}

/** exceljs number formats: money stays 元 (the exact figure), ratios keep full precision under a % format. */
export function xlsxNumFmt(u: BaseUnit): string {
  switch (u) {
    case 'yuan':
      return '#,##0.00"元"';
    case 'ratio':
      return '0.00%';
    case 'count':
      return '#,##0';
    case 'avg':
      return '0.00';
  }
}
