// The visits layer's time slider as a window the reader can name: the whole range chosen, or, as
// the slider moves its end day through the range, that one day, the 7 days ending on it, or
// everything from the range's start up to it. The readout says the first and last day shown, so
// the map never shows an unstated span. Pure functions: the view keeps ?vwin and ?vday in the URL.
import { addDays, isDay } from '../../../shared/dates.js';

export const VISIT_WINDOWS = ['all', 'day', 'week', 'upto'] as const;
export type VisitWindow = (typeof VISIT_WINDOWS)[number];

/** days of a `week` window, its end day included */
export const WEEK_DAYS = 7;

export function visitWindowOf(v: string | null | undefined): VisitWindow {
  return (VISIT_WINDOWS as readonly string[]).includes(v ?? '') ? (v as VisitWindow) : 'all';
}

/** Every calendar day from `from` to `to`, both included (the slider's stops); [] when not a range. */
export function rangeDays(from: string | null, to: string | null): string[] {
  if (!from || !to || !isDay(from) || !isDay(to) || from > to) return [];
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The first and last day shown. `day` (the slider's end) outside the range, or absent, is the
 * range's last day; a window never reaches before the range's first day.
 */
export function visitSpan(kind: VisitWindow, from: string, to: string, day: string | null): { start: string; end: string } {
  if (kind === 'all') return { start: from, end: to };
  const end = day && isDay(day) && day >= from && day <= to ? day : to;
  if (kind === 'day') return { start: end, end };
  if (kind === 'upto') return { start: from, end };
  const start = addDays(end, -(WEEK_DAYS - 1));
  return { start: start < from ? from : start, end };
}
