// The actual figure of each target indicator for the objects of a sheet, read through the
// indicators core only (DATA.md "Assessment", actual over a period):
// - deposit_avg: the 日均 of the period's kind up to the evaluation date (deposit_avg_month,
//   _quarter or _year: Σ daily totals over the period's days up to as_of ÷ those days, snapshots
//   carried forward, as read.ts defines them);
// - balances, counts and ratios on as_of; 高质量/有效商户 for the month of as_of (the indicators
//   are month-to-date already);
// - visits and acq_txn_amount Σ over the period up to as_of: the indicators are month-to-date, so
//   each earlier month is read at its last day and the month of as_of at as_of, and the months
//   summed (money in integer 分).
// Orgs are read in one pass per date (readIndicatorsPerOrg: each over its own subtree); staff in one
// pass per date (readIndicatorsBy 'staff': the rows naming them). A staff member named by no row
// has zeros, and null ratios (no denominator), never a crash.
import type { PeriodKind, TargetIndicatorId } from '../../../shared/assessment.js';
import { TARGET_INDICATORS } from '../../../shared/assessment.js';
import type { IndicatorSet } from '../../../shared/indicators.js';
import { monthEnd } from '../../../shared/dates.js';
import { fenToYuan } from '../../../shared/money.js';
import type { Db } from '../db/connection.js';
import { readIndicatorsBy, readIndicatorsPerOrg, type Target } from '../indicators/index.js';
import type { Period } from './period.js';

/** An actual as shown (money in 元) and as compared (money in integer 分, else the same number). */
export interface Actual {
  value: number | null;
  exact: number | null;
}

export type Actuals = Map<TargetIndicatorId, Actual>;

const UNIT = new Map(TARGET_INDICATORS.map((t) => [t.id, t.unit]));
const SUMMED: ReadonlySet<TargetIndicatorId> = new Set(['visits', 'acq_txn_amount']);
const AVG_KEY: Record<PeriodKind, string> = { month: 'deposit_avg_month', quarter: 'deposit_avg_quarter', year: 'deposit_avg_year' };

const fenOf = (yuan: number): number => Math.round(yuan * 100);

/** The dates a sheet reads: as_of, and the last day of each earlier month of the period when a summed indicator is asked. */
export function readDates(p: Period, asOf: string, indicators: readonly TargetIndicatorId[]): string[] {
  if (!indicators.some((i) => SUMMED.has(i))) return [asOf];
  const dates = p.months.map((m) => monthEnd(`${m}-01`)).filter((d) => d < asOf && d.slice(0, 7) < asOf.slice(0, 7));
  return [...dates, asOf];
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** The actuals of one object from its figures at each read date (the last is as_of); undefined figures: no rows. */
export function actualsOf(p: Period, indicators: readonly TargetIndicatorId[], byDate: readonly (IndicatorSet | undefined)[]): Actuals {
  const at = byDate[byDate.length - 1];
  const out: Actuals = new Map();
  for (const id of indicators) {
    const unit = UNIT.get(id);
    if (SUMMED.has(id)) {
      // Σ over the months, in 分 for money; a month without rows adds 0
      let sum = 0;
      for (const f of byDate) {
        const v = num(f?.[id]) ?? 0;
        sum += unit === 'yuan' ? fenOf(v) : v;
      }
      out.set(id, unit === 'yuan' ? { value: fenToYuan(sum), exact: sum } : { value: sum, exact: sum });
      continue;
    }
    const key = id === 'deposit_avg' ? AVG_KEY[p.kind] : id;
    // no rows: money and counts are 0, a ratio has no denominator (null)
    const raw = at === undefined ? (unit === 'ratio' ? null : 0) : num(at[key]);
    out.set(id, raw === null ? { value: null, exact: null } : { value: raw, exact: unit === 'yuan' ? fenOf(raw) : raw });
  }
  return out;
}

/**
 * The actuals of the orgs (each rolled up over the orgs below it) and the staff members asked,
 * inside `within` (the whole bank for the sheets: see sheet.ts).
 */
export function readActuals(
  db: Db,
  p: Period,
  asOf: string,
  within: Target,
  objects: { orgs: readonly string[]; staff: readonly string[] },
  indicators: { org: readonly TargetIndicatorId[]; staff: readonly TargetIndicatorId[] },
): { org: Map<string, Actuals>; staff: Map<string, Actuals> } {
  const orgDates = objects.orgs.length ? readDates(p, asOf, indicators.org) : [];
  const staffDates = objects.staff.length ? readDates(p, asOf, indicators.staff) : [];
  const orgFig = orgDates.map((d) => readIndicatorsPerOrg(db, d, within, objects.orgs));
  const staffFig = staffDates.map((d) => new Map(readIndicatorsBy(db, d, within, 'staff').map((f) => [f.id, f.indicators])));
  const org = new Map(objects.orgs.map((id) => [id, actualsOf(p, indicators.org, orgFig.map((m) => m.get(id)))] as const));
  const staff = new Map(objects.staff.map((id) => [id, actualsOf(p, indicators.staff, staffFig.map((m) => m.get(id)))] as const));
  return { org, staff };
}
