// Calendar-day arithmetic on 'YYYY-MM-DD' strings. Dates in the cache are plain calendar days
// (no time zone), so they are handled as UTC midnights where no DST or offset can shift a day.

const DAY_MS = 86_400_000;

function toMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Throws unless `date` is an existing calendar day written YYYY-MM-DD (2024-02-30 is refused). */
export function assertDate(date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || fromMs(toMs(date)) !== date) {
    throw new RangeError(`日期无效，应为 YYYY-MM-DD: ${date} (invalid date)`);
  }
}

export function monthStart(date: string): string {
  return date.slice(0, 8) + '01';
}

export function addDays(date: string, n: number): string {
  return fromMs(toMs(date) + n * DAY_MS);
}

/** Days from `a` to `b` (b − a); 0 when equal. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}
