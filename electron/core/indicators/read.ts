// Reading the indicators of DATA.md for a target and a date from the materialised cells: every
// key of shared/indicators.ts INDICATORS, one definition each (DATA.md "Indicator keys").
//
// Decisions, with DATA.md:
// - Snapshots: deposits and loans are read at the latest snapshot ≤ the date held anywhere in the
//   bank, so an org missing from that snapshot shows 0 rather than an older figure.
// - 日均 (month, quarter, year) = Σ over the days of the period up to the date of that day's total
//   ÷ the number of days; a snapshot stands for every day until the next, a day before the first
//   counts 0. Summed in integer 分 and rounded half away from zero to 分 (四舍五入, as the bank's
//   reports show 日均 to the 分); 偏离度 divides by that rounded average.
// - 比年初 compares with the latest snapshot ≤ 12-31 of the previous year (the bank's 年初 is the
//   balance at the turn of the year), 比上月 with the latest ≤ the previous month end; null when
//   no such snapshot is loaded.
// - Sums are 0 over no rows; ratios are null when the denominator is 0 (metrics/ratio.ts, unrounded).
import type { Db } from '../db/connection.js';
import type { IndicatorSet } from '../../../shared/indicators.js';
import { OVERDUE_BUCKETS } from '../../../shared/indicators.js';
import { assertDay, monthStart, prevMonthEnd, prevYearEnd, quarterStart, yearStart } from '../../../shared/dates.js';
import { divRound, fenToYuan } from '../../../shared/money.js';
import { ratio } from '../metrics/ratio.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { latestSnapshot } from '../rules/in-service.js';
import { getCatalog } from '../crm/catalog.js';
import type { FamilyId } from './families/index.js';
import { ensureFamily, ensureFamilyDates } from './store.js';
import { sumCells, sumMeasureByDate, type GroupBy, type GroupOf, type Measures } from './sums.js';
import { dayWeights, snapshotDates } from './snapshots.js';
import type { Target } from './target.js';
import { confirmedExclusions, type Exclusion } from './exclusions.js';

export interface ReadOptions {
  /** 剔除: take out what confirmed monitoring alerts name (exclusions.ts) */
  excludeConfirmed?: boolean;
}

export interface TargetFigures {
  id: string;
  name: string;
  /** for orgs: 支行/分理处; for staff: their 岗位 */
  level: string | null;
  indicators: IndicatorSet;
}

const DAILY: readonly FamilyId[] = ['customer', 'merchant', 'card', 'signing', 'visit'];
const ALL = 'all';

/** Every key of INDICATORS for the target as of `date` (YYYY-MM-DD). */
export function readIndicators(db: Db, date: string, target: Target, opts: ReadOptions = {}): IndicatorSet {
  return readGroups(db, date, target, () => ALL, 'all', opts).get(ALL) ?? indicatorSet(emptyParts(), getCatalog(db).map((i) => i.id));
}

/**
 * The same figures split one level down: `children` = each org right below the target's org (for
 * the bank: below the head office, or the roots when there is none), each over its own subtree;
 * `staff` = each staff member named by rows inside the target (their rows inside it only).
 */
