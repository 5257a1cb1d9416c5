// Assessment (绩效考核, issue 12): the target indicators of DATA.md "Assessment", schemes, sheets and
// rankings as the core computes them and the CLI, API, documents and screens show them.

/** DATA.md's target table: id → Chinese name, default weight (null: no default weight), direction. */
export const TARGET_INDICATORS = [
  { id: 'deposit_avg', zh: '存款日均', en: 'Average daily deposits', weight: 30, lowerIsBetter: false, unit: 'yuan' },
  { id: 'deposit_balance', zh: '各项存款余额', en: 'Deposit balance', weight: null, lowerIsBetter: false, unit: 'yuan' },
  { id: 'loan_balance', zh: '各项贷款余额', en: 'Loan balance', weight: 25, lowerIsBetter: false, unit: 'yuan' },
  { id: 'loan_customers', zh: '贷款户数', en: 'Borrowers', weight: null, lowerIsBetter: false, unit: 'count' },
  { id: 'npl_ratio', zh: '不良贷款率', en: 'NPL ratio', weight: 15, lowerIsBetter: true, unit: 'ratio' },
  { id: 'overdue_ratio', zh: '逾期贷款率', en: 'Overdue ratio', weight: null, lowerIsBetter: true, unit: 'ratio' },
  { id: 'intermediate_active_customers', zh: '中间业务有效客户', en: 'Active fee business customers', weight: 10, lowerIsBetter: false, unit: 'count' },
  { id: 'high_quality_merchants', zh: '高质量商户数', en: 'High-quality merchants', weight: 10, lowerIsBetter: false, unit: 'count' },
  { id: 'effective_merchants', zh: '有效商户数', en: 'Effective merchants', weight: null, lowerIsBetter: false, unit: 'count' },
  { id: 'credit_cards_issued', zh: '贷记卡发卡量', en: 'Credit cards issued', weight: 5, lowerIsBetter: false, unit: 'count' },
  { id: 'visits', zh: '走访次数', en: 'Visits', weight: 5, lowerIsBetter: false, unit: 'count' },
  { id: 'acq_txn_amount', zh: '收单交易金额', en: 'Acquiring amount', weight: null, lowerIsBetter: false, unit: 'yuan' },
] as const;
export type TargetIndicatorId = (typeof TARGET_INDICATORS)[number]['id'];

export type ObjectType = 'org' | 'staff';
export type PeriodKind = 'month' | 'quarter' | 'year';

/** One indicator of a scheme. */
export interface SchemeIndicator {
  indicator: TargetIndicatorId;
  weight: number;
  lowerIsBetter: boolean;
  /** completion below the floor scores 0 (default 0.6) */
  floor: number;
  /** completion counts at most this (default 1.2) */
  cap: number;
}

/** Version 0's names (the core's default scheme). The core stores `zh`; a scheme saved without
 *  renaming keeps it, and the screens show `en` for it in English (any other name is data). */
export const DEFAULT_SCHEME_NAMES: Record<ObjectType, { zh: string; en: string }> = {
  org: { zh: '支行考核方案（默认）', en: 'Branch scheme (default)' },
  staff: { zh: '客户经理考核方案（默认）', en: 'Account manager scheme (default)' },
};

/** 考核方案: one for 支行 (org) and one for 客户经理 (staff); every save is a new version. */
export interface Scheme {
  object_type: ObjectType;
  version: number;
  name: string;
  indicators: SchemeIndicator[];
  /** points per confirmed alert of the object in the period, and the most per object and period */
  deduction: { per_alert: number; max: number };
  saved_by: string | null;
  saved_at: string | null;
}

/** A row of a sheet (the `assess --json` contract: money in 元, ratios/completions/scores unrounded). */
export interface SheetRow {
  indicator: TargetIndicatorId;
  /** null: 未设目标 (no target for the object and period; scores nothing, not in 满分) */
  target: number | null;
  actual: number | null;
  completion: number | null;
  weight: number;
  score: number;
}

export interface SheetDeduction {
  alert_id: number;
  rule: string;
  summary: string;
  points: number;
}

export interface SheetAdjustment {
  id: number;
  points: number;
  reason: string;
  by: string;
  at: string;
}

export interface Sheet {
  object: { type: ObjectType; id: string; name: string };
  scheme_version: number;
  rows: SheetRow[];
  /** Σ points deducted (after the cap); `deduction_items` lists the alerts behind it */
  deductions: number;
  deduction_items: SheetDeduction[];
  /** Σ manual points; `adjustment_items` the entries with their reasons */
  adjustments: number;
  adjustment_items: SheetAdjustment[];
  total: number;
  /** 满分: Σ weights of the rows with a target */
  full: number;
  /** 1-based rank by total among peers (orgs of the same level; staff members: all in the run); ties share a rank */
  rank: number;
}

/** The `assess --json` output and GET /api/assess. */
export interface AssessResult {
  period: string;
  /** the evaluation date: the period's last day or the latest data date before it (进度) */
  as_of: string;
  /** true when as_of is before the period's last day */
  progress: boolean;
  locked: { at: string; by: string; data_changed_since: boolean } | null;
  sheets: Sheet[];
}

/** A ranking of one indicator (or 'total') among peers, with 对标找差. */
export interface RankingRow {
  object: { type: ObjectType; id: string; name: string };
  value: number | null;
  rank: number;
  prev_rank: number | null;
  gap_to_best: number | null;
  gap_to_avg: number | null;
}
