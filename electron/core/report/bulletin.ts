// 业务通报 (issue 12 item 6): what a data date's bulletin says, as data. The figures come from the
// dashboards' own context (DashContext: the materialised indicators, read once per date), so the
// bulletin and the dashboards never disagree; the documents (bulletin-docs.ts) only lay it out.
//
// Decisions:
// - The three bases are the dashboards' 上日, 上月末 and 年初 (shared/dates.ts baseDateOf); a base
//   on which the figure's dataset holds no data gives no change (null), never a change against 0.
// - The branch table is the target one level down (child orgs; a leaf org's staff), as the
//   dashboards' "per org" charts are (dashboards/per-unit.ts).
// - Rankings rank that table by a few indicators; ties share a rank (1, 1, 3).
// - 目标进度: the units' month targets against the assessment's own actuals (bulletin-targets.ts).
// - Open alerts are the target's monitoring alerts still 待核实 (pending), every month up to the
//   date's, by family: the monitoring overview's own reading of the target (orgs, staff member).
import { MONITOR_FAMILIES, FAMILY_LABELS, type MonitorFamily } from '../../../shared/monitoring.js';
import { baseDateOf } from '../../../shared/dates.js';
import type { IndicatorUnit } from '../../../shared/indicators.js';
import type { Db } from '../db/connection.js';
import { DashContext, difference, scalar, type Lang } from '../dashboards/context.js';
import { dashboardEmpty, datasetOf, hasData } from '../dashboards/availability.js';
import { perUnit } from '../dashboards/per-unit.js';
import type { Target } from '../indicators/index.js';
import { targetProgress, type BulletinProgress } from './bulletin-targets.js';

export const BULLETIN_BASES = ['prev_day', 'prev_month_end', 'year_start'] as const;
export type BulletinBase = (typeof BULLETIN_BASES)[number];

/** The headline indicators, in the order the bulletin prints them. */
export const HEADLINE_KEYS = [
  'deposit_balance',
  'deposit_avg_month',
  'loan_balance',
  'loan_customers',
  'npl_ratio',
  'overdue_ratio',
  'loan_to_deposit_ratio',
  'customers',
  'intermediate_active_customers',
  'effective_merchants',
  'high_quality_merchants',
  'credit_cards_issued',
  'visits',
] as const;

/** The branch table's columns. */
export const BRANCH_KEYS = ['deposit_balance', 'deposit_balance_mtd_change', 'deposit_balance_ytd_change', 'loan_balance', 'npl_ratio', 'intermediate_active_customers', 'effective_merchants', 'visits'] as const;

/** The rankings the bulletin prints (a column of the branch table each). */
export const RANKING_KEYS = ['deposit_balance_mtd_change', 'loan_balance', 'intermediate_active_customers'] as const;

export interface BulletinFigure {
  key: string;
  label: string;
  unit: IndicatorUnit;
  lowerIsBetter: boolean;
  value: number | null;
  /** one per BULLETIN_BASES: value − the value on the base date; null when the base has no data */
  changes: (number | null)[];
}

export interface BulletinUnit {
  id: string;
  name: string;
  values: (number | null)[];
}

export interface BulletinRanking {
  key: string;
  label: string;
  unit: IndicatorUnit;
  lowerIsBetter: boolean;
  rows: { id: string; name: string; value: number | null; rank: number | null }[];
}

export interface BulletinAlerts {
  family: MonitorFamily;
  label: string;
  open: number;
}

export interface BulletinData {
  date: string;
  lang: Lang;
  title: string;
  scope: { type: Target['type']; id: string | null; name: string };
  bases: { kind: BulletinBase; label: string; date: string }[];
  /** why the bank has nothing on the date (no data yet, a date before the first) */
  empty?: string;
  headline: BulletinFigure[];
  /** what the branch table's rows are: child orgs or staff members; null for a staff target */
  unitsBy: 'children' | 'staff' | null;
  columns: { key: string; label: string; unit: IndicatorUnit }[];
  units: BulletinUnit[];
  rankings: BulletinRanking[];
  /** 目标进度 of the branch table's units (bulletin-targets.ts); null when none has a target this month */
  progress: BulletinProgress | null;
  alerts: BulletinAlerts[];
  /** alerts still 待核实 in all */
  openAlerts: number;
}