export function readIndicatorsBy(db: Db, date: string, target: Target, by: 'children' | 'staff', opts: ReadOptions = {}): TargetFigures[] {
  const tree = loadOrgTree(db);
  if (by === 'staff') {
    const groups = readGroups(db, date, target, (_org, staff) => (staff === '' ? null : staff), 'staff', opts);
    const names = new Map(
      (db.prepare('SELECT staff_id, name, post FROM staff').all() as { staff_id: string; name: string; post: string | null }[]).map((s) => [s.staff_id, s]),
    );
    return [...groups.entries()]
      .map(([id, indicators]) => ({ id, name: names.get(id)?.name ?? id, level: names.get(id)?.post ?? null, indicators }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  const parent = target.type === 'org' ? target.id : target.type === 'bank' ? (tree.roots.length === 1 ? tree.roots[0].org_id : null) : null;
  const kids = parent === null ? (target.type === 'bank' ? tree.roots : []) : tree.children(parent);
  if (!kids.length) return [];
  const kidIds = new Set(kids.map((k) => k.org_id));
  const childOf = (org: string): string | null => {
    if (!tree.byId.has(org)) return null;
    return tree.ancestors(org).find((a) => kidIds.has(a)) ?? null;
  };
  const groups = readGroups(db, date, target, (org) => childOf(org), 'org', opts);
  const items = getCatalog(db).map((i) => i.id);
  return kids.map((k) => ({ id: k.org_id, name: k.name, level: k.level, indicators: groups.get(k.org_id) ?? indicatorSet(emptyParts(), items) }));
}

/**
 * Every org of `orgIds` (each over its own subtree, inside the target) in one pass: each cell
 * counts in its org and every org above it, so a whole tree costs one read rather than one per
 * org (the `stats` command and the home page).
 */
export function readIndicatorsPerOrg(db: Db, date: string, target: Target, orgIds: readonly string[], opts: ReadOptions = {}): Map<string, IndicatorSet> {
  const tree = loadOrgTree(db);
  const wanted = new Set(orgIds);
  const chain = new Map<string, readonly string[]>();
  const groupOf = (org: string): readonly string[] => {
    let c = chain.get(org);
    if (!c) chain.set(org, (c = tree.byId.has(org) ? tree.ancestors(org).filter((a) => wanted.has(a)) : []));
    return c;
  };
  const groups = readGroups(db, date, target, (org) => groupOf(org), 'org', opts);
  const items = getCatalog(db).map((i) => i.id);
  return new Map(orgIds.map((id) => [id, groups.get(id) ?? indicatorSet(emptyParts(), items)]));
}

interface Parts {
  dep: Measures;
  loan: Measures;
  daily: Measures;
  depAvg: { month: bigint; quarter: bigint; year: bigint } | null;
  loanAvgMonth: bigint | null;
  depPrevYearEnd: bigint | null;
  depPrevMonthEnd: bigint | null;
  loanPrevYearEnd: bigint | null;
}

function emptyParts(): Parts {
  return { dep: new Map(), loan: new Map(), daily: new Map(), depAvg: null, loanAvgMonth: null, depPrevYearEnd: null, depPrevMonthEnd: null, loanPrevYearEnd: null };
}

/** The daily totals of a snapshot family per group, with what the averages and 比年初 need. */
interface Series {
  snaps: string[];
  byGroup: Map<string, Map<string, bigint>>;
}

function series(db: Db, table: 'deposit' | 'loan', from: string, date: string, target: Target, groupOf: GroupOf, by: GroupBy): Series {
  const snaps = snapshotDates(db, table, from, date);
  ensureFamilyDates(db, snaps, table);
  const measure = table === 'deposit' ? 'dep_bal' : 'loan_bal';
  return { snaps, byGroup: sumMeasureByDate(db, table, measure, from, date, target, groupOf, by) };
}

function average(s: Series, group: string, periodStart: string, date: string): bigint {
  const totals = s.byGroup.get(group);
  let fenDays = 0n;
  for (const w of dayWeights(s.snaps, periodStart, date)) fenDays += (totals?.get(w.snap) ?? 0n) * BigInt(w.days);
  const days = BigInt(Math.round((Date.parse(date) - Date.parse(periodStart)) / 86_400_000) + 1);
  return divRound(fenDays, days);
}

function readGroups(db: Db, date: string, target: Target, groupOf: GroupOf, by: GroupBy, opts: ReadOptions = {}): Map<string, IndicatorSet> {
  assertDay(date);
  const depSnap = latestSnapshot(db, 'deposit', date);
  const loanSnap = latestSnapshot(db, 'loan', date);
  const pye = prevYearEnd(date);
  const depPye = latestSnapshot(db, 'deposit', pye);
  const depPme = latestSnapshot(db, 'deposit', prevMonthEnd(date));
  const loanPye = latestSnapshot(db, 'loan', pye);
  const loanMonthCarry = latestSnapshot(db, 'loan', monthStart(date));
  const depYearCarry = latestSnapshot(db, 'deposit', yearStart(date));

  // build what is missing first (writes), then read everything in one transaction
  // the series start at the snapshot carried into the period (or the period's first day when none
  // is), and reach back to the 比年初/比上月 snapshots
  const depFrom = [depYearCarry ?? yearStart(date), depPye, depPme].filter((d): d is string => d !== null).sort()[0];
  const loanFrom = [loanMonthCarry ?? monthStart(date), loanPye].filter((d): d is string => d !== null).sort()[0];
  if (depSnap) ensureFamilyDates(db, snapshotDates(db, 'deposit', depFrom, date), 'deposit');
  if (loanSnap) ensureFamilyDates(db, snapshotDates(db, 'loan', loanFrom, date), 'loan');
  for (const f of DAILY) ensureFamily(db, date, f);

  return db.transaction((): Map<string, IndicatorSet> => {
    const groups = new Map<string, Parts>();
    const part = (g: string): Parts => {
      let p = groups.get(g);
      if (!p) groups.set(g, (p = emptyParts()));
      return p;
    };
    const cut = opts.excludeConfirmed ? confirmedExclusions(db, target, groupOf) : [];
    if (depSnap) {
      for (const [g, m] of sumCells(db, depSnap, 'deposit', target, groupOf, by)) part(g).dep = m;
      const s = series(db, 'deposit', depFrom, date, target, groupOf, by);
      applyCuts(cut, 'deposit', depSnap, part, (p) => p.dep, s);
      for (const g of s.byGroup.keys()) part(g);
      for (const [g, p] of groups) {
        p.depAvg = { month: average(s, g, monthStart(date), date), quarter: average(s, g, quarterStart(date), date), year: average(s, g, yearStart(date), date) };
        p.depPrevYearEnd = depPye ? (s.byGroup.get(g)?.get(depPye) ?? 0n) : null;
        p.depPrevMonthEnd = depPme ? (s.byGroup.get(g)?.get(depPme) ?? 0n) : null;
      }
    }
    if (loanSnap) {
      for (const [g, m] of sumCells(db, loanSnap, 'loan', target, groupOf, by)) part(g).loan = m;
      const s = series(db, 'loan', loanFrom, date, target, groupOf, by);
      applyCuts(cut, 'loan', loanSnap, part, (p) => p.loan, s);
      for (const g of s.byGroup.keys()) part(g);
      for (const [g, p] of groups) {
        p.loanAvgMonth = average(s, g, monthStart(date), date);
        p.loanPrevYearEnd = loanPye ? (s.byGroup.get(g)?.get(loanPye) ?? 0n) : null;
      }
    }
    for (const f of DAILY) {
      for (const [g, m] of sumCells(db, date, f, target, groupOf, by)) {
        const p = part(g);
        for (const [k, v] of m) p.daily.set(k, (p.daily.get(k) ?? 0n) + v);
      }
      applyCuts(cut, f, date, part, (p) => p.daily, null);
    }
    const items = getCatalog(db).map((i) => i.id);
    const out = new Map<string, IndicatorSet>();
    for (const [g, p] of groups) out.set(g, indicatorSet(p, items));
    return out;
  })();
}

/** Takes the exclusions of a family out of its sums on `day` (and out of its daily series, for the
 *  averages), never below zero. */
function applyCuts(cut: Exclusion[], family: FamilyId, day: string, part: (g: string) => Parts, measures: (p: Parts) => Measures, s: Series | null): void {
  for (const c of cut) {
    if (c.family !== family) continue;
    for (const group of c.groups) {
      if (c.from <= day && day <= c.to) {
        const m = measures(part(group));
        const v = m.get(c.measure) ?? 0n;
        m.set(c.measure, v > c.amount ? v - c.amount : 0n);
      }
      // the series hold the balance measure only (dep_bal, loan_bal)
      const totals = c.measure === (family === 'deposit' ? 'dep_bal' : 'loan_bal') ? s?.byGroup.get(group) : undefined;
      if (!totals) continue;
      for (const [d, v] of totals) if (c.from <= d && d <= c.to) totals.set(d, v > c.amount ? v - c.amount : 0n);
    }
  }
}

function prefixed(m: Measures, prefix: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [k, v] of m) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v);
  return out;
}

const yuanMap = (m: Map<string, bigint>): Record<string, number> => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, fenToYuan(v)]));
const countMap = (m: Map<string, bigint>): Record<string, number> => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, Number(v)]));

