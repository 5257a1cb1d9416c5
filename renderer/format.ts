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
