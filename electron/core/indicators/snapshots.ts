// Which snapshot dates a table holds, found by index seeks (one per date) rather than a DISTINCT
// over millions of rows: a bank with a daily deposit snapshot holds 365 dates a year of 400k rows each.
import type { Db } from '../db/connection.js';
import { addDays, daysBetween } from '../../../shared/dates.js';

export function snapshotDates(db: Db, table: 'deposit' | 'loan', from: string, to: string): string[] {
  const first = db.prepare(`SELECT MIN(data_date) FROM ${table} WHERE data_date >= ?`).pluck();
  const next = db.prepare(`SELECT MIN(data_date) FROM ${table} WHERE data_date > ?`).pluck();
  const out: string[] = [];
  let d = first.get(from) as string | null;
  while (d !== null && d <= to) {
    out.push(d);
    d = next.get(d) as string | null;
  }
  return out;
}

/** The snapshot that stands for each day of [periodStart, date]: the latest ≤ periodStart carried in,
 *  then each later one, with the number of days it stands for (DATA.md: a snapshot stands for every day
 *  until the next; days before the first snapshot weigh nothing but still count in the divisor). */
export function dayWeights(snaps: readonly string[], periodStart: string, date: string): { snap: string; days: number }[] {
  const carried = [...snaps].reverse().find((s) => s <= periodStart);
  const inside = snaps.filter((s) => s > periodStart && s <= date);
  const list = carried ? [carried, ...inside] : inside;
  return list.map((s, i) => {
    const from = s < periodStart ? periodStart : s;
    const to = i + 1 < list.length ? addDays(list[i + 1], -1) : date;
    return { snap: s, days: daysBetween(from, to) + 1 };
  });
}
