// A dashboard as data: what the core composes (electron/core/dashboards) and what both the screen
// (renderer, vue-echarts) and the documents (XLSX sheets, PDF with ECharts SSR) draw. One spec,
// three renderings, so the exported numbers are the ones on the screen.
import type { DashboardId, IndicatorUnit } from './indicators.js';

/** Where a click on a number leads: the same dashboard narrowed to an org or a staff member, or the list of rows behind it. */
export type DrillRef =
  | { kind: 'scope'; org?: string; staff?: string }
  | { kind: 'list'; list: DrillListId; params: Record<string, string> };

/** The row lists a number can open (electron/core/drill). */
export const DRILL_LISTS = ['customers', 'deposits', 'loans', 'merchants', 'cards', 'signings', 'visits'] as const;
export type DrillListId = (typeof DRILL_LISTS)[number];

export interface Kpi {
  key: string;
  label: string;
  unit: IndicatorUnit;
  value: number | null;
  /** the same figure at the base date; null when there is no base or no data then */
  base: number | null;
  /** value − base (for ratios: the difference of the ratios) */
  change: number | null;
  /** the 考核目标 of the period containing the date, when one exists for this object */
  target: { period: string; value: number; completion: number | null } | null;
  drill: DrillRef | null;
  /** 剔除: the same figure without what confirmed monitoring alerts name (asked with excludeConfirmed) */
  excluded?: number | null;
}

export interface ChartSeries {
  name: string;
  data: (number | null)[];
  /** one per category; null where a point leads nowhere */
  drill?: (DrillRef | null)[];
  /** 'line' on a bar chart draws this series as a line (e.g. a ratio on a second axis) */
  type?: 'bar' | 'line';
  /** index of the y axis (0 left, 1 right) */
  yAxis?: 0 | 1;
}

export interface ChartSpec {
  id: string;
  title: string;
  kind: 'bar' | 'hbar' | 'line' | 'pie' | 'matrix' | 'table';
  /** the unit of series on axis 0 (and axis 1 when `unit2`) */
  unit: IndicatorUnit;
  unit2?: IndicatorUnit;
  categories: string[];
  series: ChartSeries[];
  /** a horizontal threshold line (存款偏离度 against the setting), in the unit of axis 0 */
  threshold?: { value: number; label: string };
  /** set instead of data when there is nothing to draw: what is missing, in words */
  empty?: string;
  /** matrix: row labels (categories are the columns); series[i] is row i */
  rows?: string[];
}

export interface DashboardSpec {
  /** one of issue 9's dashboards, or the monitoring overview (electron/core/monitoring/overview.ts) */
  id: DashboardId | 'monitoring';
  title: string;
  date: string;
  /** the comparison date, when one was asked for */
  base: string | null;
  scope: { type: 'bank' | 'org' | 'staff'; id: string | null; name: string };
  kpis: Kpi[];
  charts: ChartSpec[];
  /** set when the date has no data at all: what is missing */
  empty?: string;
}

/**
 * The list of rows behind each indicator a user can click. A list drill carries
 * `{key, cat?, date, org?, staff?}` in `params`: the indicator key, the category for map_* keys
 * (a 存款种类, a bucket, an item id, …), and the same target as the figure. The drill module
 * (electron/core/drill) turns that into the rows whose sum (or count) is the figure clicked.
 */
export const DRILL_OF: Readonly<Record<string, DrillListId>> = {
  deposit_balance: 'deposits',
  deposit_accounts: 'deposits',
  deposit_by_kind: 'deposits',
  loan_balance: 'loans',
  loans: 'loans',
  loan_customers: 'customers',
  inclusive_loan_balance: 'loans',
  online_loan_balance: 'loans',
  npl_balance: 'loans',
  overdue_balance: 'loans',
  overdue_buckets: 'loans',
  loan_by_guarantee: 'loans',
  loan_by_product: 'loans',
  loan_by_class5: 'loans',
  // a cell of the 五级 migration matrix, cat = from|row|col (amounts; and counts)
  loan_migration: 'loans',
  loan_migration_count: 'loans',
  intermediate_active_customers: 'customers',
  signings_by_type: 'signings',
  signings_new_by_type: 'signings',
  signings_used90_by_type: 'signings',
  merchants: 'merchants',
  effective_merchants: 'merchants',
  high_quality_merchants: 'merchants',
  acq_txn_count: 'merchants',
  acq_txn_amount: 'merchants',
  credit_cards_issued: 'cards',
  visits: 'visits',
  visited_customers: 'customers',
  customers: 'customers',
  avg_items_per_customer: 'customers',
  item_share: 'customers',
};
