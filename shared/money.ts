// Money on the way out: the core keeps integer 分; these turn it into 元 and into display text.
// Shared by the renderer and the core (reports, exports), so 元/万元/亿元 look the same everywhere.
// Parsing imported amounts is the importer's business, not this module's.

export type MoneyUnit = '元' | '万元' | '亿元';

const UNIT_FEN: Record<MoneyUnit, bigint> = { 元: 100n, 万元: 1_000_000n, 亿元: 10_000_000_000n };

/**
 * 分 → 元. Dividing an exact integer by 100 gives the double nearest the 2-decimal value, which
 * prints as that value while it has at most 15 significant digits (|fen| < 10^15, i.e. below
 * 10 万亿元: far above any branch or bank total).
 */
export function fenToYuan(fen: number | bigint): number {
  if (typeof fen === 'number' && !Number.isInteger(fen)) throw new RangeError(`分 must be an integer: ${fen}`);
  return Number(fen) / 100;
}

/** 元 (at most 2 meaningful decimals) → 分 as bigint, for exact rescaling. */
export function yuanToFen(yuan: number): bigint {
  return BigInt(Math.round(yuan * 100));
}

/** n / d rounded half away from zero (四舍五入), d ≠ 0, exact on bigints. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** '1234567' → '1,234,567' (grouping by thousands, the convention of Chinese financial reports). */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A scaled integer (value × 10^decimals) as grouped text with `decimals` decimals. */
function scaledToText(scaled: bigint, decimals: number): string {
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const int = s.slice(0, s.length - decimals);
  const frac = decimals > 0 ? '.' + s.slice(s.length - decimals) : '';
  return (neg ? '-' : '') + group(int) + frac;
}

export interface FormatOptions {
  /** decimals shown in the unit (default 2) */
  decimals?: number;
  /** append the unit, e.g. '1,234.57万元' (default true) */
  suffix?: boolean;
  /** text for a missing value (default '—') */
  empty?: string;
}

/**
 * 元 as display text in 元, 万元 or 亿元: thousands grouping, rounded half away from zero.
 * Rescaling is done on integer 分, so 12,345 元 shows as 1.24万元 rather than a float's 1.23.
 */
export function formatYuan(yuan: number | null | undefined, unit: MoneyUnit = '元', opts: FormatOptions = {}): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return opts.empty ?? '—';
  const decimals = opts.decimals ?? 2;
  const scaled = divRound(yuanToFen(yuan) * 10n ** BigInt(decimals), UNIT_FEN[unit]);
  return scaledToText(scaled, decimals) + (opts.suffix === false ? '' : unit);
}

/** 分 as display text: formatFen(123456, '元') → '1,234.56元'. */
export function formatFen(fen: number | bigint | null | undefined, unit: MoneyUnit = '元', opts: FormatOptions = {}): string {
  if (fen === null || fen === undefined) return opts.empty ?? '—';
  const decimals = opts.decimals ?? 2;
  const scaled = divRound(BigInt(fen) * 10n ** BigInt(decimals), UNIT_FEN[unit]);
  return scaledToText(scaled, decimals) + (opts.suffix === false ? '' : unit);
}

/** A fraction as a percentage: 0.0325 → '3.25%'; null (no denominator) → '—'. */
export function formatPercent(fraction: number | null | undefined, decimals = 2, empty = '—'): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return empty;
  // fractions arrive with 4 decimals; scale through an integer so 0.00125 does not print as 0.12%
  const scaled = divRound(BigInt(Math.round(fraction * 1e8)) * 10n ** BigInt(decimals), 1_000_000n);
  return scaledToText(scaled, decimals) + '%';
}