const BASE_LABELS: Record<BulletinBase, { zh: string; en: string }> = {
  prev_day: { zh: '较上日', en: 'vs previous day' },
  prev_month_end: { zh: '较上月末', en: 'vs last month end' },
  year_start: { zh: '较年初', en: 'vs year start' },
};

/** 1-based ranks, best first (highest, or lowest when lower is better); equal values share a rank; null values unranked, last. */
export function rankValues(values: (number | null)[], lowerIsBetter: boolean): (number | null)[] {
  const present = values.filter((v): v is number => v !== null);
  return values.map((v) => (v === null ? null : 1 + present.filter((o) => (lowerIsBetter ? o < v : o > v)).length));
}

export interface BulletinRequest {
  date: string;
  target: Target;
  lang: Lang;
}

export function bulletinData(db: Db, req: BulletinRequest): BulletinData {
  const ctx = new DashContext(db, { date: req.date, base: null, target: req.target, lang: req.lang });
  const bases = BULLETIN_BASES.map((kind) => ({ kind, label: BASE_LABELS[kind][req.lang], date: baseDateOf(kind, req.date)! }));

  const headline: BulletinFigure[] = HEADLINE_KEYS.map((key) => {
    const m = ctx.meta(key);
    const value = scalar(ctx.at()[key]);
    const ds = datasetOf(key);
    const changes = bases.map((b) => {
      if (value === null || (ds !== null && !hasData(ctx, ds, b.date))) return null;
      const then = scalar(ctx.at(b.date)[key]);
      return then === null ? null : difference(m.unit, value, then);
    });
    return { key, label: ctx.label(key), unit: m.unit, lowerIsBetter: m.lowerIsBetter === true, value, changes };
  });

  const unitsBy = perUnit(ctx);
  const columns = BRANCH_KEYS.map((key) => ({ key, label: ctx.label(key), unit: ctx.meta(key).unit }));
  const split = unitsBy === null ? [] : ctx.split(unitsBy);
  const units: BulletinUnit[] = split.map((u) => ({ id: u.id, name: u.name, values: BRANCH_KEYS.map((k) => scalar(u.indicators[k])) }));

  const rankings: BulletinRanking[] = units.length < 2
    ? []
    : RANKING_KEYS.map((key) => {
        const col = (BRANCH_KEYS as readonly string[]).indexOf(key);
        const lower = ctx.meta(key).lowerIsBetter === true;
        const ranks = rankValues(units.map((u) => u.values[col]), lower);
        const rows = units
          .map((u, i) => ({ id: u.id, name: u.name, value: u.values[col], rank: ranks[i] }))
          .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id.localeCompare(b.id));
        return { key, label: ctx.label(key), unit: ctx.meta(key).unit, lowerIsBetter: lower, rows };
      });

  const counts = openAlertsByFamily(db, req.target, req.date.slice(0, 7));
  const alerts = MONITOR_FAMILIES.map((family) => ({ family, label: FAMILY_LABELS[family][req.lang], open: counts.get(family) ?? 0 }));

  return {
    date: req.date,
    lang: req.lang,
    title: ctx.t('业务通报', 'Business bulletin'),
    scope: { type: req.target.type, id: req.target.id, name: req.target.name },
    bases,
    ...(dashboardEmpty(ctx) ? { empty: dashboardEmpty(ctx) } : {}),
    headline,
    unitsBy,
    columns,
    units,
    rankings,
    progress: unitsBy === null ? null : targetProgress(db, req.date, unitsBy === 'children' ? 'org' : 'staff', units, req.lang),
    alerts,
    openAlerts: alerts.reduce((s, a) => s + a.open, 0),
  };
}

/** The target's alerts still 待核实 of the months up to `month`, by family (the target's orgs; its staff member for a staff target). */
function openAlertsByFamily(db: Db, target: Target, month: string): Map<string, number> {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'monitor_alert'").get();
  if (!has) return new Map();
  const where = ["status = 'pending'", 'period <= @month'];
  const params: Record<string, unknown> = { month };
  if (target.orgIds !== null) {
    where.push('org_id IN (SELECT value FROM json_each(@orgs))');
    params.orgs = JSON.stringify(target.orgIds);
  }
  if (target.staffId !== null) {
    where.push('staff_id = @staff');
    params.staff = target.staffId;
  }
  const rows = db.prepare(`SELECT family, COUNT(*) AS n FROM monitor_alert WHERE ${where.join(' AND ')} GROUP BY family`).all(params) as { family: string; n: number }[];
  return new Map(rows.map((r) => [r.family, r.n]));
}
