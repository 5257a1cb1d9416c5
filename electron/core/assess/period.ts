// Assessment periods (DATA.md "Assessment"): a month '2024-07', a quarter '2024Q3' or a year
// '2024', and the evaluation date: the period's last day, or the latest data date before it (进度).
import type { Db } from '../db/connection.js';
import type { PeriodKind } from '../../../shared/assessment.js';
import { dayProblem, daysInMonth, formatDay } from '../../../shared/dates.js';
import { UserInputError } from '../errors.js';
import { dataDays } from '../indicators/data-days.js';

export interface Period {
  /** canonical text: 2024-07, 2024Q3, 2024 */
  id: string;
  kind: PeriodKind;
  start: string;
  end: string;
  /** the months 'YYYY-MM' it covers, in order */
  months: string[];
}

const mm = (m: number) => String(m).padStart(2, '0');

/** Reads a period; anything else is a UserInputError naming the value and the three forms. */
export function parsePeriod(text: string): Period {
  const s = text.trim().toUpperCase();
  let y: number;
  let first: number;
  let last: number;
  let kind: PeriodKind;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) [y, first, last, kind] = [+m[1], +m[2], +m[2], 'month'];
  else if ((m = /^(\d{4})Q([1-4])$/.exec(s))) [y, first, last, kind] = [+m[1], +m[2] * 3 - 2, +m[2] * 3, 'quarter'];
  else if ((m = /^(\d{4})$/.exec(s))) [y, first, last, kind] = [+m[1], 1, 12, 'year'];
  else throw badPeriod(text);
  if (dayProblem(y, first, 1) !== null) throw badPeriod(text);
  const id = kind === 'month' ? `${y}-${mm(first)}` : kind === 'quarter' ? `${y}Q${last / 3}` : String(y);
  const months: string[] = [];
  for (let k = first; k <= last; k++) months.push(`${y}-${mm(k)}`);
  return { id, kind, start: formatDay(y, first, 1), end: formatDay(y, last, daysInMonth(y, last)), months };
}

function badPeriod(text: string): UserInputError {
  return new UserInputError(`考核期“${text.slice(0, 40)}”无效，应为月 2024-07、季 2024Q3 或年 2024 (a period is 2024-07, 2024Q3 or 2024)`, 'bad_period');
}

/** The previous period of the same kind (for the change of rank). */
export function previousPeriod(p: Period): Period {
  const y = +p.start.slice(0, 4);
  const m = +p.start.slice(5, 7);
  if (p.kind === 'year') return parsePeriod(String(y - 1));
  if (p.kind === 'quarter') return parsePeriod(m === 1 ? `${y - 1}Q4` : `${y}Q${(m - 1) / 3}`);
  return parsePeriod(m === 1 ? `${y - 1}-12` : `${y}-${mm(m - 1)}`);
}

/**
 * The evaluation date: the period's last day when data reaches it (a data day on or after it:
 * snapshots carry to the end), else the latest data date inside the period (a 进度 sheet). A period with no data day at all inside it cannot be assessed
 * (its figures would all be carried from before it): a UserInputError saying so.
 */
export function evaluationDate(db: Db, p: Period): { asOf: string; progress: boolean } {
  const days = dataDays(db);
  let latest: string | null = null;
  for (const d of days) {
    if (d.date === p.end || (d.date > p.end && latest !== null && latest >= p.start)) return { asOf: p.end, progress: false };
    if (d.date > p.end) break;
    latest = d.date;
  }
  if (latest === null || latest < p.start) {
    throw new UserInputError(`考核期 ${p.id}（${p.start} 至 ${p.end}）内没有任何数据日期，无法考核 (no data date inside the period)`, 'no_data_in_period');
  }
  return { asOf: latest, progress: true };
}
