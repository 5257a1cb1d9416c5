// The comparison base beside the data date: a kind of shared/indicators.ts BASE_KINDS (resolved
// by shared/dates.ts baseDateOf, the one date module) or a day written YYYY-MM-DD.
import { BASE_KINDS } from '../../../shared/indicators.js';
import { baseDateOf, isDay } from '../../../shared/dates.js';
import { UserInputError } from '../errors.js';

/** The base date for `date`, or null when none was asked for. Throws a UserInputError (400) for anything else. */
export function resolveBase(date: string, base: string | null | undefined): string | null {
  if (base === null || base === undefined || base === '') return null;
  if (isDay(base)) return base;
  if ((BASE_KINDS as readonly string[]).includes(base) && base !== 'custom') return baseDateOf(base, date);
  throw new UserInputError(
    `对比基期无效：${String(base).slice(0, 40)}（应为 上日/上月末/上季末/年初/同期 之一或 YYYY-MM-DD 日期） (invalid base: one of ${BASE_KINDS.filter((k) => k !== 'custom').join(', ')} or a date)`,
    'bad_base',
  );
}
