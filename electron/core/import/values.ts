// Reading one cell of an export: amounts, dates, timestamps, enumerations, flags, in the forms
// DATA.md lists. Each reader returns the stored value or a ValueError whose message is the
// reason shown to the user (the caller adds file, row and column).
import type { ColumnDef, EnumValue } from '../../../shared/datasets.js';
import { declaredFormatReader, parseDate, parseDatetime, type DateFormat } from './date-formats.js';
import { ValueError } from './value-error.js';

export { ValueError } from './value-error.js';
export { parseDate, parseDatetime } from './date-formats.js';

export type Cell = string | number | null;

const MONEY = /^([+-])?(\d+)(?:\.(\d+))?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

export type MoneyUnit = '元' | '万元' | '千元' | '分';

/** Decimal places of an amount in the unit that make whole 分 (1 万元 = 1,000,000 分). */
const FEN_PLACES: Record<MoneyUnit, number> = { 元: 2, 千元: 5, 万元: 6, 分: 0 };

/**
 * An amount (元 by default, or the profile's unit) as integer 分, computed on the digits so no
 * float ever rounds it. Thousands separators are accepted only where they group thousands, so
 * "1,2" is an error rather than silently 12. An amount finer than 分 (1.239 元) is refused, not
 * rounded: a balance cannot hold a fraction of a 分, so such a value means a misread column.
 */
export function parseMoney(s: string, unit: MoneyUnit = '元'): number | ValueError {
  let t = s.replace(/^[¥￥]/, '').replace(/元$/, '');
  if (t.includes(',')) {
    if (!GROUPED.test(t)) return new ValueError('金额的千分位格式不正确');
    t = t.replace(/,/g, '');
  }
  const m = MONEY.exec(t);
  if (!m) return new ValueError('无法识别的金额');
  const places = FEN_PLACES[unit];
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > places) {
    return new ValueError(`金额精确到分以下（单位 ${unit} 时最多 ${places} 位小数），不做四舍五入：请核对该列的单位或取值`);
  }
  let fen = BigInt(m[2] + frac.padEnd(places, '0'));
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

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A plain decimal. A trailing `%` divides by 100 (a target of `95%` is 0.95, exactly as `0.95`),
 * except in a column whose values are percentages already (执行利率(%)), where `4.35%` is 4.35.
 * The division moves the decimal point in the text, so no binary rounding creeps in.
 */
export function parseDecimal(s: string, percentColumn = false): number | ValueError {
  let t = s.replace(/,/g, '');
  const percent = t.endsWith('%');
  if (percent) t = t.slice(0, -1).trim();
  if (!DECIMAL.test(t)) return new ValueError('应为数字');
  if (!percent || percentColumn) return Number(t);
  return Number(`${t}e-2`);
}

/** WGS-84 coordinates: beyond the globe is unreadable. */
function coordinateReader(axis: 'lng' | 'lat'): (s: string) => number | ValueError {
  const limit = axis === 'lng' ? 180 : 90;
  return (s) => {
    const v = parseDecimal(s);
    if (v instanceof ValueError) return v;
    if (Math.abs(v) > limit) return new ValueError(`${axis === 'lng' ? '经度' : '纬度'}超出 ±${limit} 度`);
    return v;
  };
}

/** China's bounding box (with a margin): a coordinate outside it is kept, with a warning. */
const CHINA_BOX = { lng: [73, 136], lat: [3, 54] } as const;

export function coordinateWarning(axis: 'lng' | 'lat', v: number): string | null {
  const [lo, hi] = CHINA_BOX[axis];
  if (v >= lo && v <= hi) return null;
  return `${axis === 'lng' ? '经度' : '纬度'} ${v} 不在中国境内（${lo}–${hi}），请核对是否经纬度颠倒或坐标系有误`;
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

export interface ReaderOptions {
  moneyUnit?: MoneyUnit;
  /** a format declared by the profile for this column (date and datetime columns) */
  dateFormat?: DateFormat;
}

/** The reader for a column, compiled once per file. */
export function cellReader(col: ColumnDef, opts: ReaderOptions = {}): (s: string) => Cell | ValueError {
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
    case 'money': {
      const unit = opts.moneyUnit ?? '元';
      return (s) => parseMoney(s, unit);
    }
    case 'int':
      return parseInteger;
    case 'decimal':
      if (col.coord) return coordinateReader(col.coord);
      return col.unit === 'percent' ? (s) => parseDecimal(s, true) : (s) => parseDecimal(s);
    case 'date':
      return opts.dateFormat ? declaredFormatReader(opts.dateFormat, false) : parseDate;
    case 'datetime':
      return opts.dateFormat ? declaredFormatReader(opts.dateFormat, true) : parseDatetime;
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
