// Decimal text for ratios and averages, handled on the digits (bigint), never as binary floats:
// an official 不良率 of 1.23% must stay exactly 0.0123, and its difference from the console's
// rounded figure must be exact too.

/** A decimal as an integer of units of 10^-scale: "0.0123" is {units: 123n, scale: 4}. */
export interface Dec {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * "0.0123", "-0.5", "12" as written; with `percent`, a trailing % moves the point two places
 * ("1.23%" is 0.0123, "5%" is 0.05). The decimals written are kept (0.0120 has four): they are
 * the precision the report published, which the comparison rounds the console's figure to.
 * Null when the text is not such a number.
 */
export function parseDec(text: string, percent: boolean): Dec | null {
  let t = text.trim();
  let pct = false;
  if (percent && t.endsWith('%')) {
    pct = true;
    t = t.slice(0, -1).trim();
  }
  const m = DECIMAL.exec(t);
  if (!m) return null;
  const int = m[2];
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return null;
  let units = BigInt((int || '0') + frac);
  if (m[1] === '-') units = -units;
  return { units, scale: frac.length + (pct ? 2 : 0) };
}

export function formatDec(d: Dec): string {
  const neg = d.units < 0n;
  const digits = (neg ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const body = d.scale === 0 ? digits : `${digits.slice(0, digits.length - d.scale)}.${digits.slice(digits.length - d.scale)}`;
  return neg && d.units !== 0n ? `-${body}` : body;
}

/**
 * A double rounded to `scale` decimals, half away from zero. toFixed rounds the double's exact
 * binary value; the double is the one nearest the exact fraction the core computed (metrics/
 * ratio.ts), so the two roundings differ only for a fraction within ~1e-17 of a rounding
 * boundary, far below any precision a report publishes.
 */
export function roundDouble(x: number, scale: number): Dec {
  const s = Math.abs(x).toFixed(Math.min(scale, 100));
  const d = parseDec(s, false)!;
  return { units: x < 0 ? -d.units : d.units, scale: d.scale };
}

export function subDec(a: Dec, b: Dec): Dec {
  if (a.scale !== b.scale) throw new RangeError('subDec: scales differ');
  return { units: a.units - b.units, scale: a.scale };
}
