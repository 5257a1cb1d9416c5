// Numbers and dates in Chinese banking conventions. Amounts arrive from the API in 元 with two
// decimals; they are turned into integer 分 first (shared/money.ts) so that scaling to 万元 and
// rounding never inherit a binary-fraction error (0.615 万元 must show 0.62, not 0.61).
import { DATASET_BY_ID, type DatasetId } from '../shared/datasets.js';
import { divRound, yuanToFen } from '../shared/money.js';

export { yuanToFen };

const group = (n: bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** An integer amount of hundredths shown with two decimals and thousands grouping. */
function hundredths(h: bigint): string {
  const neg = h < 0n;
  const abs = neg ? -h : h;
  const s = `${group(abs / 100n)}.${(abs % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** 12345678.9 元 → "1,234.57" (万元, 2 decimals). */
export function wan(yuan: number | null | undefined): string {
  if (yuan == null || !Number.isFinite(yuan)) return '—';
  return hundredths(divRound(yuanToFen(yuan), 10_000n));
}

/** 1234.5 元 → "1,234.50" (元). */
export function yuan(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return hundredths(yuanToFen(v));
}

/** A count with thousands grouping: 12345 → "12,345". */
export function count(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '—';
  return group(BigInt(Math.round(n)));
}

/** A ratio (0.01234) as a percentage with 2 decimals: "1.23%". */
export function percent(r: number | null | undefined, digits = 2): string {
  if (r == null || !Number.isFinite(r)) return '—';
  return `${(r * 100).toFixed(digits)}%`;
}

export type Severity = 'ok' | 'warn' | 'danger' | 'none';

/** Green inside 2/3 of the threshold, amber up to it, red beyond it. The threshold is a setting
 *  the core holds (GET /api/settings/indicators); the renderer has none of its own. */
export function deviationSeverity(r: number | null | undefined, threshold: number): Severity {
  if (r == null || !Number.isFinite(r)) return 'none';
  const a = Math.abs(r);
  if (a > threshold) return 'danger';
  if (a > (threshold * 2) / 3) return 'warn';
  return 'ok';
}

/** "2024-07-31" → "2024年7月31日" (zh) or unchanged (en). */
export function date(d: string | null | undefined, locale: string = 'zh-CN'): string {
  if (!d) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m || !locale.startsWith('zh')) return d;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** A date range, collapsed when both ends are the same day; the year is not repeated. */
export function dateRange(a: string | null | undefined, b: string | null | undefined): string {
  if (!a && !b) return '—';
  if (!a || !b || a === b) return (a ?? b) as string;
  return a.slice(0, 5) === b.slice(0, 5) ? `${a} ~ ${b.slice(5)}` : `${a} ~ ${b}`;
}

/** A dataset's name in the page language; the server names it in Chinese. */
export function datasetLabel(id: string | null | undefined, zhName: string | null | undefined, locale: string): string {
  const def = id ? DATASET_BY_ID[id as DatasetId] : undefined;
  if (!def) return zhName ?? id ?? '—';
  return locale.startsWith('zh') ? def.zh : def.en;
}

/** Bytes in the units people read on screen. */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Integer 分 (as the importer types money in a preview) → 元 text: 123456 → "1,234.56". */
export function fen(v: number | string | null | undefined): string {
  if (v == null || v === '') return '—';
  const s = String(v);
  if (!/^-?\d+$/.test(s)) return s; // not an amount: show what came
  return hundredths(BigInt(s));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO timestamp (UTC "…Z" or local "YYYY-MM-DD HH:MM:SS") → local "YYYY-MM-DD HH:MM". */
export function dateTime(s: string | null | undefined): string {
  if (!s) return '—';
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(s)) return s.replace('T', ' ').slice(0, 16); // already local wall time
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// ---- money in 元 / 万元 / 亿元 (the dashboards): one scale per figure or per chart ----

/** The unit money is shown in; 'auto' picks by size (亿元 from 1 亿, 万元 from 1 万, else 元). */
export type MoneyUnit = 'auto' | 'yuan' | 'wan' | 'yi';
export const MONEY_UNITS: readonly MoneyUnit[] = ['auto', 'yuan', 'wan', 'yi'];
export type FixedMoneyUnit = Exclude<MoneyUnit, 'auto'>;

/** 分 per hundredth of the unit: the display keeps two decimals of whatever unit it shows. */
const FEN_PER_HUNDREDTH: Record<FixedMoneyUnit, bigint> = { yuan: 1n, wan: 10_000n, yi: 100_000_000n };
const FEN_PER_UNIT: Record<FixedMoneyUnit, number> = { yuan: 100, wan: 1_000_000, yi: 10_000_000_000 };

/** The unit `auto` means for amounts up to this size (decided on integer 分, not on a float). */
export function autoMoneyUnit(maxAbsYuan: number | null | undefined): FixedMoneyUnit {
  if (maxAbsYuan == null || !Number.isFinite(maxAbsYuan)) return 'yuan';
  const f = yuanToFen(Math.abs(maxAbsYuan));
  if (f >= 10_000_000_000n) return 'yi';
  if (f >= 1_000_000n) return 'wan';
  return 'yuan';
}

/** A chosen unit, or for 'auto' the one the largest of `values` calls for. */
export function resolveMoneyUnit(unit: MoneyUnit, values: readonly (number | null | undefined)[]): FixedMoneyUnit {
  if (unit !== 'auto') return unit;
  let max = 0;
  for (const v of values) if (v != null && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return autoMoneyUnit(max);
}

/** 元 → text in the unit, two decimals, grouped, rounded half away from zero on integer 分. */
export function money(v: number | null | undefined, unit: FixedMoneyUnit): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return hundredths(divRound(yuanToFen(v), FEN_PER_HUNDREDTH[unit]));
}

/** 元 → a plain number in the unit, for chart geometry only (its text goes through `money`). */
export function moneyScaled(v: number | null | undefined, unit: FixedMoneyUnit): number | null {
  if (v == null || !Number.isFinite(v)) return null;
  return Number(yuanToFen(v)) / FEN_PER_UNIT[unit];
}

/** An axis tick (already in the unit) without float noise: 1234.5000001 → "1,234.5". */
export function axisTick(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

/** An average (户均持有项数) with two decimals. */
export function avg(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return v.toFixed(2);
}

/** A change with its sign: +1,234.50 / -0.12 (zero without a sign). */
export function signed(text: string, v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v) || text === '—') return text;
  return v > 0 ? `+${text}` : text;
}

/**
 * The difference of two ratios in percentage points, with its sign: 0.0123 → "+1.23"; the
 * caller adds the unit word (个百分点 / pp).
 */
export function points(d: number | null | undefined, digits = 2): string {
  if (d == null || !Number.isFinite(d)) return '—';
  const s = (d * 100).toFixed(digits);
  const zero = Number(s) === 0;
  return zero ? (0).toFixed(digits) : d > 0 ? `+${s}` : s;
}
