// The assessment period of the URL (?period=2024-07 | 2024Q3 | 2024) as the picker edits it: a
// kind, a year and a month or quarter. No DOM: unit-testable in Node.
import type { PeriodKind } from '../../../shared/assessment.js';

export interface PeriodParts {
  kind: PeriodKind;
  year: number;
  /** month 1–12 or quarter 1–4; unused for a year */
  part: number;
}

export function parsePeriodText(s: string | null | undefined): PeriodParts | null {
  if (!s) return null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s))) return { kind: 'month', year: +m[1], part: +m[2] };
  if ((m = /^(\d{4})Q([1-4])$/.exec(s))) return { kind: 'quarter', year: +m[1], part: +m[2] };
  if ((m = /^(\d{4})$/.exec(s))) return { kind: 'year', year: +m[1], part: 1 };
  return null;
}

export function periodText(p: PeriodParts): string {
  if (p.kind === 'month') return `${p.year}-${String(p.part).padStart(2, '0')}`;
  if (p.kind === 'quarter') return `${p.year}Q${p.part}`;
  return String(p.year);
}

/** The same moment in another kind: July → Q3 → the year, and back to the quarter's last month. */
export function switchKind(p: PeriodParts, kind: PeriodKind): PeriodParts {
  const month = p.kind === 'month' ? p.part : p.kind === 'quarter' ? p.part * 3 : 12;
  if (kind === 'month') return { kind, year: p.year, part: month };
  if (kind === 'quarter') return { kind, year: p.year, part: Math.ceil(month / 3) };
  return { kind, year: p.year, part: 1 };
}

/** The month of a data day as a period: the default of the page (the latest data day's month). */
export function monthOf(day: string): PeriodParts {
  return { kind: 'month', year: +day.slice(0, 4), part: +day.slice(5, 7) };
}
