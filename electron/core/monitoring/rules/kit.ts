// Small pieces the card, merchant and e-banking rules share: how strong a case is, the days a
// state rule is judged on, and the figures of a summary sentence (money from integer 分, never a
// float sum).
import { addDays, monthEnd } from '../../../../shared/dates.js';
import type { RunPeriod } from '../rule.js';

/**
 * An effect on a stock figure (贷记卡发卡量) lasts as long as the rows stand; the data cannot say
 * until when, so the effect is open-ended and the engine's own re-runs narrow it when a later file
 * closes the cards.
 */
export const OPEN_END = '9999-12-31';

/** 0–100: 50 at the threshold, 100 at twice it (or more), in proportion between. */
export function scoreOver(value: number, threshold: number): number {
  if (!(threshold > 0)) return 100;
  return Math.max(0, Math.min(100, Math.round((50 * value) / threshold)));
}

/** The days a state rule is judged on: every month end inside the period, and the period's last
 *  day when its month is not over. Each gives the alerts of its month. */
export function judgeDays(period: RunPeriod): string[] {
  const out: string[] = [];
  for (let d = monthEnd(period.from); d < period.to; d = monthEnd(addDays(d, 1))) out.push(d);
  out.push(period.to);
  return out;
}

/** 6月6日 */
export function cnDay(day: string): string {
  return `${+day.slice(5, 7)}月${+day.slice(8, 10)}日`;
}

/** 分 → "1,234.50 元" or, from 1 万元 up, "12.35 万元" (rounded half up on the digits, not on a float). */
export function cnMoney(fen: number | bigint): string {
  let f = BigInt(fen);
  const neg = f < 0n;
  if (neg) f = -f;
  const group = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let s: string;
  if (f >= 1_000_000n) {
    const wan = (f + 5000n) / 10_000n; // 万元 × 100 (1 万元 = 10^6 分), half up
    s = `${group(wan / 100n)}.${String(wan % 100n).padStart(2, '0')} 万元`;
  } else {
    s = `${group(f / 100n)}.${String(f % 100n).padStart(2, '0')} 元`;
  }
  return neg ? `-${s}` : s;
}

/** 0.625 → "62.5%" (one decimal, for sentences only; the figures themselves stay unrounded). */
export function cnPct(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

/** The integer 分 of a parameter given in 元 (at most 2 decimals, validated by the settings). */
export function fenOf(yuan: number): number {
  return Math.round(yuan * 100);
}
