// The comparison: each official figure of a date inside the caller's scope beside the console's
// own (electron/core/indicators, for that org and the orgs below it), with the exact difference
// and a status, the differing ones first, each with the list of rows behind the console's figure.
import { DRILL_OF, type DrillRef } from '../../../shared/dashboard.js';
import { monthStart } from '../../../shared/dates.js';
import type { DataDay, IndicatorSet } from '../../../shared/indicators.js';
import { INDICATORS } from '../../../shared/indicators.js';
import { fenToYuan, yuanToFen } from '../../../shared/money.js';
import { RECONCILE_STATUSES, type FigureValue, type ReconcileResult, type ReconcileRow, type ReconcileStatus } from '../../../shared/reconcile.js';
import { NotFoundError } from '../auth/errors.js';
import type { Db } from '../db/connection.js';
import { dataDays, readIndicators, resolveTarget } from '../indicators/index.js';
import type { Scope } from '../scope/index.js';
import { formatDec, parseDec, roundDouble, subDec } from './decimal.js';
import { figureDates, listStored } from './store.js';
import type { StoredValue } from './values.js';

/**
 * The dated dataset a figure is computed from, and over which days. Before any snapshot DATA.md
 * counts a balance as 0, and a month without 收单 or 走访 rows gives 0 as well: set beside a
 * report's figure that 0 would read as a difference, when in truth the console holds nothing
 * to compare. Such figures are 控制台无数据 instead.
 */
const NEEDS: Record<string, { data: (keyof Omit<DataDay, 'date'>)[]; period: 'any' | 'month' }> = {};
for (const k of ['deposit_balance', 'deposit_avg_month', 'deposit_avg_quarter', 'deposit_avg_year', 'deposit_deviation', 'deposit_accounts', 'deposit_balance_ytd_change', 'deposit_balance_mtd_change']) {
  NEEDS[k] = { data: ['deposit'], period: 'any' };
}
for (const k of ['loan_balance', 'loan_customers', 'loan_balance_ytd_change', 'credit_loan_ratio', 'inclusive_loan_balance', 'online_loan_balance', 'npl_balance', 'npl_ratio', 'overdue_balance', 'overdue_ratio', 'loan_deviation', 'loans']) {
  NEEDS[k] = { data: ['loan'], period: 'any' };
}
NEEDS.loan_to_deposit_ratio = { data: ['loan', 'deposit'], period: 'any' };
for (const k of ['acq_txn_count', 'acq_txn_amount', 'acq_txn_count_day', 'acq_txn_amount_day', 'effective_merchants', 'high_quality_merchants', 'effective_merchant_share', 'high_quality_merchant_share']) {
  NEEDS[k] = { data: ['acq_txn'], period: 'month' };
}
for (const k of ['visits', 'visited_customers', 'visits_day', 'grid_visited_households', 'grid_coverage_ratio']) NEEDS[k] = { data: ['visit'], period: 'month' };

function holdsData(days: DataDay[], key: string, date: string): boolean {
  const need = NEEDS[key];
  if (!need) return true;
  const from = need.period === 'month' ? monthStart(date) : '';
  return need.data.every((ds) => days.some((d) => d.date >= from && d.date <= date && d[ds]));
}

const ORDER = new Map(INDICATORS.map((m, i) => [m.key, i]));

/**
 * A ratio without a list of its own opens the rows of its numerator: the loans that are 不良 make
 * the 不良率, the 信用 loans the 信用贷款占比, and so on (the denominator is the list a user knows).
 */
const NUMERATOR: Record<string, { key: string; cat?: string }> = {
  npl_ratio: { key: 'npl_balance' },
  overdue_ratio: { key: 'overdue_balance' },
  credit_loan_ratio: { key: 'loan_by_guarantee', cat: '信用' },
  loan_to_deposit_ratio: { key: 'loan_balance' },
  effective_merchant_share: { key: 'effective_merchants' },
  high_quality_merchant_share: { key: 'high_quality_merchants' },
};

/** The drill ref of a figure: DRILL_OF's list for its key, or for its numerator. */
export function drillOf(key: string, date: string, org: string): DrillRef | null {
  const via = DRILL_OF[key] ? { key } : NUMERATOR[key];
  const list = via ? DRILL_OF[via.key] : undefined;
  if (!via || !list) return null;
  return { kind: 'list', list, params: { key: via.key, ...(via.cat ? { cat: via.cat } : {}), date, org } };
}

