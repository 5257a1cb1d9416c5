// Reading one cell of an export: amounts, dates, timestamps, enumerations, flags, in the forms
// DATA.md lists. Each reader returns the stored value or a ValueError whose message is the
// reason shown to the user (the caller adds file, row and column).
import type { ColumnDef, EnumValue } from '../../../shared/datasets.js';

export class ValueError {
  constructor(public readonly reason: string) {}
}

export type Cell = string | number | null;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A date that does not exist is an error, never rolled over to another day. */
export function makeDate(y: number, m: number, d: number): string | ValueError {
  if (y < 1900 || y > 2199) return new ValueError('年份超出范围');
  if (m < 1 || m > 12) return new ValueError('月份不存在');
  const dim = m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1];
  if (d < 1 || d > dim) return new ValueError('日期不存在');
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE_SEP = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function parseDate(s: string): string | ValueError {
  const m = DATE_SEP.exec(s) ?? DATE_COMPACT.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
  if (!m) {
    // a timestamp in a date column keeps its day
    const t = DATETIME.exec(s);
    if (t) return makeDate(+t[1], +t[2], +t[3]);
    return new ValueError('无法识别的日期（应为 2024-07-31、20240731 或 2024/7/31）');
  }
  return makeDate(+m[1], +m[2], +m[3]);
}

const DATETIME = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[ T]+(\d{1,2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?)?$/;

const DATETIME_COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

export function parseDatetime(s: string): string | ValueError {
  const m = DATETIME_COMPACT.exec(s) ?? DATETIME.exec(s);
  if (!m) return new ValueError('无法识别的时间（应为 2024-07-31 14:03:00）');
  const day = makeDate(+m[1], +m[2], +m[3]);
  if (day instanceof ValueError) return day;
  const hh = m[4] === undefined ? 0 : +m[4];
  const mi = m[5] === undefined ? 0 : +m[5];
  const ss = m[6] === undefined ? 0 : +m[6];
  if (hh > 23 || mi > 59 || ss > 59) return new ValueError('时间不存在');
  return `${day} ${String(hh).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

const MONEY = /^([+-])?(\d+)(?:\.(\d+))?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * An amount in 元 (or 万元) as integer 分, computed on the digits so no float ever rounds it.
 * Thousands separators are accepted only where they group thousands, so "1,2" is an error
 * rather than silently 12.
 */
export function parseMoney(s: string, unit: '元' | '万元' = '元'): number | ValueError {
  let t = s.replace(/^[¥￥]/, '').replace(/元$/, '');
  if (t.includes(',')) {
    if (!GROUPED.test(t)) return new ValueError('金额的千分位格式不正确');
    t = t.replace(/,/g, '');
  }
  const m = MONEY.exec(t);
  if (!m) return new ValueError('无法识别的金额');
  const scale = unit === '万元' ? 6 : 2; // decimal places that make whole 分
  const frac = (m[3] ?? '').padEnd(scale + 1, '0');
  const whole = BigInt(m[2] + frac.slice(0, scale));
  const roundUp = frac.charCodeAt(scale) >= 53; // '5': round half up on the first dropped digit
  let fen = whole + (roundUp ? 1n : 0n);
  if (m[1] === '-') fen = -fen;
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) {
    return new ValueError('金额超出范围');
  }
  return Number(fen);
}

export function parseInteger(s: string): number | ValueError {
  const t = s.replace(/,/g, '');
  if (!/^[+-]?\d+$/.test(t)) return new ValueError('应为整数');
  const n = Number(t);
  if (!Number.isSafeInteger(n)) return new ValueError('整数超出范围');
  return n;
}

export function parseDecimal(s: string): number | ValueError {
  const t = s.replace(/,/g, '').replace(/%$/, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return new ValueError('应为数字');
  return Number(t);
}

const TRUE = new Set(['是', 'y', 'yes', 'true', '1', 't']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', 'f']);

export function parseBool(s: string): number | ValueError {
  const t = s.toLowerCase();
  if (TRUE.has(t)) return 1;
  if (FALSE.has(t)) return 0;
  return new ValueError('应为 是 或 否');
}

/** Enumerations accept the Chinese label, the code in brackets, or "label[code]". */
export function enumReader(values: EnumValue[]): (s: string) => string | ValueError {
  const map = new Map<string, string>();
  for (const v of values) {
    map.set(v.label, v.label);
    if (v.code) {
      map.set(v.code, v.label);
      map.set(`${v.label}[${v.code}]`, v.label);
      map.set(`${v.label}(${v.code})`, v.label);
    }
  }
  const allowed = values.map((v) => (v.code ? `${v.label}[${v.code}]` : v.label)).join('/');
  return (s) => map.get(s) ?? new ValueError(`不在取值范围内（${allowed}）`);
}

/** The reader for a column, compiled once per file. */
export function cellReader(col: ColumnDef, moneyUnit: '元' | '万元' = '元'): (s: string) => Cell | ValueError {
  switch (col.type) {
    case 'text':
      return (s) => s;
    case 'list':
      return (s) =>
        s
          .split(/[;；,，、]/)
          .map((x) => x.trim())
          .filter(Boolean)
          .join(';');
    case 'money':
      return (s) => parseMoney(s, moneyUnit);
    case 'int':
      return parseInteger;
    case 'decimal':
      return parseDecimal;
    case 'date':
      return parseDate;
    case 'datetime':
      return parseDatetime;
    case 'bool':
      return parseBool;
    case 'enum':
      return enumReader(col.values ?? []);
  }
}

/** GB 11643: the 18th character of a 身份证 号码 is a checksum of the first 17. */
export function idCheckDigitOk(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * weights[i];
  return '10X98765432'[sum % 11] === id[17].toUpperCase();
}