/** The indicator keys from the summed measures of one group (all money in 分 until fenToYuan). */
function indicatorSet(p: Parts, items: number[]): IndicatorSet {
  const d = (k: string) => p.dep.get(k) ?? 0n;
  const l = (k: string) => p.loan.get(k) ?? 0n;
  const x = (k: string) => p.daily.get(k) ?? 0n;
  const n = (v: bigint) => Number(v);
  const dep = d('dep_bal');
  const loan = l('loan_bal');
  const avgM = p.depAvg?.month ?? 0n;
  const buckets = prefixed(p.loan, 'od:');
  const cust = x('cust');
  const mer = x('mer');
  const issued = x('cc_issued');
  return {
    deposit_balance: fenToYuan(dep),
    deposit_avg_month: fenToYuan(avgM),
    deposit_avg_quarter: fenToYuan(p.depAvg?.quarter ?? 0n),
    deposit_avg_year: fenToYuan(p.depAvg?.year ?? 0n),
    deposit_deviation: ratio(dep - avgM, avgM),
    loan_balance: fenToYuan(loan),
    loan_customers: n(l('loan_cust')),
    loan_balance_ytd_change: p.loanPrevYearEnd === null ? null : fenToYuan(loan - p.loanPrevYearEnd),
    credit_loan_ratio: ratio(l('credit_bal'), loan),
    inclusive_loan_balance: fenToYuan(l('incl_bal')),
    online_loan_balance: fenToYuan(l('online_bal')),
    npl_balance: fenToYuan(l('npl_bal')),
    npl_ratio: ratio(l('npl_bal'), loan),
    overdue_balance: fenToYuan(l('overdue_bal')),
    overdue_ratio: ratio(l('overdue_bal'), loan),
    overdue_buckets: Object.fromEntries(OVERDUE_BUCKETS.map((b) => [b, fenToYuan(buckets.get(b) ?? 0n)])),
    loan_deviation: p.loanAvgMonth === null ? null : ratio(loan - p.loanAvgMonth, p.loanAvgMonth),
    loan_to_deposit_ratio: ratio(loan, dep),
    intermediate_active_customers: n(x('ima_cust')),
    merchants: n(mer),
    effective_merchants: n(x('mer_eff')),
    high_quality_merchants: n(x('mer_hq')),
    acq_txn_count: n(x('acq_cnt')),
    acq_txn_amount: fenToYuan(x('acq_amt')),
    credit_cards_issued: n(issued),
    credit_card_activation_rate: ratio(x('cc_active'), issued),
    credit_card_sleep_rate: ratio(x('cc_sleep'), issued),
    visits: n(x('visits')),
    visited_customers: n(x('visit_cust')),
    avg_items_per_customer: ratio(x('items_sum'), cust),
    customers: n(cust),
    deposit_accounts: n(d('dep_accts')),
    deposit_balance_ytd_change: p.depPrevYearEnd === null ? null : fenToYuan(dep - p.depPrevYearEnd),
    deposit_balance_mtd_change: p.depPrevMonthEnd === null ? null : fenToYuan(dep - p.depPrevMonthEnd),
    deposit_by_kind: yuanMap(prefixed(p.dep, 'dep_kind:')),
    loans: n(l('loan_cnt')),
    loan_by_guarantee: yuanMap(prefixed(p.loan, 'guar:')),
    loan_by_product: yuanMap(prefixed(p.loan, 'prod:')),
    loan_by_class5: yuanMap(prefixed(p.loan, 'class:')),
    signings_by_type: countMap(prefixed(p.daily, 'sign:')),
    signings_new_by_type: countMap(prefixed(p.daily, 'sign_new:')),
    signings_used90_by_type: countMap(prefixed(p.daily, 'sign_used90:')),
    acq_txn_count_day: n(x('acq_cnt_day')),
    acq_txn_amount_day: fenToYuan(x('acq_amt_day')),
    effective_merchant_share: ratio(x('mer_eff'), mer),
    high_quality_merchant_share: ratio(x('mer_hq'), mer),
    visits_day: n(x('visits_day')),
    grid_households: n(x('grid_hh')),
    grid_visited_households: n(x('grid_visited')),
    grid_coverage_ratio: ratio(x('grid_visited'), x('grid_hh')),
    item_share: Object.fromEntries(items.map((id) => [String(id), ratio(x(`item:${id}`), cust)])),
  };
}
