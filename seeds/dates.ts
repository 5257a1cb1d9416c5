// Calendar arithmetic on 'YYYY-MM-DD' strings through UTC, so no local time zone or clock leaks in.

const DAY = 86_400_000;

export function toMs(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
}

export function fromMs(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

export function addDays(date: string, n: number): string {
  return fromMs(toMs(date) + n * DAY);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY);
}

/** last day of the month `delta` months away from the month of `date` */
export function monthEnd(date: string, delta = 0): string {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7) - 1 + delta;
  return fromMs(Date.UTC(y, m + 1, 0));
}

export function monthStart(date: string): string {
  return date.slice(0, 8) + '01';
}

export function compact(date: string): string {
  return date.replace(/-/g, '');
}

export function isValidDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && fromMs(toMs(date)) === date;
}

/** every calendar day from `from` to `to` inclusive */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = toMs(from); ms <= toMs(to); ms += DAY) out.push(fromMs(ms));
  return out;
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** 'YYYY-MM-DD HH:MM:SS' for a second of the given day */
export function timestamp(date: string, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  return `${date} ${pad2(h)}:${pad2(m)}:${pad2(secondOfDay % 60)}`;
}
