// Calendar days as 'YYYY-MM-DD' strings, and the bank's local time (Asia/Shanghai, no DST).
// The one date module of the console: the importer, the metrics, the API and the renderer all
// read and validate days here, so "a day that exists" means the same thing everywhere.
//
// Days are plain calendar days (no time zone), handled as UTC midnights where no offset can
// shift them; only "now" needs the bank's zone.

const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** China has kept UTC+8 all year since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1];
}

export type DayProblem = 'year' | 'month' | 'day';

/** Why y-m-d is not a day (years 1900–2199 only), or null when it is one. Never rolls over. */
export function dayProblem(y: number, m: number, d: number): DayProblem | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2199) return 'year';
  if (!Number.isInteger(m) || m < 1 || m > 12) return 'month';
  if (!Number.isInteger(d) || d < 1 || d > daysInMonth(y, m)) return 'day';
  return null;
}

export function formatDay(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True when `s` is an existing calendar day written exactly YYYY-MM-DD (2024-02-30 is not). */
export function isDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return dayProblem(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10)) === null;
}

/** Throws a RangeError naming the value unless it is an existing day written YYYY-MM-DD. */
export function assertDay(s: string, what = '日期'): void {
  if (!isDay(s)) throw new RangeError(`${what}无效，应为 YYYY-MM-DD 且确有其日：${s} (invalid date)`);
}

function toMs(day: string): number {
  return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromMs(toMs(day) + n * DAY_MS);
}

/** Days from `a` to `b` (b − a); 0 when equal. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

export function monthStart(day: string): string {
  return day.slice(0, 8) + '01';
}

export function monthEnd(day: string): string {
  return formatDay(+day.slice(0, 4), +day.slice(5, 7), daysInMonth(+day.slice(0, 4), +day.slice(5, 7)));
}

export function quarterStart(day: string): string {
  const m = +day.slice(5, 7);
  return formatDay(+day.slice(0, 4), m - ((m - 1) % 3), 1);
}

export function yearStart(day: string): string {
  return day.slice(0, 4) + '-01-01';
}

/** The wall-clock time in Asia/Shanghai as 'YYYY-MM-DD HH:mm:ss' (for exports, file names, logs). */
export function shanghaiDateTime(at: Date = new Date()): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Today's date in Asia/Shanghai. */
export function shanghaiToday(at: Date = new Date()): string {
  return shanghaiDateTime(at).slice(0, 10);
}

/** The last day of the month before the day's month. */
export function prevMonthEnd(day: string): string {
  return addDays(monthStart(day), -1);
}

/** The last day of the quarter before the day's quarter. */
export function prevQuarterEnd(day: string): string {
  return addDays(quarterStart(day), -1);
}

/** 12-31 of the year before: the 年初 base of a bank's 比年初 (its balance at the turn of the year). */
export function prevYearEnd(day: string): string {
  return `${+day.slice(0, 4) - 1}-12-31`;
}

/** The same day a year earlier (同期); 29 February falls back to the 28th. */
export function yearAgo(day: string): string {
  const y = +day.slice(0, 4) - 1;
  const m = +day.slice(5, 7);
  return formatDay(y, m, Math.min(+day.slice(8, 10), daysInMonth(y, m)));
}

/** The comparison base of a kind (shared/indicators.ts BASE_KINDS) for a data date; null for 'custom'. */
export function baseDateOf(kind: string, day: string): string | null {
  switch (kind) {
    case 'prev_day':
      return addDays(day, -1);
    case 'prev_month_end':
      return prevMonthEnd(day);
    case 'prev_quarter_end':
      return prevQuarterEnd(day);
    case 'year_start':
      return prevYearEnd(day);
    case 'year_ago':
      return yearAgo(day);
    default:
      return null;
  }
}
