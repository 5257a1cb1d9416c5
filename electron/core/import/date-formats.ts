// Reading dates and timestamps from export cells: the forms DATA.md accepts by default, and the
// exact formats a mapping profile may declare per column. A date without separators is never
// guessed: by default only exactly YYYYMMDD (or YYYYMMDDHHMMSS) is read, so `190922` is refused
// rather than read as 1909-02-02; a profile that knows its file says `YYMMDD`.
import { dayProblem, formatDay } from '../../../shared/dates.js';
import { ValueError as DateError } from './value-error.js';

import { DATE_FORMATS } from '../../../shared/profile-fields.js';

export { DATE_FORMATS };
export type DateFormat = (typeof DATE_FORMATS)[number] | `${(typeof DATE_FORMATS)[number]} HH:mm:ss`;

export function isDateFormat(s: string): s is DateFormat {
  const base = s.endsWith(' HH:mm:ss') ? s.slice(0, -' HH:mm:ss'.length) : s;
  return (DATE_FORMATS as readonly string[]).includes(base);
}

const PROBLEM_TEXT = { year: '年份超出范围（1900–2199）', month: '月份不存在', day: '日期不存在' } as const;

export function makeDay(y: number, m: number, d: number): string | DateError {
  const p = dayProblem(y, m, d);
  return p ? new DateError(PROBLEM_TEXT[p]) : formatDay(y, m, d);
}

function makeTime(h: string | undefined, mi: string | undefined, s: string | undefined): string | DateError {
  const hh = h === undefined ? 0 : +h;
  const mm = mi === undefined ? 0 : +mi;
  const ss = s === undefined ? 0 : +s;
  if (hh > 23 || mm > 59 || ss > 59) return new DateError('时间不存在');
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

// --- the default forms -------------------------------------------------------------------------

const DEFAULT_DATE_FORMS = '2024-07-31、2024/7/31、2024.7.31、20240731 或 2024年7月31日';
const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?`;
/** One separator, the same twice (2024-07/31 is refused). */
const SEPARATED = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const CHINESE = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日${TIME}$`);
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const COMPACT_DATETIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const COMPACT_DATE_TIME = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`);

interface Parts {
  y: string;
  m: string;
  d: string;
  h?: string;
  mi?: string;
  s?: string;
}

function defaultParts(s: string): Parts | null {
  let m = SEPARATED.exec(s);
  if (m) return { y: m[1], m: m[3], d: m[4], h: m[5], mi: m[6], s: m[7] };
  m = CHINESE.exec(s) ?? COMPACT_DATE_TIME.exec(s);
  if (m) return { y: m[1], m: m[2], d: m[3], h: m[4], mi: m[5], s: m[6] };
  m = COMPACT_DATETIME.exec(s) ?? COMPACT_DATE.exec(s);
  if (m) return { y: m[1], m: m[2], d: m[3], h: m[4], mi: m[5], s: m[6] };
  return null;
}

function explainUnreadable(s: string, what: '日期' | '时间'): DateError {
  const digits = /^\d+$/.test(s);
  const hint =
    digits && s.length !== 8 && s.length !== 14
      ? `；无分隔符的日期只接受 8 位 YYYYMMDD（${s.length} 位的值不作猜测，可在映射方案的 dateFormats 中声明格式，如 YYMMDD）`
      : '';
  return what === '日期'
    ? new DateError(`无法识别的日期（应为 ${DEFAULT_DATE_FORMS}）${hint}`)
    : new DateError(`无法识别的时间（应为 2024-07-31 14:03:00、20240731140300，或上述日期格式）${hint}`);
}

/** A date cell in the default forms; a timestamp in a date column keeps its day. */
export function parseDate(s: string): string | DateError {
  const p = defaultParts(s);
  if (!p) return explainUnreadable(s, '日期');
  if (p.h !== undefined) {
    const t = makeTime(p.h, p.mi, p.s);
    if (t instanceof DateError) return t;
  }
  return makeDay(+p.y, +p.m, +p.d);
}

export function parseDatetime(s: string): string | DateError {
  const p = defaultParts(s);
  if (!p) return explainUnreadable(s, '时间');
  const day = makeDay(+p.y, +p.m, +p.d);
  if (day instanceof DateError) return day;
  const t = makeTime(p.h, p.mi, p.s);
  return t instanceof DateError ? t : `${day} ${t}`;
}

// --- declared formats --------------------------------------------------------------------------

const FORMAT_PATTERNS: Record<(typeof DATE_FORMATS)[number], { re: string; order: ('y' | 'yy' | 'm' | 'd')[] }> = {
  YYYYMMDD: { re: String.raw`(\d{4})(\d{2})(\d{2})`, order: ['y', 'm', 'd'] },
  YYMMDD: { re: String.raw`(\d{2})(\d{2})(\d{2})`, order: ['yy', 'm', 'd'] },
  'YYYY-MM-DD': { re: String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`, order: ['y', 'm', 'd'] },
  'DD.MM.YYYY': { re: String.raw`(\d{1,2})\.(\d{1,2})\.(\d{4})`, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { re: String.raw`(\d{1,2})/(\d{1,2})/(\d{4})`, order: ['m', 'd', 'y'] },
  'DD/MM/YYYY': { re: String.raw`(\d{1,2})/(\d{1,2})/(\d{4})`, order: ['d', 'm', 'y'] },
};

/** Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999. */
export function expandTwoDigitYear(yy: number): number {
  return yy < 50 ? 2000 + yy : 1900 + yy;
}

/**
 * A reader for exactly one declared format. `withTime` says whether the column stores a
 * timestamp: a format without ` HH:mm:ss` then gives midnight.
 */
export function declaredFormatReader(format: DateFormat, withTime: boolean): (s: string) => string | DateError {
  const timed = format.endsWith(' HH:mm:ss');
  const base = (timed ? format.slice(0, -' HH:mm:ss'.length) : format) as (typeof DATE_FORMATS)[number];
  const { re, order } = FORMAT_PATTERNS[base];
  const full = new RegExp(`^${re}${timed ? String.raw` (\d{1,2}):(\d{2}):(\d{2})` : ''}$`);
  return (s) => {
    const m = full.exec(s);
    if (!m) return new DateError(`与映射方案声明的日期格式 ${format} 不符`);
    let y = 0;
    let mo = 0;
    let d = 0;
    order.forEach((part, i) => {
      const v = +m[i + 1];
      if (part === 'y') y = v;
      else if (part === 'yy') y = expandTwoDigitYear(v);
      else if (part === 'm') mo = v;
      else d = v;
    });
    const day = makeDay(y, mo, d);
    if (day instanceof DateError) return day;
    const t = timed ? makeTime(m[4], m[5], m[6]) : '00:00:00';
    if (t instanceof DateError) return t;
    return withTime ? `${day} ${t}` : day;
  };
}
