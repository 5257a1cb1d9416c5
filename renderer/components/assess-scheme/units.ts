// Target cells as the grid edits them and as the core stores them (electron/core/assess/targets.ts):
// money in 元 (entered in 万元), ratios as fractions (entered in %), counts as counts. The text is
// shifted by its decimal digits rather than multiplied as a float, so 123.4567 万元 is exactly
// 1234567 元 and 1.1 % exactly 0.011. No DOM: unit-tested in Node.
import { TARGET_INDICATORS, type TargetIndicatorId } from '../../../shared/assessment.js';

export type CellUnit = 'wan' | 'percent' | 'count';

const UNIT = new Map(TARGET_INDICATORS.map((t) => [t.id as string, t.unit]));

export function cellUnit(id: TargetIndicatorId): CellUnit {
  const u = UNIT.get(id);
  return u === 'yuan' ? 'wan' : u === 'ratio' ? 'percent' : 'count';
}

/** decimals each unit admits: 万元 to the 分 (6), % to 4 (a fraction to 6), counts whole */
const DECIMALS: Record<CellUnit, number> = { wan: 6, percent: 4, count: 0 };
/** the power of ten from the entered unit to the stored one: 万元 → 元 ×10^4, % → fraction ×10^-2 */
const SHIFT: Record<CellUnit, number> = { wan: 4, percent: -2, count: 0 };

export type Parsed = { ok: true; value: number | null } | { ok: false; reason: 'number' | 'decimals' | 'negative' };

/** The stored value of an entered text; an empty text clears the target (null). */
export function parseCell(text: string, unit: CellUnit): Parsed {
  const s = text.trim().replace(/,/g, '');
  if (s === '') return { ok: true, value: null };
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, reason: 'number' };
  if (m[1]) return { ok: false, reason: 'negative' };
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > DECIMALS[unit]) return { ok: false, reason: 'decimals' };
  // digits as one integer and a power of ten: value = digits × 10^(shift − decimals)
  const digits = BigInt(m[2] + frac);
  const exp = SHIFT[unit] - frac.length;
  const value = exp >= 0 ? Number(digits * 10n ** BigInt(exp)) : Number(digits) / 10 ** -exp;
  return { ok: true, value };
}

/** The text of a stored value in the entered unit, without trailing zeros ('' for no target). */
export function cellText(value: number | null | undefined, unit: CellUnit): string {
  if (value == null || !Number.isFinite(value)) return '';
  if (unit === 'count') return String(value);
  if (unit === 'wan') {
    // 元 → 分 (an integer) → 万元 with 6 decimals, exact on bigints
    const fen = BigInt(Math.round(value * 100));
    const neg = fen < 0n;
    const a = neg ? -fen : fen;
    const int = a / 1_000_000n;
    const frac = (a % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
    return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
  }
  // a fraction × 100 in floats shows noise (0.07 × 100 = 7.000000000000001): 12 significant digits
  return String(Number((value * 100).toPrecision(12)));
}
