// 对账 (reconciliation, issue 9 item 5): the bank's official figures for a date (from its 报表平台 or
// the 1104 return), set beside the console's own, indicator by indicator. Shared by the core
// (electron/core/reconcile) and the renderer (views/ReconcileView.vue).
import type { DrillRef } from './dashboard.js';
import { INDICATORS, type IndicatorMeta } from './indicators.js';

/** Only indicators with one number can be reconciled (not the map_* breakdowns). */
export const RECONCILABLE_UNITS = ['yuan', 'count', 'ratio', 'avg'] as const;
export type ReconcilableUnit = (typeof RECONCILABLE_UNITS)[number];

export const RECONCILABLE: readonly IndicatorMeta[] = INDICATORS.filter((m) => (RECONCILABLE_UNITS as readonly string[]).includes(m.unit));

/** In the order a list shows them: what needs looking at first. */
export const RECONCILE_STATUSES = ['differ', 'no_data', 'match'] as const;
export type ReconcileStatus = (typeof RECONCILE_STATUSES)[number];
export const RECONCILE_STATUS_LABELS: Record<ReconcileStatus, { zh: string; en: string }> = {
  differ: { zh: '不一致', en: 'Differs' },
  no_data: { zh: '控制台无数据', en: 'No data in the console' },
  match: { zh: '一致', en: 'Matches' },
};

/**
 * A figure as the API shows it. Money in 元 (2 decimals, from integer 分), counts as integers,
 * ratios and averages as decimal text exactly as entered (a fraction: 1.23% is "0.0123").
 */
export type FigureValue = number | string;

export interface OfficialFigure {
  id: number;
  date: string;
  orgId: string;
  orgName: string;
  key: string;
  unit: ReconcilableUnit;
  value: FigureValue;
  source: string;
  enteredBy: string;
  enteredAt: string;
  /** the import that brought it; null when entered by hand */
  batch: string | null;
}

export interface ReconcileRow extends OfficialFigure {
  /** the console's figure in the compared form (ratios rounded to the official figure's decimals); null = none */
  console: FigureValue | null;
  /** the console's figure as the core reads it (ratios unrounded) */
  consoleRaw: number | null;
  /** console − official, exact (元 from 分, counts, ratio decimals); null when the console has none */
  diff: FigureValue | null;
  status: ReconcileStatus;
  /** the rows behind the console's figure (shared/dashboard.ts DRILL_OF); null where no list exists */
  drill: DrillRef | null;
}

export interface ReconcileResult {
  date: string | null;
  rows: ReconcileRow[];
  counts: Record<ReconcileStatus, number>;
  /** the days holding official figures inside the scope, newest first */
  dates: string[];
  /** set when the scope cannot be reconciled (limited to one 客户经理's customers): why */
  restricted?: string;
}

/** One figure entered by hand (POST /api/reconcile). `value` is the text typed: 元, a count, 0.0123 or 1.23%. */
export interface OfficialEntry {
  date: string;
  org: string;
  /** the indicator key or its Chinese name */
  indicator: string;
  value: string;
  source?: string;
}

/** POST /api/reconcile/import: a small CSV/XLSX sheet (base64: it is small, and JSON keeps the route simple). */
export interface OfficialSheet {
  fileName: string;
  /** base64 of the file's bytes */
  content: string;
  /** the date of rows without a 数据日期 column or value */
  date: string;
  source?: string;
}

export interface OfficialImportResult {
  file: string;
  stored: number;
  batch: string;
}