interface Compared {
  console: FigureValue | null;
  consoleRaw: number | null;
  diff: FigureValue | null;
  status: ReconcileStatus;
}

/**
 * One figure against the console's value. Money is compared in integer 分 and counts as
 * integers, so "一致" means equal to the 分. Ratios (and averages) are compared after rounding
 * both to the decimals the official figure was given with: the core's ratios are unrounded
 * fractions, while a report publishes 1.23% or 0.0123; comparing the unrounded value would call
 * nearly every ratio different, and rounding to any other precision would either hide a real
 * difference in the last published digit or invent one below it.
 */
export function compareValue(unit: string, stored: StoredValue, consoleValue: unknown): Compared {
  if (typeof consoleValue !== 'number') return { console: null, consoleRaw: null, diff: null, status: 'no_data' };
  if (unit === 'yuan') {
    // the core gives 元 as fen / 100, the double nearest the 2-decimal value: ×100 and rounding gets the 分 back exactly
    const diffFen = yuanToFen(consoleValue) - BigInt(stored.int!);
    return { console: consoleValue, consoleRaw: consoleValue, diff: fenToYuan(diffFen), status: diffFen === 0n ? 'match' : 'differ' };
  }
  if (unit === 'count') {
    const diff = consoleValue - stored.int!;
    return { console: consoleValue, consoleRaw: consoleValue, diff, status: diff === 0 ? 'match' : 'differ' };
  }
  const official = parseDec(stored.dec!, false)!;
  const mine = roundDouble(consoleValue, official.scale);
  const diff = subDec(mine, official);
  return { console: formatDec(mine), consoleRaw: consoleValue, diff: formatDec(diff), status: diff.units === 0n ? 'match' : 'differ' };
}

/**
 * Every official figure of `date` (default: the latest day with data, else the latest day with
 * official figures) for the orgs inside the scope, compared. A scope limited to one 客户经理's
 * customers cannot be set beside an org's report, so it gets no rows and the reason.
 */
export function reconcile(db: Db, scope: Scope, date?: string): ReconcileResult {
  const counts = Object.fromEntries(RECONCILE_STATUSES.map((s) => [s, 0])) as Record<ReconcileStatus, number>;
  const days = dataDays(db);
  const dates = figureDates(db, scope);
  const day = date ?? days.at(-1)?.date ?? dates[0] ?? null;
  if (day === null) return { date: null, rows: [], counts, dates };
  if (scope.managerId !== null) {
    return {
      date: day,
      rows: [],
      counts,
      dates: [],
      restricted: '对账按机构进行，您的数据范围仅限本人管户的客户，无法与机构的报表数字对比。 (Reconciliation is by org; your scope is limited to your own customers.)',
    };
  }
  const byOrg = new Map<string, IndicatorSet | null>();
  const figuresOf = (orgId: string): IndicatorSet | null => {
    if (!byOrg.has(orgId)) {
      try {
        byOrg.set(orgId, readIndicators(db, day, resolveTarget(db, scope, { org: orgId })));
      } catch (e) {
        // an org the org file no longer holds (undone since the figure was entered): nothing to compare
        if (!(e instanceof NotFoundError)) throw e;
        byOrg.set(orgId, null);
      }
    }
    return byOrg.get(orgId)!;
  };
  const rows: ReconcileRow[] = listStored(db, scope, day).map(({ figure, stored }) => {
    const set = figuresOf(figure.orgId);
    const value = set !== null && holdsData(days, figure.key, day) ? set[figure.key] : null;
    return { ...figure, ...compareValue(figure.unit, stored, value), drill: drillOf(figure.key, day, figure.orgId) };
  });
  const rank = (s: ReconcileStatus) => RECONCILE_STATUSES.indexOf(s);
  rows.sort((a, b) => rank(a.status) - rank(b.status) || (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0) || ORDER.get(a.key)! - ORDER.get(b.key)!);
  for (const r of rows) counts[r.status]++;
  return { date: day, rows, counts, dates };
}
