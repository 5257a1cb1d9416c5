// How a reconciliation figure reads: money in 元 through the one formatting module, counts
// grouped, ratios as percentages moved on the digits of the decimal text (never through a float,
// so the official 0.0123 shows as exactly 1.23%).
import type { FigureValue, ReconcilableUnit } from '../../../shared/reconcile.js';
import { count, yuan } from '../../format.js';

/** "0.0123" → "1.23%", "-0.0001" → "-0.01%", "0.125" → "12.5%". */
export function decPercent(text: string): string {
  const neg = text.startsWith('-');
  const [int, frac = ''] = (neg ? text.slice(1) : text).split('.');
  const digits = int + frac.padEnd(2, '0');
  const whole = digits.slice(0, int.length + 2).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(int.length + 2);
  return `${neg ? '-' : ''}${whole}${rest ? `.${rest}` : ''}%`;
}

export function figureText(v: FigureValue | null, unit: ReconcilableUnit): string {
  if (v === null) return '—';
  if (unit === 'yuan') return yuan(v as number);
  if (unit === 'count') return count(v as number);
  if (unit === 'ratio') return decPercent(String(v));
  return String(v);
}

/** A difference with its sign (+0.01, −1, +0.01%); zero without one. */
export function diffText(v: FigureValue | null, unit: ReconcilableUnit): string {
  if (v === null) return '—';
  const zero = typeof v === 'number' ? v === 0 : /^-?0(\.0*)?$/.test(v);
  const text = figureText(v, unit);
  return zero || text.startsWith('-') ? text : `+${text}`;
}
